package lua

import (
	"errors"
	"fmt"
	"runtime/metrics"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// watchdog is the context.Context given to the state with SetContext.
// gopher-lua calls Done() before every VM instruction (its context loop is
// a select on Done), which makes Done an instruction hook: every
// Limits.CheckEvery instructions the watchdog samples the running function's
// registers for oversized strings; every 16 samples it checks the deadline
// and whether the host asked to stop; every 256 samples it looks at the
// process heap and, when the heap grew, measures the app's Lua values.
// When a check fails, Done returns a closed channel from then on, so the
// next instruction raises (and so does every instruction after a pcall
// that caught it) until the error leaves Lua.
//
// Done is only ever called on the VM goroutine: coroutine threads get the
// watchdog itself (see newCoroutine) rather than a derived context, and
// the derived context gopher-lua makes in NewThread finds a nil Done and
// starts nothing.
type watchdog struct {
	left uint32 // instructions until the next sample: all Done touches

	every     uint32 // Limits.CheckEvery
	ticks     uint32 // samples
	active    bool
	ret       <-chan struct{} // nil while all is well, then closed
	maxString int
	g         *lua.Global
	vm        *VM

	deadline time.Time
	closed   chan struct{}
	why      error
	err      error

	sample   [1]metrics.Sample
	heapBase uint64
	heapStep uint64
}

func newWatchdog(vm *VM) *watchdog {
	w := &watchdog{
		vm:        vm,
		g:         vm.L.G,
		every:     uint32(min(vm.limits.CheckEvery, 1<<31)),
		left:      uint32(min(vm.limits.CheckEvery, 1<<31)),
		maxString: vm.limits.MaxString,
		closed:    make(chan struct{}),
	}
	close(w.closed)
	w.sample[0].Name = "/memory/classes/heap/objects:bytes"
	w.heapStep = uint64(vm.limits.Memory / 4)
	if w.heapStep < 4<<20 {
		w.heapStep = 4 << 20
	}
	w.heapBase = w.heap()
	return w
}

func (w *watchdog) heap() uint64 {
	metrics.Read(w.sample[:])
	if w.sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return w.sample[0].Value.Uint64()
}

// Deadline implements context.Context: the watchdog is not a deadline
// context (the deadline is checked by sampling, see Done).
func (w *watchdog) Deadline() (time.Time, bool) { return time.Time{}, false }

// Value implements context.Context.
func (w *watchdog) Value(any) any { return nil }

// Done is called by gopher-lua before every instruction, so its fast
// path is a countdown and nothing else: nil (a nil channel never fires)
// until the countdown reaches zero.
func (w *watchdog) Done() <-chan struct{} {
	w.left--
	if w.left != 0 {
		return nil
	}
	return w.tick()
}

// tick is the sample, every Limits.CheckEvery instructions; once the
// watchdog has tripped, trip sets the countdown to 1 so that every
// instruction comes here and gets the closed channel.
func (w *watchdog) tick() <-chan struct{} {
	if w.ret == nil {
		w.left = w.every
		if w.active {
			w.check()
		}
	}
	if w.ret != nil {
		w.left = 1
	}
	return w.ret
}

// Err is the error gopher-lua raises once Done is closed.
func (w *watchdog) Err() error {
	if w.ret == nil {
		return nil
	}
	return w.err
}

func (w *watchdog) begin(deadline time.Time) {
	w.deadline = deadline
	w.active = true
}

func (w *watchdog) end() { w.active = false }

func (w *watchdog) reason() error {
	if w.ret == nil {
		return nil
	}
	return w.why
}

func (w *watchdog) message() string {
	if w.err == nil {
		return ""
	}
	return w.err.Error()
}

func (w *watchdog) trip(why error, msg string) {
	w.why = why
	w.err = errors.New(w.where() + msg)
	w.ret = w.closed
	w.left = 1
}

// where returns "chunk:line: " of the running Lua function.
func (w *watchdog) where() string {
	th := w.thread()
	for level := 0; level < 4; level++ {
		dbg, ok := th.GetStack(level)
		if !ok {
			break
		}
		if _, err := th.GetInfo("Sl", dbg, lua.LNil); err == nil && dbg.CurrentLine > 0 {
			return fmt.Sprintf("%s:%d: ", dbg.Source, dbg.CurrentLine)
		}
	}
	return ""
}

func (w *watchdog) thread() *lua.LState {
	if th := w.g.CurrentThread; th != nil {
		return th
	}
	return w.vm.L
}

func (w *watchdog) check() {
	w.ticks++
	if !w.scanStrings() {
		return
	}
	if w.ticks&15 == 0 {
		if w.vm.stopReq.Load() {
			w.trip(ErrStopped, "stopped by the host")
			return
		}
		if time.Now().After(w.deadline) {
			w.trip(ErrTimeout, fmt.Sprintf("ran for more than %v without returning; stopped by the watchdog",
				w.vm.opts.Deadline))
			return
		}
	}
	if w.ticks&255 == 0 {
		w.checkHeap()
	}
}

// scanStrings looks for a string over MaxString in the registers of the
// running function: the place where a string built with .. first lands.
func (w *watchdog) scanStrings() bool {
	th := w.thread()
	max := w.maxString
	for i, top := 1, th.GetTop(); i <= top; i++ {
		if s, ok := th.Get(i).(lua.LString); ok && len(s) > max {
			w.trip(ErrMemory, fmt.Sprintf("made a string of %d bytes (max %d)", len(s), max))
			return false
		}
	}
	return true
}

// checkHeap measures the app's Lua values when the process heap grew by
// more than a quarter of the budget since the last measure. The heap is
// shared by the whole box, so growth only triggers a measure; the measure
// (on this goroutine, so nothing moves under it) decides.
func (w *watchdog) checkHeap() {
	h := w.heap()
	if h < w.heapBase {
		w.heapBase = h
		return
	}
	if h-w.heapBase < w.heapStep {
		return
	}
	w.heapBase = h
	limit := w.vm.limits.Memory
	if est := w.vm.memoryEstimate(limit); est > limit {
		w.trip(ErrMemory, fmt.Sprintf("keeps more than %d KiB of Lua values (budget %d KiB)", est>>10, limit>>10))
	}
}
