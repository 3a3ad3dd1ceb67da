package player

import (
	"bytes"
	"image"
	"image/color"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/runtime/gfx"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
)

// harness runs a document headless on a virtual clock, composed on a
// screen compositor whose video plane is a plain dark grey.
type harness struct {
	t      testing.TB
	clock  *rlua.VirtualClock
	screen *gfx.Compositor
	layer  *gfx.Layer
	p      *Player

	mu         sync.Mutex
	unconsumed []string
	posted     []nclua.Event
	exited     bool
	logs       *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type harnessOption func(*Options)

func newHarness(t testing.TB, fsys fs.FS, main string, opts ...harnessOption) *harness {
	t.Helper()
	h := &harness{t: t, clock: rlua.NewVirtualClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)), logs: &syncBuffer{}}
	var err error
	h.screen, err = gfx.NewCompositor(1280, 720)
	require.NoError(t, err)
	h.screen.SetVideoColor(color.NRGBA{30, 30, 30, 255})
	h.layer, err = h.screen.NewLayer(gfx.PlaneApps, image.Rect(0, 0, 1280, 720))
	require.NoError(t, err)
	o := Options{
		Name: "test", FS: fsys, Main: main, Width: 1280, Height: 720, Layer: h.layer, Screen: h.screen,
		Lua: nclua.Options{
			Clock:  h.clock,
			Logger: slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
			OnPost: func(e nclua.Event) {
				h.mu.Lock()
				h.posted = append(h.posted, e)
				h.mu.Unlock()
			},
		},
		OnUnconsumed: func(typ, key string) {
			h.mu.Lock()
			h.unconsumed = append(h.unconsumed, typ+" "+key)
			h.mu.Unlock()
		},
		OnExit: func() {
			h.mu.Lock()
			h.exited = true
			h.mu.Unlock()
		},
	}
	for _, f := range opts {
		f(&o)
	}
	h.p, err = New(o)
	require.NoError(t, err)
	t.Cleanup(func() {
		h.p.Stop()
		<-h.p.Done()
	})
	require.NoError(t, h.p.Start())
	h.sync()
	return h
}

func dirFS(dir string) fs.FS { return os.DirFS(dir) }

func (h *harness) sync() {
	h.t.Helper()
	require.NoError(h.t, h.p.Sync())
}

// advance moves the clock by d in frame steps, syncing after each.
func (h *harness) advance(d time.Duration) {
	h.t.Helper()
	for d > 0 {
		step := min(d, frameStep)
		h.clock.Advance(step)
		h.sync()
		d -= step
	}
}

// key presses and releases a key.
func (h *harness) key(k string) {
	h.t.Helper()
	require.NoError(h.t, h.p.Send(nclua.KeyEvent("press", k)))
	h.sync()
	require.NoError(h.t, h.p.Send(nclua.KeyEvent("release", k)))
	h.sync()
}

// frame composes the screen and returns a copy.
func (h *harness) frame() *image.RGBA {
	h.t.Helper()
	h.sync()
	_ = h.p.Frame()
	h.screen.Compose()
	src := h.screen.Frame()
	cp := image.NewRGBA(src.Rect)
	copy(cp.Pix, src.Pix)
	return cp
}

// state returns the presentation state of a node's event.
func (h *harness) state(id, iface string) string {
	h.t.Helper()
	ch := make(chan string, 1)
	require.NoError(h.t, h.p.post(func() {
		o := h.p.object(id)
		if o == nil {
			ch <- "no such node"
			return
		}
		ch <- o.event("presentation", iface).state.String()
	}))
	return <-ch
}

// prop returns a node's property.
func (h *harness) prop(id, name string) string {
	h.t.Helper()
	ch := make(chan string, 1)
	require.NoError(h.t, h.p.post(func() {
		o := h.p.object(id)
		switch {
		case o == nil:
			ch <- ""
		case o == h.p.set.obj:
			v, _ := h.p.set.get(name)
			ch <- v
		default:
			ch <- o.props[name]
		}
	}))
	return <-ch
}

// focused returns the id of the focused media.
func (h *harness) focused() string {
	ch := make(chan string, 1)
	require.NoError(h.t, h.p.post(func() {
		if h.p.focus.cur == nil {
			ch <- ""
			return
		}
		ch <- h.p.focus.cur.id
	}))
	return <-ch
}

func (h *harness) unconsumedKeys() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.unconsumed...)
}

func (h *harness) hasExited() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.exited
}

func (h *harness) logHas(s string) bool { return strings.Contains(h.logs.String(), s) }

// pixel returns the screen's pixel at (x, y).
func pixel(img *image.RGBA, x, y int) color.RGBA { return img.RGBAAt(x, y) }
