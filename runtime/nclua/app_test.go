package nclua

import (
	"image"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	rlua "github.com/antena-tv/antena/runtime/lua"
)

func TestRunawayHandlerStopsOnlyThatApp(t *testing.T) {
	stopped := make(chan *rlua.StopError, 1)
	ta := newTestApp(t, map[string]string{"main.lua": `
		event.register(function(e)
			if e.key == 'RED' then while true do end end
		end, 'key')
	`}, Options{Name: "loop", Deadline: 50 * time.Millisecond, OnStop: func(se *rlua.StopError) { stopped <- se }})
	other := newTestApp(t, map[string]string{"main.lua": `n = 0 event.register(function() n = n + 1 end, 'key')`}, Options{Name: "ok"})

	require.NoError(t, ta.Send(KeyEvent("press", "RED")))
	se := <-stopped
	require.ErrorIs(t, se, rlua.ErrTimeout)
	require.Equal(t, "loop", se.App)
	require.Contains(t, se.Message, "main.lua:3:")
	require.Contains(t, se.Error(), "app loop stopped")
	<-ta.Done()
	require.ErrorIs(t, ta.Send(KeyEvent("press", "RED")), rlua.ErrStopped)

	require.NoError(t, other.Send(KeyEvent("press", "RED")))
	require.NoError(t, other.Sync())
	require.Equal(t, "1", other.run(t, "return n").String())
}

func TestLuaErrorInHandlerHasTraceback(t *testing.T) {
	ta := newTestApp(t, map[string]string{"main.lua": "local function handle(e)\n  return e.nothing.field\nend\nevent.register(handle)\n"},
		Options{NoStartEvent: true})
	require.NoError(t, ta.Send(Event{"class": "user"}))
	<-ta.Done()
	se := ta.Err()
	require.ErrorIs(t, se, rlua.ErrRuntime)
	require.Contains(t, se.Message, "main.lua:2:")
	require.Contains(t, se.Traceback, "stack traceback:\n\tmain.lua:2:")
}

func TestMainChunkErrors(t *testing.T) {
	ta := newTestApp(t, map[string]string{"main.lua": "error('boom')"}, Options{})
	<-ta.Done()
	require.Contains(t, ta.Err().Message, "main.lua:1: boom")
	tb := newTestApp(t, map[string]string{"other.lua": ""}, Options{})
	<-tb.Done()
	require.Contains(t, tb.Err().Message, "file not found")
	tc := newTestApp(t, map[string]string{"main.lua": "x = = 1"}, Options{})
	<-tc.Done()
	require.Contains(t, tc.Err().Message, "compile error")
}

func TestCanvasPixelBudget(t *testing.T) {
	ta := newTestApp(t, map[string]string{"main.lua": `
		-- Temporary canvases come and go: their pixels are not held.
		for i = 1, 50 do local c = canvas:new(64, 48) end
		keep = {}
	`}, Options{Width: 64, Height: 48, CanvasPixels: 10 * 64 * 48})
	require.Nil(t, ta.Err())
	_ = ta.run(t, "return 1")
	errc := make(chan error, 1)
	require.NoError(t, ta.vm.Post(func() {
		p, _ := rlua.CompileSource([]byte("for i = 1, 20 do keep[i] = canvas:new(64, 48) end"), "hold")
		_, err := ta.vm.Call(ta.vm.State().NewFunctionFromProto(p))
		errc <- err
	}))
	err := <-errc
	require.ErrorIs(t, err, rlua.ErrMemory)
	require.Contains(t, err.Error(), "budget")
}

func TestAllocatingAppIsStopped(t *testing.T) {
	ta := newTestApp(t, map[string]string{"main.lua": `
		event.register(function()
			local t = {}
			while true do t[#t + 1] = {} end
		end)
	`}, Options{NoStartEvent: true, Deadline: 30 * time.Second, Limits: rlua.Limits{Memory: 8 << 20}})
	require.NoError(t, ta.Send(Event{"class": "user"}))
	<-ta.Done()
	require.ErrorIs(t, ta.Err(), rlua.ErrMemory)
}

func TestFrameAndOnFlush(t *testing.T) {
	var flushed int
	ta := newTestApp(t, map[string]string{"main.lua": `
		canvas:attrColor('navy')
		canvas:clear()
		canvas:flush()
	`}, Options{Width: 16, Height: 8, OnFlush: func(r []image.Rectangle) { flushed += len(r) }})
	img := ta.Frame()
	require.Equal(t, 16, img.Rect.Dx())
	c := img.RGBAAt(3, 3)
	require.Equal(t, [4]uint8{0, 0, 128, 255}, [4]uint8{c.R, c.G, c.B, c.A})
	require.Positive(t, flushed)
	require.True(t, strings.HasPrefix(ta.Name(), "test"))
}
