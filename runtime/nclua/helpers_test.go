package nclua

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
	lua "github.com/yuin/gopher-lua"

	rlua "github.com/antena-tv/antena/runtime/lua"
)

var testEpoch = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// testApp is an App on a virtual clock that records what it posts.
type testApp struct {
	*App
	clock *rlua.VirtualClock
	mu    sync.Mutex
	out   []Event
	stop  *rlua.StopError
}

// newTestApp starts an app over files (main.lua and the rest) and waits
// until its main chunk ran.
func newTestApp(t *testing.T, files map[string]string, opts Options) *testApp {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	if opts.FS == nil {
		opts.FS = fsys
	}
	ta := &testApp{clock: rlua.NewVirtualClock(testEpoch)}
	if opts.Clock == nil {
		opts.Clock = ta.clock
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Name == "" {
		opts.Name = "test"
	}
	userPost := opts.OnPost
	opts.OnPost = func(e Event) {
		ta.mu.Lock()
		ta.out = append(ta.out, e)
		ta.mu.Unlock()
		if userPost != nil {
			userPost(e)
		}
	}
	userStop := opts.OnStop
	opts.OnStop = func(se *rlua.StopError) {
		ta.mu.Lock()
		ta.stop = se
		ta.mu.Unlock()
		if userStop != nil {
			userStop(se)
		}
	}
	app, err := New(opts)
	require.NoError(t, err)
	ta.App = app
	require.NoError(t, app.Start())
	t.Cleanup(func() {
		app.Stop()
		<-app.Done()
	})
	require.NoError(t, app.Sync())
	return ta
}

// posted returns and forgets what the app posted out.
func (ta *testApp) posted() []Event {
	ta.mu.Lock()
	defer ta.mu.Unlock()
	out := ta.out
	ta.out = nil
	return out
}

// run evaluates Lua on the app's VM and returns its first result.
func (ta *testApp) run(t *testing.T, src string) lua.LValue {
	t.Helper()
	ch := make(chan lua.LValue, 1)
	errc := make(chan error, 1)
	require.NoError(t, ta.vm.Post(func() {
		p, err := rlua.CompileSource([]byte(src), "test")
		if err != nil {
			errc <- err
			return
		}
		v, err := ta.vm.Call(ta.vm.State().NewFunctionFromProto(p))
		if err != nil {
			errc <- err
			return
		}
		ch <- v
	}))
	select {
	case v := <-ch:
		return v
	case err := <-errc:
		t.Fatalf("lua: %v", err)
	}
	return lua.LNil
}

// RunLuaTestFile runs testdata/name: every global function TestXxx(t) in it
// becomes a subtest, each in a fresh app (so a Lua error stops only that
// test). The t object gives eq, ok, fail, error (expect a raise), send (a
// host event), cycle (dispatch queued events now), advance(ms) (the virtual
// clock, then due timers and a cycle), posted (events posted out since the
// last call) and frame(x, y) (a pixel of the last flushed global canvas).
func RunLuaTestFile(t *testing.T, name string, opts Options) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	files := map[string]string{"main.lua": string(src)}
	for _, f := range []string{"img.png", "img.gif", "img.jpg", "lib.lua"} {
		if b, err := os.ReadFile(filepath.Join("testdata", f)); err == nil {
			files[f] = string(b)
		}
	}
	re := regexp.MustCompile(`(?m)^function (Test\w+)\s*\(`)
	var names []string
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		names = append(names, m[1])
	}
	sort.Strings(names)
	require.NotEmpty(t, names, "no Test functions in %s", name)
	for _, test := range names {
		t.Run(test, func(t *testing.T) {
			o := opts
			o.NoStartEvent = true
			o.Name = test
			ta := newTestApp(t, files, o)
			done := make(chan error, 1)
			require.NoError(t, ta.vm.Post(func() {
				L := ta.vm.State()
				fn := L.GetGlobal(test)
				_, err := ta.vm.Call(fn, luaT(L, t, ta))
				done <- err
			}))
			if err := <-done; err != nil {
				t.Fatalf("%v\n%s", err, ta.Err().Traceback)
			}
		})
	}
}

// luaT builds the t object. Its methods run on the VM goroutine.
func luaT(L *lua.LState, t *testing.T, ta *testApp) *lua.LTable {
	where := func(L *lua.LState) string {
		for level := 1; level < 6; level++ {
			dbg, ok := L.GetStack(level)
			if !ok {
				break
			}
			if _, err := L.GetInfo("Sl", dbg, lua.LNil); err == nil && dbg.CurrentLine > 0 {
				return fmt.Sprintf("%s:%d", dbg.Source, dbg.CurrentLine)
			}
		}
		return "?"
	}
	msg := func(L *lua.LState, n int) string {
		if s, ok := L.Get(n).(lua.LString); ok {
			return ": " + string(s)
		}
		return ""
	}
	cycle := func(n int) {
		for i := 0; i < n && len(ta.ev.inq) > 0 && !ta.vm.Stopped(); i++ {
			ta.ev.cycle()
		}
	}
	return L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
		"eq": func(L *lua.LState) int {
			got, want := L.Get(2), L.Get(3)
			if !deepEqual(got, want) {
				t.Errorf("%s: got %s, want %s%s", where(L), show(got), show(want), msg(L, 4))
			}
			return 0
		},
		"ok": func(L *lua.LState) int {
			if !L.ToBool(2) {
				t.Errorf("%s: not ok%s", where(L), msg(L, 3))
			}
			return 0
		},
		"fail": func(L *lua.LState) int {
			t.Errorf("%s: %s", where(L), L.OptString(2, "failed"))
			return 0
		},
		"error": func(L *lua.LState) int {
			fn := L.CheckFunction(2)
			pattern := L.OptString(3, "")
			L.Push(fn)
			err := L.PCall(0, 0, nil)
			if err == nil {
				t.Errorf("%s: no error raised", where(L))
				L.Push(lua.LNil)
				return 1
			}
			m := err.Error()
			if ae, ok := err.(*lua.ApiError); ok {
				m = ae.Object.String()
			}
			if !strings.Contains(m, pattern) {
				t.Errorf("%s: error %q does not contain %q", where(L), m, pattern)
			}
			L.Push(lua.LString(m))
			return 1
		},
		"send": func(L *lua.LState) int {
			ta.ev.enqueue(shallowCopy(L, L.CheckTable(2)))
			return 0
		},
		"cycle": func(L *lua.LState) int {
			cycle(L.OptInt(2, 100))
			return 0
		},
		"advance": func(L *lua.LState) int {
			ta.clock.Advance(time.Duration(float64(L.CheckNumber(2)) * float64(time.Millisecond)))
			ta.vm.RunDue()
			cycle(100)
			return 0
		},
		"posted": func(L *lua.LState) int {
			out := L.NewTable()
			for _, e := range ta.posted() {
				out.Append(eventToLua(L, e))
			}
			L.Push(out)
			return 1
		},
		"frame": func(L *lua.LState) int {
			img := ta.canvas.front
			c := img.RGBAAt(L.CheckInt(2), L.CheckInt(3))
			for _, v := range []uint8{c.R, c.G, c.B, c.A} {
				L.Push(lua.LNumber(v))
			}
			return 4
		},
	})
}

func deepEqual(a, b lua.LValue) bool {
	ta, ok1 := a.(*lua.LTable)
	tb, ok2 := b.(*lua.LTable)
	if ok1 && ok2 {
		if ta == tb {
			return true
		}
		eq := true
		n := 0
		ta.ForEach(func(k, v lua.LValue) {
			n++
			if !deepEqual(v, tb.RawGet(k)) {
				eq = false
			}
		})
		tb.ForEach(func(lua.LValue, lua.LValue) { n-- })
		return eq && n == 0
	}
	if ok1 || ok2 {
		return false
	}
	return equalValues(a, b) || (a == lua.LNil && b == lua.LNil)
}

func show(v lua.LValue) string {
	if t, ok := v.(*lua.LTable); ok {
		var parts []string
		t.ForEach(func(k, v lua.LValue) { parts = append(parts, fmt.Sprintf("%s=%s", show(k), show(v))) })
		sort.Strings(parts)
		return "{" + strings.Join(parts, ", ") + "}"
	}
	if s, ok := v.(lua.LString); ok {
		return fmt.Sprintf("%q", string(s))
	}
	return v.String()
}
