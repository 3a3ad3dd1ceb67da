package emulator

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"log/slog"
	goruntime "runtime"
	"strings"
	"sync"
	"time"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/runtime/alert"
	"github.com/antena-tv/antena/runtime/app"
	"github.com/antena-tv/antena/runtime/gfx"
)

// The debug overlay (F12 in the window; Machine.SetDebug) is a layer on the alert plane,
// above everything the box draws and never in an app's layer: the frame rate, Go's
// memory, the apps' states, carousel progress, the last events and the last lines of the
// log. While it is shown it is redrawn at most every DebugRedraw of real time; memory is
// sampled at most once a second (runtime.ReadMemStats stops the world).

// Sizes of the debug overlay's history.
const (
	DebugEvents   = 8   // the last events shown
	DebugLogLines = 200 // log lines kept (the overlay shows the last that fit)
	DebugRedraw   = 250 * time.Millisecond
	debugZ        = 1 << 20 // above the alert plane's layers
)

// DebugInfo is what the overlay shows.
type DebugInfo struct {
	FPS, PresentedFPS float64       // frames composed and presented a second (real time); <0 not measured yet
	LastFrame         time.Duration // time to compose and present the latest frame
	HeapAlloc, Sys    uint64        // Go memory, bytes
	NumGC             uint32
	Goroutines        int
	Elapsed, Stream   time.Duration // virtual time, stream time
	Apps              []app.Info
	Loading           []Loading
	Events            []string // oldest first
	Log               []string // oldest first
}

// Loading is the last known progress of an app's files.
type Loading struct {
	App string
	app.Progress
}

// ring keeps the last n strings.
type ring struct {
	n     int
	lines []string
}

func (r *ring) add(s string) {
	r.lines = append(r.lines, s)
	if len(r.lines) > r.n {
		r.lines = append(r.lines[:0], r.lines[len(r.lines)-r.n:]...)
	}
}

func (r *ring) last(n int) []string {
	return append([]string(nil), r.lines[max(len(r.lines)-n, 0):]...)
}

// debug is the overlay's state. The event and log rings are fed from the app manager's,
// the alert manager's and the apps' goroutines.
type debug struct {
	mu       sync.Mutex
	events   ring
	log      ring
	loading  map[app.ID]*Loading
	order    []app.ID
	since    func() time.Duration // virtual time, safe from any goroutine
	changed  bool
	visible  bool
	layer    *gfx.Layer
	realNow  func() time.Time
	drawn    time.Time
	rateAt   time.Time
	rateN    [2]int64 // frames, presented at rateAt
	fps, pps float64
	memAt    time.Time
	mem      goruntime.MemStats
}

func newDebug(since func() time.Duration) *debug {
	return &debug{events: ring{n: DebugEvents}, log: ring{n: DebugLogLines}, loading: map[app.ID]*Loading{},
		since: since, realNow: time.Now, fps: -1, pps: -1}
}

func (d *debug) event(format string, a ...any) {
	t := d.since()
	line := clockString(t) + " " + fmt.Sprintf(format, a...)
	d.mu.Lock()
	d.events.add(line)
	d.changed = true
	d.mu.Unlock()
}

func (d *debug) appEvent(e app.Event) {
	if e.Kind == app.EventLoading && (e.Progress.Modules > 0 || e.Progress.Bytes > 0) { // a carousel
		d.mu.Lock()
		l, ok := d.loading[e.App.ID]
		if !ok {
			l = &Loading{}
			d.loading[e.App.ID] = l
			d.order = append(d.order, e.App.ID)
		}
		l.App, l.Progress = e.App.Label(), e.Progress
		d.mu.Unlock()
	}
	switch e.Kind {
	case app.EventStopped, app.EventFailed:
		if e.Err != nil {
			d.event("app %s %s: %v", e.App.Label(), e.Kind, e.Err)
			return
		}
	case app.EventFocus:
		if e.App.ID == (app.ID{}) {
			d.event("no app has the focus")
			return
		}
	case app.EventLoading:
		if p := e.Progress; p.Modules > 0 {
			d.event("app %s loading: modules %d/%d", e.App.Label(), p.ModulesComplete, p.Modules)
			return
		}
	}
	d.event("app %s %s", e.App.Label(), e.Kind)
}

func (d *debug) alert(e alert.AppEvent) {
	msg := e.Message
	if msg == "" {
		msg = e.Text
	}
	line := fmt.Sprintf("alert %s %s %d", e.Action, e.System, e.ID)
	if msg != "" {
		line += ": " + msg
	}
	if e.Reason != "" {
		line += " (" + e.Reason + ")"
	}
	d.event("%s", line)
}

func (d *debug) key(ev hardware.KeyEvent) { d.event("key %s", ev) }

func (d *debug) logLine(s string) {
	d.mu.Lock()
	d.log.add(s)
	d.changed = true
	d.mu.Unlock()
}

// Events returns the last events (app events, alerts, keys), oldest first.
func (m *Machine) Events() []string {
	m.dbg.mu.Lock()
	defer m.dbg.mu.Unlock()
	return m.dbg.events.last(DebugEvents)
}

// LogLines returns the last n lines of the log (the box's and the apps' print output),
// oldest first.
func (m *Machine) LogLines(n int) []string {
	m.dbg.mu.Lock()
	defer m.dbg.mu.Unlock()
	return m.dbg.log.last(n)
}

// Key gives the box a remote-control key event at the virtual clock's time (the event's
// Time is replaced), and records it for the debug overlay.
func (m *Machine) Key(ev hardware.KeyEvent) {
	ev.Time = m.clock.Now()
	m.dbg.key(ev)
	m.rx.Key(ev)
}

// Debug reports whether the debug overlay is shown.
func (m *Machine) Debug() bool {
	m.dbg.mu.Lock()
	defer m.dbg.mu.Unlock()
	return m.dbg.visible
}

// SetDebug shows or hides the debug overlay; it is drawn by the next Step.
func (m *Machine) SetDebug(on bool) {
	d := m.dbg
	d.mu.Lock()
	d.visible, d.changed = on, true
	d.drawn = time.Time{}
	d.mu.Unlock()
	if !on {
		d.layer.SetVisible(false)
	}
}

// ToggleDebug shows the debug overlay if it was hidden, else hides it, and reports
// whether it is now shown.
func (m *Machine) ToggleDebug() bool {
	on := !m.Debug()
	m.SetDebug(on)
	return on
}

// DebugInfo samples what the overlay shows now.
func (m *Machine) DebugInfo() DebugInfo {
	d := m.dbg
	now := d.realNow()
	st := m.rx.Screen().Stats()
	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case d.rateAt.IsZero():
		d.rateAt, d.rateN = now, [2]int64{st.Frames, st.Presented}
	case now.Sub(d.rateAt) >= time.Second:
		dt := now.Sub(d.rateAt).Seconds()
		d.fps = float64(st.Frames-d.rateN[0]) / dt
		d.pps = float64(st.Presented-d.rateN[1]) / dt
		d.rateAt, d.rateN = now, [2]int64{st.Frames, st.Presented}
	}
	if d.memAt.IsZero() || now.Sub(d.memAt) >= time.Second {
		goruntime.ReadMemStats(&d.mem)
		d.memAt = now
	}
	info := DebugInfo{FPS: d.fps, PresentedFPS: d.pps, LastFrame: st.LastFrame,
		HeapAlloc: d.mem.HeapAlloc, Sys: d.mem.Sys, NumGC: d.mem.NumGC, Goroutines: goruntime.NumGoroutine(),
		Elapsed: m.elapsed, Stream: m.StreamTime(), Apps: m.Apps(),
		Events: d.events.last(DebugEvents), Log: d.log.last(DebugLogLines)}
	for _, id := range d.order {
		info.Loading = append(info.Loading, *d.loading[id])
	}
	return info
}

// renderDebug redraws the overlay if it is shown and due; Step calls it before each frame.
func (m *Machine) renderDebug() {
	d := m.dbg
	d.mu.Lock()
	due := d.visible && (d.drawn.IsZero() || d.realNow().Sub(d.drawn) >= DebugRedraw)
	d.mu.Unlock()
	if !due {
		return
	}
	info := m.DebugInfo()
	d.layer.Update(func(s *gfx.Surface) { DrawDebug(s, info) })
	d.layer.SetVisible(true)
	d.mu.Lock()
	d.drawn, d.changed = d.realNow(), false
	d.mu.Unlock()
}

// newDebugLayer makes the overlay's hidden layer: a panel at the frame's top left.
func newDebugLayer(c *gfx.Compositor) (*gfx.Layer, error) {
	w, h := c.Size()
	u := func(v int) int { return v * h / 720 }
	l, err := c.NewLayer(gfx.PlaneAlert, image.Rect(u(16), u(16), min(u(16)+u(660), w), h-u(16)))
	if err != nil {
		return nil, err
	}
	l.SetZ(debugZ)
	l.SetVisible(false)
	return l, nil
}

var (
	dbgPanel = color.NRGBA{R: 8, G: 10, B: 16, A: 215}
	dbgText  = color.NRGBA{R: 235, G: 235, B: 235, A: 255}
	dbgHead  = color.NRGBA{R: 255, G: 204, B: 0, A: 255}
	dbgDim   = color.NRGBA{R: 150, G: 160, B: 180, A: 255}
	dbgGood  = color.NRGBA{R: 110, G: 220, B: 120, A: 255}
	dbgBad   = color.NRGBA{R: 255, G: 110, B: 100, A: 255}
	dbgBar   = color.NRGBA{R: 60, G: 160, B: 255, A: 255}
)

func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func clockString(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d.%03d", ms/60000, ms/1000%60, ms%1000)
}

// DrawDebug draws the overlay for info on s (cleared first): a translucent panel with
// monospaced lines, cut to its width.
func DrawDebug(s *gfx.Surface, info DebugInfo) {
	s.ClearAll()
	w, h := s.Size()
	u := func(v int) int { return v * h / 688 }
	s.SetColor(dbgPanel)
	s.DrawRoundRect(gfx.Fill, 0, 0, float64(w), float64(h), float64(u(10)))
	size := max(u(14), 6)
	_ = s.SetFont(gfx.Font{Face: "mono", Size: size})
	_, _, lh := s.FontMetrics()
	cw, _ := s.MeasureText("M")
	cols := max((w-2*u(14))/max(cw, 1), 8)
	x, y := u(14), u(10)
	line := func(c color.NRGBA, text string) bool {
		if y+lh > h-u(8) {
			return false
		}
		if r := []rune(text); len(r) > cols {
			text = string(r[:cols-1]) + "…"
		}
		s.SetColor(c)
		s.DrawText(gfx.Fill, x, y, text)
		y += lh
		return true
	}
	head := func(text string) {
		y += lh / 3
		_ = s.SetFont(gfx.Font{Face: "mono", Size: size, Style: gfx.StyleBold})
		line(dbgHead, text)
		_ = s.SetFont(gfx.Font{Face: "mono", Size: size})
	}
	rate := func(f float64) string {
		if f < 0 {
			return "–"
		}
		return fmt.Sprintf("%.1f", f)
	}
	_ = s.SetFont(gfx.Font{Face: "mono", Size: size, Style: gfx.StyleBold})
	line(dbgHead, "DEBUG  (F12 hides)")
	_ = s.SetFont(gfx.Font{Face: "mono", Size: size})
	line(dbgText, fmt.Sprintf("fps %s  presented %s/s  frame %.1f ms", rate(info.FPS), rate(info.PresentedFPS),
		float64(info.LastFrame.Microseconds())/1000))
	line(dbgText, fmt.Sprintf("Go heap %s  sys %s  GC %d  goroutines %d", mib(info.HeapAlloc), mib(info.Sys),
		info.NumGC, info.Goroutines))
	line(dbgText, fmt.Sprintf("virtual time %s  stream %s", clockString(info.Elapsed), clockString(info.Stream)))

	head("Apps")
	if len(info.Apps) == 0 {
		line(dbgDim, "(none)")
	}
	for _, a := range info.Apps {
		c := dbgText
		switch a.State {
		case app.StateRunning:
			c = dbgGood
		case app.StateFailed:
			c = dbgBad
		case app.StateLoading, app.StateSignalled:
			c = dbgDim
		}
		t := fmt.Sprintf("%-16s %-9s runs %d", a.Label(), a.State, a.Runs)
		if a.Focused {
			t += "  focus"
		}
		if a.Source != app.SourceNone {
			t += "  " + a.Source.String()
		}
		line(c, t)
		if a.Err != nil && (a.State == app.StateFailed || a.State == app.StateStopped) {
			line(dbgBad, "  "+oneLine(a.Err.Error()))
		}
	}
	if len(info.Loading) > 0 {
		head("Carousel")
		for _, l := range info.Loading {
			entry := "no"
			if l.EntryPresent {
				entry = "yes"
			}
			t := fmt.Sprintf("%-16s modules %d/%d  %d/%d KiB  entry %s", l.App, l.ModulesComplete, l.Modules,
				l.BytesReceived/1024, l.Bytes/1024, entry)
			if l.Complete {
				t += "  complete"
			}
			if line(dbgText, t) && l.Bytes > 0 {
				bw := w - 2*u(14)
				s.SetColor(dbgDim)
				s.DrawRect(gfx.Fill, float64(x), float64(y), float64(bw), float64(u(4)))
				s.SetColor(dbgBar)
				s.DrawRect(gfx.Fill, float64(x), float64(y), float64(bw)*float64(l.BytesReceived)/float64(l.Bytes), float64(u(4)))
				y += u(8)
			}
		}
	}
	head("Events")
	if len(info.Events) == 0 {
		line(dbgDim, "(none)")
	}
	for _, e := range info.Events {
		line(dbgText, oneLine(e))
	}
	head("Log")
	// The last lines that fit.
	n := max((h-u(8)-y-lh/3)/max(lh, 1)-1, 0)
	logs := info.Log[max(len(info.Log)-n, 0):]
	if len(logs) == 0 {
		line(dbgDim, "(empty)")
	}
	for _, l := range logs {
		c := dbgDim
		switch {
		case strings.HasPrefix(l, "ERROR"), strings.HasPrefix(l, "WARN"):
			c = dbgBad
		case strings.HasPrefix(l, "print"):
			c = dbgText
		}
		line(c, oneLine(l))
	}
}

// oneLine keeps text on one line.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\t", " ", "\r", " ").Replace(s)
}

// logTee is a slog.Handler that passes records on and keeps a line of each (Info and
// above) for the debug overlay.
type logTee struct {
	next   slog.Handler
	d      *debug
	attrs  []slog.Attr
	prefix string // group prefix of later attributes
}

func (h *logTee) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelInfo || h.next.Enabled(ctx, l)
}

func (h *logTee) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelInfo {
		h.d.logLine(h.format(r))
	}
	if h.next.Enabled(ctx, r.Level) {
		return h.next.Handle(ctx, r)
	}
	return nil
}

// format writes "print [App] text" for an app's print, else "LEVEL msg k=v …".
func (h *logTee) format(r slog.Record) string {
	attrs := append([]slog.Attr(nil), h.attrs...)
	r.Attrs(func(a slog.Attr) bool {
		a.Key = h.prefix + a.Key
		attrs = append(attrs, a)
		return true
	})
	if r.Message == "print" {
		var name, msg string
		for _, a := range attrs {
			switch a.Key {
			case "app":
				name = a.Value.String()
			case "msg":
				msg = a.Value.String()
			}
		}
		return fmt.Sprintf("print [%s] %s", name, msg)
	}
	var b strings.Builder
	b.WriteString(r.Level.String())
	b.WriteByte(' ')
	b.WriteString(r.Message)
	for _, a := range attrs {
		if a.Key == "id" {
			continue // the app's ID: its name is enough here
		}
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
	}
	return b.String()
}

func (h *logTee) WithAttrs(as []slog.Attr) slog.Handler {
	c := *h
	c.next = h.next.WithAttrs(as)
	c.attrs = append([]slog.Attr(nil), h.attrs...)
	for _, a := range as {
		a.Key = h.prefix + a.Key
		c.attrs = append(c.attrs, a)
	}
	return &c
}

func (h *logTee) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	c := *h
	c.next = h.next.WithGroup(name)
	c.prefix = h.prefix + name + "."
	return &c
}
