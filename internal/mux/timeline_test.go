package mux

import (
	"bytes"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/psi"
)

var app = fstest.MapFS{"main.ncl": {Data: []byte("<ncl/>")}, "main.lua": {Data: []byte("print(1)")}}

type alertAt struct {
	at time.Duration
	ev alert.Event
}

// demuxAlerts reads a stream with the Demuxer and returns its alert events with their
// stream time (from the PCR).
func demuxAlerts(t *testing.T, data []byte) []alertAt {
	t.Helper()
	var out []alertAt
	var first uint64
	var have bool
	d := demux.New(demux.Handlers{
		Alert: func(i demux.Info, ev alert.Event) {
			require.True(t, i.HasPCR)
			out = append(out, alertAt{at: time.Duration(float64(i.PCR-first) / 27e6 * float64(time.Second)), ev: ev})
		},
		DecodeError: func(i demux.Info, err error) { t.Errorf("packet %d: %v", i.Packet, err) },
	}, demux.Options{})
	for off := 0; off < len(data); off += 188 {
		if !have {
			if pcr, ok := packetPCR(data[off : off+188]); ok {
				first, have = pcr, true
			}
		}
		_, _ = d.Write(data[off : off+188])
	}
	return out
}

// near checks that got is within tol after want (tables go out in the first slot at or
// after their time; the Demuxer dates events by the last PCR, up to 40 ms earlier).
func near(t *testing.T, want, got time.Duration, what string) {
	t.Helper()
	require.InDelta(t, want.Seconds(), got.Seconds(), 0.06, "%s at %v, want %v", what, got, want)
}

func TestEWBS(t *testing.T) {
	cfg := Config{FS: app, EWBS: []EWBS{{Start: 2 * time.Second, End: 5 * time.Second, AreaCodes: []uint16{0x5A5, 0x15A}}}}
	data, _, m := runMux(t, cfg)
	c := readTS(data)
	c.requireClean(t, m.Service().CarouselPID)
	evs := demuxAlerts(t, data)
	require.Len(t, evs, 2, "%v", evs)
	require.Equal(t, alert.KindStart, evs[0].ev.Kind)
	require.Equal(t, alert.SystemISDB, evs[0].ev.Alert.System)
	require.Equal(t, []uint16{0x5A5, 0x15A}, evs[0].ev.Alert.AreaCodes)
	require.Equal(t, m.Service().ProgramNumber, evs[0].ev.Alert.ServiceID)
	near(t, 2*time.Second, evs[0].at, "start")
	require.Equal(t, alert.KindEnd, evs[1].ev.Kind)
	require.Equal(t, alert.ReasonSignalled, evs[1].ev.Reason)
	near(t, 5*time.Second, evs[1].at, "end")

	// PMT and NIT versions: one per change, both tables carry the descriptor.
	versions := func(pid uint16, table byte) []uint8 {
		var vs []uint8
		for _, s := range c.sections[pid] {
			if s.sec[0] == table && (len(vs) == 0 || vs[len(vs)-1] != s.sec[5]>>1&0x1F) {
				vs = append(vs, s.sec[5]>>1&0x1F)
			}
		}
		return vs
	}
	require.Equal(t, []uint8{0, 1, 2}, versions(m.Service().PMTPID, psi.TableIDPMT))
	require.Equal(t, []uint8{0, 1, 2}, versions(psi.PIDNIT, psi.TableIDNITActual))
	var pat psi.PAT
	require.NoError(t, pat.Unmarshal(c.sections[psi.PIDPAT][0].sec))
	require.Equal(t, psi.PATProgram{ProgramNumber: 0, PID: psi.PIDNIT}, pat.Programs[0])
}

func TestSCTE18(t *testing.T) {
	a, err := ParseSCTE18("start@1s,duration=3s,code=RWT,priority=7,location=12:345,text=Test, do not panic")
	require.NoError(t, err)
	data, _, m := runMux(t, Config{FS: app, SCTE18: []SCTE18{a}})
	c := readTS(data)
	c.requireClean(t, m.Service().CarouselPID)
	evs := demuxAlerts(t, data)
	require.Len(t, evs, 2, "%v", evs)
	start, end := evs[0], evs[1]
	require.Equal(t, alert.KindStart, start.ev.Kind)
	require.Equal(t, alert.SystemSCTE18, start.ev.Alert.System)
	require.Equal(t, "RWT", start.ev.Alert.EventCode)
	require.Equal(t, "Test, do not panic", start.ev.Alert.Text)
	require.Equal(t, uint8(7), start.ev.Alert.Priority)
	require.Equal(t, []alert.LocationCode{{StateCode: 12, CountyCode: 345}}, start.ev.Alert.Locations)
	near(t, time.Second, start.at, "start")
	require.Equal(t, alert.KindEnd, end.ev.Kind)
	require.Equal(t, alert.ReasonExpired, end.ev.Reason)
	// Expiry is checked every 100 ms of stream time.
	require.InDelta(t, 4.0, end.at.Seconds(), 0.15, "end at %v", end.at)
	require.NotEmpty(t, c.sections[psi.PIDSCTE18])
}

// streamEvents reads the 0x3D sections of the event PID with dsmcc.StreamEvents, advancing
// the NPT with every PCR, and returns when each event fired.
func streamEvents(t *testing.T, data []byte, m *Mux) map[string][]time.Duration {
	t.Helper()
	c := readTS(data)
	c.requireClean(t, m.Service().CarouselPID)
	car := c.acquire(t, m.Service().CarouselPID)
	ses := car.Snapshot().StreamEvents()
	require.Len(t, ses, 1)
	require.Equal(t, uint16(m.Service().EventTag), ses[0].AssociationTag)
	se := dsmcc.NewStreamEvents()
	se.SetNames(ses[0].Events)
	fired := map[string][]time.Duration{}
	pcrs := c.pcrs[m.Service().CarouselPID]
	secs := c.sections[m.Service().EventPID]
	require.NotEmpty(t, secs)
	si := 0
	for _, p := range pcrs {
		for ; si < len(secs) && secs[si].pkt <= p.pkt; si++ {
			evs, err := se.Section(secs[si].sec)
			require.NoError(t, err)
			for _, ev := range evs {
				require.True(t, ev.DoItNow)
				fired[ev.Name] = append(fired[ev.Name], c.pcrTime(m.Service().CarouselPID, secs[si].pkt))
			}
		}
		for _, ev := range se.Advance(p.pcr) {
			fired[ev.Name] = append(fired[ev.Name], c.pcrTime(m.Service().CarouselPID, p.pkt))
			require.False(t, ev.DoItNow)
		}
	}
	return fired
}

func TestEventsDoItNow(t *testing.T) {
	events := []Event{
		{Name: "start", At: time.Second, Data: []byte("hello")},
		{Name: "stop", At: 2500 * time.Millisecond},
		{Name: "start", At: 3 * time.Second, Data: []byte("again")},
	}
	data, _, m := runMux(t, Config{FS: app, Events: events})
	fired := streamEvents(t, data, m)
	require.Len(t, fired["start"], 2)
	near(t, time.Second, fired["start"][0], "start")
	near(t, 3*time.Second, fired["start"][1], "start again")
	require.Len(t, fired["stop"], 1)
	near(t, 2500*time.Millisecond, fired["stop"][0], "stop")
}

func TestEventsNPT(t *testing.T) {
	events := []Event{
		{Name: "a", At: 1500 * time.Millisecond, Data: []byte("x")},
		{Name: "b", At: 7 * time.Second},
		{Name: "a", At: 8 * time.Second},
	}
	data, _, m := runMux(t, Config{FS: app, Events: events, EventMode: EventsNPT})
	fired := streamEvents(t, data, m)
	require.Len(t, fired["a"], 2)
	require.Len(t, fired["b"], 1)
	// Advance runs at each PCR: the event fires at the first PCR at or after its time.
	for _, f := range []struct {
		got  time.Duration
		want time.Duration
	}{{fired["a"][0], 1500 * time.Millisecond}, {fired["b"][0], 7 * time.Second}, {fired["a"][1], 8 * time.Second}} {
		require.GreaterOrEqual(t, f.got, f.want-time.Millisecond)
		require.Less(t, f.got, f.want+50*time.Millisecond)
	}
	// The NPT reference descriptor is sent.
	found := false
	for _, s := range readTS(data).sections[m.Service().EventPID] {
		found = found || bytes.Contains(s.sec[8:10], []byte{dsmcc.TagNPTReference})
	}
	require.True(t, found)
}
