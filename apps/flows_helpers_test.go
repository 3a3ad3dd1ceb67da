package apps

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
	lua "github.com/yuin/gopher-lua"

	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
)

// appFS copies an app folder into a MapFS and applies the overrides (path → content;
// nil content removes the file).
func appFS(t testing.TB, dir string, over map[string][]byte) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b}
		return nil
	})
	require.NoError(t, err)
	for p, b := range over {
		if b == nil {
			delete(m, p)
		} else {
			m[p] = &fstest.MapFile{Data: b}
		}
	}
	return m
}

// harness is one app run headless on a virtual clock.
type harness struct {
	app   *nclua.App
	clock *rlua.VirtualClock
}

func startApp(t testing.TB, opts nclua.Options, clock *rlua.VirtualClock) *harness {
	t.Helper()
	if clock == nil {
		clock = rlua.NewVirtualClock(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	}
	opts.Clock = clock
	opts.Print = func(s string) { t.Logf("app printed %q", s) }
	app, err := nclua.New(opts)
	require.NoError(t, err)
	require.NoError(t, app.Start())
	h := &harness{app: app, clock: clock}
	h.settle(t)
	return h
}

// settle waits until the app has handled everything, network answers included.
func (h *harness) settle(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		require.NoError(t, h.app.Sync())
		st := h.app.Status()
		if st.Stopped {
			require.Nil(t, h.app.Err(), "the app stopped")
			return
		}
		if st.PendingIO == 0 && st.Queued == 0 {
			require.NoError(t, h.app.Sync())
			return
		}
		require.True(t, time.Now().Before(deadline), "network I/O did not finish")
		time.Sleep(2 * time.Millisecond) // real network I/O: nothing to advance
	}
}

// keys presses and releases each key in turn and lets the app handle it.
func (h *harness) keys(t testing.TB, keys ...string) {
	t.Helper()
	for _, k := range keys {
		require.NoError(t, h.app.Send(nclua.KeyEvent("press", k)))
		require.NoError(t, h.app.Send(nclua.KeyEvent("release", k)))
		h.settle(t)
	}
	require.Nil(t, h.app.Err())
}

func (h *harness) advance(t testing.TB, d time.Duration) {
	t.Helper()
	h.clock.Advance(d)
	h.settle(t)
}

func (h *harness) stop() {
	h.app.Stop()
	<-h.app.Done()
}

// lua runs f on the app's VM goroutine with its state.
func (h *harness) lua(t testing.TB, f func(L *lua.LState)) {
	t.Helper()
	done := make(chan struct{})
	require.NoError(t, h.app.VM().Post(func() { defer close(done); f(h.app.VM().State()) }))
	<-done
}

// minFont returns the smallest font size the app asked its ui module for.
func (h *harness) minFont(t testing.TB) (minSize float64, calls float64) {
	t.Helper()
	h.lua(t, func(L *lua.LState) {
		loaded := L.GetField(L.G.Registry, "_LOADED").(*lua.LTable)
		ui := loaded.RawGetString("lib.ui").(*lua.LTable)
		stats := ui.RawGetString("stats").(*lua.LTable)
		minSize = float64(lua.LVAsNumber(stats.RawGetString("min")))
		calls = float64(lua.LVAsNumber(stats.RawGetString("fonts")))
	})
	return minSize, calls
}

func lang(l string) nclua.Settings { return nclua.Settings{"system": {"language": l}} }

// downTransport is a return channel that is down until up is set.
type downTransport struct {
	up chan struct{}
	rt http.RoundTripper
}

func (d *downTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	select {
	case <-d.up:
		return d.rt.RoundTrip(r)
	default:
		return nil, errors.New("network is unreachable")
	}
}

func globLua(fsys fs.FS) ([]string, error) {
	var out []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".lua" {
			out = append(out, p)
		}
		return err
	})
	return out, err
}
