package memory

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/antena-tv/antena/hardware"
)

var _ hardware.Input = (*Input)(nil)

// Input is a scripted input: key events fed by the program (Send, Press,
// Script) come out of Events in the same order. Feeding never blocks: the
// events wait in an unbounded queue until they are read, so a test can
// queue a whole script before it starts the loop that reads them. It is
// safe for concurrent use.
type Input struct {
	mu     sync.Mutex
	queue  []hardware.KeyEvent
	wake   chan struct{}
	out    chan hardware.KeyEvent
	done   chan struct{}
	exited chan struct{}
	closed bool
	now    func() time.Time
}

// NewInput returns a scripted input that stamps events with clock (nil
// means time.Now; pass a virtual clock for deterministic runs).
func NewInput(clock func() time.Time) *Input {
	if clock == nil {
		clock = time.Now
	}
	in := &Input{
		wake:   make(chan struct{}, 1),
		out:    make(chan hardware.KeyEvent),
		done:   make(chan struct{}),
		exited: make(chan struct{}),
		now:    clock,
	}
	go in.pump()
	return in
}

// Events returns the channel of events; it is closed by Close.
func (in *Input) Events() <-chan hardware.KeyEvent { return in.out }

// Send queues events as they are; a zero Time is set from the clock.
func (in *Input) Send(evs ...hardware.KeyEvent) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.closed {
		return hardware.ErrClosed
	}
	for _, ev := range evs {
		if ev.Time.IsZero() {
			ev.Time = in.now()
		}
		in.queue = append(in.queue, ev)
	}
	select {
	case in.wake <- struct{}{}:
	default:
	}
	return nil
}

// Press queues a press and a release of each key, in order.
func (in *Input) Press(keys ...hardware.Key) error {
	evs := make([]hardware.KeyEvent, 0, 2*len(keys))
	for _, k := range keys {
		evs = append(evs, hardware.KeyEvent{Key: k, Pressed: true}, hardware.KeyEvent{Key: k})
	}
	return in.Send(evs...)
}

// Script queues the events of a script (see ParseScript). Nothing is queued
// if the script has an error.
func (in *Input) Script(script string) error {
	evs, err := ParseScript(script)
	if err != nil {
		return err
	}
	return in.Send(evs...)
}

// Pending returns how many events are queued and not yet read.
func (in *Input) Pending() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return len(in.queue)
}

// Close stops the input: queued events are dropped and Events is closed.
func (in *Input) Close() error {
	in.mu.Lock()
	if in.closed {
		in.mu.Unlock()
		return nil
	}
	in.closed = true
	in.queue = nil
	in.mu.Unlock()
	close(in.done)
	<-in.exited
	close(in.out)
	return nil
}

func (in *Input) pump() {
	defer close(in.exited)
	for {
		in.mu.Lock()
		if len(in.queue) == 0 {
			in.mu.Unlock()
			select {
			case <-in.wake:
				continue
			case <-in.done:
				return
			}
		}
		ev := in.queue[0]
		in.mu.Unlock()
		select {
		case in.out <- ev:
			in.mu.Lock()
			if len(in.queue) > 0 {
				in.queue = in.queue[1:]
			}
			in.mu.Unlock()
		case <-in.done:
			return
		}
	}
}

// ParseScript reads a key script: key names (NCLua names, any case)
// separated by spaces or commas. A plain name is a press and a release;
// "+NAME" is a press only, "-NAME" a release only, "~NAME" a repeated press
// (as when a key is held), and "NAME*n" (n ≤ 1000) is n presses and
// releases. Example: "CURSOR_DOWN*3 ENTER +RED ~RED -RED".
func ParseScript(script string) ([]hardware.KeyEvent, error) {
	var evs []hardware.KeyEvent
	sep := func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }
	for _, tok := range strings.FieldsFunc(script, sep) {
		name, count := tok, 1
		if i := strings.LastIndexByte(tok, '*'); i > 0 {
			n, err := strconv.Atoi(tok[i+1:])
			if err != nil || n < 1 || n > 1000 {
				return nil, fmt.Errorf("%w: bad count in %q", hardware.ErrUnknownKey, tok)
			}
			name, count = tok[:i], n
		}
		kind := byte(0)
		if name != "" && strings.IndexByte("+-~", name[0]) >= 0 {
			kind, name = name[0], name[1:]
		}
		k, err := hardware.ParseKey(name)
		if err != nil {
			return nil, err
		}
		for range count {
			switch kind {
			case '+':
				evs = append(evs, hardware.KeyEvent{Key: k, Pressed: true})
			case '-':
				evs = append(evs, hardware.KeyEvent{Key: k})
			case '~':
				evs = append(evs, hardware.KeyEvent{Key: k, Pressed: true, Repeat: true})
			default:
				evs = append(evs, hardware.KeyEvent{Key: k, Pressed: true}, hardware.KeyEvent{Key: k})
			}
		}
	}
	return evs, nil
}
