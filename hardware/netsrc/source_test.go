package netsrc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/hardware"
)

// Every test talks to 127.0.0.1 or ::1 only.

// freePort returns a UDP port free on host.
func freePort(t *testing.T, network, host string) int {
	t.Helper()
	c, err := net.ListenPacket(network, net.JoinHostPort(host, "0"))
	if err != nil {
		t.Skipf("%s on %s: %v", network, host, err)
	}
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).Port
}

// events collects a source's events.
type events struct {
	mu  sync.Mutex
	evs []Event
	ch  chan Event
}

func newEvents() *events { return &events{ch: make(chan Event, 100)} }

func (e *events) notify(ev Event) {
	e.mu.Lock()
	e.evs = append(e.evs, ev)
	e.mu.Unlock()
	e.ch <- ev
}

// wait returns the next event of the kind, skipping others.
func (e *events) wait(t *testing.T, kind EventKind) Event {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case ev := <-e.ch:
			if ev.Kind == kind {
				return ev
			}
		case <-deadline:
			t.Fatalf("no event %d", kind)
		}
	}
}

func sender(t *testing.T, network string, port int, host string) *net.UDPConn {
	t.Helper()
	c, err := net.Dial(network, net.JoinHostPort(host, strconv.Itoa(port)))
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return c.(*net.UDPConn)
}

func packets(n int, seed byte) []byte {
	b := make([]byte, n*188)
	for i := range n {
		b[i*188] = 0x47
		for j := 1; j < 188; j++ {
			b[i*188+j] = seed + byte(i+j)
		}
	}
	return b
}

func readN(t *testing.T, s *Source, n int, bufSize int) []byte {
	t.Helper()
	buf := make([]byte, bufSize)
	var got []byte
	for len(got) < n {
		k, err := s.Read(buf)
		require.NoError(t, err)
		require.LessOrEqual(t, k, hardware.MaxLiveRead)
		got = append(got, buf[:k]...)
	}
	return got
}

func TestUDP(t *testing.T) {
	for _, c := range []struct{ network, host string }{{"udp4", "127.0.0.1"}, {"udp6", "::1"}} {
		t.Run(c.network, func(t *testing.T) {
			port := freePort(t, c.network, c.host)
			s, err := Open("udp://"+net.JoinHostPort(c.host, strconv.Itoa(port)), Options{})
			require.NoError(t, err)
			defer s.Close()
			out := sender(t, c.network, port, c.host)
			d1, d2 := packets(7, 1), packets(7, 2)
			_, err = out.Write(d1)
			require.NoError(t, err)
			_, err = out.Write(d2)
			require.NoError(t, err)
			buf := make([]byte, 1<<20)
			n, err := s.Read(buf)
			require.NoError(t, err)
			require.Equal(t, d1, buf[:n], "one datagram a read")
			// A small buffer takes a datagram in pieces.
			require.Equal(t, d2, readN(t, s, len(d2), 100))
			require.Equal(t, int64(2), s.Stats().Datagrams)
			require.Equal(t, int64(len(d1)+len(d2)), s.Stats().Bytes)
		})
	}
}

func TestRTP(t *testing.T) {
	port := freePort(t, "udp4", "127.0.0.1")
	s, err := Open("rtp://127.0.0.1:"+strconv.Itoa(port), Options{})
	require.NoError(t, err)
	defer s.Close()
	out := sender(t, "udp4", port, "127.0.0.1")
	d1, d2, d3 := packets(7, 1), packets(7, 2), packets(7, 3)
	for _, p := range [][]byte{
		rtpPacket(33, 65534, 0, -1, 0, d1),
		rtpPacket(96, 65535, 0, -1, 0, packets(1, 9)), // not MP2T: dropped
		rtpPacket(33, 0, 2, 1, 3, d2),                 // CSRCs, extension, padding
		{0x80, 33},                                    // not RTP: dropped
		rtpPacket(33, 4, 0, -1, 0, d3),                // 1, 2 and 3 lost
	} {
		_, err := out.Write(p)
		require.NoError(t, err)
	}
	want := append(append(append([]byte(nil), d1...), d2...), d3...)
	require.Equal(t, want, readN(t, s, len(want), 1<<16))
	st := s.Stats()
	require.Equal(t, int64(2), st.Dropped)
	require.Equal(t, int64(3), st.Lost)
}

// TestMulticastJoin checks the join (group, interface, network) without sending to a
// group: the listener joined is replaced by one on 127.0.0.1.
func TestMulticastJoin(t *testing.T) {
	type join struct {
		network, iface, group string
	}
	var joins []join
	var local *net.UDPConn
	origM, origI := listenMulticastUDP, interfaceByName
	defer func() { listenMulticastUDP, interfaceByName = origM, origI }()
	interfaceByName = func(name string) (*net.Interface, error) {
		if name != "eth9" {
			return nil, errors.New("no such interface")
		}
		return &net.Interface{Name: name, Index: 9, Flags: net.FlagMulticast}, nil
	}
	listenMulticastUDP = func(network string, ifi *net.Interface, g *net.UDPAddr) (*net.UDPConn, error) {
		j := join{network: network, group: g.String()}
		if ifi != nil {
			j.iface = ifi.Name
		}
		joins = append(joins, j)
		var err error
		local, err = net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		return local, err
	}
	s, err := Open("udp://eth9@239.1.2.3:5000", Options{})
	require.NoError(t, err)
	defer s.Close()
	out := sender(t, "udp4", local.LocalAddr().(*net.UDPAddr).Port, "127.0.0.1")
	_, err = out.Write(packets(7, 5))
	require.NoError(t, err)
	require.Equal(t, packets(7, 5), readN(t, s, 7*188, 1<<16))

	s6, err := Open("rtp://[ff15::1234]:5004", Options{})
	require.NoError(t, err)
	require.NoError(t, s6.Close())
	require.Equal(t, []join{{"udp4", "eth9", "239.1.2.3:5000"}, {"udp6", "", "[ff15::1234]:5004"}}, joins)

	_, err = Open("udp://wlan7@239.1.2.3:5000", Options{})
	require.ErrorContains(t, err, "no such interface")
}

func TestOpenErrors(t *testing.T) {
	for _, uri := range []string{
		"udp://127.0.0.1", "udp://eth0@127.0.0.1:1234", "udp://127.0.0.1:1234/path", "udp://a:b@239.1.1.1:1",
		"srt://127.0.0.1:1234", "udp://127.0.0.1:99999", "udp://[::1:1234", "file:///tmp/x.ts",
	} {
		_, err := Open(uri, Options{})
		require.ErrorIs(t, err, ErrURI, uri)
	}
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	_, err := Open(srv.URL+"/missing.ts", Options{})
	require.ErrorIs(t, err, ErrHTTPStatus)
	require.ErrorContains(t, err, "404")
}

func TestSilence(t *testing.T) {
	port := freePort(t, "udp4", "127.0.0.1")
	evs := newEvents()
	s, err := Open("udp://127.0.0.1:"+strconv.Itoa(port),
		Options{Silence: 20 * time.Millisecond, Redial: -1, Notify: evs.notify})
	require.NoError(t, err)
	defer s.Close()
	ev := evs.wait(t, Silent)
	require.GreaterOrEqual(t, ev.Silence, 20*time.Millisecond)
	require.Regexp(t, `^udp://127\.0\.0\.1:\d+: no data for \d+ms$`, ev.String())
	out := sender(t, "udp4", port, "127.0.0.1")
	_, err = out.Write(packets(1, 1))
	require.NoError(t, err)
	require.Equal(t, packets(1, 1), readN(t, s, 188, 4096))
	ev = evs.wait(t, Resumed)
	require.Contains(t, ev.String(), "data again after")
}

// TestRedial: a source silent for Redial is connected again (a multicast join
// renewed), and goes on reading.
func TestRedial(t *testing.T) {
	port := freePort(t, "udp4", "127.0.0.1")
	evs := newEvents()
	s, err := Open("udp://127.0.0.1:"+strconv.Itoa(port), Options{Silence: 10 * time.Millisecond,
		Redial: 30 * time.Millisecond, MinBackoff: time.Millisecond, Notify: evs.notify})
	require.NoError(t, err)
	defer s.Close()
	got := make(chan []byte)
	go func() {
		b := make([]byte, 4096)
		n, _ := s.Read(b)
		got <- b[:n]
	}()
	ev := evs.wait(t, Reconnecting)
	require.ErrorContains(t, ev.Err, "no data for")
	evs.wait(t, Connected)
	out := sender(t, "udp4", port, "127.0.0.1")
	deadline := time.After(5 * time.Second)
	for {
		_, err = out.Write(packets(1, 3)) // until the new socket has it
		require.NoError(t, err)
		select {
		case b := <-got:
			require.Equal(t, packets(1, 3), b)
			require.Positive(t, s.Stats().Reconnects)
			return
		case <-deadline:
			t.Fatal("nothing read after the redial")
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func TestCloseUnblocksRead(t *testing.T) {
	port := freePort(t, "udp4", "127.0.0.1")
	s, err := Open("udp://:"+strconv.Itoa(port), Options{})
	require.NoError(t, err)
	errc := make(chan error)
	go func() {
		_, err := s.Read(make([]byte, 188))
		errc <- err
	}()
	require.NoError(t, s.Close())
	select {
	case err := <-errc:
		require.ErrorIs(t, err, hardware.ErrClosed)
	case <-time.After(5 * time.Second):
		t.Fatal("Read still blocked after Close")
	}
	require.NoError(t, s.Close())
}

// liveHandler serves a chunked live stream: the first request gets part1 and then the
// connection is cut; later ones get part2 and stay open until the client leaves.
type liveHandler struct {
	part1, part2 []byte
	requests     atomic.Int32
	stall        bool // the first request stalls instead of being cut
}

func (h *liveHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "video/mp2t")
	if h.requests.Add(1) == 1 {
		_, _ = w.Write(h.part1)
		w.(http.Flusher).Flush()
		if h.stall {
			<-r.Context().Done()
			return
		}
		panic(http.ErrAbortHandler) // the connection drops
	}
	_, _ = w.Write(h.part2)
	w.(http.Flusher).Flush()
	<-r.Context().Done()
}

func TestHTTPReconnect(t *testing.T) {
	h := &liveHandler{part1: packets(50, 1), part2: packets(200, 2)}
	srv := httptest.NewServer(h)
	defer srv.Close()
	evs := newEvents()
	s, err := Open(srv.URL+"/live.ts", Options{MinBackoff: time.Millisecond, Notify: evs.notify})
	require.NoError(t, err)
	defer s.Close()
	want := append(append([]byte(nil), h.part1...), h.part2...)
	require.Equal(t, want, readN(t, s, len(want), 1<<20), "every Read at most 16 KB")
	ev := evs.wait(t, Reconnecting)
	require.Equal(t, 1, ev.Attempt)
	require.Equal(t, time.Millisecond, ev.Wait)
	require.Contains(t, ev.String(), "reconnecting in 1ms (attempt 1)")
	evs.wait(t, Connected)
	require.Equal(t, int32(2), h.requests.Load())
	require.Equal(t, int64(1), s.Stats().Reconnects)
}

func TestHTTPStallRedial(t *testing.T) {
	h := &liveHandler{part1: packets(10, 1), part2: packets(10, 2), stall: true}
	srv := httptest.NewServer(h)
	defer srv.Close()
	evs := newEvents()
	s, err := Open(srv.URL, Options{Silence: 10 * time.Millisecond, Redial: 40 * time.Millisecond,
		MinBackoff: time.Millisecond, Notify: evs.notify})
	require.NoError(t, err)
	defer s.Close()
	want := append(append([]byte(nil), h.part1...), h.part2...)
	require.Equal(t, want, readN(t, s, len(want), 4096))
	require.ErrorContains(t, evs.wait(t, Reconnecting).Err, "no data for")
}

// TestHTTPResume: a resource of known length dropped half way is resumed with a Range
// request, and ends with io.EOF.
func TestHTTPResume(t *testing.T) {
	body := packets(100, 7)
	var ranges []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		ranges = append(ranges, r.Header.Get("Range"))
		n := len(ranges)
		mu.Unlock()
		w.Header().Set("Accept-Ranges", "bytes")
		if n == 1 {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			_, _ = w.Write(body[:5000])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		var from int
		_, err := fmt.Sscanf(r.Header.Get("Range"), "bytes=%d-", &from)
		require.NoError(t, err)
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, len(body)-1, len(body)))
		w.Header().Set("Content-Length", strconv.Itoa(len(body)-from))
		w.WriteHeader(http.StatusPartialContent)
		_, _ = w.Write(body[from:])
	}))
	defer srv.Close()
	s, err := Open(srv.URL+"/file.ts", Options{MinBackoff: time.Millisecond})
	require.NoError(t, err)
	defer s.Close()
	got, err := io.ReadAll(s)
	require.NoError(t, err)
	require.True(t, bytes.Equal(body, got))
	require.Equal(t, []string{"", "bytes=5000-"}, ranges)
	_, err = s.Read(make([]byte, 10))
	require.ErrorIs(t, err, io.EOF)
}

func TestHTTPS(t *testing.T) {
	body := packets(20, 4)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body))) // a resource that ends
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	s, err := Open(srv.URL+"/a.ts", Options{HTTPClient: srv.Client()})
	require.NoError(t, err)
	defer s.Close()
	got, err := io.ReadAll(s)
	require.NoError(t, err)
	require.Equal(t, body, got)
	require.Equal(t, srv.URL+"/a.ts", s.String())

	u := "https://user:secret@" + srv.Listener.Addr().String() + "/a.ts"
	s2, err := Open(u, Options{HTTPClient: srv.Client()})
	require.NoError(t, err)
	require.NotContains(t, s2.String(), "secret")
	require.NoError(t, s2.Close())
}
