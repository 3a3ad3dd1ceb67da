package sdl

import (
	"image"

	"github.com/antena-tv/antena/hardware"
)

// Options configure Open.
type Options struct {
	// Title is the window title.
	Title string
	// Width and Height are the size of the frames that will be presented
	// (the compositor's frame size). Required.
	Width, Height int
	// WindowWidth and WindowHeight are the initial window size; zero means
	// the frame size (plus the side region's width).
	WindowWidth, WindowHeight int
	// Fullscreen starts full screen (always so under KMS/DRM).
	Fullscreen bool
	// Side, when set, adds a region to the right of the frame: the
	// emulator's remote-control legend. The box (antena play) has none.
	Side *Side
	// Hotkeys are key combinations reported on Window.Hotkeys instead of as
	// remote keys (the emulator's F12 and Ctrl+S).
	Hotkeys []Hotkey
}

// Side is a region shown to the right of the frame and as tall as it,
// scaled and letterboxed with it: the frame and the side region together
// keep their aspect ratio in the window. Its pixels are given by
// Window.PresentSide.
type Side struct {
	// Width in pixels, at the frame's scale. Required.
	Width int
	// Hit returns the key under p, a point of the region ((0,0) at its
	// top-left, in its own pixels), or hardware.KeyNone. A left click on a
	// key delivers its press on Events, and the button's release its
	// release. Hit is called on the SDL thread: it must be quick and must
	// not call the Window.
	Hit func(p image.Point) hardware.Key
}

// Hotkey is a key, with or without Ctrl, that the window reports on
// Window.Hotkeys (presses only, not repeats) and does not deliver as a
// remote key.
type Hotkey struct {
	// Input is an SDL key name, as in Keyboard ("F12", "S").
	Input string
	// Ctrl is set when the hotkey needs Ctrl held; Ctrl must not be held
	// otherwise.
	Ctrl bool
}

// String returns "F12" or "Ctrl+S".
func (h Hotkey) String() string {
	if h.Ctrl {
		return "Ctrl+" + h.Input
	}
	return h.Input
}
