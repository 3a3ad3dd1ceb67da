//go:build sdl

package sdl

import (
	"fmt"
	"image"
	"sync"
	"time"
	"unsafe"

	"github.com/veandco/go-sdl2/sdl"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/hardware/memory"
)

var (
	_ hardware.Display = (*Window)(nil)
	_ hardware.Input   = (*Window)(nil)
)

// pollInterval is how often the SDL event queue is read: key latency is at
// most this.
const pollInterval = 4 * time.Millisecond

var open struct {
	mu sync.Mutex
	w  *Window
}

// Window is an SDL window (or a KMS/DRM screen) that is both a
// hardware.Display and a hardware.Input.
type Window struct {
	t        *thread
	w, h     int
	win      *sdl.Window
	ren      *sdl.Renderer
	tex      *sdl.Texture
	kmsdrm   bool
	keys     *memory.Input // the ordered, unbounded event queue
	quit     chan struct{}
	quitOnce sync.Once
	stop     chan struct{}
	polling  sync.WaitGroup
	epoch    time.Time // time of SDL tick 0
	held     map[sdl.Keycode]hardware.Key
	keyMap   map[keyKey]hardware.Key
	padMap   map[sdl.GameControllerButton]hardware.Key
	pads     map[sdl.JoystickID]*sdl.GameController
	side     *Side
	sideTex  *sdl.Texture
	hotMap   map[hotKey]Hotkey
	hot      chan Hotkey
	clicked  hardware.Key // the key a held mouse button pressed

	mu     sync.Mutex
	closed bool
}

type keyKey struct {
	code  sdl.Keycode
	shift bool
}

type hotKey struct {
	code sdl.Keycode
	ctrl bool
}

// Open initialises SDL and opens the window. Only one window may be open.
func Open(opts Options) (*Window, error) {
	if opts.Width <= 0 || opts.Height <= 0 {
		return nil, fmt.Errorf("%w: frame size %dx%d", ErrOptions, opts.Width, opts.Height)
	}
	if opts.Side != nil && opts.Side.Width <= 0 {
		return nil, fmt.Errorf("%w: side region width %d", ErrOptions, opts.Side.Width)
	}
	open.mu.Lock()
	defer open.mu.Unlock()
	if open.w != nil {
		return nil, ErrBusy
	}
	w, err := openOn(newThread(), opts)
	if err != nil {
		return nil, err
	}
	open.w = w
	return w, nil
}

func openOn(t *thread, opts Options) (*Window, error) {
	w := &Window{
		t: t, w: opts.Width, h: opts.Height,
		keys: memory.NewInput(nil),
		quit: make(chan struct{}),
		stop: make(chan struct{}),
		held: make(map[sdl.Keycode]hardware.Key),
		pads: make(map[sdl.JoystickID]*sdl.GameController),
		side: opts.Side,
		hot:  make(chan Hotkey, 16),
	}
	var err error
	t.call(func() { err = w.init(opts) })
	if err != nil {
		t.call(w.destroy)
		t.close()
		w.keys.Close()
		return nil, err
	}
	w.polling.Add(1)
	go w.poll()
	return w, nil
}

func sdlErr(what string, err error) error { return fmt.Errorf("%w: %s: %v", ErrSDL, what, err) }

// init runs on the SDL thread.
func (w *Window) init(opts Options) error {
	if err := sdl.Init(sdl.INIT_VIDEO | sdl.INIT_EVENTS); err != nil {
		return sdlErr("init", err)
	}
	// Game controllers are optional: a box without joystick support still
	// has a screen and a keyboard or remote.
	_ = sdl.InitSubSystem(sdl.INIT_GAMECONTROLLER)
	w.epoch = time.Now().Add(-time.Duration(sdl.GetTicks64()) * time.Millisecond)
	w.keyMap = keyboardMap()
	w.padMap = gamepadMap()
	w.hotMap = make(map[hotKey]Hotkey, len(opts.Hotkeys))
	for _, h := range opts.Hotkeys {
		c := sdl.GetKeyFromName(h.Input)
		if c == sdl.K_UNKNOWN {
			return fmt.Errorf("%w: hotkey %q: no such SDL key", ErrOptions, h.Input)
		}
		w.hotMap[hotKey{c, h.Ctrl}] = h
	}

	driver, _ := sdl.GetCurrentVideoDriver()
	w.kmsdrm = driver == "kmsdrm"
	ww, wh := opts.WindowWidth, opts.WindowHeight
	if ww <= 0 || wh <= 0 {
		ww, wh = w.contentSize().X, w.contentSize().Y
	}
	flags := uint32(sdl.WINDOW_RESIZABLE | sdl.WINDOW_ALLOW_HIGHDPI)
	if opts.Fullscreen || w.kmsdrm {
		flags |= sdl.WINDOW_FULLSCREEN_DESKTOP
	}
	title := opts.Title
	if title == "" {
		title = "Antena"
	}
	sdl.SetHint(sdl.HINT_RENDER_SCALE_QUALITY, "linear")
	var err error
	w.win, err = sdl.CreateWindow(title, sdl.WINDOWPOS_CENTERED, sdl.WINDOWPOS_CENTERED, int32(ww), int32(wh), flags)
	if err != nil {
		return sdlErr("create window", err)
	}
	w.ren, err = sdl.CreateRenderer(w.win, -1, sdl.RENDERER_ACCELERATED|sdl.RENDERER_PRESENTVSYNC)
	if err != nil {
		w.ren, err = sdl.CreateRenderer(w.win, -1, sdl.RENDERER_SOFTWARE)
		if err != nil {
			return sdlErr("create renderer", err)
		}
	}
	// No logical size: show places the frame (and the side region) itself,
	// and the mouse is mapped with the same arithmetic (layout.go).
	if w.tex, err = w.texture(w.w, w.h); err != nil {
		return err
	}
	if w.side != nil {
		if w.sideTex, err = w.texture(w.side.Width, w.h); err != nil {
			return err
		}
	}
	return w.show()
}

// texture makes a streaming texture; on the SDL thread.
func (w *Window) texture(tw, th int) (*sdl.Texture, error) {
	t, err := w.ren.CreateTexture(uint32(sdl.PIXELFORMAT_RGBA32), sdl.TEXTUREACCESS_STREAMING, int32(tw), int32(th))
	if err != nil {
		return nil, sdlErr("create texture", err)
	}
	if err := t.SetBlendMode(sdl.BLENDMODE_NONE); err != nil {
		return nil, sdlErr("texture blend mode", err)
	}
	return t, nil
}

// contentSize is the size of what the window shows: the frame and the side
// region beside it.
func (w *Window) contentSize() image.Point {
	if w.side != nil {
		return image.Pt(w.w+w.side.Width, w.h)
	}
	return image.Pt(w.w, w.h)
}

// outputSize returns the renderer's output size in pixels; on the SDL
// thread.
func (w *Window) outputSize() image.Point {
	ow, oh, err := w.ren.GetOutputSize()
	if err != nil {
		x, y := w.win.GetSize()
		return image.Pt(int(x), int(y))
	}
	return image.Pt(int(ow), int(oh))
}

// places returns where the frame and the side region are drawn in the
// output; on the SDL thread.
func (w *Window) places() (frame, side image.Rectangle) {
	c := w.contentSize()
	return split(viewport(w.outputSize(), c), c.X, w.w)
}

func sdlRect(r image.Rectangle) *sdl.Rect {
	return &sdl.Rect{X: int32(r.Min.X), Y: int32(r.Min.Y), W: int32(r.Dx()), H: int32(r.Dy())}
}

// show draws the textures to the window, letterboxed; on the SDL thread.
func (w *Window) show() error {
	if err := w.ren.SetDrawColor(0, 0, 0, 255); err != nil {
		return sdlErr("draw colour", err)
	}
	if err := w.ren.Clear(); err != nil {
		return sdlErr("clear", err)
	}
	frame, side := w.places()
	if err := w.ren.Copy(w.tex, nil, sdlRect(frame)); err != nil {
		return sdlErr("copy", err)
	}
	if w.sideTex != nil && !side.Empty() {
		if err := w.ren.Copy(w.sideTex, nil, sdlRect(side)); err != nil {
			return sdlErr("copy side", err)
		}
	}
	w.ren.Present()
	return nil
}

// PresentSide uploads the pixels of the side region (Options.Side.Width ×
// the frame height; read during the call only) and shows them.
func (w *Window) PresentSide(img *image.RGBA) error {
	if w.side == nil {
		return fmt.Errorf("%w: no side region", ErrOptions)
	}
	if img.Rect.Dx() != w.side.Width || img.Rect.Dy() != w.h {
		return fmt.Errorf("%w: side %v, window side %dx%d", hardware.ErrFrameSize, img.Rect.Size(), w.side.Width, w.h)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return hardware.ErrClosed
	}
	var err error
	w.t.call(func() {
		if e := w.sideTex.Update(nil, unsafe.Pointer(&img.Pix[img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y)]), img.Stride); e != nil {
			err = sdlErr("side texture update", e)
			return
		}
		err = w.show()
	})
	return err
}

// Size returns the frame size given to Open.
func (w *Window) Size() (width, height int) { return w.w, w.h }

// Present uploads the dirty rectangles of frame (all of it when dirty is
// empty) to the texture and shows it, scaled to the window.
func (w *Window) Present(frame *image.RGBA, dirty []image.Rectangle) error {
	if frame.Rect.Dx() != w.w || frame.Rect.Dy() != w.h {
		return fmt.Errorf("%w: frame %v, window frames %dx%d", hardware.ErrFrameSize, frame.Rect.Size(), w.w, w.h)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return hardware.ErrClosed
	}
	bounds := image.Rect(0, 0, w.w, w.h)
	if len(dirty) == 0 {
		dirty = []image.Rectangle{bounds}
	}
	var err error
	w.t.call(func() {
		for _, r := range dirty {
			r = r.Intersect(bounds)
			if r.Empty() {
				continue
			}
			off := frame.PixOffset(frame.Rect.Min.X+r.Min.X, frame.Rect.Min.Y+r.Min.Y)
			rect := sdl.Rect{X: int32(r.Min.X), Y: int32(r.Min.Y), W: int32(r.Dx()), H: int32(r.Dy())}
			if e := w.tex.Update(&rect, unsafe.Pointer(&frame.Pix[off]), frame.Stride); e != nil {
				err = sdlErr("texture update", e)
				return
			}
		}
		err = w.show()
	})
	return err
}

// SetFullscreen switches between full screen and a window (not under
// KMS/DRM, which is always full screen).
func (w *Window) SetFullscreen(on bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return hardware.ErrClosed
	}
	var err error
	w.t.call(func() { err = w.setFullscreen(on) })
	return err
}

func (w *Window) setFullscreen(on bool) error {
	if w.kmsdrm {
		return nil
	}
	var flags uint32
	if on {
		flags = sdl.WINDOW_FULLSCREEN_DESKTOP
	}
	if err := w.win.SetFullscreen(flags); err != nil {
		return sdlErr("full screen", err)
	}
	return w.show()
}

// Fullscreen reports whether the window is full screen.
func (w *Window) Fullscreen() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return false
	}
	var on bool
	w.t.call(func() { on = w.win.GetFlags()&sdl.WINDOW_FULLSCREEN_DESKTOP != 0 })
	return on
}

// Events returns the remote-control key events; the channel is closed by
// Close.
func (w *Window) Events() <-chan hardware.KeyEvent { return w.keys.Events() }

// Hotkeys returns the presses of Options.Hotkeys. Presses the reader does
// not take in time (16 are kept) are dropped.
func (w *Window) Hotkeys() <-chan Hotkey { return w.hot }

// Quit is closed when the user closes the window (or SDL is asked to quit).
func (w *Window) Quit() <-chan struct{} { return w.quit }

// Close closes the window and shuts SDL down.
func (w *Window) Close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	w.mu.Unlock()
	close(w.stop)
	w.polling.Wait()
	w.t.call(w.destroy)
	w.t.close()
	open.mu.Lock()
	if open.w == w {
		open.w = nil
	}
	open.mu.Unlock()
	return w.keys.Close()
}

// destroy releases everything; on the SDL thread.
func (w *Window) destroy() {
	for id, p := range w.pads {
		p.Close()
		delete(w.pads, id)
	}
	if w.tex != nil {
		_ = w.tex.Destroy()
	}
	if w.sideTex != nil {
		_ = w.sideTex.Destroy()
	}
	if w.ren != nil {
		_ = w.ren.Destroy()
	}
	if w.win != nil {
		_ = w.win.Destroy()
	}
	sdl.Quit()
}
