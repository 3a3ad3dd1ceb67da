package alert

import (
	"image"
	"log/slog"
	"testing"
	"time"

	"github.com/antena-tv/antena/demux"
	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/ts"
	"github.com/antena-tv/antena/hardware/memory"
	"github.com/antena-tv/antena/runtime/gfx"
)

// benchBox is a Box that only counts, so that the benchmarks measure the Manager.
type benchBox struct {
	cur   Channel
	tunes int
}

func (b *benchBox) Standby() bool           { return false }
func (b *benchBox) SetStandby(bool)         {}
func (b *benchBox) Wake()                   {}
func (b *benchBox) CurrentChannel() Channel { return b.cur }
func (b *benchBox) Tune(ch Channel) error   { b.cur = ch; b.tunes++; return nil }
func (b *benchBox) PlayTone()               {}

// benchManager returns a Manager on a 1920×1080 compositor (nil: none) with a counting
// box, a discarding logger and a Notify that counts.
func benchManager(b *testing.B, withScreen bool, clock Clock) (*Manager, *gfx.Compositor, *int) {
	b.Helper()
	var comp *gfx.Compositor
	if withScreen {
		var err error
		if comp, err = gfx.NewCompositor(1920, 1080); err != nil {
			b.Fatal(err)
		}
		comp.SetVideoColor(colVideo)
		comp.Compose()
	}
	told := new(int)
	m, err := New(Options{Config: Config{Areas: []uint16{0x5A5}}, Box: &benchBox{cur: Channel{ServiceID: otherProg}},
		Clock: clock, Compositor: comp, Logger: slog.New(slog.DiscardHandler), Notify: func(AppEvent) { *told++ }})
	if err != nil {
		b.Fatal(err)
	}
	return m, comp, told
}

// BenchmarkHandleStartEnd measures Handle on the demux goroutine: one op is the Start of a
// first-kind warning for this box (match, raise, tune, tone, apps told, record) and its
// End (restore). ns/start is the Start alone.
func BenchmarkHandleStartEnd(b *testing.B) {
	m, _, told := benchManager(b, true, nil)
	start := isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program, 0x5A5, 0x15A)
	end := isdbEvent(dalert.KindEnd, dalert.SignalLevelFirstKind, program, 0x5A5, 0x15A)
	b.ReportAllocs()
	var inStart time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		m.Handle(info, start)
		inStart += time.Since(t0)
		m.Handle(info, end)
		n++
	}
	if *told != 2*n {
		b.Fatalf("apps told %d times for %d start/end pairs", *told, n)
	}
	b.ReportMetric(float64(inStart.Nanoseconds())/float64(n), "ns/start")
}

// BenchmarkHandleRepeat measures an Update with unchanged content (the idempotent path).
func BenchmarkHandleRepeat(b *testing.B) {
	m, _, _ := benchManager(b, true, nil)
	ev := isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program, 0x5A5)
	m.Handle(info, ev)
	ev.Kind = dalert.KindUpdate
	b.ReportAllocs()
	for b.Loop() {
		m.Handle(info, ev)
	}
}

// BenchmarkRenderPanel measures drawing the first-kind panel at 1080 lines (Render when
// the warning changed), without and with the Compose that puts it on the frame.
func BenchmarkRenderPanel(b *testing.B) {
	for _, compose := range []bool{false, true} {
		name := "render"
		if compose {
			name = "render+compose"
		}
		b.Run(name, func(b *testing.B) {
			m, comp, _ := benchManager(b, true, nil)
			m.Handle(info, isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program, 0x5A5))
			b.ReportAllocs()
			for b.Loop() {
				m.mu.Lock()
				m.version++ // force a redraw, as a new warning would
				m.mu.Unlock()
				if !m.Render(m.Now()) {
					b.Fatal("nothing drawn")
				}
				if compose {
					comp.Compose()
				}
			}
		})
	}
}

// BenchmarkRenderPanelOtherKind measures the worst case of a panel: a warning of the
// other kind than the last drawn, whose fixed part is redrawn whole (Render + Compose).
func BenchmarkRenderPanelOtherKind(b *testing.B) {
	m, comp, _ := benchManager(b, true, nil)
	ev := isdbEvent(dalert.KindStart, dalert.SignalLevelFirstKind, program, 0x5A5)
	m.Handle(info, ev)
	ev.Kind = dalert.KindUpdate
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ev.Alert.SignalLevel = dalert.SignalLevel(1 - i%2)
		m.Handle(info, ev)
		m.Render(m.Now())
		comp.Compose()
		i++
	}
}

// BenchmarkRenderCrawl measures one frame of a running SCTE-18 crawl at 1080 lines: the
// text moved by one 60 Hz frame, redrawn and composed.
func BenchmarkRenderCrawl(b *testing.B) {
	clock := &testClock{}
	m, comp, _ := benchManager(b, true, clock.now)
	ev := scteEvent(dalert.KindStart, 0x10, 7,
		"A flash flood warning is in effect for this area until 6 PM. Move to higher ground now.")
	ev.Alert.SecondsRemaining = 0 // no expiry: the benchmark may run for minutes of virtual time
	m.Handle(info, ev)
	m.Render(clock.now())
	comp.Compose()
	b.ReportAllocs()
	for b.Loop() {
		clock.advance(time.Second / 60)
		m.Render(clock.now())
		if len(comp.Compose()) == 0 {
			b.Fatal("the crawl did not move")
		}
	}
}

// BenchmarkWriteToCompose measures the whole emergency path at 1080 lines: the Write of
// the packet that completes a PMT section starting (or ending) a warning, the Demuxer's
// handler, Handle, Render and Compose, until the frame holds the overlay (or no longer
// does). Each op is one start or one end, alternately; ns/start and ns/end split them.
// The benchmark fails if a frame does not show what the packet decided.
func BenchmarkWriteToCompose(b *testing.B) {
	const versions = 32
	s := newStream()
	for range 4 {
		s.addPAT(b)
	}
	var pkts [][]byte
	for v := range versions {
		on := dalert.EmergencyInformation{ServiceID: program, StartEndFlag: v%2 == 0, AreaCodes: []uint16{0x5A5}}
		before := len(s.data)
		s.addPMT(b, uint8(v), "", on)
		pkts = append(pkts, s.data[before:])
	}
	clock := &testClock{}
	m, comp, _ := benchManager(b, true, clock.now)
	d := demux.New(demux.Handlers{Alert: m.Handle}, demux.Options{Clock: clock.now})
	w, h := comp.Size()
	display := memory.NewDisplay(w, h)
	_, _ = d.Write(s.data[:4*ts.PacketSize])
	m.Render(clock.now())
	_ = display.Present(comp.Frame(), comp.Compose())
	probe := m.r.panel.Bounds().Min.Add(image.Pt(2, 2)) // panel background, outside its frame line
	frame := comp.Frame()
	var took, shown [2]time.Duration
	var count [2]int
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		phase := i % 2 // 0: start, 1: end
		t0 := time.Now()
		_, _ = d.Write(pkts[i%versions])
		m.Render(clock.now())
		dirty := comp.Compose()
		took[phase] += time.Since(t0)
		_ = display.Present(comp.Frame(), dirty) // the frame handed to the display
		shown[phase] += time.Since(t0)
		count[phase]++
		if got := frame.RGBAAt(probe.X, probe.Y); (got.R == colFirstBG.R && got.G == colFirstBG.G) != (phase == 0) {
			b.Fatalf("write %d (%s): frame pixel %v", i, [2]string{"start", "end"}[phase], got)
		}
		i++
	}
	b.ReportMetric(float64(took[0].Nanoseconds())/float64(max(count[0], 1)), "ns/start")
	b.ReportMetric(float64(took[1].Nanoseconds())/float64(max(count[1], 1)), "ns/end")
	b.ReportMetric(float64(shown[0].Nanoseconds())/float64(max(count[0], 1)), "ns/start-presented")
	b.ReportMetric(float64(shown[1].Nanoseconds())/float64(max(count[1], 1)), "ns/end-presented")
}
