package app

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/runtime/gfx"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
	"github.com/antena-tv/antena/runtime/store"
)

// DefaultEntryWait is how long an app's entry must have been in an
// incomplete carousel before the app starts anyway (about one carousel
// cycle of a typical broadcast).
const DefaultEntryWait = 10 * time.Second

// maxQueue bounds the manager's work queue (keys, AITs, carousel events).
// Past it new work is dropped and logged: the manager never blocks a caller.
const maxQueue = 1 << 16

// maxSyncRounds bounds Sync.
const maxSyncRounds = 1000

// Options configure a Manager. The zero value works: real clock, no
// compositor, no box, apps' persistent data in memory.
type Options struct {
	// Clock drives the apps (timers, uptime) and the manager's own waits
	// (EntryWait). A *lua.VirtualClock makes the manager deterministic:
	// advance it, then Sync.
	Clock  rlua.Clock
	Logger *slog.Logger

	// Compositor, if set, gives every running app a layer on PlaneApps
	// covering the app's canvas (Width×Height at the origin); the focused
	// app's layer is on top. The layer is removed when the app stops.
	Compositor *gfx.Compositor
	// Width and Height of the apps' global canvas (default the
	// compositor's size, else nclua.DefaultWidth×DefaultHeight).
	Width, Height int

	// Box receives the keys no app took (see Box).
	Box Box
	// OnEvent receives the manager's events, in order, on the manager's
	// goroutine. It must not block, and may call the manager's query
	// methods (Apps, App) but should hand anything slow to another
	// goroutine.
	OnEvent func(Event)
	// OnPost receives what apps post out that the runtime does not handle
	// (ncl, user, si requests, ...), on the app's goroutine. It must not
	// block.
	OnPost func(ID, nclua.Event)

	// Store keeps the apps' persistent data, one namespace per app
	// (ID.StoreID), so that it survives restarts and new versions.
	Store      *store.DB
	StoreQuota int64
	// Network is the return-channel policy of every app. An app loaded over
	// HTTP may also reach the host it was loaded from.
	Network  nclua.Network
	Settings nclua.Settings
	Deadline time.Duration // per entry into Lua (lua.DefaultDeadline when 0)
	Limits   rlua.Limits
	Cache    *rlua.ProtoCache // compiled chunks, shared by all apps (default: one per manager)

	// HTTP bounds the HTTP sources.
	HTTP HTTPOptions
	// EntryWait: an app whose entry is in a carousel that is not complete
	// yet starts once the entry has been there this long (default
	// DefaultEntryWait; negative: wait for the complete carousel).
	EntryWait time.Duration
	// Video decodes the video files of NCL documents; nil shows them as
	// placeholders.
	Video VideoDecoder
	// TestApplications accepts AITs with test_application_flag set
	// (ignored by default, as receivers in the field do).
	TestApplications bool
}

// Manager runs a receiver's apps. All its methods are safe from any
// goroutine and never block on an app: they hand work to the manager's own
// goroutine, which only does cheap state updates and starts or stops apps.
type Manager struct {
	opts  Options
	clock rlua.Clock
	log   *slog.Logger
	w, h  int

	mu     sync.Mutex
	queue  []func()
	closed bool
	signal chan struct{}
	stopc  chan struct{}
	done   chan struct{}
	posted atomic.Uint64

	ioMu   sync.Mutex
	ioCond *sync.Cond
	ioN    int

	pubMu  sync.RWMutex
	pub    map[ID]Info
	pubRun map[ID]Program

	service atomic.Uint32 // current service id + 1; 0: none set

	// Manager goroutine only.
	apps      map[ID]*record
	tables    map[tableKey]map[ID]bool
	carousels map[uint16]Carousel
	svc       Service
	focus     *run
	runSeq    int
	keys      keyRouter
	timers    []mtimer
	wake      rlua.Timer
}

type mtimer struct {
	when time.Time
	f    func()
}

// New makes a Manager and starts its goroutine. Close stops it.
func New(opts Options) (*Manager, error) {
	if opts.Clock == nil {
		opts.Clock = rlua.RealClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Cache == nil {
		opts.Cache = &rlua.ProtoCache{}
	}
	if opts.EntryWait == 0 {
		opts.EntryWait = DefaultEntryWait
	}
	m := &Manager{
		opts: opts, clock: opts.Clock, log: opts.Logger.With("component", "app"),
		signal: make(chan struct{}, 1), stopc: make(chan struct{}), done: make(chan struct{}),
		pub: map[ID]Info{}, pubRun: map[ID]Program{}, apps: map[ID]*record{}, tables: map[tableKey]map[ID]bool{},
		carousels: map[uint16]Carousel{},
	}
	m.ioCond = sync.NewCond(&m.ioMu)
	m.keys.init()
	m.w, m.h = opts.Width, opts.Height
	if m.w <= 0 || m.h <= 0 {
		m.w, m.h = nclua.DefaultWidth, nclua.DefaultHeight
		if opts.Compositor != nil {
			m.w, m.h = opts.Compositor.Size()
		}
	}
	go m.loop()
	return m, nil
}

// post queues f for the manager's goroutine. It never blocks; it reports
// false when the manager is closed or its queue is full.
func (m *Manager) post(f func()) bool {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return false
	}
	if len(m.queue) >= maxQueue {
		m.mu.Unlock()
		m.log.Warn("manager queue full, work dropped", "max", maxQueue)
		return false
	}
	m.queue = append(m.queue, f)
	m.posted.Add(1)
	m.mu.Unlock()
	select {
	case m.signal <- struct{}{}:
	default:
	}
	return true
}

func (m *Manager) pop() (func(), bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.queue) == 0 {
		return nil, false
	}
	f := m.queue[0]
	m.queue[0] = nil
	m.queue = m.queue[1:]
	if len(m.queue) == 0 {
		m.queue = nil
	}
	return f, true
}

// loop is the manager's goroutine: one select over the queue, the next
// timer and Close.
func (m *Manager) loop() {
	defer close(m.done)
	for {
		m.runDue()
		var wake <-chan time.Time
		if len(m.timers) > 0 {
			d := m.timers[0].when.Sub(m.clock.Now())
			if m.wake == nil {
				m.wake = m.clock.NewTimer(d)
			} else {
				m.wake.Reset(d)
			}
			wake = m.wake.C()
		}
		select {
		case <-m.signal:
			for {
				f, ok := m.pop()
				if !ok {
					break
				}
				f()
				m.runDue()
			}
		case <-wake:
		case <-m.stopc:
			m.shutdown()
			return
		}
	}
}

// after runs f on the manager goroutine once the clock reaches now+d.
// Manager goroutine.
func (m *Manager) after(d time.Duration, f func()) {
	t := mtimer{when: m.clock.Now().Add(d), f: f}
	i, _ := slices.BinarySearchFunc(m.timers, t, func(a, b mtimer) int { return a.when.Compare(b.when) })
	m.timers = slices.Insert(m.timers, i, t)
	select { // re-arm the loop's timer
	case m.signal <- struct{}{}:
	default:
	}
}

func (m *Manager) runDue() {
	for len(m.timers) > 0 && !m.timers[0].when.After(m.clock.Now()) {
		t := m.timers[0]
		m.timers = m.timers[1:]
		t.f()
	}
}

// Close stops every app and the manager. It waits until the apps have
// stopped.
func (m *Manager) Close() error {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		<-m.done
		return nil
	}
	m.closed = true
	m.queue = nil
	m.mu.Unlock()
	close(m.stopc)
	<-m.done
	return nil
}

// shutdown stops the running apps (manager goroutine, from Close).
func (m *Manager) shutdown() {
	if m.wake != nil {
		m.wake.Stop()
	}
	for _, rec := range m.apps {
		if r := rec.run; r != nil {
			r.reason = ErrClosed
			r.app.Stop()
			<-r.app.Done()
			r.release()
		}
	}
}

// Sync runs the manager and its apps until nothing is left to do: the
// manager's queue is empty, no manager timer is due, every running app is
// quiescent (lua.VM.Sync), and no file fetch is in flight. With a
// lua.VirtualClock this makes tests and the emulator deterministic: act
// (Key, SignalAIT, Advance the clock), Sync, look. It returns ErrBusy if
// the work never settles, and ErrClosed once the manager is closed. Do not
// call it from the manager's goroutine (OnEvent).
func (m *Manager) Sync() error {
	for range maxSyncRounds {
		seq := m.posted.Load()
		ch := make(chan []Program, 1)
		m.mu.Lock()
		if m.closed {
			m.mu.Unlock()
			return ErrClosed
		}
		m.queue = append(m.queue, func() {
			m.runDue()
			ch <- m.runningApps()
		})
		m.mu.Unlock()
		select {
		case m.signal <- struct{}{}:
		default:
		}
		var apps []Program
		select {
		case apps = <-ch:
		case <-m.done:
			return ErrClosed
		}
		for _, a := range apps {
			if err := a.Sync(); err != nil && !errors.Is(err, rlua.ErrStopped) {
				return fmt.Errorf("app %s: %w", a.Name(), err)
			}
		}
		m.waitIO()
		if m.posted.Load() == seq {
			return nil
		}
	}
	return ErrBusy
}

func (m *Manager) runningApps() []Program {
	var out []Program
	for _, rec := range m.apps {
		if rec.run != nil {
			out = append(out, rec.run.app)
		}
	}
	return out
}

// goIO runs f on its own goroutine, counted so that Sync waits for it.
func (m *Manager) goIO(f func()) {
	m.ioMu.Lock()
	m.ioN++
	m.ioMu.Unlock()
	go func() {
		defer func() {
			m.ioMu.Lock()
			m.ioN--
			m.ioCond.Broadcast()
			m.ioMu.Unlock()
		}()
		f()
	}()
}

func (m *Manager) waitIO() {
	m.ioMu.Lock()
	for m.ioN > 0 {
		m.ioCond.Wait()
	}
	m.ioMu.Unlock()
}

// Key hands a remote-control key to the manager (see Box for where it
// goes). It never blocks.
func (m *Manager) Key(ev hardware.KeyEvent) {
	m.post(func() { m.routeKey(ev) })
}
