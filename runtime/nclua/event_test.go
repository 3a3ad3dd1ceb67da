package nclua

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestLuaEvent(t *testing.T) { RunLuaTestFile(t, "test_event.lua", Options{}) }

func TestAtMost128EventsPerCycle(t *testing.T) {
	ta := newTestApp(t, map[string]string{"main.lua": `
		n = 0
		event.register(function(e) n = n + 1 event.post('in', {class = 'user'}) end, 'user')
		ticks = 0
	`}, Options{NoStartEvent: true})
	n := make(chan string, 1)
	require.NoError(t, ta.vm.Post(func() {
		for i := 0; i < 200; i++ {
			ta.ev.enqueue(eventToLua(ta.vm.State(), Event{"class": "user"}))
		}
		ta.ev.cycle()
		n <- ta.vm.State().GetGlobal("n").String()
	}))
	require.Equal(t, "128", <-n, "one cycle dispatches 128 events")
	// The app keeps itself busy without end, yet the box's events still get through.
	require.NoError(t, ta.Send(KeyEvent("press", "RED")))
	ta.run(t, "event.register(1, function(e) gotKey = e.key end, 'key')")
	require.Eventually(t, func() bool { return ta.run(t, "return gotKey").String() == "RED" }, 5*time.Second, time.Millisecond)
}

func TestKeysFromHost(t *testing.T) {
	ta := newTestApp(t, map[string]string{"main.lua": `
		keys = {}
		event.register(function(e) keys[#keys+1] = e.type .. ' ' .. e.key end, 'key')
	`}, Options{})
	require.NoError(t, ta.Send(KeyEvent("press", "ENTER")))
	require.NoError(t, ta.Send(KeyEvent("release", "ENTER")))
	require.NoError(t, ta.Sync())
	require.Equal(t, "press ENTER,release ENTER", ta.run(t, "return table.concat(keys, ',')").String())
	require.ErrorIs(t, ta.Send(Event{"type": "x"}), ErrEvent)
}

func TestStartEventAndStartLabel(t *testing.T) {
	ta := newTestApp(t, map[string]string{"main.lua": `
		event.register(function(e) got = e.action .. ':' .. e.label end, 'ncl', 'presentation')
	`}, Options{StartLabel: "intro"})
	require.Equal(t, "start:intro", ta.run(t, "return got").String())
}

func TestPointerAndAlertFromHost(t *testing.T) {
	ta := newTestApp(t, map[string]string{"main.lua": `
		got = {}
		event.register(function(e) got[#got+1] = e.class .. ':' .. e.type end)
	`}, Options{NoStartEvent: true})
	require.NoError(t, ta.Send(PointerEvent("press", 10, 20)))
	require.NoError(t, ta.Send(AlertEvent(Alert{State: "start", Level: 1, ServiceID: 5, Areas: []int{0x123}})))
	require.NoError(t, ta.Send(ServiceChangeEvent(SIService{ID: 7, Name: "TV"})))
	require.NoError(t, ta.Sync())
	require.Equal(t, "pointer:press,alert:start,si:service", ta.run(t, "return table.concat(got, ',')").String())
}
