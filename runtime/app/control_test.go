package app

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/ait"
)

func TestKillStops(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"main.lua": mainHello})
	air.send()
	id := appID(1)
	h.m.SignalAIT(aitTable(t, 1, aitApp(1, ait.ControlCodeAutostart, "A", "/", "main.lua", true, tagCarousel)),
		air.resolve)
	h.sync()
	require.Equal(t, StateRunning, h.state(id))

	h.m.SignalAIT(aitTable(t, 2, aitApp(1, ait.ControlCodeKill, "A", "/", "main.lua", true, tagCarousel)), air.resolve)
	h.sync()
	i := h.info(id)
	require.Equal(t, StateStopped, i.State)
	require.ErrorIs(t, i.Err, ErrKilled)
	require.False(t, i.Focused)
	require.Nil(t, h.m.Running(id))
	ev, ok := h.lastEvent(id, EventStopped)
	require.True(t, ok)
	require.ErrorIs(t, ev.Err, ErrKilled)
}

func TestDestroyLetsTheAppStop(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"main.lua": `
		event.register(function(e)
			if e.type == 'presentation' and e.action == 'stop' then
				event.post('out', {class='user', msg='bye'})
			end
		end, 'ncl')`})
	air.send()
	id := appID(1)
	h.m.SignalAIT(aitTable(t, 1, aitApp(1, ait.ControlCodeAutostart, "A", "/", "main.lua", true, tagCarousel)),
		air.resolve)
	h.sync()
	h.m.SignalAIT(aitTable(t, 2, aitApp(1, ait.ControlCodeDestroy, "A", "/", "main.lua", true, tagCarousel)),
		air.resolve)
	h.sync()
	i := h.info(id)
	require.Equal(t, StateStopped, i.State)
	require.ErrorIs(t, i.Err, ErrDestroyed)
	require.Equal(t, []string{"bye"}, h.said(id))
}

func TestAppLeavingTheAITStops(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"a/main.lua": mainHello, "b/main.lua": mainHello})
	air.send()
	a := aitApp(1, ait.ControlCodeAutostart, "A", "/a", "main.lua", true, tagCarousel)
	b := aitApp(2, ait.ControlCodePresent, "B", "/b", "main.lua", true, tagCarousel)
	h.m.SignalAIT(aitTable(t, 1, a, b), air.resolve)
	h.sync()
	require.Equal(t, StateRunning, h.state(appID(1)))
	require.Len(t, h.m.Apps(), 2)

	h.m.SignalAIT(aitTable(t, 2, b), air.resolve)
	h.sync()
	_, ok := h.m.App(appID(1))
	require.False(t, ok, "forgotten")
	require.Equal(t, []EventKind{EventStopped, EventRemoved}, h.kinds(appID(1))[2+1:])
	ev, _ := h.lastEvent(appID(1), EventStopped)
	require.ErrorIs(t, ev.Err, ErrNotSignalled)
	require.Equal(t, StateSignalled, h.state(appID(2)))
}

func TestServiceChangeStopsBoundApps(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"a/main.lua": mainHello, "b/main.lua": mainHello})
	air.send()
	h.m.SetService(Service{ID: 1})
	bound := aitApp(1, ait.ControlCodeAutostart, "Bound", "/a", "main.lua", true, tagCarousel)
	free := aitApp(2, ait.ControlCodeAutostart, "Free", "/b", "main.lua", false, tagCarousel)
	h.m.SignalAIT(aitTable(t, 1, bound, free), air.resolve)
	h.sync()
	require.Equal(t, StateRunning, h.state(appID(1)))
	require.Equal(t, StateRunning, h.state(appID(2)))

	h.m.SetService(Service{ID: 2})
	h.sync()
	_, ok := h.m.App(appID(1))
	require.False(t, ok, "the bound app stopped and was forgotten")
	ev, _ := h.lastEvent(appID(1), EventStopped)
	require.ErrorIs(t, ev.Err, ErrServiceChanged)
	require.Equal(t, StateRunning, h.state(appID(2)), "an unbound app goes on")

	// The new service's AIT lists it (PRESENT there): it goes on. A later
	// version that does not list it stops it.
	other := aitApp(3, ait.ControlCodePresent, "Other", "/a", "main.lua", true, tagCarousel)
	free.ApplicationControlCode = ait.ControlCodePresent
	h.m.SignalAIT(aitTable(t, 1, other, free), air.resolve)
	h.sync()
	require.Equal(t, StateRunning, h.state(appID(2)))
	h.m.SignalAIT(aitTable(t, 2, other), air.resolve)
	h.sync()
	_, ok = h.m.App(appID(2))
	require.False(t, ok)
	ev, _ = h.lastEvent(appID(2), EventStopped)
	require.ErrorIs(t, ev.Err, ErrNotSignalled)
}

func TestUnboundAppStopsWhenTheNewServiceDoesNotSignalIt(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"main.lua": mainHello})
	air.send()
	h.m.SetService(Service{ID: 1})
	h.m.SignalAIT(aitTable(t, 1, aitApp(1, ait.ControlCodeAutostart, "Free", "/", "main.lua", false, tagCarousel)),
		air.resolve)
	h.sync()
	h.m.SetService(Service{ID: 2})
	h.sync()
	require.Equal(t, StateRunning, h.state(appID(1)))
	h.m.SignalAIT(aitTable(t, 7, aitApp(2, ait.ControlCodePresent, "B", "/", "main.lua", false, tagCarousel)),
		air.resolve)
	h.sync()
	_, ok := h.m.App(appID(1))
	require.False(t, ok)
}

func TestAppSignalledAgainWhileStopping(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"main.lua": mainHello})
	air.send()
	a := aitApp(1, ait.ControlCodeAutostart, "A", "/", "main.lua", true, tagCarousel)
	h.m.SignalAIT(aitTable(t, 1, a), air.resolve)
	h.sync()
	h.m.SignalAIT(aitTable(t, 2), air.resolve)
	h.m.SignalAIT(aitTable(t, 3, a), air.resolve)
	h.sync()
	require.Equal(t, StateRunning, h.state(appID(1)))
	require.Equal(t, []string{"hello", "hello"}, h.said(appID(1)))
}

func TestViewerStopIsNotUndoneByAutostart(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"main.lua": mainHello})
	air.send()
	a := aitApp(1, ait.ControlCodeAutostart, "A", "/", "main.lua", true, tagCarousel)
	h.m.SignalAIT(aitTable(t, 1, a), air.resolve)
	h.sync()
	require.NoError(t, h.m.Stop(appID(1)))
	h.sync()
	i := h.info(appID(1))
	require.Equal(t, StateStopped, i.State)
	require.ErrorIs(t, i.Err, ErrStoppedByHost)
	h.m.SignalAIT(aitTable(t, 2, a), air.resolve)
	h.sync()
	require.Equal(t, StateStopped, h.state(appID(1)))
	require.NoError(t, h.m.Start(appID(1)))
	h.sync()
	require.Equal(t, StateRunning, h.state(appID(1)))
	require.NotNil(t, h.m.Running(appID(1)))
}

func TestControlCodesWhileLoading(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"main.lua": mainHello})
	a := aitApp(1, ait.ControlCodeAutostart, "A", "/", "main.lua", true, tagCarousel)
	h.m.SignalAIT(aitTable(t, 1, a), air.resolve)
	h.sync()
	require.Equal(t, StateLoading, h.state(appID(1)))

	// No longer AUTOSTART before its files came: it waits no more.
	a.ApplicationControlCode = ait.ControlCodePresent
	h.m.SignalAIT(aitTable(t, 2, a), air.resolve)
	h.sync()
	require.Equal(t, StateSignalled, h.state(appID(1)))

	// AUTOSTART again, then KILL while loading.
	a.ApplicationControlCode = ait.ControlCodeAutostart
	h.m.SignalAIT(aitTable(t, 3, a), air.resolve)
	h.sync()
	require.Equal(t, StateLoading, h.state(appID(1)))
	a.ApplicationControlCode = ait.ControlCodeKill
	h.m.SignalAIT(aitTable(t, 4, a), air.resolve)
	h.sync()
	i := h.info(appID(1))
	require.Equal(t, StateStopped, i.State)
	require.ErrorIs(t, i.Err, ErrKilled)
	require.ErrorIs(t, h.m.Start(appID(1)), ErrNotStartable)

	// The files arrive: nothing starts.
	air.send()
	h.sync()
	require.Equal(t, StateStopped, h.state(appID(1)))
	require.Empty(t, h.said(appID(1)))

	require.NoError(t, h.m.Remove(appID(1)))
	h.sync()
	_, ok := h.m.App(appID(1))
	require.False(t, ok)
	require.ErrorIs(t, h.m.Remove(appID(1)), ErrNotFound)
}
