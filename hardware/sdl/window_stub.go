//go:build !sdl

package sdl

import (
	"errors"
	"fmt"
	"image"

	"github.com/antena-tv/antena/hardware"
)

var (
	_ hardware.Display = (*Window)(nil)
	_ hardware.Input   = (*Window)(nil)
)

var errNoSDL = fmt.Errorf("sdl: built without the sdl build tag: %w", errors.ErrUnsupported)

// Window is an SDL window; in this build (without the sdl tag) it cannot
// be opened.
type Window struct{}

// Open returns an error wrapping errors.ErrUnsupported: this binary was
// built without the sdl tag.
func Open(Options) (*Window, error) { return nil, errNoSDL }

// Main calls run.
func Main(run func()) { run() }

// Size returns 0, 0.
func (*Window) Size() (w, h int) { return 0, 0 }

// Present returns an error wrapping errors.ErrUnsupported.
func (*Window) Present(*image.RGBA, []image.Rectangle) error { return errNoSDL }

// Events returns nil.
func (*Window) Events() <-chan hardware.KeyEvent { return nil }

// PresentSide returns an error wrapping errors.ErrUnsupported.
func (*Window) PresentSide(*image.RGBA) error { return errNoSDL }

// Hotkeys returns nil.
func (*Window) Hotkeys() <-chan Hotkey { return nil }

// Quit returns nil.
func (*Window) Quit() <-chan struct{} { return nil }

// SetFullscreen returns an error wrapping errors.ErrUnsupported.
func (*Window) SetFullscreen(bool) error { return errNoSDL }

// Close does nothing.
func (*Window) Close() error { return nil }
