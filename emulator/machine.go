package emulator

import (
	"errors"
	"fmt"
	"image"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/hardware/memory"
	"github.com/antena-tv/antena/runtime"
	"github.com/antena-tv/antena/runtime/alert"
	"github.com/antena-tv/antena/runtime/app"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
	"github.com/antena-tv/antena/runtime/store"
)

// Tick is the emulator's frame: Step moves the clock by at most this much at a time.
const Tick = time.Second / 60

// FolderApp is the ID the emulator gives the app of a folder.
var FolderApp = app.ID{OrganisationID: 0xE, ApplicationID: 1}

// Epoch is the virtual clock's start when Options.Start is zero: fixed, so that apps that
// show the date draw the same pixels every run.
var Epoch = time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)

// NoPCRRate is the rate, in bytes a second, at which a stream is fed before its first PCR
// (a signalling-only capture): 1 Mbit/s.
const NoPCRRate = 1_000_000 / 8

// ErrLoaded is returned by a second Load.
var ErrLoaded = errors.New("emulator: something is already loaded")

// Options configure a Machine. The zero value is a 1280×720 box that speaks Portuguese.
type Options struct {
	Width, Height int
	// Alert is the box's configuration for warnings (areas, language).
	Alert alert.Config
	// Language of settings.system.language (default the alert language).
	Language string
	// Service selects a service of a stream (0: the first that signals an app).
	Service uint16
	// Offline starts with the return channel cut: apps reach no host (SetOffline restores
	// it). Otherwise they reach any (local development).
	Offline bool
	// Deadline bounds one entry into Lua (the watchdog; default lua.DefaultDeadline).
	Deadline time.Duration
	// Start is the virtual clock's start (default Epoch).
	Start time.Time
	// Logger receives the box's log and the apps' print output.
	Logger *slog.Logger
	// OnAppEvent sees the app manager's events (see runtime.Options).
	OnAppEvent func(app.Event)
	// StoreDir keeps the apps' persistent data and the return channel's outbox in
	// StoreDir/antena.db, across runs. Empty: a temporary store, removed by Close.
	StoreDir string
	// Video decodes the video files of NCL documents (nil: placeholders).
	Video app.VideoDecoder
}

// Machine is an emulated box. Its methods are meant for one goroutine (a test, the
// emulator's loop).
type Machine struct {
	clock *rlua.VirtualClock
	disp  *memory.Display
	rx    *runtime.Receiver
	log   *slog.Logger
	dbg   *debug

	feeder  *runtime.Feeder
	streamT time.Duration // the stream time Step has fed up to
	dir     string
	watcher *fsnotify.Watcher
	changed chan struct{}

	db       *store.DB
	tmpStore string        // the temporary store's folder, removed by Close
	outbox   *nclua.Outbox // durable requests, flushed when the return channel comes back

	offline     atomic.Bool // the return channel is cut (SetOffline)
	lang        string      // settings.system.language (SetLanguage)
	areaChoices [][]uint16  // what CycleArea goes through
	areaNext    int
	testAlert   *dalert.Alert // the warning ToggleWarning started

	mu      sync.Mutex
	reload  bool
	alerts  []scheduled
	elapsed time.Duration
	loaded  bool
}

// New makes a Machine.
func New(o Options) (*Machine, error) {
	if o.Width == 0 || o.Height == 0 {
		o.Width, o.Height = runtime.DefaultWidth, runtime.DefaultHeight
	}
	if o.Start.IsZero() {
		o.Start = Epoch
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	clock := rlua.NewVirtualClock(o.Start)
	start := o.Start
	m := &Machine{clock: clock, disp: memory.NewDisplay(o.Width, o.Height),
		dbg: newDebug(func() time.Duration { return clock.Now().Sub(start) }), changed: make(chan struct{}, 1)}
	// The log goes where Options.Logger sends it, and its last lines to the debug overlay.
	o.Logger = slog.New(&logTee{next: o.Logger.Handler(), d: m.dbg})
	m.log = o.Logger
	onAppEvent := func(e app.Event) {
		m.dbg.appEvent(e)
		if o.OnAppEvent != nil {
			o.OnAppEvent(e)
		}
	}
	m.offline.Store(o.Offline)
	net := network(&m.offline)
	if err := m.openStore(o.StoreDir, &net); err != nil {
		return nil, err
	}
	m.lang = o.Language
	if m.lang == "" {
		m.lang = o.Alert.Language.String()
	}
	rx, err := runtime.New(runtime.Options{Display: m.disp, Clock: m.clock, Service: o.Service,
		Alert: o.Alert, Language: o.Language, Network: net, Store: m.db, Deadline: o.Deadline, Logger: o.Logger,
		OnAppEvent: onAppEvent, OnAlert: m.dbg.alert, Video: o.Video})
	if err != nil {
		m.closeStore()
		return nil, err
	}
	m.rx = rx
	if m.dbg.layer, err = newDebugLayer(rx.Compositor()); err != nil {
		_ = rx.Close()
		return nil, err
	}
	return m, nil
}

// Receiver returns the box.
func (m *Machine) Receiver() *runtime.Receiver { return m.rx }

// Clock returns the virtual clock.
func (m *Machine) Clock() *rlua.VirtualClock { return m.clock }

// Display returns the headless display.
func (m *Machine) Display() *memory.Display { return m.disp }

// Elapsed returns the virtual time Step has run.
func (m *Machine) Elapsed() time.Duration { return m.elapsed }

// StreamTime returns the stream time fed so far (0 without a stream).
func (m *Machine) StreamTime() time.Duration {
	if m.feeder == nil {
		return 0
	}
	return m.feeder.StreamTime()
}

// Load loads an app folder (run as if broadcast, reloaded on change) or a transport
// stream file (played as `antena play` would). Nothing runs until Step.
func (m *Machine) Load(path string) error {
	if m.loaded {
		return ErrLoaded
	}
	dir, entry, isApp, err := app.LocalApp(path)
	if err != nil {
		return err
	}
	if !isApp {
		return m.LoadStream(func() (io.ReadCloser, error) { return os.Open(path) }, false)
	}
	m.loaded = true
	return m.loadFolder(dir, entry)
}

// LoadStream plays a transport stream from open (Loop: again at its end).
func (m *Machine) LoadStream(open runtime.Opener, loop bool) error {
	if m.loaded {
		return ErrLoaded
	}
	m.loaded = true
	m.feeder = m.rx.NewFeeder(open, loop)
	m.feeder.Rate = NoPCRRate
	return nil
}

// loadFolder runs the app of a folder: entry, or main.lua, or main.ncl.
func (m *Machine) loadFolder(dir, entry string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	m.dir = abs
	if err := m.rx.Apps().Add(app.Spec{ID: FolderApp, Name: filepath.Base(abs), Dir: abs, Entry: entry,
		Autostart: true}); err != nil {
		return err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		m.log.Warn("no hot reload", "err", err)
		return nil
	}
	m.watcher = w
	_ = filepath.WalkDir(abs, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = w.Add(p)
		}
		return nil
	})
	go m.watch(w)
	return nil
}

// watch turns file notifications into a reload at the next Step.
func (m *Machine) watch(w *fsnotify.Watcher) {
	for {
		select {
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					_ = w.Add(ev.Name)
				}
			}
			m.mu.Lock()
			m.reload = true
			m.mu.Unlock()
			select {
			case m.changed <- struct{}{}:
			default:
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			m.log.Warn("watch", "err", err)
		}
	}
}

// Changed receives a value when a file of the loaded folder changed (the reload happens
// at the next Step).
func (m *Machine) Changed() <-chan struct{} { return m.changed }

// Step runs the machine for d of virtual time, a frame at a time: the stream is fed up to
// the new stream time, due warnings are raised, a pending reload is done, every app runs
// until idle, and the frame is drawn.
func (m *Machine) Step(d time.Duration) error {
	for d > 0 {
		t := min(d, Tick)
		d -= t
		if err := m.tick(t); err != nil {
			return err
		}
	}
	return nil
}

func (m *Machine) tick(t time.Duration) error {
	m.clock.Advance(t)
	m.elapsed += t
	m.mu.Lock()
	reload := m.reload
	m.reload = false
	m.mu.Unlock()
	if reload {
		if err := m.rx.Apps().Reload(FolderApp); err != nil {
			m.log.Warn("reload", "err", err)
		}
	}
	if m.feeder != nil && !m.feeder.Done() {
		m.streamT += t
		if _, err := m.feeder.FeedUntil(m.streamT); err != nil {
			return err
		}
	}
	m.fireAlerts()
	if err := m.rx.Sync(); err != nil && !errors.Is(err, app.ErrBusy) {
		return err
	}
	m.renderDebug()
	_, err := m.rx.Frame()
	return err
}

// Press presses and releases keys (NCLua names: "CURSOR_DOWN", "ENTER", "CHANNEL_UP"), in
// order, running the apps until idle after each event. It does not move the clock.
func (m *Machine) Press(keys ...string) error {
	for _, name := range keys {
		k, err := hardware.ParseKey(name)
		if err != nil {
			return err
		}
		for _, pressed := range []bool{true, false} {
			m.Key(hardware.KeyEvent{Key: k, Pressed: pressed})
			if err := m.rx.Sync(); err != nil && !errors.Is(err, app.ErrBusy) {
				return err
			}
		}
	}
	_, err := m.rx.Frame()
	return err
}

// Screenshot returns the frame as last presented.
func (m *Machine) Screenshot() *image.RGBA { return m.disp.Frame() }

// SaveScreenshot writes the frame as last presented to a PNG file.
func (m *Machine) SaveScreenshot(path string) error { return m.disp.SaveScreenshot(path) }

// Apps returns what the app manager knows of every app.
func (m *Machine) Apps() []app.Info { return m.rx.Apps().Apps() }

// AppStates returns the state of every app by its label (name, or ID without one).
func (m *Machine) AppStates() map[string]app.State {
	out := map[string]app.State{}
	for _, a := range m.Apps() {
		out[a.Label()] = a.State
	}
	return out
}

// Idle reports whether nothing is left to do without more time: the stream (if any)
// ended, and no running app has work queued or timers pending.
func (m *Machine) Idle() bool {
	if m.feeder != nil && !m.feeder.Done() {
		return false
	}
	for _, a := range m.Apps() {
		if a.State == app.StateLoading {
			return false
		}
		if ra := m.rx.Apps().Running(a.ID); ra != nil {
			if st := ra.Status(); !st.Stopped && !st.Idle() {
				return false
			}
		}
	}
	return len(m.pendingAlerts()) == 0
}

// RunUntilIdle steps until Idle, for at most limit of virtual time; it reports whether
// the machine became idle.
func (m *Machine) RunUntilIdle(limit time.Duration) (bool, error) {
	for end := m.elapsed + limit; m.elapsed < end; {
		if err := m.Step(Tick); err != nil {
			return false, err
		}
		if m.Idle() {
			return true, nil
		}
	}
	return m.Idle(), nil
}

// FireEvent sends a stream event to every running app, as {class='user',
// type='streamevent', name=NAME, data=DATA} (see the package doc).
func (m *Machine) FireEvent(name, data string) error {
	n := 0
	for _, a := range m.Apps() {
		if ra := m.rx.Apps().Running(a.ID); ra != nil {
			if err := ra.Send(nclua.Event{"class": "user", "type": "streamevent", "name": name,
				"data": data}); err != nil {
				return err
			}
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("emulator: stream event %q: no app is running", name)
	}
	m.dbg.event("stream event %s %q", name, data)
	return m.rx.Sync()
}

// sync runs the apps until idle; a busy app is not an error.
func (m *Machine) sync() error {
	if err := m.rx.Sync(); err != nil && !errors.Is(err, app.ErrBusy) {
		return err
	}
	return nil
}

// Close stops the apps and the watcher.
func (m *Machine) Close() error {
	if m.watcher != nil {
		m.watcher.Close()
	}
	if m.feeder != nil {
		m.feeder.Close()
	}
	err := m.rx.Close()
	m.closeStore()
	return err
}

// openStore opens the apps' store (persistent data and the outbox) in dir, or in a
// temporary folder when dir is empty.
func (m *Machine) openStore(dir string, net *nclua.Network) error {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "antena-emu-")
		if err != nil {
			return fmt.Errorf("emulator: store: %w", err)
		}
		dir, m.tmpStore = tmp, tmp
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("emulator: store: %w", err)
	}
	db, err := store.Open(filepath.Join(dir, "antena.db"), nil)
	if err != nil {
		m.closeStore()
		return fmt.Errorf("emulator: store: %w", err)
	}
	m.db = db
	m.outbox = nclua.NewOutbox(db, net.Transport, 10*time.Second, m.log)
	net.Outbox = m.outbox
	return nil
}

func (m *Machine) closeStore() {
	if m.db != nil {
		_ = m.db.Close()
	}
	if m.tmpStore != "" {
		_ = os.RemoveAll(m.tmpStore)
	}
}
