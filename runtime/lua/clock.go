package lua

import (
	"sync"
	"time"
)

// Clock is the time an app sees (event.uptime, event.timer, os.time,
// os.clock) and the time its timers run on. RealClock is the wall clock; a
// VirtualClock moves only when the emulator or a test advances it. The
// watchdog's deadline is always real time: it bounds CPU, not app time.
type Clock interface {
	Now() time.Time
	// NewTimer returns a one-shot timer that sends on C once the clock has
	// advanced by d.
	NewTimer(d time.Duration) Timer
}

// Timer is a Clock's one-shot timer.
type Timer interface {
	C() <-chan time.Time
	// Stop prevents the timer from firing; it reports whether it was active.
	Stop() bool
	// Reset re-arms the timer d from now.
	Reset(d time.Duration)
}

// RealClock is the wall clock.
type RealClock struct{}

// Now returns time.Now().
func (RealClock) Now() time.Time { return time.Now() }

// NewTimer wraps time.NewTimer.
func (RealClock) NewTimer(d time.Duration) Timer { return realTimer{time.NewTimer(d)} }

type realTimer struct{ t *time.Timer }

func (t realTimer) C() <-chan time.Time   { return t.t.C }
func (t realTimer) Stop() bool            { return t.t.Stop() }
func (t realTimer) Reset(d time.Duration) { t.t.Reset(d) }

// VirtualClock is a clock that moves only when told to. It is safe for
// concurrent use and may be shared by many VMs (the emulator drives every
// app from one clock).
type VirtualClock struct {
	mu     sync.Mutex
	now    time.Time
	timers map[*virtualTimer]struct{}
}

// NewVirtualClock returns a clock reading start.
func NewVirtualClock(start time.Time) *VirtualClock {
	return &VirtualClock{now: start, timers: map[*virtualTimer]struct{}{}}
}

// Now returns the clock's time.
func (c *VirtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d and fires the timers that are due.
// A VM woken this way runs its due timers on its own goroutine: call
// VM.Sync to wait for that.
func (c *VirtualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	now := c.now
	var due []*virtualTimer
	for t := range c.timers {
		if !t.when.After(now) {
			due = append(due, t)
			delete(c.timers, t)
		}
	}
	c.mu.Unlock()
	for _, t := range due {
		select {
		case t.c <- now:
		default:
		}
	}
}

// NewTimer returns a timer that fires when the clock reaches Now()+d.
func (c *VirtualClock) NewTimer(d time.Duration) Timer {
	t := &virtualTimer{clock: c, c: make(chan time.Time, 1)}
	t.Reset(d)
	return t
}

type virtualTimer struct {
	clock *VirtualClock
	when  time.Time
	c     chan time.Time
}

func (t *virtualTimer) C() <-chan time.Time { return t.c }

func (t *virtualTimer) Stop() bool {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	_, ok := t.clock.timers[t]
	delete(t.clock.timers, t)
	return ok
}

func (t *virtualTimer) Reset(d time.Duration) {
	c := t.clock
	c.mu.Lock()
	t.when = c.now.Add(d)
	fire := d <= 0
	if !fire {
		c.timers[t] = struct{}{}
	} else {
		delete(c.timers, t)
	}
	now := c.now
	c.mu.Unlock()
	if fire {
		select {
		case t.c <- now:
		default:
		}
	}
}
