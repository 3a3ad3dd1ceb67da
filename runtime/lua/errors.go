package lua

import (
	"errors"
	"fmt"
)

// Why a VM stopped. A StopError wraps one of them.
var (
	// ErrTimeout: one entry into Lua (a handler, a timer, the main chunk)
	// ran longer than the deadline.
	ErrTimeout = errors.New("lua: deadline exceeded")
	// ErrMemory: the app went over its memory budget.
	ErrMemory = errors.New("lua: memory budget exceeded")
	// ErrRuntime: a Lua error that no pcall caught (a script bug, a bad
	// argument to an API function).
	ErrRuntime = errors.New("lua: runtime error")
	// ErrPanic: a Go function panicked while Lua called it. It is a bug in
	// Antena, not in the app; the app is stopped all the same.
	ErrPanic = errors.New("lua: go panic")
	// ErrStopped: the host stopped the VM (Stop), or the VM is no longer
	// running and cannot take work.
	ErrStopped = errors.New("lua: stopped")
	// ErrCompile: a source file does not parse.
	ErrCompile = errors.New("lua: compile error")
	// ErrNotFound: a file the app asked for is not in its file system.
	ErrNotFound = errors.New("lua: file not found")
	// ErrQueueFull: Post found the VM's queue full (the app is not keeping
	// up); the work was dropped.
	ErrQueueFull = errors.New("lua: queue full")
	// ErrBusy: Sync gave up waiting for the VM to become quiescent (an app
	// that keeps posting events to itself).
	ErrBusy = errors.New("lua: still busy")
)

// StopError says why an app stopped, for the log and for the "app stopped"
// notification the host shows on screen.
type StopError struct {
	App       string // Options.Name
	Reason    error  // ErrTimeout, ErrMemory, ErrRuntime, ErrPanic or ErrStopped
	Message   string // the Lua error message, with file and line when known
	Traceback string // the Lua stack traceback (and the Go stack for ErrPanic)
}

// Error returns "app NAME stopped: MESSAGE".
func (e *StopError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("app %s stopped: %v", e.App, e.Reason)
	}
	return fmt.Sprintf("app %s stopped: %s", e.App, e.Message)
}

// Unwrap returns the reason.
func (e *StopError) Unwrap() error { return e.Reason }
