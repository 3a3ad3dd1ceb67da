package mux

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"testing"
	"testing/fstest"
	"time"

	"github.com/asticode/go-astits"
	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/dsmcc"
)

func TestRoundTrip(t *testing.T) {
	small := func(r *rand.Rand) int { return r.IntN(5000) }
	cases := []struct {
		name string
		fs   fstest.MapFS
		cfg  func(*Config)
	}{
		{"one file", fstest.MapFS{"main.lua": {Data: []byte("print('hi')")}}, nil},
		{"deep tree", genFolder(1, 80, 10, small), nil},
		{"empty files", genFolder(2, 20, 3, func(*rand.Rand) int { return 0 }), nil},
		{"large files", genFolder(3, 3, 2, func(r *rand.Rand) int { return 1<<20 + r.IntN(100_000) }),
			func(c *Config) { c.CarouselRate = 8_000_000 }},
		{"hbbtv", fstest.MapFS{"index.html": {Data: []byte("<html/>")}, "a b/é.js": {Data: []byte("x")}},
			func(c *Config) { c.App.Type = ait.ApplicationTypeHbbTV }},
		{"no compression, 2 cycles", genFolder(4, 30, 2, small),
			func(c *Config) { c.Builder.NoCompression = true; c.Cycles = 2 }},
		{"slow carousel", genFolder(5, 5, 1, small), func(c *Config) { c.CarouselRate = 50_000 }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{FS: tc.fs, App: App{Name: "Test"}}
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			data, sum, m := runMux(t, cfg)
			svc := m.Service()
			c := readTS(data)
			c.requireClean(t, svc.CarouselPID)
			car := c.acquire(t, svc.CarouselPID)
			require.True(t, car.Complete(), "progress %+v", car.Progress())
			requireSameFiles(t, tc.fs, car.Snapshot())
			require.Equal(t, max(cfg.Cycles, 1), sum.Cycles)
			checkSignalling(t, data, c, m)
		})
	}
}

// checkSignalling reads the PAT and PMT with go-astits (an independent parser) and the AIT
// with the ait package, and checks what receivers look for.
func checkSignalling(t *testing.T, data []byte, c *tsCheck, m *Mux) {
	t.Helper()
	svc, app := m.Service(), m.App()
	dmx := astits.NewDemuxer(context.Background(), bytes.NewReader(data))
	var pat *astits.PATData
	var pmt *astits.PMTData
	for pat == nil || pmt == nil {
		d, err := dmx.NextData()
		if err == astits.ErrNoMorePackets || err == io.EOF {
			break
		}
		require.NoError(t, err)
		if d.PAT != nil && pat == nil {
			pat = d.PAT
		}
		if d.PMT != nil && pmt == nil {
			pmt = d.PMT
		}
	}
	require.NotNil(t, pat)
	require.NotNil(t, pmt)
	require.Equal(t, svc.ProgramNumber, pmt.ProgramNumber)
	tags := map[uint16]map[uint8][]byte{}
	types := map[uint16]astits.StreamType{}
	for _, es := range pmt.ElementaryStreams {
		types[es.ElementaryPID] = es.StreamType
		tags[es.ElementaryPID] = map[uint8][]byte{}
		for _, d := range es.ElementaryStreamDescriptors {
			raw := d.UserDefined
			switch {
			case d.StreamIdentifier != nil:
				raw = []byte{d.StreamIdentifier.ComponentTag}
			case d.DataStreamAlignment != nil:
			}
			tags[es.ElementaryPID][d.Tag] = raw
		}
	}
	require.EqualValues(t, 0x05, types[svc.AITPID])
	require.EqualValues(t, 0x0B, types[svc.CarouselPID])
	require.Contains(t, tags[svc.AITPID], uint8(0x6F))
	for _, tag := range []uint8{0x52, 0x13, 0x66, 0x14} {
		require.Contains(t, tags[svc.CarouselPID], tag, "carousel stream descriptor 0x%02X", tag)
	}
	require.Equal(t, []byte{svc.ComponentTag}, tags[svc.CarouselPID][0x52])

	secs := c.sections[svc.AITPID]
	require.NotEmpty(t, secs)
	var s ait.Section
	require.NoError(t, s.Unmarshal(secs[0].sec))
	require.Equal(t, app.Type, s.ApplicationType)
	require.Len(t, s.Applications, 1)
	a := s.Applications[0]
	require.Equal(t, ait.ControlCodeAutostart, a.ApplicationControlCode)
	var tp *ait.TransportProtocolDescriptor
	var entry string
	for _, d := range a.Descriptors {
		switch d := d.(type) {
		case *ait.TransportProtocolDescriptor:
			tp = d
		case *ait.GingaNCLApplicationLocationDescriptor:
			entry = d.InitialClass
		case *ait.SimpleApplicationLocationDescriptor:
			entry = d.InitialPath
		}
	}
	require.NotNil(t, tp)
	require.Equal(t, ait.ProtocolObjectCarousel, tp.ProtocolID)
	require.Equal(t, svc.ComponentTag, tp.ComponentTag)
	require.Equal(t, app.Entry, entry)
}

// TestCycleTime measures the carousel cycle in the stream (between two starts of the same
// block, by the PCR) and compares it with the requested rate and with the summary.
func TestCycleTime(t *testing.T) {
	fsys := genFolder(9, 20, 2, func(r *rand.Rand) int { return 10_000 + r.IntN(10_000) })
	for _, rate := range []int64{250_000, 1_000_000, 4_000_000} {
		data, sum, m := runMux(t, Config{FS: fsys, CarouselRate: rate, Cycles: 3, MuxRate: 6_000_000})
		svc := m.Service()
		c := readTS(data)
		c.requireClean(t, svc.CarouselPID)
		var starts []int
		var first []byte
		for _, s := range c.sections[svc.CarouselPID] {
			if s.sec[0] != 0x3C {
				continue
			}
			if first == nil {
				first = s.sec
			}
			if bytes.Equal(s.sec, first) {
				starts = append(starts, s.pkt)
			}
		}
		require.Len(t, starts, 3)
		measured := c.pcrTime(svc.CarouselPID, starts[2]) - c.pcrTime(svc.CarouselPID, starts[1])
		// Packets of the carousel PID in one cycle, at the requested rate.
		n := 0
		for i := starts[1]; i < starts[2]; i++ {
			p := data[i*188:]
			if uint16(p[1]&0x1F)<<8|uint16(p[2]) == svc.CarouselPID && p[3]&0x10 != 0 {
				n++
			}
		}
		want := time.Duration(float64(n*188*8) / float64(rate) * float64(time.Second))
		t.Logf("rate %d: cycle measured %v, at the requested rate %v, summary %v", rate, measured, want, sum.CycleTime)
		require.InEpsilon(t, want.Seconds(), measured.Seconds(), 0.05)
		require.InEpsilon(t, sum.CycleTime.Seconds(), measured.Seconds(), 0.05)
	}
}

// TestStreamEventObject: the ste object names the events and taps the event stream.
func TestStreamEventObject(t *testing.T) {
	fsys := fstest.MapFS{"main.ncl": {Data: []byte("<ncl/>")}}
	_, _, m := runMux(t, Config{FS: fsys, Events: []Event{{Name: "go", At: time.Second}, {Name: "stop", At: 2 * time.Second}}})
	car := acquireCarousel(t, m.Carousel())
	ses := car.Snapshot().StreamEvents()
	require.Len(t, ses, 1)
	require.Equal(t, DefaultEventObject, ses[0].Path)
	require.Equal(t, map[string]uint16{"go": 1, "stop": 2}, ses[0].Events)
	require.Equal(t, uint16(m.Service().EventTag), ses[0].AssociationTag)
}

func acquireCarousel(t *testing.T, bc *dsmcc.BuiltCarousel) *dsmcc.Carousel {
	t.Helper()
	car := dsmcc.New(dsmcc.Config{})
	for _, s := range bc.Sections() {
		require.NoError(t, car.Feed(s))
	}
	return car
}
