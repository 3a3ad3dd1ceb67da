package nclua

import (
	"log/slog"
	"testing"
	"testing/fstest"
	"time"

	lua "github.com/yuin/gopher-lua"

	rlua "github.com/antena-tv/antena/runtime/lua"
)

// benchApp makes an app that is not started: the benchmark goroutine plays
// the VM goroutine.
func benchApp(b *testing.B, src string) *App {
	b.Helper()
	a, err := New(Options{
		FS:       fstest.MapFS{"main.lua": {Data: []byte(src)}},
		Logger:   slog.New(slog.DiscardHandler),
		Clock:    rlua.NewVirtualClock(time.Unix(0, 0)),
		Deadline: time.Hour,
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(a.Stop)
	fn, err := a.vm.LoadFile("main.lua")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := a.vm.Call(fn); err != nil {
		b.Fatal(err)
	}
	return a
}

func benchLoop(b *testing.B, a *App) {
	b.Helper()
	loop := a.vm.State().GetGlobal("loop")
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := a.vm.Call(loop, lua.LNumber(b.N)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCanvasDrawRect: canvas:drawRect from Lua, a 1×1 fill (the call
// and its argument checks, almost no pixels).
func BenchmarkCanvasDrawRect(b *testing.B) {
	benchLoop(b, benchApp(b, `
		local c = canvas:new(8, 8)
		function loop(n) for i = 1, n do c:drawRect('fill', 1, 1, 1, 1) end end`))
}

// BenchmarkCanvasEmptyMethod: an empty Go method called the way
// BenchmarkCanvasDrawRect calls drawRect (the method lookup through the
// canvas's metatable, five arguments, the watchdog), with no argument
// checks and no drawing: the floor of a canvas call in gopher-lua. The
// method is added for the benchmark only.
func BenchmarkCanvasEmptyMethod(b *testing.B) {
	a := benchApp(b, "")
	L := a.vm.State()
	methods := a.canvas.mt.RawGetString("__index").(*lua.LTable)
	methods.RawSetString("empty", L.NewFunction(func(*lua.LState) int { return 0 }))
	fn, err := L.LoadString(`
		local c = canvas:new(8, 8)
		function loop(n) for i = 1, n do c:empty('fill', 1, 1, 1, 1) end end`)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := a.vm.Call(fn); err != nil {
		b.Fatal(err)
	}
	benchLoop(b, a)
}

// BenchmarkPlainGopherLuaMethod: the same empty method on a userdata in a
// plain gopher-lua state (all libraries, none of our sandbox), without
// and with a context (SetContext, whose Done returns nil: the least any
// watchdog costs): what gopher-lua itself charges for a canvas-shaped
// call on this machine, the floor under BenchmarkCanvasDrawRect.
func BenchmarkPlainGopherLuaMethod(b *testing.B) {
	for _, withCtx := range []bool{false, true} {
		name := "no-context"
		if withCtx {
			name = "nil-Done-context"
		}
		b.Run(name, func(b *testing.B) {
			L := lua.NewState()
			defer L.Close()
			if withCtx {
				L.SetContext(nilDoneContext{})
			}
			ud := L.NewUserData()
			mt, methods := L.NewTable(), L.NewTable()
			methods.RawSetString("empty", L.NewFunction(func(*lua.LState) int { return 0 }))
			mt.RawSetString("__index", methods)
			L.SetMetatable(ud, mt)
			L.SetGlobal("c", ud)
			if err := L.DoString(`function loop(n) local c = c for i = 1, n do c:empty('fill', 1, 1, 1, 1) end end`); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			if err := L.CallByParam(lua.P{Fn: L.GetGlobal("loop"), Protect: true}, lua.LNumber(b.N)); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// nilDoneContext is a context.Context that never ends.
type nilDoneContext struct{}

func (nilDoneContext) Deadline() (time.Time, bool) { return time.Time{}, false }
func (nilDoneContext) Done() <-chan struct{}       { return nil }
func (nilDoneContext) Err() error                  { return nil }
func (nilDoneContext) Value(any) any               { return nil }

// BenchmarkCanvasAttrColorGet: a call into Go that only returns values.
func BenchmarkCanvasAttrColorGet(b *testing.B) {
	benchLoop(b, benchApp(b, `function loop(n) local c = canvas for i = 1, n do c:attrColor() end end`))
}

// BenchmarkEventUptime: the cheapest NCLua call into Go.
func BenchmarkEventUptime(b *testing.B) {
	benchLoop(b, benchApp(b, `function loop(n) local up = event.uptime for i = 1, n do up() end end`))
}

// BenchmarkLuaToLuaCall: gopher-lua's own Lua-to-Lua call, same loop, for
// comparison.
func BenchmarkLuaToLuaCall(b *testing.B) {
	benchLoop(b, benchApp(b, `local function f() end function loop(n) for i = 1, n do f() end end`))
}

// BenchmarkEventDispatch: one host key event queued and dispatched to a
// handler (conversion to a Lua table, filter match, copy, watchdog entry).
func BenchmarkEventDispatch(b *testing.B) {
	a := benchApp(b, `n = 0 event.register(function(e) n = n + 1 end, 'key', 'press')`)
	ev := KeyEvent("press", "ENTER")
	L := a.vm.State()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		a.ev.inq = append(a.ev.inq, eventToLua(L, ev))
		a.ev.cycle()
	}
}

// BenchmarkNewApp: a whole NCLua app made (VM, sandbox, the four modules)
// with a 320×240 global canvas; the canvas's two buffers are 600 KiB of
// the bytes reported, the rest is the state and the modules.
func BenchmarkNewApp(b *testing.B) {
	fsys := fstest.MapFS{"main.lua": {Data: []byte("")}}
	b.ReportAllocs()
	for b.Loop() {
		a, err := New(Options{FS: fsys, Logger: slog.New(slog.DiscardHandler), Width: 320, Height: 240})
		if err != nil {
			b.Fatal(err)
		}
		a.Stop()
	}
}
