package alert

import (
	"image"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux"
	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
	"github.com/antena-tv/antena/hardware"
)

// easSample is one of the two real SCTE-18 captures.
type easSample struct {
	file string
	pid  uint16
}

var easSamples = []easSample{
	{"tsduck_test-050.eas1_scte18.ts", 0x1FFC}, // details: OOB source_ID 0x2613; 30 exceptions
	{"tsduck_test-050.eas2_scte18.ts", 0x1FFB}, // details: 15.20, in-band RF 15 program 20
}

// nullPackets returns n null packets, for the framer to lock before a short sample.
func nullPackets(n int) []byte {
	var p ts.Packetizer
	p.PID = ts.NullPID
	var out []byte
	for range n {
		out = p.AppendPayload(out, false, make([]byte, 184), -1)
	}
	return out
}

// scteDemuxer returns a Demuxer that follows pid as SCTE-18 and routes alerts to r.
func (r *rig) scteDemuxer(pid uint16) *demux.Demuxer {
	d := r.newDemuxer()
	d.SetKind(pid, demux.KindSCTE18)
	return d
}

// TestSampleSCTE18Priority15 feeds each real section (priority 15): the box force-tunes to
// its details channel and holds it, the crawl is in the first frame after the section,
// and when alert_message_time_remaining runs out on the Manager's clock the crawl goes
// and the box returns to its channel.
func TestSampleSCTE18Priority15(t *testing.T) {
	details := []Channel{{OOBSourceID: 0x2613}, {RFChannel: 15, ServiceID: 20, Major: 15, Minor: 20, OOBSourceID: 0x2613}}
	remaining := []time.Duration{34 * time.Second, 29 * time.Second}
	for i, s := range easSamples {
		t.Run(s.file, func(t *testing.T) {
			data := append(nullPackets(4), readSample(t, s.file)...)
			box := &fakeBox{cur: Channel{Major: 4, Minor: 1}}
			r := newRig(t, Config{Language: English, Locations: []dalert.LocationCode{{StateCode: 42, CountyCode: 101}}}, box)
			shown := r.feed(t, r.scteDemuxer(s.pid), data, crawlShown)
			last := len(shown) - 1
			require.Equal(t, between(len(shown), [2]int{last, last + 1}), shown, "crawl from the completing packet on")
			require.Equal(t, []Channel{details[i]}, box.tunes)
			require.True(t, r.m.Holding())
			require.True(t, r.m.FilterKey(hardware.KeyEvent{Key: hardware.KeyChannelUp, Pressed: true}))
			require.False(t, r.m.FilterKey(hardware.KeyEvent{Key: hardware.KeyVolumeUp, Pressed: true}))

			raised := r.m.Records()[0]
			require.Equal(t, ActionRaised, raised.Action)
			require.Equal(t, details[i], raised.Channel)
			r.clock.t = raised.At + remaining[i] - time.Millisecond
			require.True(t, crawlShown(r.frame()))
			r.clock.advance(time.Millisecond)
			require.False(t, crawlShown(r.frame()))
			require.Equal(t, []Channel{details[i], {Major: 4, Minor: 1}}, box.tunes)
			recs := r.m.Records()
			require.Equal(t, []Action{ActionRaised, ActionShown, ActionEnded}, actions(recs))
			require.Equal(t, reasonExpired, recs[2].Reason)
			require.Equal(t, remaining[i], recs[2].At-recs[2].RaisedAt)
		})
	}
}

// TestSampleSCTE18OtherLocation: the samples are for Pennsylvania (42) counties 91 and
// 101; a box in another county shows nothing.
func TestSampleSCTE18OtherLocation(t *testing.T) {
	s := easSamples[1]
	data := append(nullPackets(4), readSample(t, s.file)...)
	box := &fakeBox{cur: Channel{Major: 4, Minor: 1}}
	r := newRig(t, Config{Locations: []dalert.LocationCode{{StateCode: 42, CountyCode: 3}}}, box)
	shown := r.feed(t, r.scteDemuxer(s.pid), data, crawlShown)
	require.NotContains(t, shown, true)
	require.Empty(t, box.calls)
	require.Equal(t, []Action{ActionIgnored}, actions(r.m.Records()))
}

// TestSampleSCTE18Exception: a box on one of the alert's exception services (source_ID
// 0x125D is the first of the 30 exceptions of eas1) is not interrupted: no tune, no crawl.
// When the viewer leaves it, the alert is presented.
func TestSampleSCTE18Exception(t *testing.T) {
	s := easSamples[0]
	data := append(nullPackets(4), readSample(t, s.file)...)
	box := &fakeBox{cur: Channel{OOBSourceID: 0x125D}}
	r := newRig(t, Config{}, box)
	shown := r.feed(t, r.scteDemuxer(s.pid), data, crawlShown)
	require.NotContains(t, shown, true)
	require.Empty(t, box.tunes)
	require.False(t, r.m.Holding())
	require.Equal(t, []Action{ActionExcepted}, actions(r.m.Records()))

	box.cur = Channel{OOBSourceID: 0x0042} // the viewer zaps away
	require.True(t, crawlShown(r.frame()))
	require.Equal(t, []Channel{{OOBSourceID: 0x2613}}, box.tunes)
}

// lowPrioritySection re-encodes the eas2 sample as a new event of priority 7 with a text.
func lowPrioritySection(t *testing.T) []byte {
	t.Helper()
	raw := readSample(t, easSamples[1].file)
	var c dalert.CableEmergencyAlert
	off := 4
	if raw[3]&0x20 != 0 { // adaptation field
		off += 1 + int(raw[4])
	}
	off += 1 + int(raw[off]) // pointer_field
	sec := raw[off : off+3+(int(raw[off+1]&0x0F)<<8|int(raw[off+2]))]
	require.NoError(t, psi.CheckCRC(sec))
	require.NoError(t, c.Unmarshal(sec))
	c.EASEventID, c.AlertPriority, c.EASEventCode = 0x0B00, dalert.PriorityMedium, "FFW"
	c.NatureOfActivationText = []dalert.LangString{{Lang: "eng", Text: "FLASH FLOOD WARNING"}}
	c.AlertText = []dalert.LangString{{Lang: "eng", Text: "Move to higher ground now."}}
	out, err := c.Marshal()
	require.NoError(t, err)
	return out
}

// TestSCTE18LowPriorityCrawl: below priority 15 the crawl runs over the current service
// (no tune, keys free), and it moves from frame to frame with the clock.
func TestSCTE18LowPriorityCrawl(t *testing.T) {
	sec := lowPrioritySection(t)
	p := ts.Packetizer{PID: psi.PIDSCTE18}
	data := p.AppendSection(nullPackets(4), sec)
	box := &fakeBox{cur: Channel{Major: 4, Minor: 1}}
	r := newRig(t, Config{}, box)
	shown := r.feed(t, r.newDemuxer(), data, crawlShown)
	require.True(t, shown[len(shown)-1])
	require.Empty(t, box.tunes)
	require.False(t, r.m.Holding())
	require.False(t, r.m.FilterKey(hardware.KeyEvent{Key: hardware.KeyChannelUp, Pressed: true}))

	band := func() []byte {
		f := r.comp.Frame()
		rc := crawlRect(f)
		sub := f.SubImage(rc).(*image.RGBA)
		out := make([]byte, 0, rc.Dx()*rc.Dy()*4)
		for y := rc.Min.Y; y < rc.Max.Y; y++ {
			i := sub.PixOffset(rc.Min.X, y)
			out = append(out, sub.Pix[i:i+rc.Dx()*4]...)
		}
		return out
	}
	a := band()
	r.clock.advance(40 * time.Millisecond)
	require.True(t, r.m.Render(r.clock.now()), "the crawl moved")
	require.NotEmpty(t, r.comp.Compose(), "the moved crawl is redrawn")
	b := band()
	require.NotEqual(t, a, b, "text moves between frames")
	require.False(t, r.m.Render(r.clock.now()), "same time, same picture")
	require.Empty(t, r.comp.Compose())
}

// TestSampleSCTE18BothCopies feeds the two real copies of event 0x0A75 (sequence numbers
// 6 and 5, the second adding the in-band details channel) to one Demuxer: one alert,
// raised once, updated once, tuned once.
func TestSampleSCTE18BothCopies(t *testing.T) {
	box := &fakeBox{cur: Channel{Major: 4, Minor: 1}}
	r := newRig(t, Config{}, box)
	d := r.newDemuxer()
	d.SetKind(easSamples[0].pid, demux.KindSCTE18)
	var data []byte
	for range 2 { // a looping carousel repeats both
		for _, s := range easSamples {
			data = append(data, readSample(t, s.file)...)
		}
	}
	shown := r.feed(t, d, append(nullPackets(4), data...), crawlShown)
	require.True(t, shown[len(shown)-1])
	require.Len(t, r.m.Active(), 1)
	recs := r.m.Records()
	require.Equal(t, []Action{ActionRaised, ActionShown, ActionUpdated}, actions(recs))
	require.Equal(t, reasonChannels, recs[2].Reason)
	require.Equal(t, []Channel{{OOBSourceID: 0x2613}}, box.tunes, "the in-band name is the same service")
	require.Equal(t, 1, box.tones, "nothing new to see or hear")
	require.Equal(t, []string{"start", "update"}, []string{r.apps[0].Action, r.apps[1].Action})
}
