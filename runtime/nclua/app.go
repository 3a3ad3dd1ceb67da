package nclua

import (
	"fmt"
	"image"
	"io/fs"
	"log/slog"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/antena-tv/antena/runtime/gfx"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/store"
)

// Default screen size of the global canvas.
const (
	DefaultWidth  = 1280
	DefaultHeight = 720
)

// Options configure an App. Only FS is required.
type Options struct {
	Name string // the app id, for messages and as the store namespace
	FS   fs.FS  // the app's files
	Main string // its main chunk (default "main.lua")
	// Searchers are where require looks (default: FS with
	// rlua.DefaultPatterns).
	Searchers []rlua.Searcher

	Width, Height int // the global canvas (default DefaultWidth×DefaultHeight)
	// CanvasPixels bounds the pixels of all the app's canvases together
	// (default 8 screens); canvas:new beyond it fails.
	CanvasPixels int64
	// Layer, if set, is updated with the global canvas on every flush.
	Layer *gfx.Layer
	// OnFlush, if set, is called on the VM goroutine after every flush of
	// the global canvas with the rectangles that changed. It must not block.
	OnFlush func(changed []image.Rectangle)

	Deadline time.Duration // per entry into Lua (default 1 s)
	Limits   rlua.Limits
	Clock    rlua.Clock // default the real clock
	Cache    *rlua.ProtoCache
	Logger   *slog.Logger
	Print    func(string)

	Settings Settings // overrides of the settings defaults

	Store      *store.DB // persistent storage; nil keeps persistent in memory
	StoreID    string    // namespace (default Name)
	StoreQuota int64     // bytes (default the store's)
	ServiceID  string    // scope of persistent.service (default "default")
	ChannelID  string    // scope of persistent.channel (default "default")

	Network Network // the return channel (tcp, http)

	// OnPost receives every event the app posts 'out' that the runtime does
	// not handle itself (all but tcp and http): ncl, key, pointer, user,
	// si requests, unknown classes. It runs on the VM goroutine and must
	// not block.
	OnPost func(Event)
	// OnStop is called once, on the VM goroutine, when the app stopped.
	OnStop func(*rlua.StopError)

	StartLabel   string // label of the presentation start sent by Start
	NoStartEvent bool   // Start runs the main chunk but sends no start event
}

// App is one running NCLua app: a VM with the event, canvas, settings and
// persistent modules. All methods are safe from any goroutine.
type App struct {
	opts Options
	vm   *rlua.VM
	log  *slog.Logger

	ev         *eventModule
	canvas     *canvasModule
	settings   *settingsModule
	persistent *persistentModule
	tcp        *tcpModule
	http       *httpModule
}

// New makes an app: its VM, sandbox and modules. Nothing of the app runs
// until Start.
func New(opts Options) (*App, error) {
	if opts.Main == "" {
		opts.Main = "main.lua"
	}
	if opts.Name == "" {
		opts.Name = opts.Main
	}
	if opts.Width <= 0 || opts.Height <= 0 {
		opts.Width, opts.Height = DefaultWidth, DefaultHeight
	}
	if opts.CanvasPixels <= 0 {
		opts.CanvasPixels = 8 * int64(opts.Width) * int64(opts.Height)
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	a := &App{opts: opts}
	userStop := opts.OnStop
	vm, err := rlua.New(rlua.Options{
		Name:      opts.Name,
		FS:        opts.FS,
		Searchers: opts.Searchers,
		Deadline:  opts.Deadline,
		Limits:    opts.Limits,
		Clock:     opts.Clock,
		Cache:     opts.Cache,
		Logger:    opts.Logger,
		Print:     opts.Print,
		OnStop: func(se *rlua.StopError) {
			a.shutdown()
			if userStop != nil {
				userStop(se)
			}
		},
	})
	if err != nil {
		return nil, err
	}
	a.vm = vm
	a.log = vm.Logger()
	a.ev = &eventModule{app: a}
	if a.canvas, err = newCanvasModule(a); err != nil {
		vm.Stop()
		return nil, err
	}
	a.settings = newSettingsModule(a)
	if a.persistent, err = newPersistentModule(a); err != nil {
		vm.Stop()
		return nil, err
	}
	a.tcp = newTCPModule(a)
	a.http = newHTTPModule(a)
	a.install()
	return a, nil
}

// install preloads the four modules and sets their globals (STYLE R4).
func (a *App) install() {
	L := a.vm.State()
	preload := L.GetField(L.GetField(L.Get(lua.GlobalsIndex), "package"), "preload")
	for _, m := range []struct {
		name   string
		loader lua.LGFunction
	}{
		{"event", a.ev.loader},
		{"canvas", a.canvas.loader},
		{"settings", a.settings.loader},
		{"persistent", a.persistent.loader},
	} {
		L.SetField(preload, m.name, L.NewFunction(m.loader))
		L.Push(L.NewFunction(m.loader))
		L.Call(0, 1)
		v := L.Get(-1)
		L.Pop(1)
		L.SetGlobal(m.name, v)
		L.SetField(L.GetField(L.G.Registry, "_LOADED"), m.name, v)
	}
}

// VM returns the app's VM (for its clock, Status, Sync and limits).
func (a *App) VM() *rlua.VM { return a.vm }

// Name returns the app's name.
func (a *App) Name() string { return a.opts.Name }

// Start runs the main chunk and then, unless Options.NoStartEvent, sends
// the ncl presentation start event (label Options.StartLabel). It returns
// at once; a failure stops the app (see Done and Err).
func (a *App) Start() error {
	if err := a.vm.Post(a.runMain); err != nil {
		return err
	}
	a.vm.Start()
	return nil
}

func (a *App) runMain() {
	fn, err := a.vm.LoadFile(a.opts.Main)
	if err != nil {
		a.vm.Fail(rlua.ErrRuntime, err.Error())
		return
	}
	if _, err := a.vm.Call(fn); err != nil {
		return
	}
	if !a.opts.NoStartEvent {
		a.ev.enqueue(eventToLua(a.vm.State(), PresentationEvent("start", a.opts.StartLabel)))
	}
}

// Send delivers an event from the host (a key, an ncl event, an si or
// alert notice, a pointer) to the app's input queue. It never blocks.
func (a *App) Send(e Event) error {
	if e.Class() == "" {
		return fmt.Errorf("%w: no class", ErrEvent)
	}
	return a.vm.Post(func() {
		a.ev.enqueue(eventToLua(a.vm.State(), e))
	})
}

// emit hands an event the app posted out to the host. VM goroutine.
func (a *App) emit(ev *lua.LTable) {
	if a.opts.OnPost != nil {
		a.opts.OnPost(eventFromLua(ev))
	}
}

// deliver queues an event for the app from another goroutine (network
// results). It reports whether the app took it.
func (a *App) deliver(e Event) bool {
	return a.vm.Post(func() { a.ev.enqueue(eventToLua(a.vm.State(), e)) }) == nil
}

// Stop stops the app now; Done is closed once it is stopped.
func (a *App) Stop() { a.vm.Stop() }

// Done is closed when the app has stopped.
func (a *App) Done() <-chan struct{} { return a.vm.Done() }

// Err returns why the app stopped (nil while it runs): a *rlua.StopError
// whose Reason is rlua.ErrTimeout, ErrMemory, ErrRuntime, ErrPanic or
// ErrStopped, with the message and traceback to log or show.
func (a *App) Err() *rlua.StopError { return a.vm.Err() }

// Sync waits until the app has handled everything queued and due (see
// rlua.VM.Sync).
func (a *App) Sync() error { return a.vm.Sync() }

// Status returns what the app still has to do (timers, queued events,
// pending network I/O).
func (a *App) Status() rlua.Status { return a.vm.Status() }

// Frame returns a copy of the global canvas as last flushed.
func (a *App) Frame() *image.RGBA { return a.canvas.frame() }

// shutdown releases what the app holds outside the VM: connections and
// requests. VM goroutine (from OnStop).
func (a *App) shutdown() {
	a.tcp.closeAll()
	a.http.cancelAll()
}
