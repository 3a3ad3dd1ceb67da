package lua

import (
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
	lua "github.com/yuin/gopher-lua"
)

// testVM makes a started VM on a virtual clock running files from fsys; it
// is stopped when the test ends.
func testVM(t *testing.T, fsys fstest.MapFS, opts Options) (*VM, *VirtualClock) {
	t.Helper()
	clock := NewVirtualClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	opts.FS = fsys
	if opts.Clock == nil {
		opts.Clock = clock
	}
	if opts.Name == "" {
		opts.Name = t.Name()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	vm, err := New(opts)
	require.NoError(t, err)
	vm.Start()
	t.Cleanup(func() {
		vm.Stop()
		<-vm.Done()
	})
	return vm, clock
}

// runMain loads and calls main.lua on the VM, and waits for it.
func runMain(t *testing.T, vm *VM, name string) error {
	t.Helper()
	errc := make(chan error, 1)
	require.NoError(t, vm.Post(func() {
		fn, err := vm.LoadFile(name)
		if err != nil {
			errc <- err
			return
		}
		_, err = vm.Call(fn)
		errc <- err
	}))
	return <-errc
}

// eval runs a chunk of Lua on the VM and returns its first result as a string.
func eval(t *testing.T, vm *VM, src string) (string, error) {
	t.Helper()
	type res struct {
		s   string
		err error
	}
	ch := make(chan res, 1)
	if err := vm.Post(func() {
		p, err := CompileSource([]byte(src), "eval")
		if err != nil {
			ch <- res{"", err}
			return
		}
		v, err := vm.Call(vm.L.NewFunctionFromProto(p))
		ch <- res{lua.LVAsString(vm.L.ToStringMeta(v)), err}
	}); err != nil {
		return "", err
	}
	r := <-ch
	return r.s, r.err
}

func mustEval(t *testing.T, vm *VM, src string) string {
	t.Helper()
	s, err := eval(t, vm, src)
	require.NoError(t, err)
	return s
}

func TestForbiddenFunctionsAbsent(t *testing.T) {
	vm, _ := testVM(t, nil, Options{})
	for _, expr := range []string{
		"debug", "dofile", "loadfile", "_printregs", "channel",
		"os.exit", "os.execute", "os.getenv", "os.remove", "os.rename", "os.tmpname", "os.setlocale",
		"io.write", "io.read", "io.input", "io.output", "io.popen", "io.tmpfile",
		"io.stdin", "io.stdout", "io.stderr", "io.flush",
		"package.loadlib", "package.loaded.debug",
	} {
		require.Equal(t, "nil", mustEval(t, vm, "return tostring("+expr+")"), expr)
	}
	for _, expr := range []string{
		"os.time", "os.clock", "os.date", "os.difftime", "string.format", "table.insert", "math.floor",
		"coroutine.create", "require", "module", "package.seeall", "setfenv", "getfenv", "table.getn",
		"unpack", "table.unpack", "loadstring", "pcall", "xpcall", "collectgarbage",
		"io.open", "io.lines", "io.close", "io.type",
	} {
		require.Equal(t, "function", mustEval(t, vm, "return type("+expr+")"), expr)
	}
	require.Equal(t, "", mustEval(t, vm, "return package.cpath"))
}

func TestCollectGarbageIsStubbed(t *testing.T) {
	vm, _ := testVM(t, nil, Options{})
	require.Equal(t, "0", mustEval(t, vm, "return collectgarbage()"))
	require.Equal(t, "0", mustEval(t, vm, "return collectgarbage('collect')"))
	require.Equal(t, "true", mustEval(t, vm, "return collectgarbage('step')"))
	require.Equal(t, "true", mustEval(t, vm, "local k = collectgarbage('count') return k > 0 and k < 64*1024"))
	_, err := eval(t, vm, "return collectgarbage('bogus')")
	require.ErrorIs(t, err, ErrRuntime)
}

func TestRequireFromFS(t *testing.T) {
	fsys := fstest.MapFS{
		"main.lua":          {Data: []byte("local m = require 'util' local d = require 'lib.deep' return m.x .. d.y .. tostring(require('util') == m)")},
		"util.lua":          {Data: []byte("return {x = 'u'}")},
		"lib/deep/init.lua": {Data: []byte("return {y = 'd'}")},
	}
	vm, _ := testVM(t, fsys, Options{})
	require.Equal(t, "udtrue", mustEval(t, vm, "return require('util').x .. require('lib.deep').y .. tostring(require('util') == require('util'))"))
	require.NoError(t, runMain(t, vm, "main.lua"))
	_, err := eval(t, vm, "require 'missing'")
	require.ErrorContains(t, err, "module missing not found")
	require.ErrorContains(t, err, "no file 'missing.lua'")
	// Paths never leave the file system.
	_, err = eval(t, vm, "require '../../etc/passwd'")
	require.Error(t, err)
}

func TestRequirePreload(t *testing.T) {
	vm, _ := testVM(t, nil, Options{})
	require.Equal(t, "42", mustEval(t, vm, "package.preload.answer = function() return 42 end return require 'answer'"))
}

func TestLua51Idioms(t *testing.T) {
	fsys := fstest.MapFS{
		"mymod.lua": {Data: []byte("module('mymod', package.seeall)\nfunction hello() return string.upper('hi') end\n")},
	}
	vm, _ := testVM(t, fsys, Options{})
	require.Equal(t, "HI", mustEval(t, vm, "require 'mymod' return mymod.hello()"))
	require.Equal(t, "3", mustEval(t, vm, "return table.getn({1,2,3})"))
	require.Equal(t, "6", mustEval(t, vm, "local a,b,c = unpack({1,2,3}) local x,y,z = table.unpack({1,2,3}) return a+b+c"))
	require.Equal(t, "7", mustEval(t, vm, "return loadstring('return 3 + 4')()"))
	require.Equal(t, "env", mustEval(t, vm, `
		local function f() return who end
		setfenv(f, {who = 'env'})
		return f()`))
	require.Equal(t, "true", mustEval(t, vm, "return getfenv(1) == _G"))
	require.Equal(t, "nil", mustEval(t, vm, "local f, err = loadstring('return +') return tostring(f)"))
}

func TestFormFeedAndShebang(t *testing.T) {
	src := "#!/usr/bin/lua\nlocal a = 1\f\vlocal b = 2\n\freturn a + b\n"
	fsys := fstest.MapFS{"main.lua": {Data: []byte(src)}, "ff.lua": {Data: []byte("\freturn 'ff'")}}
	vm, _ := testVM(t, fsys, Options{})
	require.NoError(t, runMain(t, vm, "main.lua"))
	require.Equal(t, "ff", mustEval(t, vm, "return require 'ff'"))
	require.Equal(t, "3", mustEval(t, vm, "return loadstring('\\f return 1 + 2')()"))
}

func TestErrorHasFileLineTraceback(t *testing.T) {
	fsys := fstest.MapFS{"main.lua": {Data: []byte("local t = nil\n\nlocal function f()\n  return t.x\nend\nf()\n")}}
	var stopped *StopError
	var mu sync.Mutex
	vm, _ := testVM(t, fsys, Options{Name: "buggy", OnStop: func(se *StopError) { mu.Lock(); stopped = se; mu.Unlock() }})
	err := runMain(t, vm, "main.lua")
	var se *StopError
	require.ErrorAs(t, err, &se)
	require.ErrorIs(t, err, ErrRuntime)
	require.Contains(t, se.Message, "main.lua:4:")
	require.Contains(t, se.Traceback, "stack traceback")
	require.Contains(t, se.Traceback, "main.lua:6")
	require.Equal(t, "buggy", se.App)
	<-vm.Done()
	mu.Lock()
	require.Equal(t, se, stopped)
	mu.Unlock()
	require.Equal(t, se, vm.Err())
	require.ErrorIs(t, vm.Post(func() {}), ErrStopped)
}

func TestGoPanicStopsOnlyTheApp(t *testing.T) {
	vm, _ := testVM(t, nil, Options{})
	require.NoError(t, vm.Post(func() {
		vm.L.SetGlobal("boom", vm.L.NewFunction(func(*lua.LState) int { panic("bug") }))
	}))
	_, err := eval(t, vm, "boom()")
	require.ErrorIs(t, err, ErrPanic)
	<-vm.Done()
}

func TestRunawayLoopStoppedNextAppRuns(t *testing.T) {
	fsys := fstest.MapFS{"main.lua": {Data: []byte("local n = 0\nwhile true do n = n + 1 end\n")}}
	vm, _ := testVM(t, fsys, Options{Deadline: 50 * time.Millisecond})
	start := time.Now()
	err := runMain(t, vm, "main.lua")
	elapsed := time.Since(start)
	require.ErrorIs(t, err, ErrTimeout)
	require.Less(t, elapsed, time.Second, "stopped near the deadline")
	require.Contains(t, err.Error(), "main.lua:2:")
	<-vm.Done()

	// The box goes on: another app runs.
	other, _ := testVM(t, fstest.MapFS{}, Options{})
	require.Equal(t, "2", mustEval(t, other, "return 1 + 1"))
}

func TestRunawayLoopInsidePcallAndCoroutine(t *testing.T) {
	for name, src := range map[string]string{
		"pcall":       "while true do pcall(function() while true do end end) end",
		"coroutine":   "local co = coroutine.create(function() while true do end end) coroutine.resume(co)",
		"wrap":        "coroutine.wrap(function() while true do end end)()",
		"xpcall":      "xpcall(function() while true do end end, function() while true do end end)",
		"string.find": "local s = string.rep('a', 1000) while true do s:find('b') end",
	} {
		t.Run(name, func(t *testing.T) {
			vm, _ := testVM(t, nil, Options{Deadline: 30 * time.Millisecond})
			_, err := eval(t, vm, src)
			require.ErrorIs(t, err, ErrTimeout)
		})
	}
}

func TestCoroutineSurvivesAcrossEntries(t *testing.T) {
	vm, _ := testVM(t, nil, Options{})
	mustEval(t, vm, "co = coroutine.wrap(function() local i = 0 while true do i = i + 1 coroutine.yield(i) end end)")
	require.Equal(t, "1", mustEval(t, vm, "return co()"))
	require.Equal(t, "2", mustEval(t, vm, "return co()"))
	require.Equal(t, "false boom", mustEval(t, vm, `
		local ok, err = pcall(coroutine.wrap(function() error('boom', 0) end))
		return tostring(ok) .. ' ' .. err`))
}

func TestAllocatingWithoutEndIsStopped(t *testing.T) {
	for name, src := range map[string]string{
		"table":   "local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end",
		"string":  "local s = 'x' while true do s = s .. s end",
		"strings": "local t = {} local i = 0 while true do i = i + 1 t[i] = string.rep('y', 1000) .. i end",
		"rep":     "local s = string.rep('x', 1e9)",
	} {
		t.Run(name, func(t *testing.T) {
			vm, _ := testVM(t, nil, Options{Deadline: 20 * time.Second, Limits: Limits{Memory: 16 << 20, MaxString: 1 << 20}})
			_, err := eval(t, vm, src)
			if name == "rep" {
				require.ErrorIs(t, err, ErrRuntime)
				require.ErrorContains(t, err, "too large")
				return
			}
			require.ErrorIs(t, err, ErrMemory)
		})
	}
}

func TestStackAndRegistryBounded(t *testing.T) {
	for name, src := range map[string]string{
		"recursion":  "local function f() return 1 + f() end f()",
		"unpack big": "unpack({}, 1, 1e8)",
	} {
		t.Run(name, func(t *testing.T) {
			vm, _ := testVM(t, nil, Options{})
			_, err := eval(t, vm, src)
			require.ErrorIs(t, err, ErrMemory, "%v", err)
		})
	}
}

func TestStopInterruptsRunningLua(t *testing.T) {
	vm, _ := testVM(t, nil, Options{Deadline: time.Hour})
	errc := make(chan error, 1)
	go func() { _, err := eval(t, vm, "while true do end"); errc <- err }()
	// Wait until the loop is surely running: the VM answers nothing meanwhile.
	for vm.Post(func() {}) == nil && len(errc) == 0 {
		vm.Stop()
	}
	err := <-errc
	require.Error(t, err)
	<-vm.Done()
	require.ErrorIs(t, vm.Err(), ErrStopped)
}

func TestTimersOnVirtualClock(t *testing.T) {
	vm, clock := testVM(t, nil, Options{})
	var mu sync.Mutex
	var fired []string
	require.NoError(t, vm.Post(func() {
		add := func(s string) func() { return func() { mu.Lock(); fired = append(fired, s); mu.Unlock() } }
		vm.After(100*time.Millisecond, add("b"))
		vm.After(50*time.Millisecond, add("a"))
		vm.After(100*time.Millisecond, add("c")) // same time: set order
		cancel := vm.After(70*time.Millisecond, add("cancelled"))
		require.True(t, cancel())
		require.False(t, cancel())
	}))
	require.NoError(t, vm.Sync())
	require.Empty(t, fired)
	st := vm.Status()
	require.Equal(t, 3, st.Timers)
	require.False(t, st.Idle())

	clock.Advance(60 * time.Millisecond)
	require.NoError(t, vm.Sync())
	mu.Lock()
	require.Equal(t, []string{"a"}, fired)
	mu.Unlock()
	clock.Advance(40 * time.Millisecond)
	require.NoError(t, vm.Sync())
	mu.Lock()
	require.Equal(t, []string{"a", "b", "c"}, fired)
	mu.Unlock()
	require.True(t, vm.Status().Idle())
}

func TestOsOnClock(t *testing.T) {
	vm, clock := testVM(t, nil, Options{})
	require.Equal(t, "1772366400", mustEval(t, vm, "return os.time()"))
	require.Equal(t, "0", mustEval(t, vm, "return os.clock()"))
	clock.Advance(1500 * time.Millisecond)
	require.Equal(t, "1.5", mustEval(t, vm, "return os.clock()"))
	require.Equal(t, "2026", mustEval(t, vm, "return os.date('!%Y')"))
	require.Equal(t, "10", mustEval(t, vm, "return os.difftime(20, 10)"))
	require.Equal(t, "86400", mustEval(t, vm, "return os.time{year=2026, month=3, day=2, hour=12} - os.time{year=2026, month=3, day=1, hour=12}"))
}

func TestStringCaps(t *testing.T) {
	vm, _ := testVM(t, nil, Options{Limits: Limits{MaxString: 1000}})
	_, err := eval(t, vm, "return pcall(string.rep, 'ab', 600)")
	require.NoError(t, err)
	require.Equal(t, "false", mustEval(t, vm, "return (pcall(string.rep, 'ab', 600))"))
	require.Equal(t, "true", mustEval(t, vm, "return (pcall(string.rep, 'ab', 400))"))
	require.Contains(t, mustEval(t, vm, "return select(2, pcall(string.format, '%999d', 1))"), "invalid format")
	require.Equal(t, "   1", mustEval(t, vm, "return string.format('%4d', 1)"))
	require.Equal(t, "false", mustEval(t, vm, "local t = {} for i = 1, 300 do t[i] = 'abcd' end return (pcall(table.concat, t))"))
	require.Equal(t, "false", mustEval(t, vm, "return (pcall(string.gsub, string.rep('a', 900), 'a', 'aa'))"))
}

func TestPrint(t *testing.T) {
	var got []string
	var mu sync.Mutex
	vm, _ := testVM(t, nil, Options{Print: func(s string) { mu.Lock(); got = append(got, s); mu.Unlock() }})
	mustEval(t, vm, "print('a', 1, nil, true)")
	mu.Lock()
	require.Equal(t, []string{"a\t1\tnil\ttrue"}, got)
	mu.Unlock()
}

func TestCompileOnce(t *testing.T) {
	cache := &ProtoCache{}
	fsys := fstest.MapFS{"main.lua": {Data: []byte("x = (x or 0) + 1")}, "m.lua": {Data: []byte("return 1")}}
	for i := 0; i < 3; i++ {
		vm, _ := testVM(t, fsys, Options{Cache: cache})
		require.NoError(t, runMain(t, vm, "main.lua"))
		mustEval(t, vm, "require 'm'")
	}
	require.Equal(t, 2, cache.Len())
}

func TestCompileError(t *testing.T) {
	vm, _ := testVM(t, fstest.MapFS{"main.lua": {Data: []byte("x = = 1")}}, Options{})
	err := runMain(t, vm, "main.lua")
	require.ErrorIs(t, err, ErrCompile)
	require.Contains(t, err.Error(), "main.lua")
	err = runMain(t, vm, "nope.lua")
	require.ErrorIs(t, err, ErrNotFound)
}

func TestPostQueueBound(t *testing.T) {
	vm, err := New(Options{QueueSize: 2})
	require.NoError(t, err)
	require.NoError(t, vm.Post(func() {}))
	require.NoError(t, vm.Post(func() {}))
	require.ErrorIs(t, vm.Post(func() {}), ErrQueueFull)
	vm.Stop()
	<-vm.Done()
	require.True(t, errors.Is(vm.Err(), ErrStopped))
}

func TestMemoryEstimateGrows(t *testing.T) {
	vm, _ := testVM(t, nil, Options{})
	var before, after int64
	require.NoError(t, vm.Post(func() { before = vm.MemoryEstimate() }))
	mustEval(t, vm, "big = {} for i = 1, 10000 do big[i] = 'item' .. i end")
	require.NoError(t, vm.Post(func() { after = vm.MemoryEstimate() }))
	require.NoError(t, vm.Sync())
	require.Greater(t, after-before, int64(10000*40))
	require.Less(t, before, int64(256<<10), "an empty state is small")
	_ = strings.Repeat
}

func TestSyncBusy(t *testing.T) {
	vm, _ := testVM(t, nil, Options{})
	vm.syncRounds = 50
	var again func()
	again = func() { _ = vm.Post(again) }
	require.NoError(t, vm.Post(again))
	require.ErrorIs(t, vm.Sync(), ErrBusy)
}
