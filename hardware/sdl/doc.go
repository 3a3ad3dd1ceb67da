// Package sdl presents frames in an SDL2 window and reads the keyboard and
// game controllers as a remote control. It needs cgo and libSDL2, so it is
// built only with the sdl build tag (go build -tags sdl); without it, Open
// returns an error wrapping errors.ErrUnsupported, and everything else
// builds and tests without cgo.
//
// The window scales the frame to any size, keeping its aspect ratio
// (letterboxed), and F11 toggles full screen. With SDL_VIDEODRIVER=kmsdrm
// SDL drives the screen directly through KMS/DRM (no X11 or Wayland, as on
// a set-top box) and the window is always full screen. Frames go to a
// streaming texture, and only their dirty rectangles are uploaded.
//
// SDL wants its calls on one OS thread, the main one on some platforms. All
// calls go through a call queue served by one locked OS thread: the main
// thread when the program runs its body under Main (do that in package
// main), otherwise a dedicated locked thread, which is enough on Linux.
//
// Keys are mapped with the tables Keyboard and Gamepad, which the docs and
// the emulator's legend list; presses and releases are delivered in order,
// and a key held down produces repeated presses flagged Repeat.
//
// Options.Side adds a region to the right of the frame (the emulator's
// remote-control legend; the box has none), scaled and letterboxed with the
// frame: the window places both itself and maps mouse clicks back through
// the same arithmetic, so a left click on the region is given to Side.Hit
// in the region's own pixels and its key delivered (press, then release)
// on Events. Options.Hotkeys are reported on Hotkeys instead of as keys
// (the emulator's F12 and Ctrl+S).
package sdl
