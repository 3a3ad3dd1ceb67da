package player

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/antena-tv/antena/runtime/ncl"
)

// evState is the state of an NCL event state machine.
// Specification: ITU-T H.761, 7.2.7 (event state machine).
type evState uint8

const (
	sleeping evState = iota
	occurring
	paused
)

func (s evState) String() string {
	switch s {
	case occurring:
		return "occurring"
	case paused:
		return "paused"
	}
	return "sleeping"
}

// evKey names an event: its object, its type and the interface it is on
// ("" for the whole content; an area id; a property name for attribution).
type evKey struct {
	obj   *object
	typ   ncl.EventType
	iface string
}

// event is one event state machine.
type event struct {
	key         evKey
	state       evState
	occurrences int
	repetitions int
}

// event returns the event of o of that type on that interface, made on
// first use.
func (o *object) event(typ ncl.EventType, iface string) *event {
	if iface == "" && typ == ncl.EventPresentation {
		if o.main == nil {
			o.main = &event{key: evKey{o, typ, ""}}
			o.events[o.main.key] = o.main
		}
		return o.main // the hot one: every presented() and focusable()
	}
	k := evKey{o, typ, iface}
	if e := o.events[k]; e != nil {
		return e
	}
	e := &event{key: k}
	o.events[k] = e
	return e
}

// transition moves ev through tr and, when the state changed, triggers the
// links waiting for it. key is the remote key of a selection ("" for
// others). It reports whether the state changed.
func (p *Player) transition(ev *event, tr ncl.TransitionType, key string) bool {
	if p.vm.Stopped() || !p.budget() {
		return false
	}
	p.depth++
	defer func() { p.depth-- }()
	switch tr {
	case ncl.TransitionStarts:
		if ev.state != sleeping {
			return false
		}
		ev.state = occurring
	case ncl.TransitionStops, ncl.TransitionAborts:
		if ev.state == sleeping {
			return false
		}
		ev.state = sleeping
		if tr == ncl.TransitionStops {
			ev.occurrences++
		}
	case ncl.TransitionPauses:
		if ev.state != occurring {
			return false
		}
		ev.state = paused
	case ncl.TransitionResumes:
		if ev.state != paused {
			return false
		}
		ev.state = occurring
	default:
		return false
	}
	p.trace(ev, tr, key)
	p.fire(ev.key, tr, key)
	p.mirrorSwitchPort(ev, tr, key)
	return true
}

// Bounds of the work links may cause (see ErrRunaway).
const (
	maxBurst    = 20000
	burstWindow = 100 * time.Millisecond
	maxDepth    = 1000
)

// budget counts a transition and stops the document when its links run
// away: too many transitions in too little clock time (zero-delay loops
// through timers), or nested too deep (a loop within one action).
func (p *Player) budget() bool {
	now := p.vm.Now()
	if now.Sub(p.burstStart) > burstWindow {
		p.burstStart, p.burstN = now, 0
	}
	p.burstN++
	if p.burstN <= maxBurst && p.depth < maxDepth {
		return true
	}
	msg := fmt.Sprintf("%v: more than %d event transitions within %v of clock time, or nested %d deep",
		ErrRunaway, maxBurst, burstWindow, maxDepth)
	p.log.Error("ncl: " + msg)
	p.vm.Fail(ErrRunaway, msg)
	return false
}

// maxRestarts bounds how often one media may start within burstWindow:
// a restart costs a layer and a draw, so a loop of restarts is caught
// long before maxBurst transitions.
const maxRestarts = 100

// restartBudget counts a start of o (see maxRestarts).
func (p *Player) restartBudget(o *object) bool {
	now := p.vm.Now()
	if now.Sub(o.restartsFrom) > burstWindow {
		o.restartsFrom, o.restarts = now, 0
	}
	o.restarts++
	if o.restarts <= maxRestarts {
		return true
	}
	msg := fmt.Sprintf("%v: media %q started more than %d times within %v of clock time", ErrRunaway, o.id,
		maxRestarts, burstWindow)
	p.log.Error("ncl: " + msg)
	p.vm.Fail(ErrRunaway, msg)
	return false
}

// trace logs a transition at debug level.
func (p *Player) trace(ev *event, tr ncl.TransitionType, key string) {
	if !p.log.Enabled(context.Background(), slog.LevelDebug) {
		return
	}
	p.log.Debug("ncl event", "node", ev.key.obj.id, "type", ev.key.typ, "iface", ev.key.iface,
		"transition", tr, "key", key)
}
