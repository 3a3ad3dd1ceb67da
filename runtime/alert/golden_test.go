package alert

import (
	"image"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/golden"

	"github.com/antena-tv/antena/demux"
	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/hardware"
)

// checkGolden compares img with testdata/golden/<name>.png (go test -update rewrites it).
func checkGolden(t *testing.T, name string, img *image.RGBA) { golden.Check(t, name, img) }

// TestGoldenOverlay renders the ISDB panel in the three languages, the second kind, the
// minimized banner, and the SCTE-18 crawl, on a 1280×720 frame over a plain video plane.
func TestGoldenOverlay(t *testing.T) {
	first := isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program, 0x5A5, 0x15A, 0xD27)
	second := isdbEvent(dalert.KindStart, dalert.SignalLevelSecondKind, program, 0x5A5)
	crawl := scteEvent(dalert.KindStart, 0x0A75, 7, "A flash flood warning is in effect for this area until 6 PM.")
	crawl.Alert.NatureOfActivation = "FLASH FLOOD WARNING"
	cases := []struct {
		name  string
		cfg   Config
		ev    dalert.Event
		keys  []hardware.Key
		after time.Duration
	}{
		{name: "panel-first-pt", ev: first, cfg: Config{Language: Portuguese, Areas: []uint16{0x5A5},
			AreaNames: map[uint16]string{0x5A5: "Petrópolis"}}},
		{name: "panel-first-es", ev: first, cfg: Config{Language: Spanish, Areas: []uint16{0x15A, 0xD27},
			AreaNames: map[uint16]string{0x15A: "Valparaíso"}}},
		{name: "panel-first-en", ev: first, cfg: Config{Language: English, Areas: []uint16{0x5A5}}},
		{name: "panel-second-pt", ev: second, cfg: Config{Language: Portuguese}},
		{name: "banner-first-pt", ev: first, cfg: Config{Language: Portuguese, Areas: []uint16{0x5A5},
			AreaNames: map[uint16]string{0x5A5: "Petrópolis"}}, keys: []hardware.Key{hardware.KeyInfo}},
		{name: "crawl-en", ev: crawl, cfg: Config{Language: English}, after: 1500 * time.Millisecond},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t, c.cfg, &fakeBox{cur: Channel{ServiceID: otherProg}})
			r.m.Handle(demux.Info{Packet: 1}, c.ev)
			for _, k := range c.keys {
				require.True(t, r.m.FilterKey(hardware.KeyEvent{Key: k, Pressed: true}))
			}
			r.frame()
			r.clock.advance(c.after)
			checkGolden(t, c.name, r.frame())
		})
	}
}

// TestGoldenAfterOtherWarnings: the panel keeps its static part between warnings; after a
// second-kind warning (shown, minimized, ended) and a first-kind one without a service
// switch, a first-kind warning draws exactly what a fresh Manager draws.
func TestGoldenAfterOtherWarnings(t *testing.T) {
	cfg := Config{Language: Portuguese, Areas: []uint16{0x5A5}, AreaNames: map[uint16]string{0x5A5: "Petrópolis"}}
	box := &fakeBox{cur: Channel{ServiceID: otherProg}}
	r := newRig(t, cfg, box)
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelSecondKind, 0x0A, 0x5A5))
	r.frame()
	require.True(t, r.m.FilterKey(hardware.KeyEvent{Key: hardware.KeyInfo, Pressed: true}))
	r.frame()
	r.m.Handle(info, isdbEvent(dalert.KindEnd, dalert.SignalLevelSecondKind, 0x0A))
	r.frame()
	box.cur = Channel{ServiceID: 0x0B}
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, 0x0B))
	r.frame()
	r.m.Handle(info, isdbEvent(dalert.KindEnd, dalert.SignalLevelFirstKind, 0x0B))
	r.frame()
	box.cur = Channel{ServiceID: otherProg}
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program, 0x5A5, 0x15A, 0xD27))
	checkGolden(t, "panel-first-pt", r.frame())
}
