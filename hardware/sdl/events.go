//go:build sdl

package sdl

import (
	"image"
	"time"

	"github.com/veandco/go-sdl2/sdl"

	"github.com/antena-tv/antena/hardware"
)

// keyboardMap resolves the names of Keyboard to SDL key codes.
func keyboardMap() map[keyKey]hardware.Key {
	m := make(map[keyKey]hardware.Key, len(Keyboard))
	for _, b := range Keyboard {
		if c := sdl.GetKeyFromName(b.Input); c != sdl.K_UNKNOWN {
			m[keyKey{c, b.Shift}] = b.Key
		}
	}
	return m
}

// gamepadMap resolves the names of Gamepad to SDL controller buttons.
func gamepadMap() map[sdl.GameControllerButton]hardware.Key {
	m := make(map[sdl.GameControllerButton]hardware.Key, len(Gamepad))
	for _, b := range Gamepad {
		if c := sdl.GameControllerGetButtonFromString(b.Input); c != sdl.CONTROLLER_BUTTON_INVALID {
			m[c] = b.Key
		}
	}
	return m
}

// poll reads the SDL event queue every pollInterval, on the SDL thread.
func (w *Window) poll() {
	defer w.polling.Done()
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-tick.C:
			w.t.call(w.drain)
		}
	}
}

// drain handles every pending SDL event; on the SDL thread.
func (w *Window) drain() {
	for ev := sdl.PollEvent(); ev != nil; ev = sdl.PollEvent() {
		switch e := ev.(type) {
		case *sdl.KeyboardEvent:
			w.keyboard(e)
		case *sdl.ControllerButtonEvent:
			if k, ok := w.padMap[sdl.GameControllerButton(e.Button)]; ok {
				w.send(hardware.KeyEvent{Key: k, Pressed: e.Type == sdl.CONTROLLERBUTTONDOWN, Time: w.at(e.Timestamp)})
			}
		case *sdl.MouseButtonEvent:
			w.mouse(e)
		case *sdl.ControllerDeviceEvent:
			w.controller(e)
		case *sdl.WindowEvent:
			switch e.Event {
			case sdl.WINDOWEVENT_EXPOSED, sdl.WINDOWEVENT_SIZE_CHANGED, sdl.WINDOWEVENT_RESTORED:
				_ = w.show()
			}
		case *sdl.QuitEvent:
			w.quitOnce.Do(func() { close(w.quit) })
		}
	}
}

// keyboard maps a key event; on the SDL thread.
func (w *Window) keyboard(e *sdl.KeyboardEvent) {
	code := e.Keysym.Sym
	down := e.Type == sdl.KEYDOWN
	if code == sdl.GetKeyFromName(FullscreenKey) {
		if down && e.Repeat == 0 {
			_ = w.setFullscreen(w.win.GetFlags()&sdl.WINDOW_FULLSCREEN_DESKTOP == 0)
		}
		return
	}
	if down {
		ctrl := e.Keysym.Mod&sdl.KMOD_CTRL != 0
		if h, ok := w.hotMap[hotKey{code, ctrl}]; ok {
			if e.Repeat == 0 {
				select {
				case w.hot <- h:
				default:
				}
			}
			return
		}
	}
	var k hardware.Key
	if down {
		shift := e.Keysym.Mod&sdl.KMOD_SHIFT != 0
		k = w.keyMap[keyKey{code, shift}]
		if k == hardware.KeyNone && shift {
			k = w.keyMap[keyKey{code, false}]
		}
		if k == hardware.KeyNone {
			return
		}
		w.held[code] = k
	} else {
		// A release is the key its press was, whatever Shift did since.
		var ok bool
		if k, ok = w.held[code]; !ok {
			return
		}
		delete(w.held, code)
	}
	w.send(hardware.KeyEvent{Key: k, Pressed: down, Repeat: down && e.Repeat != 0, Time: w.at(e.Timestamp)})
}

// mouse turns a left click on a key of the side region into the key's
// press, and the button's release into its release; on the SDL thread.
func (w *Window) mouse(e *sdl.MouseButtonEvent) {
	if e.Button != sdl.BUTTON_LEFT || w.side == nil || w.side.Hit == nil {
		return
	}
	if e.Type == sdl.MOUSEBUTTONUP {
		if w.clicked != hardware.KeyNone {
			w.send(hardware.KeyEvent{Key: w.clicked, Time: w.at(e.Timestamp)})
			w.clicked = hardware.KeyNone
		}
		return
	}
	if w.clicked != hardware.KeyNone {
		return // another button is down
	}
	if k := w.sideKey(image.Pt(int(e.X), int(e.Y))); k.Valid() {
		w.clicked = k
		w.send(hardware.KeyEvent{Key: k, Pressed: true, Time: w.at(e.Timestamp)})
	}
}

// sideKey returns the key of the side region under p, a point in window
// coordinates; on the SDL thread.
func (w *Window) sideKey(p image.Point) hardware.Key {
	ww, wh := w.win.GetSize()
	q, ok := toContent(p, image.Pt(int(ww), int(wh)), w.outputSize(), w.contentSize())
	if !ok || q.X < w.w {
		return hardware.KeyNone
	}
	return w.side.Hit(q.Sub(image.Pt(w.w, 0)))
}

// controller opens and closes game controllers; on the SDL thread.
func (w *Window) controller(e *sdl.ControllerDeviceEvent) {
	switch e.Type {
	case sdl.CONTROLLERDEVICEADDED:
		if p := sdl.GameControllerOpen(int(e.Which)); p != nil {
			w.pads[p.Joystick().InstanceID()] = p
		}
	case sdl.CONTROLLERDEVICEREMOVED:
		if p, ok := w.pads[e.Which]; ok {
			p.Close()
			delete(w.pads, e.Which)
		}
	}
}

func (w *Window) send(ev hardware.KeyEvent) { _ = w.keys.Send(ev) }

// at converts an SDL timestamp (milliseconds since SDL started) to a time.
func (w *Window) at(ms uint32) time.Time {
	if ms == 0 {
		return time.Now()
	}
	return w.epoch.Add(time.Duration(ms) * time.Millisecond)
}
