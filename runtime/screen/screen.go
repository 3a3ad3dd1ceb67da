// Package screen paces the box's frames: at the display's rate it composes the planes and
// hands the display only the rectangles that changed, so an unchanged frame costs a lock
// and a check, and a small change a small copy. It is the one goroutine that calls
// Compose and Present.
package screen

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/runtime/gfx"
)

// DefaultInterval is the frame period when none is given: 60 frames a second.
const DefaultInterval = time.Second / 60

// Screen joins a compositor to a display.
type Screen struct {
	C *gfx.Compositor
	D hardware.Display
	// BeforeFrame, when set, runs at the start of each frame with the frame's time: the
	// place for animations driven by the clock (an alert crawl, a debug overlay).
	BeforeFrame func(now time.Time)

	frames, presented atomic.Int64
	last              atomic.Int64 // CPU time of the latest presented frame, ns
}

// ErrSize says that the compositor and the display disagree on the frame size.
var ErrSize = errors.New("screen: compositor and display sizes differ")

// New checks that the sizes match and returns a Screen.
func New(c *gfx.Compositor, d hardware.Display) (*Screen, error) {
	cw, ch := c.Size()
	dw, dh := d.Size()
	if cw != dw || ch != dh {
		return nil, fmt.Errorf("%w: compositor %dx%d, display %dx%d", ErrSize, cw, ch, dw, dh)
	}
	return &Screen{C: c, D: d}, nil
}

// Frame composes one frame at time now and presents it when anything changed. It returns
// whether the display was given a frame.
func (s *Screen) Frame(now time.Time) (bool, error) {
	start := time.Now()
	s.frames.Add(1)
	if s.BeforeFrame != nil {
		s.BeforeFrame(now)
	}
	dirty := s.C.Compose()
	if len(dirty) == 0 {
		return false, nil
	}
	if err := s.D.Present(s.C.Frame(), dirty); err != nil {
		return false, err
	}
	s.presented.Add(1)
	s.last.Store(int64(time.Since(start)))
	return true, nil
}

// Run calls Frame at every tick until ctx is done or the display fails. Ticks come from the
// caller (a time.Ticker at the display's rate on a box, a virtual clock in tests), so the
// pace is the display's and nothing here sleeps.
func (s *Screen) Run(ctx context.Context, ticks <-chan time.Time) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case now, ok := <-ticks:
			if !ok {
				return nil
			}
			if _, err := s.Frame(now); err != nil {
				return err
			}
		}
	}
}

// Stats are the screen's counters.
type Stats struct {
	Frames    int64         // frames composed
	Presented int64         // frames that changed and were handed to the display
	LastFrame time.Duration // time to compose and present the latest presented frame
}

// Stats returns the counters; safe from any goroutine.
func (s *Screen) Stats() Stats {
	return Stats{Frames: s.frames.Load(), Presented: s.presented.Load(), LastFrame: time.Duration(s.last.Load())}
}
