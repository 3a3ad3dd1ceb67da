package linux

import (
	"fmt"
	"sync"
)

// PowerState is the box's power state.
type PowerState uint8

// Power states.
const (
	// PowerOn: the screen shows the receiver.
	PowerOn PowerState = iota
	// PowerStandby: the screen is blanked; the tuner, the demux and the alert
	// manager go on, so that an emergency warning can wake the box (that decision is
	// runtime/alert's).
	PowerStandby
)

func (s PowerState) String() string {
	if s == PowerStandby {
		return "standby"
	}
	return "on"
}

// Blanker is a display that can be turned off and on; FB is one.
type Blanker interface {
	Blank() error
	Unblank() error
}

// Power is the standby state. It only blanks and unblanks the display: everything
// else keeps running in standby. It is safe for concurrent use.
type Power struct {
	mu      sync.Mutex
	display Blanker
	state   PowerState
	// OnChange, when set before use, is called with each new state.
	OnChange func(PowerState)
}

// NewPower returns a Power, on, for a display (nil for one that cannot blank).
func NewPower(display Blanker) *Power { return &Power{display: display} }

// State returns the current state.
func (p *Power) State() PowerState {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state
}

// Standby blanks the display. It does nothing in standby.
func (p *Power) Standby() error { return p.set(PowerStandby) }

// Wake unblanks the display. It does nothing when on.
func (p *Power) Wake() error { return p.set(PowerOn) }

func (p *Power) set(s PowerState) error {
	p.mu.Lock()
	if p.state == s {
		p.mu.Unlock()
		return nil
	}
	if p.display != nil {
		var err error
		if s == PowerStandby {
			err = p.display.Blank()
		} else {
			err = p.display.Unblank()
		}
		if err != nil {
			p.mu.Unlock()
			return fmt.Errorf("linux: %s: %w", s, err)
		}
	}
	p.state = s
	p.mu.Unlock()
	if p.OnChange != nil {
		p.OnChange(s)
	}
	return nil
}
