package app

import (
	"time"

	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/hardware"
	rlua "github.com/antena-tv/antena/runtime/lua"
)

const pidCarousel, tagCarousel = 0x0100, 0x0B

// A main.lua that says it started.
const mainHello = `event.post('out', {class='user', msg='hello'})`

func TestAutostartStartsWhenFilesArrive(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"app/main.lua": mainHello, "app/logo.png": "not really a png"})
	id := appID(1)

	// The AIT comes first: nothing to run yet.
	h.m.SignalAIT(aitTable(t, 1, aitApp(1, ait.ControlCodeAutostart, "Ol\u00e1", "/app", "main.lua", true, tagCarousel)),
		air.resolve)
	h.sync()
	i := h.info(id)
	require.Equal(t, StateLoading, i.State)
	require.Equal(t, "Olá", i.Name)
	require.Equal(t, "app/main.lua", i.Entry)
	require.Equal(t, SourceCarousel, i.Source)
	require.Equal(t, "PID 0x0100 (component 0x0B)", i.Location)
	require.True(t, i.ServiceBound)

	// Every module but the entry's: still loading.
	air.send("app/main.lua")
	h.sync()
	require.Equal(t, StateLoading, h.state(id))
	require.Empty(t, h.said(id))

	// The entry's module completes the carousel: it starts.
	air.send()
	h.sync()
	i = h.info(id)
	require.Equal(t, StateRunning, i.State)
	require.True(t, i.Focused)
	require.Equal(t, 1, i.Runs)
	require.Equal(t, []string{"hello"}, h.said(id))
	kinds := h.kinds(id)
	require.Equal(t, EventSignalled, kinds[0])
	require.Equal(t, EventStarted, kinds[len(kinds)-1])
	for _, k := range kinds[1 : len(kinds)-1] {
		require.Equal(t, EventLoading, k)
	}
	ev, ok := h.lastEvent(id, EventLoading)
	require.True(t, ok)
	require.Greater(t, ev.Progress.Modules, 0)
}

func TestAutostartEntryWait(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"main.lua": mainHello, "big.bin": "a module that takes long"})
	id := appID(1)
	h.m.SignalAIT(aitTable(t, 1, aitApp(1, ait.ControlCodeAutostart, "A", "/", "main.lua", false, tagCarousel)),
		air.resolve)
	air.send("big.bin")
	h.sync()
	require.Equal(t, StateLoading, h.state(id), "entry present, carousel incomplete")
	h.advance(DefaultEntryWait - 1)
	require.Equal(t, StateLoading, h.state(id))
	h.advance(1)
	require.Equal(t, StateRunning, h.state(id), "entry there for one cycle's wait")
	require.Equal(t, []string{"hello"}, h.said(id))
}

func TestRequiredModuleMissingRetriesWhenComplete(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{
		"main.lua": `local lib = require 'lib'; event.post('out', {class='user', msg=lib.word})`,
		"lib.lua":  `return {word='from lib'}`,
	})
	id := appID(1)
	h.m.SignalAIT(aitTable(t, 1, aitApp(1, ait.ControlCodeAutostart, "A", "/", "main.lua", false, tagCarousel)),
		air.resolve)
	air.send("lib.lua")
	h.sync()
	h.advance(DefaultEntryWait)
	// It ran too early, missed lib, and waits for the whole carousel.
	require.Equal(t, StateLoading, h.state(id))
	require.Empty(t, h.said(id))
	air.send()
	h.sync()
	require.Equal(t, StateRunning, h.state(id))
	require.Equal(t, []string{"from lib"}, h.said(id))
	require.Equal(t, 2, h.info(id).Runs)
}

func TestPresentIsListedAndStartsOnRequest(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"main.lua": mainHello})
	air.send()
	id := appID(2)
	h.m.SignalAIT(aitTable(t, 1, aitApp(2, ait.ControlCodePresent, "Quiz", "/", "main.lua", true, tagCarousel)),
		air.resolve)
	h.sync()
	require.Equal(t, StateSignalled, h.state(id))
	list := h.m.Startable()
	require.Len(t, list, 1)
	require.Equal(t, "Quiz", list[0].Name)
	require.Empty(t, h.said(id))

	require.NoError(t, h.m.Start(id))
	h.sync()
	require.Equal(t, StateRunning, h.state(id))
	require.Equal(t, []string{"hello"}, h.said(id))
	require.Empty(t, h.m.Startable(), "a running app is not offered")

	require.ErrorIs(t, h.m.Start(appID(99)), ErrNotFound)
}

func TestNewVersionRestartsAndKeepsPersistentData(t *testing.T) {
	h := newHarness(t, Options{Store: openStore(t)})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	main := func(v string) string {
		return `local n = (persistent.shared.count or 0) + 1
			persistent.shared.count = n
			event.post('out', {class='user', msg='` + v + ` run ' .. n})`
	}
	files := map[string]string{"app/main.lua": main("v1"), "app/img.txt": "x", "other/readme.txt": "1"}
	air.build(files)
	air.send()
	id := appID(1)
	h.m.SignalAIT(aitTable(t, 1, aitApp(1, ait.ControlCodeAutostart, "A", "/app", "main.lua", true, tagCarousel)),
		air.resolve)
	h.sync()
	require.Equal(t, []string{"v1 run 1"}, h.said(id))

	// The same files again (a new build finds nothing new): no restart.
	air.build(files)
	air.send()
	h.sync()
	require.Equal(t, 1, h.info(id).Runs)

	// A change outside the app's directory remounts the carousel but does
	// not touch the app.
	files["other/readme.txt"] = "2"
	air.build(files)
	air.send()
	h.sync()
	require.Equal(t, 1, h.info(id).Runs)
	require.Equal(t, []string{"v1 run 1"}, h.said(id))

	// A new main.lua: the app restarts with it, and its data is there.
	files["app/main.lua"] = main("v2")
	air.build(files)
	air.send("app/main.lua")
	h.sync()
	require.Equal(t, []string{"v1 run 1"}, h.said(id), "keeps running the old version until the new one is whole")
	air.send()
	h.sync()
	i := h.info(id)
	require.Equal(t, StateRunning, i.State)
	require.Equal(t, 2, i.Runs)
	require.Equal(t, []string{"v1 run 1", "v2 run 2"}, h.said(id))
	ev, ok := h.lastEvent(id, EventStopped)
	require.True(t, ok)
	require.ErrorIs(t, ev.Err, ErrUpdated)
}

func TestWatchdogStopsAppAndTheBoxGoesOn(t *testing.T) {
	h := newHarness(t, Options{Deadline: rlua.DefaultDeadline / 5})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{
		"loop/main.lua": `while true do end`,
		"keys/main.lua": `event.register(function(e)
			event.post('out', {class='user', msg=e.type .. ' ' .. e.key})
			return true
		end, 'key')`,
	})
	air.send()
	loop := aitApp(1, ait.ControlCodeAutostart, "Loop", "/loop", "main.lua", true, tagCarousel)
	keys := aitApp(2, ait.ControlCodePresent, "Keys", "/keys", "main.lua", true, tagCarousel)
	h.m.SignalAIT(aitTable(t, 1, loop, keys), air.resolve)
	h.sync()

	i := h.info(appID(1))
	require.Equal(t, StateFailed, i.State)
	require.ErrorIs(t, i.Err, rlua.ErrTimeout)
	ev, ok := h.lastEvent(appID(1), EventFailed)
	require.True(t, ok)
	require.Equal(t, "Loop", ev.App.Name)
	require.Contains(t, ev.String(), "Loop")
	require.Contains(t, ev.String(), "failed")
	var se *rlua.StopError
	require.ErrorAs(t, ev.Err, &se)
	require.Equal(t, "Loop", se.App)

	// The box goes on: the second app starts and answers keys.
	require.NoError(t, h.m.Start(appID(2)))
	h.sync()
	require.Equal(t, StateRunning, h.state(appID(2)))
	require.True(t, h.info(appID(2)).Focused)
	h.press(hardware.KeyEnter)
	require.Equal(t, []string{"press ENTER", "release ENTER"}, h.said(appID(2)))
	require.Empty(t, h.boxKeys())
}

func TestNoUsableTransport(t *testing.T) {
	h := newHarness(t, Options{})
	h.m.SignalAIT(aitTable(t, 1, aitApp(1, ait.ControlCodeAutostart, "A", "/", "main.lua", true, 0x77)), nil)
	h.sync()
	i := h.info(appID(1))
	require.Equal(t, StateFailed, i.State)
	require.ErrorIs(t, i.Err, ErrNoTransport)
	require.Contains(t, i.Err.Error(), "component 0x77 not in the PMT")
}

func TestAppExits(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"main.lua": `event.timer(1000, function()
		event.post('out', {class='ncl', type='presentation', action='stop', label=''})
	end)`})
	air.send()
	h.m.SignalAIT(aitTable(t, 1, aitApp(1, ait.ControlCodeAutostart, "A", "/", "main.lua", true, tagCarousel)),
		air.resolve)
	h.sync()
	require.Equal(t, StateRunning, h.state(appID(1)))
	h.advance(time.Second)
	i := h.info(appID(1))
	require.Equal(t, StateStopped, i.State)
	require.ErrorIs(t, i.Err, ErrExited)
	require.Len(t, h.m.Startable(), 1, "an AUTOSTART app that ended may be started again")
}
