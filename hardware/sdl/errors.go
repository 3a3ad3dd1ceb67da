package sdl

import "errors"

// Sentinel errors.
var (
	// ErrSDL wraps an error reported by SDL.
	ErrSDL = errors.New("sdl: SDL error")
	// ErrOptions reports unusable Options.
	ErrOptions = errors.New("sdl: bad options")
	// ErrBusy reports an Open while another window is open: SDL's event
	// queue is global, so one window reads the keys.
	ErrBusy = errors.New("sdl: a window is already open")
)
