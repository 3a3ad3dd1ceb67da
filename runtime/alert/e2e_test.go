package alert

import (
	"image"
	"image/color"
	"testing"

	"github.com/stretchr/testify/require"

	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/runtime/gfx"
)

// firstPMTVersion finds, independently of the Demuxer, the index of the first packet on
// pid that starts a PMT section (whole in one packet) of the given version.
func firstPMTVersion(data []byte, pid uint16, version uint8) int {
	for i := 0; i+188 <= len(data); i += 188 {
		p := data[i : i+188]
		if uint16(p[1]&0x1F)<<8|uint16(p[2]) != pid || p[1]&0x40 == 0 {
			continue
		}
		sec := p[5+int(p[4]):]
		if sec[0] == 0x02 && (sec[5]>>1)&0x1F == version {
			return i / 188
		}
	}
	return -1
}

// between returns, per packet, whether i is in one of the [from, to) ranges.
func between(n int, ranges ...[2]int) []bool {
	out := make([]bool, n)
	for _, r := range ranges {
		for i := r[0]; i < r[1]; i++ {
			out[i] = true
		}
	}
	return out
}

// TestSampleISDBWarningOnScreen feeds the synthetic EWBS sample packet by packet: the
// first frame composed after the packet that completes PMT v2 (start) shows the overlay,
// every frame until the packet that completes PMT v3 (end) does, and none after it.
func TestSampleISDBWarningOnScreen(t *testing.T) {
	data := readSample(t, "synthetic_isdb_ewbs_0xFC.ts")
	start, end := firstPMTVersion(data, 0x01F0, 2), firstPMTVersion(data, 0x01F0, 3)
	require.Positive(t, start)
	require.Greater(t, end, start)

	box := &fakeBox{cur: Channel{ServiceID: otherProg}}
	r := newRig(t, Config{Areas: []uint16{0x15A}}, box)
	shown := r.feed(t, r.newDemuxer(), data, func(f *image.RGBA) bool {
		return panelShown(f, dalert.SignalLevelFirstKind)
	})
	require.Equal(t, between(len(shown), [2]int{start, end}), shown)

	// The box went to the warning's service and came back; the PMT and the NIT carrying
	// the same warning made one alert.
	require.Equal(t, []Channel{{ServiceID: 0xE760}, {ServiceID: otherProg}}, box.tunes)
	require.Equal(t, 1, box.tones)
	recs := r.m.Records()
	require.Equal(t, []Action{ActionRaised, ActionShown, ActionEnded}, actions(recs))
	require.Equal(t, int64(start), recs[0].Packet)
	require.Equal(t, int64(end), recs[2].Packet)
	require.Equal(t, "signalled", recs[2].Reason)
	require.Equal(t, recs[0].At, recs[1].RaisedAt)
	require.Equal(t, recs[0].At, recs[1].At, "on screen in the frame of the packet that raised it")
	require.Len(t, r.apps, 2)
	require.Equal(t, "start", r.apps[0].Action)
	require.Equal(t, "end", r.apps[1].Action)
	require.Empty(t, r.m.Active())
}

// TestBuiltStreamRaisesTwice builds the stream field by field: a warning that starts,
// repeats, ends, and starts again is raised twice, on the frames of its sections only.
func TestBuiltStreamRaisesTwice(t *testing.T) {
	for _, level := range []dalert.SignalLevel{dalert.SignalLevelFirstKind, dalert.SignalLevelSecondKind} {
		t.Run(level.String(), func(t *testing.T) {
			s := ewbsStream(t, level, 0x5A5, 0x15A)
			box := &fakeBox{cur: Channel{ServiceID: otherProg}}
			r := newRig(t, Config{Areas: []uint16{0x5A5}}, box)
			shown := r.feed(t, r.newDemuxer(), s.data, func(f *image.RGBA) bool { return panelShown(f, level) })
			want := between(len(shown), [2]int{s.marks["start"], s.marks["end"]},
				[2]int{s.marks["restart"], s.marks["reend"]})
			require.Equal(t, want, shown)
			require.Equal(t, []Action{ActionRaised, ActionShown, ActionEnded, ActionRaised, ActionShown, ActionEnded},
				actions(r.m.Records()))
			require.Equal(t, 2, box.tones)
			require.Equal(t, []Channel{{ServiceID: program}, {ServiceID: otherProg}, {ServiceID: program},
				{ServiceID: otherProg}}, box.tunes)
		})
	}
}

// TestBuiltStreamFromStandby: a box in standby is woken, shows the warning in the first
// frame after its section, and goes back to standby on its previous service at the end.
func TestBuiltStreamFromStandby(t *testing.T) {
	s := ewbsStream(t, dalert.SignalLevelFirstKind, 0x5A5)
	box := &fakeBox{standby: true, cur: Channel{ServiceID: otherProg}}
	r := newRig(t, Config{Areas: []uint16{0x5A5}}, box)
	d := r.newDemuxer()
	shown := r.feed(t, d, s.data[:(s.marks["end"]+1)*188], func(f *image.RGBA) bool {
		return panelShown(f, dalert.SignalLevelFirstKind)
	})
	require.Equal(t, between(len(shown), [2]int{s.marks["start"], s.marks["end"]}), shown)
	require.Equal(t, []string{"wake", "standby false", "tune service 0xE760", "tone",
		"tune service 0x0101", "standby true"}, box.calls)
	require.True(t, box.standby)
	recs := r.m.Records()
	require.True(t, recs[0].Woke)
	require.Equal(t, Channel{ServiceID: program}, recs[0].Channel)
}

// TestBuiltStreamOtherArea: a warning for other areas shows nothing and touches nothing.
func TestBuiltStreamOtherArea(t *testing.T) {
	s := ewbsStream(t, dalert.SignalLevelFirstKind, 0x5A5, 0x15A)
	box := &fakeBox{standby: true, cur: Channel{ServiceID: otherProg}}
	r := newRig(t, Config{Areas: []uint16{0x123}}, box)
	video := func(f *image.RGBA) bool { return share(f, f.Rect, colVideo) == 1 }
	shown := r.feed(t, r.newDemuxer(), s.data, video)
	for i, v := range shown {
		require.True(t, v, "frame after packet %d is not plain video", i)
	}
	require.Empty(t, box.calls)
	require.Empty(t, r.apps)
	recs := r.m.Records()
	require.Equal(t, []Action{ActionIgnored, ActionIgnored, ActionIgnored, ActionIgnored}, actions(recs))
	require.Equal(t, reasonArea, recs[0].Reason)
	require.Equal(t, []uint16{0x5A5, 0x15A}, recs[0].Areas)
}

// TestAppLayerStaysUnder: an app that repaints the whole screen every frame stays under
// the overlay, and is seen again when the warning ends.
func TestAppLayerStaysUnder(t *testing.T) {
	s := ewbsStream(t, dalert.SignalLevelFirstKind, 0x5A5)
	r := newRig(t, Config{}, &fakeBox{})
	app, err := r.comp.NewLayer(gfx.PlaneApps, image.Rect(0, 0, testW, testH))
	require.NoError(t, err)
	app.SetZ(1 << 30)
	green := color.NRGBA{0, 200, 0, 255}
	paint := func() {
		app.Update(func(s *gfx.Surface) {
			s.SetColor(green)
			s.ClearAll()
		})
	}
	d := r.newDemuxer()
	var overlay, appSeen []bool
	for off := 0; off < len(s.data); off += 188 {
		_, _ = d.Write(s.data[off : off+188])
		paint()
		f := r.frame()
		overlay = append(overlay, panelShown(f, dalert.SignalLevelFirstKind))
		appSeen = append(appSeen, share(f, centre(f), green) == 1)
	}
	want := between(len(overlay), [2]int{s.marks["start"], s.marks["end"]},
		[2]int{s.marks["restart"], s.marks["reend"]})
	require.Equal(t, want, overlay)
	for i := range want {
		require.Equal(t, !want[i], appSeen[i], "packet %d", i)
	}
}
