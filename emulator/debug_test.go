package emulator

import (
	"bytes"
	"errors"
	"image"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/golden"
	"github.com/antena-tv/antena/runtime/app"
	"github.com/antena-tv/antena/runtime/gfx"
)

// The overlay drawn from a fixed DebugInfo: the golden shows its layout.
func TestDebugOverlayGolden(t *testing.T) {
	s, err := gfx.NewSurface(660, 688)
	require.NoError(t, err)
	info := DebugInfo{
		FPS: 60, PresentedFPS: 12.5, LastFrame: 1800 * time.Microsecond,
		HeapAlloc: 12 << 20, Sys: 40 << 20, NumGC: 7, Goroutines: 23,
		Elapsed: 75250 * time.Millisecond, Stream: 74 * time.Second,
		Apps: []app.Info{
			{ID: app.ID{OrganisationID: 0x10, ApplicationID: 1}, Name: "Quiz", State: app.StateRunning, Runs: 1,
				Focused: true, Source: app.SourceCarousel},
			{ID: app.ID{OrganisationID: 0x10, ApplicationID: 2}, Name: "Weather", State: app.StateFailed, Runs: 1,
				Source: app.SourceCarousel, Err: errors.New("main.lua:12: attempt to index a nil value (global 'x')")},
			{ID: app.ID{OrganisationID: 0x10, ApplicationID: 3}, Name: "News", State: app.StateLoading,
				Source: app.SourceCarousel},
		},
		Loading: []Loading{
			{App: "Quiz", Progress: app.Progress{EntryPresent: true, Complete: true, Modules: 3, ModulesComplete: 3,
				Bytes: 48 << 10, BytesReceived: 48 << 10}},
			{App: "News", Progress: app.Progress{Modules: 5, ModulesComplete: 2, Bytes: 200 << 10,
				BytesReceived: 70 << 10}},
		},
		Events: []string{
			"00:01.000 app Quiz signalled", "00:01.200 app Quiz loading: modules 3/3", "00:01.300 app Quiz started",
			"00:02.000 key press CURSOR_DOWN", "00:02.100 key release CURSOR_DOWN",
			"00:03.000 alert start isdb 1: Alerta de emergência", "00:04.000 app Weather failed: main.lua:12: attempt to index a nil value",
			"00:75.000 key press ENTER",
		},
		Log: []string{"INFO app started app=Quiz", "print [Quiz] score 10", "WARN app stopped app=Weather err=main.lua:12",
			"print [Quiz] a very long line that goes on and on and on and on and on and on and on and on and on and on"},
	}
	DrawDebug(s, info)
	golden.Check(t, "debug-overlay", s.Image())
}

const printApp = `print('hello from the app')
event.register(function(e)
  if e.class == 'key' and e.type == 'press' then print('key ' .. e.key) end
end)
`

// The machine records events and log lines; SetDebug shows the overlay over the picture
// on the alert plane (the app's layer is untouched) and hides it again.
func TestDebugOverlayMachine(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lua"), []byte(printApp), 0o644))
	var term bytes.Buffer
	m := newMachine(t, Options{Logger: slog.New(slog.NewTextHandler(&term, nil))})
	require.NoError(t, m.Load(dir))
	require.NoError(t, m.Step(Tick))
	require.NoError(t, m.Press("ENTER"))
	require.NoError(t, m.Step(Tick))

	// The log still reaches the terminal, and its lines are kept.
	require.Contains(t, term.String(), "hello from the app")
	logs := strings.Join(m.LogLines(50), "\n")
	require.Contains(t, logs, "print ["+filepath.Base(dir)+"] hello from the app")
	require.Contains(t, logs, "print ["+filepath.Base(dir)+"] key ENTER")
	ev := strings.Join(m.Events(), "\n")
	require.Contains(t, ev, "app "+filepath.Base(dir)+" started")
	require.Contains(t, ev, "key press ENTER")
	require.Contains(t, ev, "key release ENTER")

	before := m.Screenshot()
	require.False(t, m.Debug())
	require.True(t, m.ToggleDebug())
	require.NoError(t, m.Step(Tick))
	on := m.Screenshot()
	p := image.Pt(40, 40) // inside the overlay's panel
	require.NotEqual(t, before.RGBAAt(p.X, p.Y), on.RGBAAt(p.X, p.Y))
	require.Equal(t, before.RGBAAt(1000, 600), on.RGBAAt(1000, 600), "outside the panel")
	info := m.DebugInfo()
	require.Len(t, info.Apps, 1)
	require.Equal(t, app.StateRunning, info.Apps[0].State)
	require.NotZero(t, info.HeapAlloc)
	require.Equal(t, m.Elapsed(), info.Elapsed)

	require.False(t, m.ToggleDebug())
	require.NoError(t, m.Step(Tick))
	require.Equal(t, before.RGBAAt(p.X, p.Y), m.Screenshot().RGBAAt(p.X, p.Y))
}

// The frame rate is measured over a second of real time; memory is sampled at most once
// a second.
func TestDebugSampling(t *testing.T) {
	m := newMachine(t, Options{})
	now := time.Unix(1000, 0)
	m.dbg.realNow = func() time.Time { return now }
	info := m.DebugInfo()
	require.Less(t, info.FPS, 0.0, "not measured yet")
	gc := m.dbg.mem.NumGC
	for range 30 {
		require.NoError(t, m.Step(Tick))
	}
	now = now.Add(500 * time.Millisecond)
	require.Less(t, m.DebugInfo().FPS, 0.0)
	now = now.Add(500 * time.Millisecond)
	info = m.DebugInfo()
	require.InDelta(t, 30, info.FPS, 0.01)
	_ = gc
	at := m.dbg.memAt
	now = now.Add(300 * time.Millisecond)
	m.DebugInfo()
	require.Equal(t, at, m.dbg.memAt, "sampled again within a second")
	now = now.Add(time.Second)
	m.DebugInfo()
	require.Equal(t, now, m.dbg.memAt)
}

func TestEventRingKeepsTheLast(t *testing.T) {
	m := newMachine(t, Options{})
	for i := range 20 {
		m.dbg.event("e%d", i)
	}
	ev := m.Events()
	require.Len(t, ev, DebugEvents)
	require.True(t, strings.HasSuffix(ev[0], "e12"), ev[0])
	require.True(t, strings.HasSuffix(ev[len(ev)-1], "e19"))
}

func TestScreenshotIn(t *testing.T) {
	require.Equal(t, "antena-20250102-030405.png", ScreenshotName(time.Date(2025, 1, 2, 3, 4, 5, 0, time.Local)))
	m := newMachine(t, Options{})
	require.NoError(t, m.Step(Tick))
	dir := t.TempDir()
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.Local)
	p1, err := m.SaveScreenshotIn(dir, at)
	require.NoError(t, err)
	require.Equal(t, filepath.Join(dir, "antena-20250102-030405.png"), p1)
	p2, err := m.SaveScreenshotIn(dir, at)
	require.NoError(t, err)
	require.Equal(t, filepath.Join(dir, "antena-20250102-030405-2.png"), p2)
	for _, p := range []string{p1, p2} {
		st, err := os.Stat(p)
		require.NoError(t, err)
		require.NotZero(t, st.Size())
	}
}
