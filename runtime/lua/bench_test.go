package lua

import (
	"log/slog"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// benchVM makes an unstarted VM: benchmarks call into it directly on the
// benchmark goroutine, which then plays the VM goroutine.
func benchVM(b *testing.B, opts Options) *VM {
	b.Helper()
	opts.Logger = slog.New(slog.DiscardHandler)
	opts.Clock = NewVirtualClock(time.Unix(0, 0))
	opts.Deadline = time.Hour
	vm, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(vm.Stop)
	return vm
}

func benchChunk(b *testing.B, vm *VM, src string) *lua.LFunction {
	b.Helper()
	p, err := CompileSource([]byte(src), "bench")
	if err != nil {
		b.Fatal(err)
	}
	return vm.L.NewFunctionFromProto(p)
}

// BenchmarkNewState measures starting an app's state: the sandboxed
// libraries, the watchdog, no app code.
func BenchmarkNewState(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		vm, err := New(Options{Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			b.Fatal(err)
		}
		vm.Stop()
	}
}

// BenchmarkCallLuaToGo measures one call from Lua into a Go function
// (the loop's own cost is included, as in BenchmarkCallLuaToLua).
func BenchmarkCallLuaToGo(b *testing.B) {
	vm := benchVM(b, Options{})
	vm.L.SetGlobal("gofn", vm.L.NewFunction(func(L *lua.LState) int { return 0 }))
	fn := benchChunk(b, vm, "local f, n = gofn, ... for i = 1, n do f(1, 2) end")
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := vm.Call(fn, lua.LNumber(b.N)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCallLuaToLua is gopher-lua's own Lua-to-Lua call, for comparison.
func BenchmarkCallLuaToLua(b *testing.B) {
	vm := benchVM(b, Options{})
	fn := benchChunk(b, vm, "local function f(a, b) end local n = ... for i = 1, n do f(1, 2) end")
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := vm.Call(fn, lua.LNumber(b.N)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkWatchdogLoop is a tight Lua loop (4 instructions an iteration)
// with the watchdog on, per iteration; BenchmarkNoWatchdogLoop is the same
// on a bare gopher-lua state.
func BenchmarkWatchdogLoop(b *testing.B) {
	vm := benchVM(b, Options{})
	fn := benchChunk(b, vm, "local x, n = 0, ... for i = 1, n do x = x + i end")
	b.ResetTimer()
	if _, err := vm.Call(fn, lua.LNumber(b.N)); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkNoWatchdogLoop(b *testing.B) {
	L := lua.NewState()
	defer L.Close()
	p, _ := CompileSource([]byte("local x, n = 0, ... for i = 1, n do x = x + i end"), "bench")
	b.ResetTimer()
	L.Push(L.NewFunctionFromProto(p))
	L.Push(lua.LNumber(b.N))
	if err := L.PCall(1, 0, nil); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkEntry is one entry into Lua from the host (a handler call):
// watchdog set-up, PCall, result.
func BenchmarkEntry(b *testing.B) {
	vm := benchVM(b, Options{})
	fn := benchChunk(b, vm, "return function(e) return e end")
	h, err := vm.Call(fn)
	if err != nil {
		b.Fatal(err)
	}
	arg := lua.LString("x")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := vm.Call(h, arg); err != nil {
			b.Fatal(err)
		}
	}
}
