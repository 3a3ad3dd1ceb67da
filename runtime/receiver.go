package runtime

import (
	"context"
	"errors"
	"image"
	"log/slog"
	"sync"
	"time"

	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/runtime/alert"
	"github.com/antena-tv/antena/runtime/app"
	"github.com/antena-tv/antena/runtime/gfx"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
	"github.com/antena-tv/antena/runtime/osd"
	"github.com/antena-tv/antena/runtime/screen"
	"github.com/antena-tv/antena/runtime/store"
)

// Default frame size of a Receiver.
const (
	DefaultWidth  = 1280
	DefaultHeight = 720
)

// ErrClosed is returned by a Receiver's methods after Close.
var ErrClosed = errors.New("runtime: receiver closed")

// Options configure a Receiver. Display is required.
type Options struct {
	// Display shows the frames; its size is the frame size.
	Display hardware.Display
	// Clock is the box's one clock, shared by the Demuxer (SCTE-18 expiry), the alert
	// manager, the app manager (and every app) and the screen: rlua.RealClock on a box
	// (the default), a *rlua.VirtualClock in tests and the headless emulator.
	Clock rlua.Clock
	// Service is the service to select (its service_id); 0 selects the first service
	// that signals an app (an AIT in its PMT), else the first service of the PAT.
	Service uint16
	// Alert is what the box knows of itself for emergency warnings (areas, language).
	Alert alert.Config
	// Language of the apps' settings.system.language ("pt", "es", "en"; default the
	// alert language).
	Language string
	// StandbyKey toggles standby (KeyNone, the default: only SetStandby does).
	StandbyKey hardware.Key
	// Network is the apps' return channel (nclua); the zero value reaches no host.
	Network nclua.Network
	// Store keeps the apps' persistent data; nil keeps it in memory.
	Store *store.DB
	// Deadline bounds one entry into Lua (the watchdog; default lua.DefaultDeadline).
	Deadline time.Duration
	// Video decodes the video files of NCL documents (nil: placeholders).
	Video app.VideoDecoder
	// EntryWait is the app manager's wait for the entry of an incomplete carousel.
	EntryWait time.Duration
	// Logger gets the box's log; nil means slog.Default().
	Logger *slog.Logger
	// OnAppEvent, OnAlert and OnPost, when set, see the app manager's events, the
	// alert manager's app notifications and what apps post out, after the Receiver
	// acted on them. They run on the managers' goroutines and must not block.
	OnAppEvent func(app.Event)
	OnAlert    func(alert.AppEvent)
	OnPost     func(app.ID, nclua.Event)
}

// Receiver is the box: it joins a Demuxer, the app manager, the alert manager, the
// on-screen display and the screen (see the package doc). Its methods are safe from any
// goroutine; Frame belongs to one screen loop, Write and Play to one demux goroutine.
type Receiver struct {
	opts  Options
	log   *slog.Logger
	clock rlua.Clock
	start time.Time

	comp   *gfx.Compositor
	screen *screen.Screen
	osd    *osd.OSD
	apps   *app.Manager
	alerts *alert.Manager
	dmx    *demux.Demuxer

	mu       sync.Mutex
	services []ServiceInfo // in PAT order
	current  uint16
	volume   int
	muted    bool
	standby  bool
	awake    bool // reception powered in standby (Wake)
	closed   bool
	menu     []app.ID
	lastStop string
}

// ServiceInfo is a service of the transport stream as the box knows it.
type ServiceInfo struct {
	ID      uint16 // service_id (program_number)
	Name    string // from the SDT; "" until known
	HasApps bool   // its PMT signals an AIT
	PMTSeen bool
}

// New builds a Receiver. Feed it with Write or Play, give it keys with Key, and draw
// with Frame (or Run).
func New(o Options) (*Receiver, error) {
	if o.Display == nil {
		return nil, errors.New("runtime: Options.Display is required")
	}
	if o.Clock == nil {
		o.Clock = rlua.RealClock{}
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Language == "" {
		o.Language = o.Alert.Language.String()
	}
	r := &Receiver{opts: o, log: o.Logger, clock: o.Clock, start: o.Clock.Now(), volume: 50}
	w, h := o.Display.Size()
	var err error
	if r.comp, err = gfx.NewCompositor(w, h); err != nil {
		return nil, err
	}
	if r.screen, err = screen.New(r.comp, o.Display); err != nil {
		return nil, err
	}
	r.screen.BeforeFrame = r.beforeFrame
	if r.osd, err = osd.New(r.comp); err != nil {
		return nil, err
	}
	r.alerts, err = alert.New(alert.Options{Config: o.Alert, Box: (*alertBox)(r), Clock: r.Since,
		Compositor: r.comp, Notify: r.notifyAlert, Logger: o.Logger})
	if err != nil {
		return nil, err
	}
	settings := nclua.Settings{"system": {"language": o.Language}}
	if loc := o.Alert.UserLocation(); loc != "" {
		settings["user"] = map[string]any{"location": loc}
	}
	r.apps, err = app.New(app.Options{Clock: o.Clock, Logger: o.Logger, Compositor: r.comp,
		Box: app.BoxFunc(r.boxKey), OnEvent: r.appEvent, OnPost: r.appPost, Store: o.Store,
		Network: o.Network, Settings: settings, Deadline: o.Deadline, EntryWait: o.EntryWait, Video: o.Video})
	if err != nil {
		return nil, err
	}
	r.dmx = demux.New(demux.Handlers{
		PAT: r.pat, PMT: r.pmt, SDT: r.sdt, Alert: r.alerts.Handle,
		DecodeError: func(i demux.Info, err error) { r.log.Debug("demux", "pid", i.PID, "err", err) },
	}, demux.Options{
		Clock:          r.Since,
		AlertLanguages: []string{o.Alert.Language.ISO6392()},
		// Follow private sections on PIDs no table names: SCTE-18 alerts are sent on
		// 0x1FFB by the book but on other PIDs in practice (the TSDuck sample uses 0x1FFC).
		// It costs one look at the first unit start of each unknown PID.
		Sniff: true,
	})
	r.apps.DemuxFeed(r.dmx).Install()
	return r, nil
}

// Since returns the box's monotonic clock: the time since New on Options.Clock. It is
// the clock of the Demuxer and the alert manager.
func (r *Receiver) Since() time.Duration { return r.clock.Now().Sub(r.start) }

// Clock returns the box's clock.
func (r *Receiver) Clock() rlua.Clock { return r.clock }

// Apps returns the app manager.
func (r *Receiver) Apps() *app.Manager { return r.apps }

// Alerts returns the alert manager.
func (r *Receiver) Alerts() *alert.Manager { return r.alerts }

// Compositor returns the compositor the planes are composed on.
func (r *Receiver) Compositor() *gfx.Compositor { return r.comp }

// Screen returns the screen (frame pacing and statistics).
func (r *Receiver) Screen() *screen.Screen { return r.screen }

// OSD returns the on-screen display.
func (r *Receiver) OSD() *osd.OSD { return r.osd }

// Demuxer returns the Demuxer. Only the goroutine that feeds the Receiver may use it.
func (r *Receiver) Demuxer() *demux.Demuxer { return r.dmx }

// Write feeds the next bytes of the transport stream to the Demuxer. Call it from one
// goroutine (the demux goroutine); it never waits for the box.
func (r *Receiver) Write(b []byte) (int, error) { return r.dmx.Write(b) }

// Frame composes and presents the frame at the clock's time: the alert plane and the
// OSD are brought up to date first. It reports whether the display got a frame.
func (r *Receiver) Frame() (bool, error) {
	if r.Standby() {
		r.alerts.Tick(r.Since())
		return false, nil
	}
	return r.screen.Frame(r.clock.Now())
}

func (r *Receiver) beforeFrame(now time.Time) {
	r.alerts.Render(now.Sub(r.start))
	r.osd.Render(now)
}

// Sync runs the app manager and its apps until they are idle (see app.Manager.Sync):
// with a virtual clock, act, Sync, then look.
func (r *Receiver) Sync() error { return r.apps.Sync() }

// Snapshot returns a copy of the frame as last composed.
func (r *Receiver) Snapshot() *image.RGBA {
	f := r.comp.Frame()
	c := image.NewRGBA(f.Bounds())
	copy(c.Pix, f.Pix)
	return c
}

// Close stops the apps and the managers. The display is the caller's.
func (r *Receiver) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	r.mu.Unlock()
	return r.apps.Close()
}

// Run runs the box until ctx is done or the display fails: keys from in (nil: none) go
// to Key, and a frame is drawn every interval of the box's clock (screen.DefaultInterval
// when 0). Feed the stream with Play in another goroutine.
func (r *Receiver) Run(ctx context.Context, in hardware.Input, interval time.Duration) error {
	if interval <= 0 {
		interval = screen.DefaultInterval
	}
	if in != nil {
		go func() {
			for {
				select {
				case <-ctx.Done():
					return
				case ev, ok := <-in.Events():
					if !ok {
						return
					}
					r.Key(ev)
				}
			}
		}()
	}
	tm := r.clock.NewTimer(interval)
	defer tm.Stop()
	for {
		if _, err := r.Frame(); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tm.C():
			tm.Reset(interval)
		}
	}
}
