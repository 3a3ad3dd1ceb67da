//go:build sdl

package sdl

import (
	"runtime"
	"sync"
)

// The main goroutine runs on the main OS thread while package init runs;
// locking it here keeps it there, so that Main serves SDL from the main
// thread, as some platforms require.
func init() { runtime.LockOSThread() }

var mainQueue struct {
	mu    sync.Mutex
	calls chan func()
}

// Main runs run on another goroutine and serves SDL calls on the calling
// goroutine until run returns. Call it from package main's main function
// (whose goroutine is locked to the main OS thread), wrapping the program:
//
//	func main() { sdl.Main(func() { os.Exit(run()) }) }
//
// (os.Exit from run is fine: nothing is left to clean up.) Without Main,
// windows use a dedicated locked OS thread, which suffices on Linux.
func Main(run func()) {
	calls := make(chan func())
	mainQueue.mu.Lock()
	mainQueue.calls = calls
	mainQueue.mu.Unlock()
	done := make(chan struct{})
	go func() {
		defer close(done)
		run()
	}()
	for {
		select {
		case f := <-calls:
			f()
		case <-done:
			mainQueue.mu.Lock()
			mainQueue.calls = nil
			mainQueue.mu.Unlock()
			return
		}
	}
}

// thread is a call queue served by one locked OS thread.
type thread struct {
	calls chan func()
	stop  chan struct{} // closes a private thread; nil for the main one
}

// newThread returns the main thread's queue when Main is running, else a
// private locked thread.
func newThread() *thread {
	mainQueue.mu.Lock()
	c := mainQueue.calls
	mainQueue.mu.Unlock()
	if c != nil {
		return &thread{calls: c}
	}
	return newPrivateThread()
}

func newPrivateThread() *thread {
	t := &thread{calls: make(chan func()), stop: make(chan struct{})}
	go func() {
		// Never unlocked: the OS thread, with SDL's thread-local state, ends
		// with the goroutine.
		runtime.LockOSThread()
		for {
			select {
			case f := <-t.calls:
				f()
			case <-t.stop:
				return
			}
		}
	}()
	return t
}

// call runs f on the thread and waits for it.
func (t *thread) call(f func()) {
	done := make(chan struct{})
	t.calls <- func() {
		defer close(done)
		f()
	}
	<-done
}

// close ends a private thread.
func (t *thread) close() {
	if t.stop != nil {
		close(t.stop)
	}
}
