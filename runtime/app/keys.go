package app

import (
	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/runtime/nclua"
)

// Box is the receiver's side of key routing. It gets the keys no app
// took: every key while no app has the focus, and the keys the focused
// app did not consume (no handler of its returned true: NCLua's rule, so
// CHANNEL_UP still changes channel under an app that ignores it). Presses
// and releases arrive in order and paired: the box never gets a release
// whose press it did not get, and gets the release of every press it got.
// Key is called on the manager's goroutine and must not block.
type Box interface {
	Key(hardware.KeyEvent)
}

// BoxFunc adapts a function to Box.
type BoxFunc func(hardware.KeyEvent)

// Key calls f.
func (f BoxFunc) Key(ev hardware.KeyEvent) { f(ev) }

// sentKey is a key sent to an app whose fate (consumed or not) is not
// known yet.
type sentKey struct {
	typ, key string
	ev       hardware.KeyEvent
}

// maxSentKeys bounds the keys a run remembers; an app that consumes keys
// forever leaves them here until they are pushed out.
const maxSentKeys = 256

// keyRouter is the manager's key state. Manager goroutine only.
type keyRouter struct {
	owner   map[hardware.Key]*run // who got the last press of a key held down (nil: the box)
	boxDown map[hardware.Key]bool // the box got a press and not its release
}

func (k *keyRouter) init() {
	k.owner = map[hardware.Key]*run{}
	k.boxDown = map[hardware.Key]bool{}
}

// forget drops what the router keeps of a run that ended. A key it held
// down now belongs to nobody: its release goes to the box if the box had
// its press.
func (k *keyRouter) forget(r *run) {
	r.sent = nil
}

func alive(r *run) bool { return r != nil && !r.ended && r.reason == nil }

// routeKey sends a key to the focused app, or to the box. Manager
// goroutine.
func (m *Manager) routeKey(ev hardware.KeyEvent) {
	if !ev.Key.Valid() {
		return
	}
	if ev.Pressed {
		if r := m.focus; alive(r) && m.sendKey(r, "press", ev) {
			m.keys.owner[ev.Key] = r
			return
		}
		m.keys.owner[ev.Key] = nil
		m.toBox(ev)
		return
	}
	r, ok := m.keys.owner[ev.Key]
	delete(m.keys.owner, ev.Key)
	if !ok || !alive(r) {
		m.toBox(ev)
		return
	}
	if m.keys.boxDown[ev.Key] && !pendingKey(r, ev.Key) {
		// The app passed the press on, and has answered for every key of that name the
		// manager sent it: the box has the key. (With a repeat still pending, the release
		// goes through the app like the rest, so the box sees them in order.)
		m.toBox(ev)
	}
	m.sendKey(r, "release", ev)
}

// pendingKey reports whether app r has been sent a key of that name it has not answered
// for yet.
func pendingKey(r *run, k hardware.Key) bool {
	for _, s := range r.sent {
		if s.ev.Key == k {
			return true
		}
	}
	return false
}

// sendKey delivers a key to an app and remembers it.
func (m *Manager) sendKey(r *run, typ string, ev hardware.KeyEvent) bool {
	name := ev.Key.String()
	if err := r.app.Send(nclua.KeyEvent(typ, name)); err != nil {
		return false
	}
	if len(r.sent) >= maxSentKeys {
		r.sent = r.sent[1:]
	}
	r.sent = append(r.sent, sentKey{typ: typ, key: name, ev: ev})
	return true
}

// unconsumedFunc returns what the app's key hook calls, on the app's
// goroutine, for a key no handler consumed.
func (m *Manager) unconsumedFunc(r *run) func(typ, key string) {
	return func(typ, key string) {
		m.post(func() { m.unconsumed(r, typ, key) })
	}
}

// unconsumed passes on to the box a key the app did not consume. Only
// keys the manager sent count: a key event the app posted to itself
// matches nothing (or an older real key of the same name), so an app
// cannot make the box act on keys the viewer did not press. The keys sent
// before it were consumed (an app dispatches in order).
func (m *Manager) unconsumed(r *run, typ, key string) {
	i := -1
	for j, s := range r.sent {
		if s.typ == typ && s.key == key {
			i = j
			break
		}
	}
	if i < 0 {
		return
	}
	consumed := r.sent[:i]
	ev := r.sent[i].ev
	r.sent = r.sent[i+1:]
	for _, s := range consumed {
		m.settle(r, s.ev.Key)
	}
	m.toBox(ev)
	if ev.Pressed {
		m.settle(r, ev.Key)
	}
}

// settle gives the box the release of a key it holds when that release
// went to app r before r passed the press on: when the next key of that
// name still pending in r is a release, or when none is pending and r no
// longer holds the key. (A pending press of that name decides later.)
func (m *Manager) settle(r *run, k hardware.Key) {
	if !m.keys.boxDown[k] {
		return
	}
	for _, s := range r.sent {
		if s.ev.Key != k {
			continue
		}
		if s.ev.Pressed {
			return
		}
		m.toBox(hardware.KeyEvent{Key: k, Time: m.clock.Now()})
		return
	}
	if o, held := m.keys.owner[k]; held && o == r {
		return // its release is still to come, and goes to the box
	}
	m.toBox(hardware.KeyEvent{Key: k, Time: m.clock.Now()})
}

// toBox delivers a key to the box, keeping presses and releases paired.
func (m *Manager) toBox(ev hardware.KeyEvent) {
	if ev.Pressed {
		m.keys.boxDown[ev.Key] = true
	} else {
		if !m.keys.boxDown[ev.Key] {
			return
		}
		delete(m.keys.boxDown, ev.Key)
	}
	if m.opts.Box != nil {
		m.opts.Box.Key(ev)
	}
}
