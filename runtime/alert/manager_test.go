package alert

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux"
	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/runtime/gfx"
)

var info = demux.Info{Packet: 7}

func press(k hardware.Key) hardware.KeyEvent { return hardware.KeyEvent{Key: k, Pressed: true} }

// TestUpdateIsIdempotent: a repeated Start or an Update with the same content raises
// nothing more; a real change shows the warning again; start, end, start raises twice.
func TestUpdateIsIdempotent(t *testing.T) {
	box := &fakeBox{cur: Channel{ServiceID: otherProg}}
	r := newRig(t, Config{Areas: []uint16{0x5A5}}, box)
	start := isdbEvent(dalert.KindStart, dalert.SignalLevelSecondKind, program, 0x5A5)
	r.m.Handle(info, start)
	require.True(t, panelShown(r.frame(), dalert.SignalLevelSecondKind))
	r.m.Handle(info, start)
	upd := start
	upd.Kind = dalert.KindUpdate
	r.m.Handle(info, upd)
	require.False(t, r.m.Render(r.clock.now()), "nothing to redraw")
	require.Equal(t, 1, box.tones)
	require.Len(t, r.apps, 1)
	require.Equal(t, []Action{ActionRaised, ActionShown}, actions(r.m.Records()))

	upd.Alert.SignalLevel = dalert.SignalLevelFirstKind
	r.m.Handle(info, upd)
	require.True(t, panelShown(r.frame(), dalert.SignalLevelFirstKind))
	require.Equal(t, 2, box.tones)
	require.Equal(t, "update", r.apps[1].Action)
	require.Equal(t, []Action{ActionRaised, ActionShown, ActionUpdated, ActionShown}, actions(r.m.Records()))
	require.Len(t, box.tunes, 1, "no second tune for the same service")

	r.m.Handle(info, isdbEvent(dalert.KindEnd, dalert.SignalLevelFirstKind, program, 0x5A5))
	require.False(t, panelShown(r.frame(), dalert.SignalLevelFirstKind))
	r.m.Handle(info, start)
	require.True(t, panelShown(r.frame(), dalert.SignalLevelSecondKind))
	require.Equal(t, 3, box.tones)
	var raised int
	for _, rec := range r.m.Records() {
		if rec.Action == ActionRaised {
			raised++
		}
	}
	require.Equal(t, 2, raised)
}

// TestUpdateChangesArea: an Update that drops the box's area ends the warning; one that
// adds it raises a warning that was ignored.
func TestUpdateChangesArea(t *testing.T) {
	box := &fakeBox{cur: Channel{ServiceID: otherProg}}
	r := newRig(t, Config{Areas: []uint16{0x5A5}}, box)
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program, 0x111))
	require.Empty(t, r.m.Active())
	r.m.Handle(info, isdbEvent(dalert.KindUpdate, dalert.SignalLevelFirstKind, program, 0x111, 0x5A5))
	require.Len(t, r.m.Active(), 1)
	require.True(t, panelShown(r.frame(), dalert.SignalLevelFirstKind))
	r.m.Handle(info, isdbEvent(dalert.KindUpdate, dalert.SignalLevelFirstKind, program, 0x111))
	require.Empty(t, r.m.Active())
	require.False(t, panelShown(r.frame(), dalert.SignalLevelFirstKind))
	recs := r.m.Records()
	require.Equal(t, []Action{ActionIgnored, ActionRaised, ActionShown, ActionEnded}, actions(recs))
	require.Equal(t, reasonNoLongerHere, recs[3].Reason)
	require.Equal(t, Channel{ServiceID: otherProg}, box.cur)

	r.m.Handle(info, isdbEvent(dalert.KindEnd, dalert.SignalLevelFirstKind, program))
	require.Equal(t, ActionIgnored, r.m.Records()[4].Action)
	require.Equal(t, reasonNotRaised, r.m.Records()[4].Reason)
}

// TestNoAreaConfigured: with no area configured every warning is for the box, and a
// warning that lists no area is for every box.
func TestNoAreaConfigured(t *testing.T) {
	r := newRig(t, Config{}, &fakeBox{})
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, 1, 0xABC))
	r2 := newRig(t, Config{Areas: []uint16{0x5A5}}, &fakeBox{})
	r2.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, 1))
	require.Len(t, r.m.Active(), 1)
	require.Len(t, r2.m.Active(), 1)
}

// TestKeysFirstKind: nothing dismisses a first-kind warning; volume passes; INFO
// switches between panel and banner.
func TestKeysFirstKind(t *testing.T) {
	box := &fakeBox{cur: Channel{ServiceID: otherProg}}
	r := newRig(t, Config{}, box)
	require.False(t, r.m.FilterKey(press(hardware.KeyChannelUp)), "no warning: keys pass")
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program, 0x5A5))
	for _, k := range hardware.Keys() {
		want := !(k == hardware.KeyVolumeUp || k == hardware.KeyVolumeDown || k == hardware.KeyMute)
		if k == hardware.KeyInfo {
			continue
		}
		require.Equal(t, want, r.m.FilterKey(press(k)), k.String())
		require.Equal(t, want, r.m.FilterKey(hardware.KeyEvent{Key: k}), "release of "+k.String())
	}
	require.True(t, panelShown(r.frame(), dalert.SignalLevelFirstKind), "still on screen")
	require.True(t, r.m.FilterKey(press(hardware.KeyInfo)))
	f := r.frame()
	require.False(t, panelShown(f, dalert.SignalLevelFirstKind))
	require.Greater(t, share(f, f.Rect, colFirstBG), 0.05, "the banner")
	require.True(t, r.m.FilterKey(hardware.KeyEvent{Key: hardware.KeyInfo, Pressed: true, Repeat: true}))
	require.False(t, panelShown(r.frame(), dalert.SignalLevelFirstKind), "a repeat does not toggle")
	require.True(t, r.m.FilterKey(press(hardware.KeyInfo)))
	require.True(t, panelShown(r.frame(), dalert.SignalLevelFirstKind))
	require.Equal(t, []Channel{{ServiceID: program}}, box.tunes)
}

// TestKeysSecondKind: OK, BACK or EXIT dismiss a second-kind warning; keys are then free,
// and the end of the warning restores the viewer's service.
func TestKeysSecondKind(t *testing.T) {
	for _, k := range []hardware.Key{hardware.KeyEnter, hardware.KeyBack, hardware.KeyExit} {
		t.Run(k.String(), func(t *testing.T) {
			box := &fakeBox{cur: Channel{ServiceID: otherProg}}
			r := newRig(t, Config{}, box)
			r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelSecondKind, program, 0x5A5))
			require.True(t, panelShown(r.frame(), dalert.SignalLevelSecondKind))
			require.True(t, r.m.FilterKey(press(hardware.KeyChannelUp)))
			require.True(t, r.m.FilterKey(press(k)))
			require.False(t, panelShown(r.frame(), dalert.SignalLevelSecondKind))
			require.False(t, r.m.FilterKey(press(hardware.KeyChannelUp)))
			require.Equal(t, ActionDismissed, r.m.Records()[2].Action)
			require.Equal(t, Channel{ServiceID: program}, box.cur, "still on the warning's service")
			r.m.Handle(info, isdbEvent(dalert.KindEnd, dalert.SignalLevelSecondKind, program, 0x5A5))
			require.Equal(t, Channel{ServiceID: otherProg}, box.cur)
		})
	}
}

// TestViewerZappedAway: after dismissing, the viewer zaps; the end of the warning leaves
// the box where the viewer is, and on.
func TestViewerZappedAway(t *testing.T) {
	box := &fakeBox{standby: true, cur: Channel{ServiceID: otherProg}}
	r := newRig(t, Config{}, box)
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelSecondKind, program, 0x5A5))
	require.True(t, r.m.FilterKey(press(hardware.KeyBack)))
	box.cur = Channel{ServiceID: 0x0303}
	r.m.Handle(info, isdbEvent(dalert.KindEnd, dalert.SignalLevelSecondKind, program, 0x5A5))
	require.Equal(t, Channel{ServiceID: 0x0303}, box.cur)
	require.False(t, box.standby)
}

// TestMostSevereTunes: a first-kind warning for another service takes the box there; when
// it ends the box goes back to the second-kind one, then to the viewer's service.
func TestMostSevereTunes(t *testing.T) {
	box := &fakeBox{cur: Channel{ServiceID: otherProg}}
	r := newRig(t, Config{}, box)
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelSecondKind, 0x0A, 0x5A5))
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, 0x0B, 0x5A5))
	require.True(t, panelShown(r.frame(), dalert.SignalLevelFirstKind))
	r.m.Handle(info, isdbEvent(dalert.KindEnd, dalert.SignalLevelFirstKind, 0x0B))
	require.True(t, panelShown(r.frame(), dalert.SignalLevelSecondKind))
	r.m.Handle(info, isdbEvent(dalert.KindEnd, dalert.SignalLevelSecondKind, 0x0A))
	require.Equal(t, []Channel{{ServiceID: 0x0A}, {ServiceID: 0x0B}, {ServiceID: 0x0A}, {ServiceID: otherProg}}, box.tunes)
}

// TestAsyncTune: the end comes before the box has finished tuning to the warning: the
// box is still asked to go back.
func TestAsyncTune(t *testing.T) {
	box := &fakeBox{cur: Channel{ServiceID: otherProg}, async: true}
	r := newRig(t, Config{}, box)
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program))
	r.m.Handle(info, isdbEvent(dalert.KindEnd, dalert.SignalLevelFirstKind, program))
	require.Equal(t, []Channel{{ServiceID: program}, {ServiceID: otherProg}}, box.tunes)
}

// TestTuneRefused: a refused tune is recorded; the overlay is shown all the same.
func TestTuneRefused(t *testing.T) {
	box := &fakeBox{cur: Channel{ServiceID: otherProg}, tuneErr: errors.New("no signal")}
	r := newRig(t, Config{}, box)
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program))
	require.True(t, panelShown(r.frame(), dalert.SignalLevelFirstKind))
	recs := r.m.Records()
	require.Equal(t, ActionTuneFailed, recs[0].Action)
	require.Equal(t, "no signal", recs[0].Reason)
}

// TestSCTE18Rules: the same event id is one alert; an Update with the same content only
// refreshes the expiry; priority 11 wakes the box, priority 3 does not.
func TestSCTE18Rules(t *testing.T) {
	box := &fakeBox{cur: Channel{Major: 4, Minor: 1}}
	r := newRig(t, Config{}, box)
	ev := scteEvent(dalert.KindStart, 0x10, 15, "text")
	r.m.Handle(info, ev)
	r.m.Handle(info, ev)
	require.Len(t, r.m.Active(), 1)
	r.clock.advance(50 * time.Second)
	ev.Kind, ev.Alert.SequenceNumber = dalert.KindUpdate, 3
	r.m.Handle(info, ev)
	r.clock.advance(50 * time.Second) // 100 s after the start, 50 s after the refresh
	r.frame()
	require.Len(t, r.m.Active(), 1)
	require.Equal(t, []Action{ActionRaised, ActionShown}, actions(r.m.Records()))
	r.clock.advance(10 * time.Second)
	r.frame()
	require.Empty(t, r.m.Active())
	require.Equal(t, []Channel{{Major: 15, Minor: 20}, {Major: 4, Minor: 1}}, box.tunes)

	for _, tc := range []struct {
		priority uint8
		wake     bool
	}{{11, true}, {3, false}} {
		box := &fakeBox{standby: true}
		r := newRig(t, Config{}, box)
		r.m.Handle(info, scteEvent(dalert.KindStart, 0x20, tc.priority, "x"))
		require.Equal(t, !tc.wake, box.standby, "priority %d", tc.priority)
		require.Empty(t, box.tunes)
		require.Equal(t, map[bool]int{true: 1, false: 0}[tc.wake], box.tones)
	}
}

// TestTMCC: the flag wakes a box in standby; without a warning for it the box goes back
// to standby after the wait, or when the flag drops; a warning ends the wait.
func TestTMCC(t *testing.T) {
	box := &fakeBox{standby: true}
	r := newRig(t, Config{TMCCWait: 10 * time.Second}, box)
	r.m.EmergencyFlag(true)
	r.m.EmergencyFlag(true)
	require.Equal(t, []string{"wake"}, box.calls)
	r.clock.advance(9 * time.Second)
	r.m.Tick(r.clock.now())
	require.Len(t, box.calls, 1)
	r.clock.advance(time.Second)
	r.m.Tick(r.clock.now())
	require.Equal(t, []string{"wake", "standby true"}, box.calls)

	r.m.EmergencyFlag(false)
	r.m.EmergencyFlag(true)
	r.m.EmergencyFlag(false)
	require.Equal(t, []string{"wake", "standby true", "wake", "standby true"}, box.calls)

	r.m.EmergencyFlag(true)
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program))
	r.clock.advance(time.Minute)
	r.m.Tick(r.clock.now())
	require.False(t, box.standby)
	r.m.EmergencyFlag(false)
	require.False(t, box.standby, "the flag alone does not end a raised warning")
	var tmcc int
	for _, rec := range r.m.Records() {
		if rec.Action == ActionTMCC {
			tmcc++
		}
	}
	require.Equal(t, 8, tmcc)
}

// TestAppEvent: the Lua-visible fields.
func TestAppEvent(t *testing.T) {
	r := newRig(t, Config{Language: Spanish}, &fakeBox{cur: Channel{ServiceID: otherProg}})
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelSecondKind, program, 0x5A5, 0x15A))
	r.m.Handle(info, isdbEvent(dalert.KindEnd, dalert.SignalLevelSecondKind, program, 0x5A5, 0x15A))
	require.Equal(t, map[string]any{
		"class": "si", "type": "alert", "action": "start", "system": "isdb", "id": float64(program),
		"level": float64(2), "areas": []any{float64(0x5A5), float64(0x15A)}, "service": float64(program),
		"text": "", "message": "ALERTA DE EMERGENCIA", "language": "es", "dismissable": true,
	}, r.apps[0].Fields())
	end := r.apps[1].Fields()
	require.Equal(t, "end", end["action"])
	require.Equal(t, "signalled", end["reason"])

	r.m.Handle(info, scteEvent(dalert.KindStart, 0x10, 7, "Move to higher ground."))
	f := r.apps[2].Fields()
	require.Equal(t, float64(7), f["priority"])
	require.Equal(t, "Move to higher ground.", f["text"])
	require.Equal(t, "scte18", f["system"])
	require.NotContains(t, f, "level")
}

// TestNewChecks: a frame too small for the alert plane is refused; without a compositor
// the Manager keeps its books and draws nothing.
func TestNewChecks(t *testing.T) {
	c, err := gfx.NewCompositor(100, 100)
	require.NoError(t, err)
	_, err = New(Options{Compositor: c})
	require.ErrorIs(t, err, ErrNoScreen)
	_, err = New(Options{Config: Config{Areas: []uint16{0x1000}}})
	require.ErrorIs(t, err, ErrAreaCode)
	_, err = New(Options{Config: Config{Language: 9}})
	require.ErrorIs(t, err, ErrLanguage)

	m, err := New(Options{Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program))
	require.False(t, m.Render(m.Now()))
	require.True(t, m.Holding())
}

// TestConcurrentUse runs Handle, FilterKey and Render from three goroutines (for -race).
func TestConcurrentUse(t *testing.T) {
	r := newRig(t, Config{}, &fakeBox{})
	start := isdbEvent(dalert.KindStart, dalert.SignalLevelSecondKind, program, 0x5A5)
	end := isdbEvent(dalert.KindEnd, dalert.SignalLevelSecondKind, program, 0x5A5)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for range 200 {
			r.m.Handle(info, start)
			r.m.Handle(info, end)
		}
	}()
	go func() {
		defer wg.Done()
		for range 200 {
			r.m.FilterKey(press(hardware.KeyEnter))
		}
	}()
	for range 50 {
		r.m.Render(r.m.Now())
		r.comp.Compose()
	}
	wg.Wait()
	r.m.Render(r.m.Now())
	r.comp.Compose()
	require.False(t, panelShown(r.comp.Frame(), dalert.SignalLevelSecondKind))
}

// TestHandleAllocatesNothing: the demux goroutine's path (match, raise, tune, tone, apps
// told, record; then end and restore) allocates nothing once the Manager is warm.
func TestHandleAllocatesNothing(t *testing.T) {
	told := 0
	m, err := New(Options{Box: &benchBox{cur: Channel{ServiceID: otherProg}}, Logger: slog.New(slog.DiscardHandler),
		Notify: func(AppEvent) { told++ }})
	require.NoError(t, err)
	start := isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program, 0x5A5)
	end := isdbEvent(dalert.KindEnd, dalert.SignalLevelFirstKind, program, 0x5A5)
	scte := scteEvent(dalert.KindStart, 0x10, 15, "x")
	scteEnd := scte
	scteEnd.Kind = dalert.KindEnd
	allocs := testing.AllocsPerRun(100, func() {
		m.Handle(info, start)
		m.Handle(info, end)
		m.Handle(info, scte)
		m.Handle(info, scteEnd)
	})
	require.Zero(t, allocs)
	require.Equal(t, 4*101, told)
}

// TestLoggerAndNoDetails: every record is logged; an SCTE-18 priority-15 alert that names
// no details channel shows its crawl but has nothing to hold the keys on.
func TestLoggerAndNoDetails(t *testing.T) {
	var buf strings.Builder
	comp, err := gfx.NewCompositor(testW, testH)
	require.NoError(t, err)
	m, err := New(Options{Compositor: comp, Logger: slog.New(slog.NewTextHandler(&buf, nil))})
	require.NoError(t, err)
	ev := scteEvent(dalert.KindStart, 0x30, 15, "x")
	ev.Alert.Details = dalert.DetailsChannel{}
	m.Handle(info, ev)
	require.False(t, m.Holding())
	m.Render(m.Now())
	comp.Compose()
	require.True(t, crawlShown(comp.Frame()))
	require.Contains(t, buf.String(), "raised scte18 event 0x0030 priority 15 packet 7")
	require.Contains(t, buf.String(), "shown scte18 event 0x0030")
}

// The box's language and areas can change while it runs: a warning on screen is redrawn in
// the new language, and later warnings are matched against the new areas.
func TestSetLanguageAndAreas(t *testing.T) {
	r := newRig(t, Config{Areas: []uint16{0x5A5}}, &fakeBox{})
	info := demux.Info{}
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, 1, 0x5A5))
	pt := bytes.Clone(r.frame().Pix)
	r.m.SetLanguage(English)
	require.Equal(t, English, r.m.Config().Language)
	en := r.frame().Pix
	require.NotEqual(t, pt, en, "the panel is redrawn in English")
	r.m.Handle(info, isdbEvent(dalert.KindEnd, dalert.SignalLevelFirstKind, 1, 0x5A5))

	r.m.SetAreas([]uint16{0x111})
	require.Equal(t, []uint16{0x111}, r.m.Config().Areas)
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, 2, 0x5A5))
	require.Empty(t, r.m.Active(), "0x5A5 is no longer the box's area")
	r.m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, 3, 0x111))
	require.Len(t, r.m.Active(), 1)
}
