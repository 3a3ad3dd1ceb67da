package app

import "errors"

// Why an app stopped or could not run. Info.Err and Event.Err wrap one of
// these, or are the *lua.StopError the app's VM stopped with (watchdog,
// memory budget, Lua error, Go panic).
var (
	// ErrKilled: the AIT signalled KILL.
	ErrKilled = errors.New("app: killed by the broadcaster (AIT KILL)")
	// ErrDestroyed: the AIT signalled DESTROY; the app was told to stop
	// (ncl presentation stop) and then stopped.
	ErrDestroyed = errors.New("app: destroyed by the broadcaster (AIT DESTROY)")
	// ErrNotSignalled: a new AIT version (or the new service's AIT) no
	// longer lists the app.
	ErrNotSignalled = errors.New("app: no longer signalled")
	// ErrServiceChanged: the app is bound to a service the viewer left
	// (service_bound_flag).
	ErrServiceChanged = errors.New("app: service changed")
	// ErrUpdated: a new version of the app's files arrived; the app is
	// started again with them.
	ErrUpdated = errors.New("app: new version")
	// ErrStoppedByHost: Manager.Stop (the viewer, the OSD).
	ErrStoppedByHost = errors.New("app: stopped")
	// ErrExited: the app posted an ncl presentation stop for itself.
	ErrExited = errors.New("app: exited")
	// ErrClosed: the manager was closed.
	ErrClosed = errors.New("app: manager closed")

	// ErrUnsupported: the app's entry is not something this runtime runs
	// (an NCL document, a Java class, an HTML page).
	ErrUnsupported = errors.New("app: not supported")
	// ErrNoEntry: the app's entry file is not in its files.
	ErrNoEntry = errors.New("app: entry not found")
	// ErrNoTransport: none of the app's transports can be used (no object
	// carousel whose component is in the PMT, no HTTP URL).
	ErrNoTransport = errors.New("app: no usable transport")
	// ErrNotFound: no app with that identifier.
	ErrNotFound = errors.New("app: unknown app")
	// ErrNotStartable: the app's control code does not let the viewer
	// start it (DISABLED, REMOTE, KILL, DESTROY).
	ErrNotStartable = errors.New("app: not startable")
	// ErrSpec: a Spec given to Add is incomplete or inconsistent.
	ErrSpec = errors.New("app: bad spec")
	// ErrBusy: Sync gave up: apps or the manager keep making work.
	ErrBusy = errors.New("app: still busy")

	// ErrHTTP: an HTTP source answered with an error status.
	ErrHTTP = errors.New("app: http error")
	// ErrTooLarge: a file or a source went over its size bound.
	ErrTooLarge = errors.New("app: too large")
	// ErrForeignHost: an HTTP source was asked, or redirected, to leave
	// the host the AIT signalled.
	ErrForeignHost = errors.New("app: host not signalled")
)
