package player

import (
	"errors"
	"fmt"
	"image"
	"io"
	"io/fs"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/antena-tv/antena/runtime/gfx"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/ncl"
	"github.com/antena-tv/antena/runtime/nclua"
)

// VideoSource is a decoder of a video file media: a gfx.VideoSource that
// is closed when the media stops.
type VideoSource interface {
	gfx.VideoSource
	Close() error
}

// VideoDecoder decodes a video file media (its content read from r) at
// w×h: the receiver's ffmpeg decoder (runtime/video).
type VideoDecoder func(r io.Reader, w, h int) (VideoSource, error)

// Options configure a Player. FS is required.
type Options struct {
	Name string // the app, for messages (default Main)
	FS   fs.FS  // the document's files
	Main string // the document (default "main.ncl")
	// Width and Height are the screen the regions are resolved for
	// (default 1280×720).
	Width, Height int
	// Layer, if set, shows the document: every media is composed into it.
	Layer *gfx.Layer
	// Screen is the receiver's compositor, whose video plane the main
	// broadcast video media resizes into its region; nil leaves it alone.
	Screen *gfx.Compositor
	// Lua is the template of the options of every NCLua media: store,
	// network, settings, clock, deadline and limits. Name, FS, Main, size,
	// layer and the callbacks are the player's. Its Clock, Logger,
	// Deadline, Limits and Cache are the player's own too.
	Lua nclua.Options
	// ParseLimits bound the document's parse.
	ParseLimits ncl.Limits
	// Video, if set, decodes a video file media (its content read from
	// r) at w×h; without it (or when it fails) the media shows a
	// placeholder.
	Video VideoDecoder
	// OnUnconsumed receives, in order, the keys the document did not use:
	// no navigation, selection or link took them and no NCLua media
	// consumed them. Player goroutine; must not block.
	OnUnconsumed func(typ, key string)
	// OnExit is called once when the document's body ends by itself.
	OnExit func()
	// OnStop is called once, when the player stopped (Reason ErrStopped
	// when the host stopped it; ErrPanic for a bug of the player).
	OnStop func(*rlua.StopError)
}

// Player presents one NCL document. Its methods are safe from any
// goroutine.
type Player struct {
	opts Options
	vm   *rlua.VM
	log  *slog.Logger
	doc  *ncl.Document

	activity   atomic.Uint64 // work run, for Sync
	depth      int           // nested transitions (see budget)
	burstStart time.Time     // the window of clock time burstN counts in
	burstN     int

	// Player goroutine only.
	callFn      *lua.LFunction
	work        func()
	scene       *gfx.Compositor
	sceneSf     *gfx.Surface
	dirty       bool
	regions     map[string]ncl.Rect
	objects     map[string]*object
	body        *object
	conds       map[evKey][]*condRef
	keyed       map[string][]evKey // selections that links wait for with a key, by key
	links       []*link
	set         *settingsNode
	focus       focusState
	luas        map[*object]*luaMedia
	exited      bool
	videoOn     bool                  // a media holds the screen's video rectangle
	images      map[string]*gfx.Image // decoded once per document
	imagePixels int64
}

// New parses the document and prepares the player; nothing is presented
// until Start. It fails only when there is no document (see ncl.Parse);
// every diagnostic of the document is logged (warnings at Info, errors at
// Warn, with file and line) and kept in Document().Diagnostics.
func New(opts Options) (*Player, error) {
	if opts.FS == nil {
		return nil, errors.New("player: no files")
	}
	if opts.Main == "" {
		opts.Main = "main.ncl"
	}
	if opts.Name == "" {
		opts.Name = opts.Main
	}
	if opts.Width <= 0 || opts.Height <= 0 {
		opts.Width, opts.Height = nclua.DefaultWidth, nclua.DefaultHeight
	}
	log := opts.Lua.Logger
	if log == nil {
		log = slog.Default()
	}
	doc, err := ncl.Parse(opts.FS, opts.Main, opts.ParseLimits)
	if err != nil {
		return nil, fmt.Errorf("player: %w", err)
	}
	p := &Player{opts: opts, doc: doc, objects: map[string]*object{}, conds: map[evKey][]*condRef{}, keyed: map[string][]evKey{},
		luas: map[*object]*luaMedia{}, images: map[string]*gfx.Image{}}
	userStop := opts.OnStop
	vm, err := rlua.New(rlua.Options{
		Name: opts.Name, Clock: opts.Lua.Clock, Logger: log, Deadline: opts.Lua.Deadline,
		Limits: opts.Lua.Limits, Cache: opts.Lua.Cache,
		OnStop: func(se *rlua.StopError) {
			p.shutdown()
			if userStop != nil {
				userStop(se)
			}
		},
	})
	if err != nil {
		return nil, err
	}
	p.vm = vm
	p.log = vm.Logger()
	for _, d := range doc.Diagnostics {
		if d.Severity == ncl.Error {
			p.log.Warn("ncl: "+d.Message, "pos", d.Pos.String())
		} else {
			p.log.Info("ncl: "+d.Message, "pos", d.Pos.String())
		}
	}
	p.callFn = vm.State().NewFunction(func(*lua.LState) int {
		p.work()
		return 0
	})
	if p.scene, err = gfx.NewCompositor(opts.Width, opts.Height); err != nil {
		vm.Stop()
		return nil, err
	}
	p.scene.SetVideoPattern(gfx.PatternTransparent)
	p.sceneSf = gfx.NewSurfaceFromRGBA(p.scene.Frame())
	p.regions = doc.ResolveRegions("", opts.Width, opts.Height)
	p.build()
	return p, nil
}

// Document returns the parsed document (read it, do not change it).
func (p *Player) Document() *ncl.Document { return p.doc }

// Name returns Options.Name.
func (p *Player) Name() string { return p.opts.Name }

// Start starts the document: its body, and through the body's ports the
// media they name.
func (p *Player) Start() error {
	p.vm.Start()
	return p.post(func() {
		if p.body == nil {
			p.log.Warn("ncl: the document has no body; nothing to present")
			p.exit()
			return
		}
		p.start(p.body, "", "")
	})
}

// post runs f on the player's goroutine under the VM's protection: a Go
// panic stops the player (ErrPanic), not the box.
func (p *Player) post(f func()) error { return p.vm.Post(func() { p.run(f) }) }

// run calls f through the VM (PCall turns a panic into a StopError), then
// presents what changed.
func (p *Player) run(f func()) {
	if p.vm.Stopped() {
		return
	}
	p.activity.Add(1)
	prev := p.work
	p.work = f
	_, err := p.vm.Call(p.callFn)
	p.work = prev
	if err != nil {
		return
	}
	if p.dirty && prev == nil {
		p.present()
	}
}

// after runs f on the player's goroutine once the clock advanced by d;
// cancel reports whether it was still pending. Player goroutine.
func (p *Player) after(d time.Duration, f func()) (cancel func() bool) {
	return p.vm.After(d, func() { p.run(f) })
}

// present composes the scene and copies what changed into Options.Layer.
func (p *Player) present() {
	p.dirty = false
	rects := p.scene.Compose()
	if p.opts.Layer == nil || len(rects) == 0 {
		return
	}
	for _, r := range rects {
		p.sceneSf.Invalidate(r)
	}
	p.opts.Layer.Flush(p.sceneSf)
}

// Frame returns a copy of the document's picture as last presented (what
// Options.Layer shows).
func (p *Player) Frame() *image.RGBA {
	ch := make(chan *image.RGBA, 1)
	if p.post(func() {
		p.present()
		src := p.scene.Frame()
		cp := image.NewRGBA(src.Rect)
		copy(cp.Pix, src.Pix)
		ch <- cp
	}) != nil {
		return nil
	}
	select {
	case img := <-ch:
		return img
	case <-p.vm.Done():
		return nil
	}
}

// Send hands the player an event from the host: a key (class key) is
// routed as Key does; an ncl presentation stop of the document (label
// ”) stops the body and then the player; any other event (si, alert,
// user) goes to every running NCLua media.
func (p *Player) Send(e nclua.Event) error {
	switch {
	case e.Class() == "key":
		typ, _ := e["type"].(string)
		key, _ := e["key"].(string)
		return p.post(func() { p.key(typ, key) })
	case e.Class() == "ncl" && e.Type() == "presentation" && e["action"] == "stop" &&
		(e["label"] == nil || e["label"] == ""):
		return p.post(func() {
			if p.body != nil {
				p.stop(p.body, "", false)
			}
		})
	}
	return p.post(func() {
		for _, lm := range p.luas {
			_ = lm.app.Send(e)
		}
	})
}

// SetSetting changes a settings variable ("group.name"), as the host's
// configuration changes: the settings node, the rules and every NCLua
// media see it.
func (p *Player) SetSetting(path string, value any) error {
	if _, _, ok := strings.Cut(path, "."); !ok {
		return fmt.Errorf("player: setting %q: want group.name", path)
	}
	return p.post(func() { p.set.hostSet(path, value) })
}

// Stop stops the player and its media. Safe from any goroutine; later
// calls do nothing.
func (p *Player) Stop() { p.vm.Stop() }

// Done is closed when the player has stopped and released its media.
func (p *Player) Done() <-chan struct{} { return p.vm.Done() }

// Err returns why the player stopped, or nil while it runs.
func (p *Player) Err() *rlua.StopError { return p.vm.Err() }

// Sync waits until the player and its NCLua media are quiescent (see
// lua.VM.Sync): act, Sync, look. It returns lua.ErrBusy if they keep each
// other busy without end.
func (p *Player) Sync() error {
	for range 1000 {
		seq := p.activity.Load()
		if err := p.vm.Sync(); err != nil {
			return err
		}
		for _, a := range p.luaApps() {
			if err := a.Sync(); err != nil && !errors.Is(err, rlua.ErrStopped) {
				return fmt.Errorf("player: %s: %w", a.Name(), err)
			}
		}
		if err := p.vm.Sync(); err != nil {
			return err
		}
		if p.activity.Load() == seq {
			return nil
		}
	}
	return rlua.ErrBusy
}

// Status is what the player and its media still have to do.
func (p *Player) Status() rlua.Status {
	st := p.vm.Status()
	if st.Stopped {
		return st
	}
	for _, a := range p.luaApps() {
		s := a.Status()
		if s.Stopped {
			continue
		}
		st.Queued += s.Queued
		st.PendingIO += s.PendingIO
		if s.Timers > 0 && (st.Timers == 0 || s.NextTimer.Before(st.NextTimer)) {
			st.NextTimer = s.NextTimer
		}
		st.Timers += s.Timers
	}
	return st
}

// luaApps returns the running NCLua media's apps (from any goroutine).
func (p *Player) luaApps() []*nclua.App {
	ch := make(chan []*nclua.App, 1)
	if p.vm.Post(func() {
		out := make([]*nclua.App, 0, len(p.luas))
		for _, lm := range p.luas {
			out = append(out, lm.app)
		}
		ch <- out
	}) != nil {
		return nil
	}
	select {
	case a := <-ch:
		return a
	case <-p.vm.Done():
		return nil
	}
}

// exit ends the document once.
func (p *Player) exit() {
	if p.exited {
		return
	}
	p.exited = true
	p.log.Info("ncl: the document ended")
	if p.opts.OnExit != nil {
		p.opts.OnExit()
	}
}

// shutdown releases every media when the VM stopped. Player goroutine
// (the VM's OnStop).
func (p *Player) shutdown() {
	for _, o := range p.objects {
		o.release() // an NCLua media's content stops its app
	}
	if p.opts.Screen != nil && p.videoOn {
		p.opts.Screen.SetVideoRect(image.Rect(0, 0, p.opts.Width, p.opts.Height))
	}
}
