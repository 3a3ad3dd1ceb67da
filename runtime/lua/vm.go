package lua

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// Defaults for Options and Limits.
const (
	DefaultDeadline        = time.Second
	DefaultQueueSize       = 1024
	DefaultRegistrySize    = 256
	DefaultRegistryMaxSize = 256 * 1024 // 4 MiB of stack slots
	DefaultCallStackSize   = 200
	DefaultMemory          = 64 << 20
	DefaultMaxString       = 4 << 20
	DefaultCheckEvery      = 16
)

// Limits bound what one app may use. Zero fields take the defaults.
type Limits struct {
	RegistrySize    int   // initial Lua value stack, in slots (gopher-lua Options.RegistrySize)
	RegistryMaxSize int   // the value stack never grows past this (Options.RegistryMaxSize)
	CallStackSize   int   // nested calls (Options.CallStackSize)
	Memory          int64 // estimated bytes of Lua values the app may keep (see package doc)
	MaxString       int   // the longest string an app may make
	// CheckEvery is how many VM instructions run between two watchdog
	// samples (rounded up to a power of two). Smaller reacts faster and
	// costs more; see BenchmarkWatchdogLoop.
	CheckEvery int
}

func (l Limits) withDefaults() Limits {
	if l.RegistrySize <= 0 {
		l.RegistrySize = DefaultRegistrySize
	}
	if l.RegistryMaxSize <= 0 {
		l.RegistryMaxSize = DefaultRegistryMaxSize
	}
	if l.RegistryMaxSize < l.RegistrySize {
		l.RegistryMaxSize = l.RegistrySize
	}
	if l.CallStackSize <= 0 {
		l.CallStackSize = DefaultCallStackSize
	}
	if l.Memory <= 0 {
		l.Memory = DefaultMemory
	}
	if l.MaxString <= 0 {
		l.MaxString = DefaultMaxString
	}
	if l.CheckEvery <= 0 {
		l.CheckEvery = DefaultCheckEvery
	}
	n := 1
	for n < l.CheckEvery {
		n <<= 1
	}
	l.CheckEvery = n
	return l
}

// Options configure New.
type Options struct {
	Name string // for messages and logs (the app id)
	FS   fs.FS  // the app's files: its main chunk and its modules
	// Searchers are where require looks, in order. Empty means FS with
	// DefaultPatterns.
	Searchers []Searcher
	// Deadline bounds every entry into Lua (default DefaultDeadline).
	Deadline time.Duration
	Limits   Limits
	Clock    Clock       // default RealClock
	Cache    *ProtoCache // shared compiled chunks; default one per VM
	Logger   *slog.Logger
	// Print receives what the app prints (default: Logger at Info level).
	Print func(msg string)
	// OnStop is called once, on the VM goroutine, after the VM stopped,
	// with the reason (Reason ErrStopped when the host stopped it).
	OnStop    func(*StopError)
	QueueSize int // work items Post may queue (default DefaultQueueSize)
	// IncludeGoStackTrace adds the Go stack to the traceback of an
	// ErrPanic (development builds).
	IncludeGoStackTrace bool
}

// VM is one app's Lua machine: a sandboxed gopher-lua state owned by one
// goroutine, fed through a queue.
//
// Methods marked "VM goroutine" may only be called from work running on the
// VM (a function given to Post, a timer, a Go function called from Lua), or
// before Start; the others are safe from any goroutine.
type VM struct {
	opts      Options
	limits    Limits
	L         *lua.LState // VM goroutine
	wd        *watchdog
	clock     Clock
	cache     *ProtoCache
	searchers []Searcher
	log       *slog.Logger
	start     time.Time

	mu      sync.Mutex
	queue   []func()
	started bool
	stopErr *StopError

	signal   chan struct{}
	stopc    chan struct{}
	done     chan struct{}
	stopReq  atomic.Bool
	pendingI atomic.Int32

	// VM goroutine only.
	timers   timerHeap
	timerSeq uint64
	wake     Timer
	depth    int
	nfiles   int // files open with io.open and io.lines

	syncRounds int // Sync's patience (maxSyncRounds when 0); tests shorten it
}

// New makes a VM with its sandboxed state; nothing runs until Start.
func New(opts Options) (*VM, error) {
	if opts.Name == "" {
		opts.Name = "app"
	}
	if opts.Deadline <= 0 {
		opts.Deadline = DefaultDeadline
	}
	if opts.Clock == nil {
		opts.Clock = RealClock{}
	}
	if opts.Cache == nil {
		opts.Cache = &ProtoCache{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.QueueSize <= 0 {
		opts.QueueSize = DefaultQueueSize
	}
	vm := &VM{
		opts:   opts,
		limits: opts.Limits.withDefaults(),
		clock:  opts.Clock,
		cache:  opts.Cache,
		log:    opts.Logger.With("app", opts.Name),
		signal: make(chan struct{}, 1),
		stopc:  make(chan struct{}),
		done:   make(chan struct{}),
	}
	vm.searchers = opts.Searchers
	if len(vm.searchers) == 0 && opts.FS != nil {
		for _, p := range DefaultPatterns {
			vm.searchers = append(vm.searchers, Searcher{FS: opts.FS, Pattern: p})
		}
	}
	vm.L = lua.NewState(lua.Options{
		SkipOpenLibs:        true,
		RegistrySize:        vm.limits.RegistrySize,
		RegistryMaxSize:     vm.limits.RegistryMaxSize,
		RegistryGrowStep:    max(1024, vm.limits.RegistryMaxSize/64),
		CallStackSize:       vm.limits.CallStackSize,
		MinimizeStackMemory: true,
		IncludeGoStackTrace: opts.IncludeGoStackTrace,
	})
	vm.wd = newWatchdog(vm)
	vm.L.SetContext(vm.wd)
	if err := vm.openLibs(); err != nil {
		vm.L.Close()
		return nil, err
	}
	vm.start = vm.clock.Now()
	return vm, nil
}

// Name returns Options.Name.
func (vm *VM) Name() string { return vm.opts.Name }

// Limits returns the limits in force (defaults filled in).
func (vm *VM) Limits() Limits { return vm.limits }

// Logger returns the VM's logger (with the app name).
func (vm *VM) Logger() *slog.Logger { return vm.log }

// State returns the gopher-lua state. VM goroutine.
func (vm *VM) State() *lua.LState { return vm.L }

// Clock returns the VM's clock.
func (vm *VM) Clock() Clock { return vm.clock }

// Now returns the clock's time.
func (vm *VM) Now() time.Time { return vm.clock.Now() }

// Uptime returns the clock time since the VM was made.
func (vm *VM) Uptime() time.Duration { return vm.clock.Now().Sub(vm.start) }

// Start launches the VM's goroutine. Work posted before Start runs first,
// in order.
func (vm *VM) Start() {
	vm.mu.Lock()
	if vm.started {
		vm.mu.Unlock()
		return
	}
	vm.started = true
	vm.mu.Unlock()
	go vm.run()
}

// Post queues f to run on the VM goroutine. It never blocks: it returns
// ErrStopped once the VM stopped and ErrQueueFull when the app is that far
// behind (f is dropped).
func (vm *VM) Post(f func()) error {
	if vm.stopReq.Load() {
		return ErrStopped
	}
	vm.mu.Lock()
	if len(vm.queue) >= vm.opts.QueueSize {
		vm.mu.Unlock()
		return fmt.Errorf("%w: %d items", ErrQueueFull, vm.opts.QueueSize)
	}
	vm.queue = append(vm.queue, f)
	vm.mu.Unlock()
	select {
	case vm.signal <- struct{}{}:
	default:
	}
	return nil
}

func (vm *VM) pop() (func(), bool) {
	vm.mu.Lock()
	defer vm.mu.Unlock()
	if len(vm.queue) == 0 {
		return nil, false
	}
	f := vm.queue[0]
	vm.queue[0] = nil
	vm.queue = vm.queue[1:]
	if len(vm.queue) == 0 {
		vm.queue = nil
	}
	return f, true
}

// run is the VM goroutine: one select over the queue, the next timer and
// Stop (STYLE R3).
func (vm *VM) run() {
	defer vm.finish()
	for {
		vm.runDue()
		if vm.stopReq.Load() {
			return
		}
		var wake <-chan time.Time
		if len(vm.timers) > 0 {
			d := vm.timers[0].when.Sub(vm.clock.Now())
			if vm.wake == nil {
				vm.wake = vm.clock.NewTimer(d)
			} else {
				vm.wake.Reset(d)
			}
			wake = vm.wake.C()
		}
		select {
		case <-vm.signal:
			for {
				f, ok := vm.pop()
				if !ok {
					break
				}
				f()
				if vm.stopReq.Load() {
					return
				}
				vm.runDue()
			}
		case <-wake:
		case <-vm.stopc:
			return
		}
	}
}

func (vm *VM) finish() {
	if vm.wake != nil {
		vm.wake.Stop()
	}
	vm.timers = nil
	vm.closeFiles()
	vm.L.Close()
	vm.mu.Lock()
	se := vm.stopErr
	vm.queue = nil
	vm.mu.Unlock()
	if se.Reason != ErrStopped {
		vm.log.Warn("app stopped", "reason", se.Reason, "message", se.Message, "traceback", se.Traceback)
	}
	if vm.opts.OnStop != nil {
		vm.opts.OnStop(se)
	}
	close(vm.done)
}

// Stop stops the VM (Reason ErrStopped). Lua code running at that moment
// is interrupted at its next watchdog sample. Safe from any goroutine;
// later calls do nothing.
func (vm *VM) Stop() { vm.stop(&StopError{Reason: ErrStopped}) }

func (vm *VM) stop(se *StopError) {
	se.App = vm.opts.Name
	vm.mu.Lock()
	if vm.stopErr != nil {
		vm.mu.Unlock()
		return
	}
	vm.stopErr = se
	started := vm.started
	vm.started = true
	vm.mu.Unlock()
	vm.stopReq.Store(true)
	close(vm.stopc)
	if !started {
		vm.finish()
	}
}

// Done is closed when the VM has stopped and released its state.
func (vm *VM) Done() <-chan struct{} { return vm.done }

// Err returns why the VM stopped, or nil while it runs.
func (vm *VM) Err() *StopError {
	vm.mu.Lock()
	defer vm.mu.Unlock()
	return vm.stopErr
}

// Stopped reports whether the VM was stopped (it may still be winding down
// until Done is closed).
func (vm *VM) Stopped() bool { return vm.stopReq.Load() }

// Call enters Lua: it calls fn with args under the watchdog (deadline and
// memory budget) and returns its first result. Any error stops the VM and
// is returned as a *StopError. VM goroutine.
func (vm *VM) Call(fn lua.LValue, args ...lua.LValue) (lua.LValue, error) {
	if vm.stopReq.Load() {
		return lua.LNil, ErrStopped
	}
	L := vm.L
	outer := vm.depth == 0
	if outer {
		vm.wd.begin(time.Now().Add(vm.opts.Deadline))
	}
	vm.depth++
	base := L.GetTop()
	L.Push(fn)
	for _, a := range args {
		L.Push(a)
	}
	err := L.PCall(len(args), 1, nil)
	vm.depth--
	if outer {
		vm.wd.end()
	}
	if err != nil {
		se := vm.classify(err)
		L.SetTop(base)
		vm.stop(se)
		// A module may have stopped the VM with its own reason (Fail)
		// before raising: that reason wins.
		return lua.LNil, vm.Err()
	}
	ret := L.Get(-1)
	L.SetTop(base)
	return ret, nil
}

// Fail stops the VM with a runtime error of the host's making (a module
// that found the app misbehaving outside a Lua call). VM goroutine or not.
func (vm *VM) Fail(reason error, msg string) {
	vm.stop(&StopError{Reason: reason, Message: msg})
}

func (vm *VM) classify(err error) *StopError {
	se := &StopError{Reason: ErrRuntime, Message: err.Error()}
	var aerr *lua.ApiError
	if errors.As(err, &aerr) {
		se.Message = aerr.Object.String()
		se.Traceback = aerr.StackTrace
		if aerr.Type == lua.ApiErrorPanic {
			se.Reason = ErrPanic
		}
	}
	if tripped := vm.wd.reason(); tripped != nil {
		se.Reason = tripped
		se.Message = vm.wd.message()
	} else if strings.Contains(se.Message, "stack overflow") || strings.Contains(se.Message, "registry overflow") {
		se.Reason = ErrMemory
	}
	return se
}
