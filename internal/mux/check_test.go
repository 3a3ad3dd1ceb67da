package mux

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/dsmcc"
)

// An independent reader of the mux's output, written for the tests: it shares no code with
// the mux (no ts.Packetizer, no psi writer, its own CRC and section assembly), so that a
// bug in those cannot hide itself.

// crcMPEG2 is CRC-32/MPEG-2 computed bit by bit.
func crcMPEG2(b []byte) uint32 {
	crc := uint32(0xFFFFFFFF)
	for _, v := range b {
		for i := 7; i >= 0; i-- {
			bit := (v>>uint(i))&1 != 0
			top := crc&0x80000000 != 0
			crc <<= 1
			if bit != top {
				crc ^= 0x04C11DB7
			}
		}
	}
	return crc
}

type pcrSample struct {
	pkt int
	pcr uint64
}

type sectionAt struct {
	pkt int // index of the packet that completed it
	sec []byte
}

// tsCheck is what the independent reader found.
type tsCheck struct {
	packets  int
	pcrs     map[uint16][]pcrSample
	sections map[uint16][]sectionAt
	payload  map[uint16]int // packets with payload, by PID
	pidSeq   map[uint16][][]byte
	problems []string
}

type pidAsm struct {
	buf    []byte
	active bool
	pes    bool
	lastCC int
}

// readTS parses a whole stream. keepPIDs lists the PIDs whose packets are kept whole.
func readTS(data []byte, keepPIDs ...uint16) *tsCheck {
	c := &tsCheck{pcrs: map[uint16][]pcrSample{}, sections: map[uint16][]sectionAt{}, payload: map[uint16]int{},
		pidSeq: map[uint16][][]byte{}}
	asm := map[uint16]*pidAsm{}
	bad := func(format string, a ...any) {
		if len(c.problems) < 20 {
			c.problems = append(c.problems, fmt.Sprintf(format, a...))
		}
	}
	if len(data)%188 != 0 {
		bad("%d bytes is not a whole number of packets", len(data))
	}
	for i := 0; i+188 <= len(data); i += 188 {
		p := data[i : i+188]
		n := c.packets
		c.packets++
		if p[0] != 0x47 {
			bad("packet %d: sync byte 0x%02X", n, p[0])
			continue
		}
		pid := uint16(p[1]&0x1F)<<8 | uint16(p[2])
		for _, k := range keepPIDs {
			if k == pid {
				c.pidSeq[pid] = append(c.pidSeq[pid], p)
			}
		}
		afc := p[3] >> 4 & 3
		cc := int(p[3] & 0x0F)
		body := p[4:]
		if afc&2 != 0 {
			l := int(body[0])
			if l > 183 {
				bad("packet %d: adaptation_field_length %d", n, l)
				continue
			}
			if l >= 7 && body[1]&0x10 != 0 {
				b := body[2:8]
				base := uint64(b[0])<<25 | uint64(b[1])<<17 | uint64(b[2])<<9 | uint64(b[3])<<1 | uint64(b[4])>>7
				ext := uint64(b[4]&1)<<8 | uint64(b[5])
				c.pcrs[pid] = append(c.pcrs[pid], pcrSample{pkt: n, pcr: base*300 + ext})
			}
			body = body[1+l:]
		}
		if pid == 0x1FFF {
			continue
		}
		a := asm[pid]
		if a == nil {
			a = &pidAsm{lastCC: -1}
			asm[pid] = a
		}
		if afc&1 == 0 {
			if a.lastCC >= 0 && cc != a.lastCC {
				bad("PID 0x%04X packet %d: CC %d in a packet without payload, last %d", pid, n, cc, a.lastCC)
			}
			continue
		}
		if a.lastCC >= 0 && cc != (a.lastCC+1)&15 {
			bad("PID 0x%04X packet %d: CC %d after %d", pid, n, cc, a.lastCC)
		}
		a.lastCC = cc
		c.payload[pid]++
		c.assemble(a, pid, n, p[1]&0x40 != 0, body, bad)
	}
	return c
}

func (c *tsCheck) assemble(a *pidAsm, pid uint16, n int, pusi bool, body []byte, bad func(string, ...any)) {
	if pusi && len(body) >= 3 && body[0] == 0 && body[1] == 0 && body[2] == 1 {
		a.pes = true
	}
	if a.pes {
		return
	}
	if pusi {
		ptr := int(body[0])
		body = body[1:]
		if a.active {
			a.buf = append(a.buf, body[:min(ptr, len(body))]...)
			c.drain(a, pid, n, bad)
		}
		body = body[min(ptr, len(body)):]
		a.buf, a.active = append(a.buf[:0], body...), true
	} else if a.active {
		a.buf = append(a.buf, body...)
	}
	c.drain(a, pid, n, bad)
}

func (c *tsCheck) drain(a *pidAsm, pid uint16, n int, bad func(string, ...any)) {
	for a.active {
		if len(a.buf) > 0 && a.buf[0] == 0xFF {
			a.active = false
			a.buf = a.buf[:0]
			return
		}
		if len(a.buf) < 3 {
			return
		}
		l := 3 + (int(a.buf[1]&0x0F)<<8 | int(a.buf[2]))
		if len(a.buf) < l {
			return
		}
		sec := bytes.Clone(a.buf[:l])
		if sec[1]&0x80 != 0 && crcMPEG2(sec) != 0 {
			bad("PID 0x%04X packet %d: CRC error in table 0x%02X", pid, n, sec[0])
		}
		c.sections[pid] = append(c.sections[pid], sectionAt{pkt: n, sec: sec})
		a.buf = a.buf[l:]
	}
}

// pcrTime returns the stream time of packet n from the PCRs of pid (linear between the
// two around it, extrapolated at the ends), relative to packet 0.
func (c *tsCheck) pcrTime(pid uint16, n int) time.Duration {
	s := c.pcrs[pid]
	if len(s) < 2 {
		return -1
	}
	k := 1
	for k < len(s)-1 && s[k].pkt < n {
		k++
	}
	a, b := s[k-1], s[k]
	perPkt := float64(b.pcr-a.pcr) / float64(b.pkt-a.pkt)
	t0 := float64(s[0].pcr) - float64(s[0].pkt)*float64(s[1].pcr-s[0].pcr)/float64(s[1].pkt-s[0].pkt)
	t := float64(a.pcr) + float64(n-a.pkt)*perPkt - t0
	return time.Duration(t / 27e6 * float64(time.Second))
}

// requireClean checks the reader found no problem and the PCR spacing.
func (c *tsCheck) requireClean(t *testing.T, pcrPID uint16) {
	t.Helper()
	require.Empty(t, c.problems)
	s := c.pcrs[pcrPID]
	require.GreaterOrEqual(t, len(s), 2, "PCRs on PID 0x%04X", pcrPID)
	for i := 1; i < len(s); i++ {
		gap := time.Duration(float64(s[i].pcr-s[i-1].pcr) / 27e6 * float64(time.Second))
		require.LessOrEqual(t, gap, 100*time.Millisecond, "PCR gap at packet %d", s[i].pkt)
		require.Greater(t, gap, time.Duration(0), "PCR goes back at packet %d", s[i].pkt)
	}
}

// acquire feeds the DSM-CC sections of a PID into a receiving Carousel.
func (c *tsCheck) acquire(t *testing.T, pid uint16) *dsmcc.Carousel {
	t.Helper()
	car := dsmcc.New(dsmcc.Config{})
	for _, s := range c.sections[pid] {
		if s.sec[0] == 0x3B || s.sec[0] == 0x3C {
			require.NoError(t, car.Feed(s.sec))
		}
	}
	return car
}

// requireSameFiles checks that got holds exactly the regular files of want.
func requireSameFiles(t *testing.T, want, got fs.FS) {
	t.Helper()
	files := map[string][]byte{}
	require.NoError(t, fs.WalkDir(want, ".", func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if d.Type().IsRegular() {
			files[p], err = fs.ReadFile(want, p)
		}
		return err
	}))
	n := 0
	require.NoError(t, fs.WalkDir(got, ".", func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := fs.ReadFile(got, p)
		require.NoError(t, err)
		w, ok := files[p]
		require.True(t, ok, "extra file %q", p)
		require.True(t, bytes.Equal(w, b), "file %q differs", p)
		n++
		return nil
	}))
	require.Equal(t, len(files), n)
}

// genFolder makes an application folder with the given number of files spread over a tree
// of the given depth, sizes from size, names with spaces and accents.
func genFolder(seed uint64, files, depth int, size func(r *rand.Rand) int) fstest.MapFS {
	r := rand.New(rand.NewPCG(seed, 7))
	names := []string{"img", "com espaço", "ação", "données", "日本", "lib"}
	m := fstest.MapFS{"main.ncl": {Data: []byte("<ncl id=\"main\"></ncl>")}}
	for i := range files {
		var p []string
		for range r.IntN(depth + 1) {
			p = append(p, names[r.IntN(len(names))])
		}
		p = append(p, fmt.Sprintf("file %d ç.dat", i))
		data := make([]byte, size(r))
		for j := range data {
			if i%2 == 0 {
				data[j] = byte(r.Uint32())
			} else {
				data[j] = "broadcast "[j%10]
			}
		}
		m[strings.Join(p, "/")] = &fstest.MapFile{Data: data}
	}
	return m
}

// runMux runs a mux to memory.
func runMux(t *testing.T, cfg Config) ([]byte, *Summary, *Mux) {
	t.Helper()
	m, err := New(cfg)
	require.NoError(t, err)
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s, err := m.Run(ctx, &out, RunOptions{})
	require.NoError(t, err)
	return out.Bytes(), s, m
}
