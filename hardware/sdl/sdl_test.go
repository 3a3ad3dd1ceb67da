//go:build sdl

package sdl

import (
	"image"
	"image/color"
	"os"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/require"
	"github.com/veandco/go-sdl2/sdl"

	"github.com/antena-tv/antena/hardware"
)

// The tests run SDL on the main thread, through Main, with the dummy video
// driver unless SDL_VIDEODRIVER says otherwise.
func TestMain(m *testing.M) {
	if os.Getenv("SDL_VIDEODRIVER") == "" {
		_ = os.Setenv("SDL_VIDEODRIVER", "dummy")
	}
	code := 0
	Main(func() { code = m.Run() })
	os.Exit(code)
}

func openTest(t *testing.T, opts Options) *Window {
	t.Helper()
	w, err := Open(opts)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, w.Close()) })
	return w
}

// readback returns what the renderer shows, at the window's output size.
func readback(t *testing.T, w *Window) *image.RGBA {
	t.Helper()
	var img *image.RGBA
	var err error
	w.t.call(func() {
		ow, oh, e := w.ren.GetOutputSize()
		if e != nil {
			err = e
			return
		}
		img = image.NewRGBA(image.Rect(0, 0, int(ow), int(oh)))
		err = w.ren.ReadPixels(nil, uint32(sdl.PIXELFORMAT_RGBA32), unsafe.Pointer(&img.Pix[0]), img.Stride)
	})
	require.NoError(t, err)
	return img
}

func solid(w, h int, c color.RGBA) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

func TestPresentDirtyRects(t *testing.T) {
	w := openTest(t, Options{Title: "test", Width: 64, Height: 48})
	ww, wh := w.Size()
	require.Equal(t, [2]int{64, 48}, [2]int{ww, wh})
	red := color.RGBA{255, 0, 0, 255}
	frame := solid(64, 48, red)
	require.NoError(t, w.Present(frame, nil))
	got := readback(t, w)
	require.Equal(t, red, got.RGBAAt(10, 10))
	require.Equal(t, red, got.RGBAAt(63, 47))

	// Change two areas, upload one: only that one changes on screen.
	blue := color.RGBA{0, 0, 255, 255}
	for y := range 48 {
		for x := range 64 {
			frame.SetRGBA(x, y, blue)
		}
	}
	require.NoError(t, w.Present(frame, []image.Rectangle{image.Rect(0, 0, 16, 16)}))
	got = readback(t, w)
	require.Equal(t, blue, got.RGBAAt(5, 5))
	require.Equal(t, red, got.RGBAAt(40, 40), "outside the dirty rectangle: not uploaded")

	require.ErrorIs(t, w.Present(solid(10, 10, red), nil), hardware.ErrFrameSize)
}

func TestWindowScales(t *testing.T) {
	w := openTest(t, Options{Width: 32, Height: 24, WindowWidth: 128, WindowHeight: 96})
	frame := solid(32, 24, color.RGBA{0, 200, 0, 255})
	for y := range 12 {
		for x := range 16 {
			frame.SetRGBA(x, y, color.RGBA{200, 0, 0, 255})
		}
	}
	require.NoError(t, w.Present(frame, nil))
	got := readback(t, w)
	require.Equal(t, image.Rect(0, 0, 128, 96), got.Rect)
	require.Equal(t, color.RGBA{200, 0, 0, 255}, got.RGBAAt(20, 20))
	require.Equal(t, color.RGBA{0, 200, 0, 255}, got.RGBAAt(100, 80))
}

// padded gives an event the size of an SDL_Event: go-sdl2's PushEvent
// reads a whole SDL_Event from the pointer, which the race detector's
// checkptr rejects for a smaller allocation.
type padded[T any] struct {
	e T
	_ [128]byte
}

func pad[T any](e T) *T { return &(&padded[T]{e: e}).e }

func push(t *testing.T, w *Window, evs ...sdl.Event) {
	t.Helper()
	w.t.call(func() {
		for _, e := range evs {
			_, err := sdl.PushEvent(e)
			require.NoError(t, err)
		}
	})
}

func key(down bool, name string, mod uint16, repeat bool) *sdl.KeyboardEvent {
	e := &sdl.KeyboardEvent{Type: sdl.KEYUP, State: sdl.RELEASED, Timestamp: sdl.GetTicks()}
	if down {
		e.Type, e.State = sdl.KEYDOWN, sdl.PRESSED
	}
	if repeat {
		e.Repeat = 1
	}
	e.Keysym.Sym = sdl.GetKeyFromName(name)
	e.Keysym.Mod = mod
	return pad(*e)
}

func next(t *testing.T, w *Window) hardware.KeyEvent {
	t.Helper()
	select {
	case ev := <-w.Events():
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no key event")
	}
	return hardware.KeyEvent{}
}

func TestKeysInOrder(t *testing.T) {
	w := openTest(t, Options{Width: 16, Height: 16})
	push(t, w,
		key(true, "Return", 0, false),
		key(true, "Return", 0, true),
		key(false, "Return", 0, false),
		key(true, "Z", 0, false), // not a remote key
		key(true, "F1", 0, false),
		key(false, "F1", 0, false),
		key(true, "8", sdl.KMOD_LSHIFT, false), // * on US and ABNT2 keyboards
		key(false, "8", 0, false),              // Shift let go first: still *
		key(true, "Keypad 7", 0, false),
		key(false, "Keypad 7", 0, false),
		key(true, "Escape", 0, false),
	)
	var got []string
	for range 10 {
		got = append(got, next(t, w).String())
	}
	require.Equal(t, []string{
		"press ENTER", "repeat ENTER", "release ENTER", "press RED", "release RED",
		"press ASTERISK", "release ASTERISK", "press 7", "release 7", "press EXIT",
	}, got)
}

func TestKeyNamesResolve(t *testing.T) {
	w := openTest(t, Options{Width: 16, Height: 16})
	w.t.call(func() {
		for _, b := range Keyboard {
			require.NotEqual(t, sdl.K_UNKNOWN, sdl.GetKeyFromName(b.Input), "keyboard %q", b.Input)
		}
		for _, b := range Gamepad {
			c := sdl.GameControllerGetButtonFromString(b.Input)
			require.NotEqual(t, sdl.CONTROLLER_BUTTON_INVALID, c, "gamepad %q", b.Input)
		}
	})
	require.Equal(t, hardware.KeyInfo, w.keyMap[keyKey{sdl.K_i, false}])
	require.Equal(t, hardware.KeyNumberSign, w.keyMap[keyKey{sdl.K_3, true}])
	require.Equal(t, hardware.KeyBlue, w.padMap[sdl.CONTROLLER_BUTTON_X])
}

func button(down bool, b sdl.GameControllerButton) *sdl.ControllerButtonEvent {
	e := sdl.ControllerButtonEvent{Type: sdl.CONTROLLERBUTTONUP, Button: uint8(b), State: sdl.RELEASED}
	if down {
		e.Type, e.State = sdl.CONTROLLERBUTTONDOWN, sdl.PRESSED
	}
	return pad(e)
}

func TestGamepadButtons(t *testing.T) {
	w := openTest(t, Options{Width: 16, Height: 16})
	push(t, w,
		button(true, sdl.CONTROLLER_BUTTON_A),
		button(false, sdl.CONTROLLER_BUTTON_A),
		button(true, sdl.CONTROLLER_BUTTON_DPAD_LEFT),
	)
	require.Equal(t, "press ENTER", next(t, w).String())
	require.Equal(t, "release ENTER", next(t, w).String())
	require.Equal(t, "press CURSOR_LEFT", next(t, w).String())
}

func TestFullscreenKeyNotDelivered(t *testing.T) {
	w := openTest(t, Options{Width: 16, Height: 16})
	before := w.Fullscreen()
	push(t, w, key(true, "F11", 0, false), key(false, "F11", 0, false), key(true, "0", 0, false))
	require.Equal(t, "press 0", next(t, w).String())
	// The dummy driver may refuse full screen; the key is consumed either way.
	t.Logf("full screen before F11: %v, after: %v", before, w.Fullscreen())
	require.NoError(t, w.SetFullscreen(false))
}

func TestQuitAndBusy(t *testing.T) {
	w := openTest(t, Options{Width: 16, Height: 16})
	_, err := Open(Options{Width: 16, Height: 16})
	require.ErrorIs(t, err, ErrBusy)
	push(t, w, pad(sdl.QuitEvent{Type: sdl.QUIT}))
	select {
	case <-w.Quit():
	case <-time.After(5 * time.Second):
		t.Fatal("quit not seen")
	}
}

func TestCloseAndReopen(t *testing.T) {
	w, err := Open(Options{Width: 16, Height: 16})
	require.NoError(t, err)
	require.NoError(t, w.Close())
	require.NoError(t, w.Close())
	require.ErrorIs(t, w.Present(solid(16, 16, color.RGBA{}), nil), hardware.ErrClosed)
	_, ok := <-w.Events()
	require.False(t, ok)
	w2 := openTest(t, Options{Width: 8, Height: 8})
	require.NoError(t, w2.Present(solid(8, 8, color.RGBA{1, 2, 3, 255}), nil))
}

func TestPrivateThread(t *testing.T) {
	w, err := openOn(newPrivateThread(), Options{Width: 8, Height: 8})
	require.NoError(t, err)
	require.NoError(t, w.Present(solid(8, 8, color.RGBA{9, 9, 9, 255}), nil))
	require.Equal(t, color.RGBA{9, 9, 9, 255}, readback(t, w).RGBAAt(3, 3))
	require.NoError(t, w.Close())
}

func TestBadOptions(t *testing.T) {
	_, err := Open(Options{})
	require.ErrorIs(t, err, ErrOptions)
}

// The side region is drawn to the right of the frame, and the two are
// letterboxed together.
func TestSideRegion(t *testing.T) {
	w := openTest(t, Options{Width: 32, Height: 24, Side: &Side{Width: 16}, WindowWidth: 96, WindowHeight: 96})
	red, blue := color.RGBA{200, 0, 0, 255}, color.RGBA{0, 0, 200, 255}
	require.NoError(t, w.Present(solid(32, 24, red), nil))
	require.NoError(t, w.PresentSide(solid(16, 24, blue)))
	got := readback(t, w)
	// 48×24 content in 96×96: scale 2, 96×48 in the middle (24 rows of
	// bars above and below); the frame is 64 wide, the side 32.
	require.Equal(t, color.RGBA{0, 0, 0, 255}, got.RGBAAt(10, 10))
	require.Equal(t, red, got.RGBAAt(10, 40))
	require.Equal(t, red, got.RGBAAt(62, 70))
	require.Equal(t, blue, got.RGBAAt(66, 40))
	require.Equal(t, blue, got.RGBAAt(95, 71))
	require.Equal(t, color.RGBA{0, 0, 0, 255}, got.RGBAAt(80, 80))
	require.ErrorIs(t, w.PresentSide(solid(10, 24, blue)), hardware.ErrFrameSize)

	plain := &Window{}
	require.ErrorIs(t, plain.PresentSide(solid(16, 24, blue)), ErrOptions)
	_, err := Open(Options{Width: 8, Height: 8, Side: &Side{}})
	require.ErrorIs(t, err, ErrOptions)
}

func click(down bool, x, y int32, b uint8, win uint32) *sdl.MouseButtonEvent {
	e := sdl.MouseButtonEvent{Type: sdl.MOUSEBUTTONUP, Button: b, State: sdl.RELEASED, X: x, Y: y,
		WindowID: win, Timestamp: sdl.GetTicks()}
	if down {
		e.Type, e.State = sdl.MOUSEBUTTONDOWN, sdl.PRESSED
	}
	return pad(e)
}

// A click on the side region is mapped through the letterboxing to the
// region's pixels, and its key delivered as a press and a release.
func TestMouseClicksSide(t *testing.T) {
	var hits []image.Point
	hit := func(p image.Point) hardware.Key {
		hits = append(hits, p)
		if p.Y < 12 {
			return hardware.KeyRed
		}
		return hardware.KeyNone
	}
	w := openTest(t, Options{Width: 32, Height: 24, Side: &Side{Width: 16, Hit: hit}, WindowWidth: 96, WindowHeight: 96})
	var id uint32
	w.t.call(func() { id, _ = w.win.GetID() })
	push(t, w,
		click(true, 10, 40, sdl.BUTTON_LEFT, id), // on the frame: nothing
		click(false, 10, 40, sdl.BUTTON_LEFT, id),
		click(true, 70, 70, sdl.BUTTON_LEFT, id), // side (3, 23): no key
		click(false, 70, 70, sdl.BUTTON_LEFT, id),
		click(true, 70, 10, sdl.BUTTON_LEFT, id),  // in the bar above
		click(true, 70, 40, sdl.BUTTON_RIGHT, id), // not the left button
		click(true, 90, 30, sdl.BUTTON_LEFT, id),  // side (13, 3): RED
		click(false, 0, 0, sdl.BUTTON_LEFT, id),   // released anywhere
		key(true, "0", 0, false),
	)
	require.Equal(t, "press RED", next(t, w).String())
	require.Equal(t, "release RED", next(t, w).String())
	require.Equal(t, "press 0", next(t, w).String())
	require.Equal(t, []image.Point{{3, 23}, {13, 3}}, hits)
}

func TestHotkeys(t *testing.T) {
	w := openTest(t, Options{Width: 16, Height: 16, Hotkeys: []Hotkey{{Input: "F12"}, {Input: "S", Ctrl: true}}})
	push(t, w,
		key(true, "F12", 0, false),
		key(true, "F12", 0, true), // a repeat: not reported
		key(false, "F12", 0, false),
		key(true, "S", sdl.KMOD_LCTRL, false),
		key(false, "S", sdl.KMOD_LCTRL, false),
		key(true, "S", 0, false),              // S alone is nothing
		key(true, "1", sdl.KMOD_LCTRL, false), // Ctrl+1 is still the key 1
		key(false, "1", 0, false),
	)
	require.Equal(t, "press 1", next(t, w).String())
	require.Equal(t, "release 1", next(t, w).String())
	var got []string
	for len(got) < 2 {
		select {
		case h := <-w.Hotkeys():
			got = append(got, h.String())
		case <-time.After(5 * time.Second):
			t.Fatal("no hotkey")
		}
	}
	require.Equal(t, []string{"F12", "Ctrl+S"}, got)
	select {
	case h := <-w.Hotkeys():
		t.Fatalf("extra hotkey %v", h)
	default:
	}
}

func TestBadHotkey(t *testing.T) {
	_, err := Open(Options{Width: 8, Height: 8, Hotkeys: []Hotkey{{Input: "NoSuchKey"}}})
	require.ErrorIs(t, err, ErrOptions)
}
