package netsrc

import (
	"fmt"
	"time"
)

// EventKind says what happened to a source.
type EventKind uint8

// Event kinds.
const (
	// Connected: a connection was made again after a Reconnecting (the first one,
	// made by Open, is not reported).
	Connected EventKind = iota + 1
	// Silent: nothing arrived for Options.Silence.
	Silent
	// Resumed: data arrived again after a Silent.
	Resumed
	// Reconnecting: the connection failed or stalled, or a reconnection failed; the
	// source waits Event.Wait before the next attempt.
	Reconnecting
)

// Event is something that happened to a source, for the log or the screen.
type Event struct {
	Kind EventKind
	// URI is the source's URI, without user information.
	URI string
	// Err is why a Reconnecting happened.
	Err error
	// Silence is how long nothing arrived (Silent, Resumed).
	Silence time.Duration
	// Wait is the pause before the next attempt, Attempt its number from 1
	// (Reconnecting).
	Wait    time.Duration
	Attempt int
}

// String returns a message such as "udp://239.1.1.1:1234: no data for 5s".
func (e Event) String() string {
	switch e.Kind {
	case Connected:
		return e.URI + ": connected"
	case Silent:
		return fmt.Sprintf("%s: no data for %v", e.URI, e.Silence.Round(time.Millisecond))
	case Resumed:
		return fmt.Sprintf("%s: data again after %v without", e.URI, e.Silence.Round(time.Millisecond))
	case Reconnecting:
		return fmt.Sprintf("%s: %v; reconnecting in %v (attempt %d)", e.URI, e.Err, e.Wait, e.Attempt)
	}
	return e.URI + ": event " + fmt.Sprint(e.Kind)
}
