package lua

import (
	"container/heap"
	"sync"
	"time"
)

// Hold counts one piece of asynchronous work (a connection, a request)
// that will post back to the VM; the VM is not idle while any is held.
// Call the returned function once when it is over.
func (vm *VM) Hold() (release func()) {
	vm.pendingI.Add(1)
	var once sync.Once
	return func() { once.Do(func() { vm.pendingI.Add(-1) }) }
}

// Status is a snapshot of what a VM still has to do.
type Status struct {
	Stopped   bool
	Queued    int       // work items waiting
	Timers    int       // timers pending
	NextTimer time.Time // when the first of them is due
	PendingIO int       // Hold()s not yet released
}

// Idle reports whether nothing is queued, due or pending.
func (s Status) Idle() bool { return s.Stopped || (s.Queued == 0 && s.Timers == 0 && s.PendingIO == 0) }

// Status returns what the VM still has to do. It waits for the VM
// goroutine to answer (or for the VM to stop).
func (vm *VM) Status() Status {
	ch := make(chan Status, 1)
	err := vm.Post(func() {
		vm.mu.Lock()
		q := len(vm.queue)
		vm.mu.Unlock()
		s := Status{Queued: q, Timers: len(vm.timers), PendingIO: int(vm.pendingI.Load())}
		if len(vm.timers) > 0 {
			s.NextTimer = vm.timers[0].when
		}
		ch <- s
	})
	if err != nil {
		return Status{Stopped: true}
	}
	select {
	case s := <-ch:
		return s
	case <-vm.done:
		return Status{Stopped: true}
	}
}

const maxSyncRounds = 10000

// Sync waits until the VM is quiescent: its queue is empty and no timer is
// due on its clock. With a VirtualClock this makes tests deterministic:
// Advance, then Sync, then look. It returns ErrBusy if the app keeps
// itself busy (posting to itself without end), and nil once the VM stopped.
func (vm *VM) Sync() error {
	rounds := vm.syncRounds
	if rounds <= 0 {
		rounds = maxSyncRounds
	}
	for range rounds {
		ch := make(chan bool, 1)
		if err := vm.Post(func() { ch <- vm.quiescent() }); err != nil {
			if vm.stopReq.Load() {
				<-vm.done
				return nil
			}
			return err
		}
		select {
		case q := <-ch:
			if q {
				return nil
			}
		case <-vm.done:
			return nil
		}
	}
	return ErrBusy
}

func (vm *VM) quiescent() bool {
	vm.mu.Lock()
	q := len(vm.queue)
	vm.mu.Unlock()
	return q == 0 && !(len(vm.timers) > 0 && !vm.timers[0].when.After(vm.clock.Now()))
}

// After runs f on the VM goroutine once the clock has advanced by d.
// Timers due at the same time run in the order they were set. cancel
// reports whether the timer was still pending. VM goroutine.
func (vm *VM) After(d time.Duration, f func()) (cancel func() bool) {
	vm.timerSeq++
	t := &vmTimer{when: vm.clock.Now().Add(d), seq: vm.timerSeq, f: f}
	heap.Push(&vm.timers, t)
	return func() bool {
		if t.index < 0 || t.index >= len(vm.timers) || vm.timers[t.index] != t {
			return false // fired, cancelled, or the VM stopped and dropped its timers
		}
		heap.Remove(&vm.timers, t.index)
		return true
	}
}

// RunDue runs the timers that are due on the clock now, in order (the loop
// does this by itself; a test or an emulator stepping the VM from inside
// may call it). VM goroutine.
func (vm *VM) RunDue() { vm.runDue() }

func (vm *VM) runDue() {
	for len(vm.timers) > 0 && !vm.stopReq.Load() {
		now := vm.clock.Now()
		t := vm.timers[0]
		if t.when.After(now) {
			return
		}
		heap.Pop(&vm.timers)
		t.f()
	}
}

type vmTimer struct {
	when  time.Time
	seq   uint64
	f     func()
	index int
}

type timerHeap []*vmTimer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].when.Equal(h[j].when) {
		return h[i].seq < h[j].seq
	}
	return h[i].when.Before(h[j].when)
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerHeap) Push(x any) {
	t := x.(*vmTimer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	t.index = -1
	return t
}
