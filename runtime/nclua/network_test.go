package nclua

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/runtime/store"
)

// netApp starts an app whose user events posted out arrive on a channel.
func netApp(t *testing.T, src string, opts Options) (*testApp, chan Event) {
	t.Helper()
	ch := make(chan Event, 64)
	opts.OnPost = func(e Event) {
		if e.Class() == "user" {
			ch <- e
		}
	}
	opts.NoStartEvent = true
	return newTestApp(t, map[string]string{"main.lua": src}, opts), ch
}

func waitEvent(t *testing.T, ch chan Event) Event {
	t.Helper()
	select {
	case e := <-ch:
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no event from the app")
	}
	return nil
}

func TestNetworkAllowed(t *testing.T) {
	n := Network{Allow: []string{"example.com", "*.tv.example", "127.0.0.1", "::1"}}
	for host, want := range map[string]bool{
		"example.com": true, "EXAMPLE.com.": true, "www.example.com": false, "a.tv.example": true,
		"tv.example": false, "127.0.0.1": true, "[::1]": true, "0:0:0:0:0:0:0:1": true, "::ffff:127.0.0.1": true,
		"10.0.0.1": false, "": false,
	} {
		require.Equal(t, want, n.Allowed(host), host)
	}
	require.False(t, (&Network{}).Allowed("example.com"), "default: none")
	require.True(t, (&Network{Allow: []string{"*"}}).Allowed("anything.example"))
}

func echoServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 1024)
				n, err := c.Read(buf)
				if err != nil {
					return
				}
				_, _ = c.Write([]byte("echo:" + string(buf[:n])))
			}()
		}
	}()
	return ln.Addr().String()
}

func TestTCPConnectDataDisconnect(t *testing.T) {
	host, port, _ := net.SplitHostPort(echoServer(t))
	ta, ch := netApp(t, `
		local host, port = ...
		event.register(function(e)
			if e.type == 'connect' then
				if e.error then event.post{class='user', err=e.error} return end
				conn = e.connection
				event.post{class='tcp', type='data', connection=e.connection, value='ping'}
			elseif e.type == 'data' then
				event.post{class='user', got=e.value, same=(e.connection == conn)}
			elseif e.type == 'disconnect' then
				event.post{class='user', closed=true, err=e.error}
			end
		end, 'tcp')
		function go(host, port) event.post{class='tcp', type='connect', host=host, port=tonumber(port)} end
	`, Options{Network: Network{Allow: []string{"127.0.0.1"}}})
	ta.run(t, "go('"+host+"', '"+port+"')")
	e := waitEvent(t, ch)
	require.Equal(t, "echo:ping", e["got"], "%v", e)
	require.Equal(t, true, e["same"])
	e = waitEvent(t, ch)
	require.Equal(t, true, e["closed"])
	require.Nil(t, e["err"], "the server closing is not an error")
	require.Eventually(t, func() bool { return ta.Status().Idle() }, 5*time.Second, time.Millisecond)
}

func TestTCPNotAllowedAndNotConnected(t *testing.T) {
	ta, ch := netApp(t, `
		event.register(function(e) event.post{class='user', type=e.type, err=e.error} end, 'tcp')
	`, Options{})
	ta.run(t, "event.post{class='tcp', type='connect', host='127.0.0.1', port=9}")
	e := waitEvent(t, ch)
	require.Equal(t, "connect", e["type"])
	require.Contains(t, e["err"], "host not allowed")
	ta.run(t, "event.post{class='tcp', type='data', connection=99, value='x'}")
	e = waitEvent(t, ch)
	require.Equal(t, "not connected", e["err"])
}

const httpApp = `
	body = {}
	event.register(function(e)
		if e.type == 'queued' then
			event.post{class='user', queued=true, key=e.key, err=e.error, session=e.session}
			return
		end
		body[#body+1] = e.body or ''
		if e.finished then
			event.post{class='user', code=e.code, body=table.concat(body), err=e.error, session=e.session,
				method=e.method, uri=e.uri, ctype=e.headers and e.headers['Content-Type'], n=#body,
				durable=e.durable, key=e.key}
			body = {}
		end
	end, 'http')
`

func TestHTTPGetPost(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "text/plain")
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		_, _ = io.WriteString(w, r.Method+" "+r.URL.Path+" "+r.Header.Get("X-App")+" "+string(b))
	}))
	defer srv.Close()
	ta, ch := netApp(t, httpApp, Options{Network: Network{Allow: []string{"127.0.0.1"}, Transport: srv.Client().Transport}})

	ta.run(t, "event.post{class='http', type='request', method='get', uri='"+srv.URL+"/a', headers={['X-App']='quiz'}, session='s1'}")
	e := waitEvent(t, ch)
	require.Equal(t, 200.0, e["code"])
	require.Equal(t, "GET /a quiz ", e["body"])
	require.Equal(t, "s1", e["session"])
	require.Equal(t, "get", e["method"])
	require.Equal(t, "text/plain", e["ctype"])

	ta.run(t, "event.post{class='http', type='request', method='POST', uri='"+srv.URL+"/vote', body='a=1'}")
	e = waitEvent(t, ch)
	require.Equal(t, "POST /vote  a=1", e["body"])

	ta.run(t, "event.post{class='http', type='request', uri='"+srv.URL+"/missing'}")
	e = waitEvent(t, ch)
	require.Equal(t, 404.0, e["code"], "an HTTP error status is a response, not an error")
	require.Nil(t, e["err"])
}

func TestHTTPRefused(t *testing.T) {
	ta, ch := netApp(t, httpApp, Options{Network: Network{Allow: []string{"127.0.0.1"}}})
	ta.run(t, "event.post{class='http', type='request', uri='http://example.com/'}")
	require.Contains(t, waitEvent(t, ch)["err"], "host not allowed")
	ta.run(t, "event.post{class='http', type='request', uri='ftp://127.0.0.1/'}")
	require.Contains(t, waitEvent(t, ch)["err"], "invalid uri")
}

func TestHTTPRedirectToOtherHostBlocked(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://blocked.invalid/x", http.StatusFound)
	}))
	defer srv.Close()
	ta, ch := netApp(t, httpApp, Options{Network: Network{Allow: []string{"127.0.0.1"}, Transport: srv.Client().Transport}})
	ta.run(t, "event.post{class='http', type='request', uri='"+srv.URL+"/'}")
	require.Contains(t, waitEvent(t, ch)["err"], "host not allowed")
}

func TestHTTPBodyInPieces(t *testing.T) {
	big := strings.Repeat("0123456789", 20000) // 200 kB: four pieces of 64 KiB
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, big)
	}))
	defer srv.Close()
	ta, ch := netApp(t, httpApp, Options{Network: Network{Allow: []string{"127.0.0.1"}, Transport: srv.Client().Transport}})
	ta.run(t, "event.post{class='http', type='request', uri='"+srv.URL+"/'}")
	e := waitEvent(t, ch)
	require.Equal(t, big, e["body"])
	require.Equal(t, 4.0, e["n"])

	ta2, ch2 := netApp(t, httpApp, Options{Network: Network{Allow: []string{"127.0.0.1"},
		Transport: srv.Client().Transport, MaxResponse: 1000}})
	ta2.run(t, "event.post{class='http', type='request', uri='"+srv.URL+"/'}")
	e = waitEvent(t, ch2)
	require.Len(t, e["body"], 1000)
	require.Contains(t, e["err"], "larger than 1000 bytes")
}

func TestHTTPCancelAndTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	ta, ch := netApp(t, httpApp, Options{Network: Network{Allow: []string{"127.0.0.1"}, Transport: srv.Client().Transport}})
	ta.run(t, "event.post{class='http', type='request', uri='"+srv.URL+"/', session=7}")
	require.Eventually(t, func() bool { return ta.Status().PendingIO == 1 }, 5*time.Second, time.Millisecond)
	ta.run(t, "event.post{class='http', type='cancel', session=7}")
	e := waitEvent(t, ch)
	require.Equal(t, "cancelled", e["err"])
	require.Equal(t, 7.0, e["session"])

	ta.run(t, "event.post{class='http', type='request', uri='"+srv.URL+"/', timeout=0.05}")
	require.Equal(t, "timeout", waitEvent(t, ch)["err"])
}

// flakyTransport fails while the network is "down".
type flakyTransport struct {
	down atomic.Bool
	rt   http.RoundTripper
}

func (f *flakyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if f.down.Load() {
		return nil, errors.New("network is unreachable")
	}
	return f.rt.RoundTrip(r)
}

func TestDurablePostThroughOutbox(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, r.Header.Get(IdempotencyHeader)+" "+string(b))
		mu.Unlock()
		_, _ = io.WriteString(w, "thanks")
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "antena.db")
	db, err := store.Open(path, nil)
	require.NoError(t, err)
	flaky := &flakyTransport{rt: srv.Client().Transport}
	flaky.down.Store(true)
	outbox := NewOutbox(db, flaky, time.Second, nil)
	opts := Options{Name: "poll", Store: db, Network: Network{Allow: []string{"127.0.0.1"}, Transport: flaky, Outbox: outbox}}
	ta, ch := netApp(t, httpApp, opts)

	ta.run(t, "event.post{class='http', type='request', method='post', uri='"+srv.URL+"/vote', body='yes', durable=true, session='v1'}")
	e := waitEvent(t, ch)
	require.Equal(t, true, e["queued"], "%v", e)
	require.Equal(t, "v1", e["session"])
	require.Contains(t, e["err"], "unreachable")
	key := e["key"].(string)
	require.Len(t, key, 32)

	// The box restarts while the network is down: the submission is in the store.
	ta.Stop()
	<-ta.Done()
	require.NoError(t, db.Close())
	db, err = store.Open(path, nil)
	require.NoError(t, err)
	defer db.Close()
	outbox = NewOutbox(db, flaky, time.Second, nil)
	opts.Store = db
	opts.Network.Outbox = outbox
	tb, ch := netApp(t, httpApp, opts)
	pending, err := db.Pending()
	require.NoError(t, err)
	require.Len(t, pending, 1)

	n, err := outbox.Flush(context.Background())
	require.NoError(t, err)
	require.Zero(t, n, "still down")

	flaky.down.Store(false)
	n, err = outbox.Flush(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	e = waitEvent(t, ch)
	require.Equal(t, true, e["durable"])
	require.Equal(t, key, e["key"])
	require.Equal(t, 200.0, e["code"])
	require.Equal(t, "thanks", e["body"])
	require.Equal(t, "v1", e["session"], "the session survives as the submission's tag")

	// Sent once: a second flush has nothing to do.
	n, err = outbox.Flush(context.Background())
	require.NoError(t, err)
	require.Zero(t, n)
	mu.Lock()
	require.Equal(t, []string{key + " yes"}, got)
	mu.Unlock()
	_ = tb
}

func TestDurablePostDeliveredAtOnce(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.Header.Get(IdempotencyHeader))
	}))
	defer srv.Close()
	db, err := store.Open(filepath.Join(t.TempDir(), "antena.db"), nil)
	require.NoError(t, err)
	defer db.Close()
	outbox := NewOutbox(db, srv.Client().Transport, time.Second, nil)
	ta, ch := netApp(t, httpApp, Options{Store: db, Network: Network{Allow: []string{"127.0.0.1"},
		Transport: srv.Client().Transport, Outbox: outbox}})
	ta.run(t, "event.post{class='http', type='request', method='post', uri='"+srv.URL+"/', body='x', durable=true, session={}}")
	e := waitEvent(t, ch)
	require.Equal(t, true, e["durable"])
	require.Equal(t, e["key"], e["body"], "the server saw the idempotency key")
	p, _ := db.Pending()
	require.Empty(t, p)

	// Without a store, durable is refused with a message.
	tc, ch2 := netApp(t, httpApp, Options{Network: Network{Allow: []string{"127.0.0.1"}}})
	tc.run(t, "event.post{class='http', type='request', method='post', uri='"+srv.URL+"/', durable=true}")
	require.Contains(t, waitEvent(t, ch2)["err"], "need a store")
}
