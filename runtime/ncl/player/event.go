package player

import (
	"context"
	"log/slog"

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

// trace logs a transition at debug level.
func (p *Player) trace(ev *event, tr ncl.TransitionType, key string) {
	if !p.log.Enabled(context.Background(), slog.LevelDebug) {
		return
	}
	p.log.Debug("ncl event", "node", ev.key.obj.id, "type", ev.key.typ, "iface", ev.key.iface,
		"transition", tr, "key", key)
}
