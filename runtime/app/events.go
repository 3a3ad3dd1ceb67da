package app

import (
	"fmt"
	"strings"
)

// EventKind says what an Event reports.
type EventKind uint8

// Manager events, in the order an app usually goes through them.
const (
	// EventSignalled: an app appeared (AIT or Add), or its control code
	// changed.
	EventSignalled EventKind = iota + 1
	// EventLoading: the app is meant to run and waits for its files;
	// Progress says how far they are (sent again as carousel modules
	// complete).
	EventLoading
	// EventStarted: the app runs.
	EventStarted
	// EventStopped: the host or the broadcaster stopped it; Err says why.
	EventStopped
	// EventFailed: it could not run, or stopped on its own fault (the
	// watchdog, a Lua error); Err says why. The OSD shows these.
	EventFailed
	// EventRemoved: the app is no longer signalled (new AIT version,
	// service change, Remove) and is forgotten.
	EventRemoved
	// EventFocus: the app now receives the keys (App.Focused), or, with a
	// zero App, no app does.
	EventFocus
)

var eventNames = [...]string{
	EventSignalled: "signalled", EventLoading: "loading", EventStarted: "started",
	EventStopped: "stopped", EventFailed: "failed", EventRemoved: "removed", EventFocus: "focus",
}

func (k EventKind) String() string {
	if int(k) < len(eventNames) && eventNames[k] != "" {
		return eventNames[k]
	}
	return fmt.Sprintf("EventKind(%d)", uint8(k))
}

// Event is one entry of the manager's event stream (Options.OnEvent): what
// the OSD, the debug overlay and the emulator follow.
type Event struct {
	Kind     EventKind
	App      Info     // the app after the change
	Err      error    // EventStopped, EventFailed: why (also in App.Err)
	Progress Progress // EventLoading
}

// String returns a one-line description, fit for a notification:
// "Quiz (0x00000010.0x0001) failed: app Quiz stopped: main.lua:1: ...".
func (e Event) String() string {
	if e.Kind == EventFocus && e.App.ID == (ID{}) {
		return "no app has the focus"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s) %s", e.App.Label(), e.App.ID, e.Kind)
	switch e.Kind {
	case EventStopped, EventFailed:
		if e.Err != nil {
			fmt.Fprintf(&b, ": %v", e.Err)
		}
	case EventLoading:
		p := e.Progress
		fmt.Fprintf(&b, ": entry %v, modules %d/%d, bytes %d/%d", p.EntryPresent, p.ModulesComplete, p.Modules,
			p.BytesReceived, p.Bytes)
	case EventSignalled:
		fmt.Fprintf(&b, ": %v", e.App.ControlCode)
	}
	return b.String()
}
