package emulator

import (
	"testing"
	"time"
)

// Time from the first packet of a stream to the app's first frame, in stream time, with
// the carousel cycle beside it (target: within one cycle plus 100 ms).
func BenchmarkFirstFrame(b *testing.B) {
	ts, sum := muxApp(b, "../apps/showcase", "Showcase", 3)
	var first time.Duration
	for b.Loop() {
		m := newMachine(b, Options{})
		loadBytes(b, m, ts)
		stepUntil(b, m, 3*sum.CycleTime+time.Second, func() bool {
			return running(m, "Showcase")() && m.Display().Frames() > 0
		})
		first = m.StreamTime()
		m.Close()
	}
	b.ReportMetric(float64(first.Microseconds())/1000, "ms-first-frame")
	b.ReportMetric(float64(sum.CycleTime.Microseconds())/1000, "ms-cycle")
}

// Frame time of the showcase app: idle (nothing changes), and animating (the focus moves
// every frame, so the app redraws and the frame is composed and presented).
func BenchmarkShowcaseFrame(b *testing.B) {
	for _, animate := range []bool{false, true} {
		name := "idle"
		if animate {
			name = "animating"
		}
		b.Run(name, func(b *testing.B) {
			m := newMachine(b, Options{})
			if err := m.Load("../apps/showcase"); err != nil {
				b.Fatal(err)
			}
			if err := m.Step(6 * time.Second); err != nil { // banners gone
				b.Fatal(err)
			}
			keys := []string{"CURSOR_DOWN", "CURSOR_UP"}
			i := 0
			for b.Loop() {
				if animate {
					if err := m.Press(keys[i%2]); err != nil {
						b.Fatal(err)
					}
					i++
				}
				if err := m.Step(Tick); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
