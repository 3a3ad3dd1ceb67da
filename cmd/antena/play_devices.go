package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	goruntime "runtime"
	"strings"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/hardware/linux"
	"github.com/antena-tv/antena/hardware/memory"
	"github.com/antena-tv/antena/hardware/sdl"
)

// boxDisplay opens the display a box or a desktop has, as --display asks:
//
//	auto      a desktop window when there is a desktop and SDL; on a box, KMS/DRM through SDL
//	          when /dev/dri/card0 exists and the binary has SDL, else the framebuffer
//	sdl       an SDL window (the desktop)
//	kmsdrm    SDL full screen on KMS/DRM, without X
//	fbdev[:/dev/fbN]  the Linux framebuffer (the static ARM build's display)
//	memory    no display (as --headless)
//
// When the display asked for cannot be had, it says why and falls back to a memory display
// unless the choice was explicit. The window is returned too when SDL drives the display.
func boxDisplay(want string, headless bool, title string, w, h int, stderr io.Writer) (hardware.Display, *sdl.Window, error) {
	if headless || want == "memory" {
		return memory.NewDisplay(w, h), nil, nil
	}
	kind, _, _ := strings.Cut(want, ":")
	desktop := os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" ||
		(os.Getenv("SDL_VIDEODRIVER") != "" && os.Getenv("SDL_VIDEODRIVER") != "kmsdrm")
	switch {
	case kind == "sdl" || (kind == "auto" && desktop):
		win, err := sdl.Open(sdl.Options{Title: title, Width: w, Height: h})
		if err == nil {
			return win, win, nil
		}
		if kind == "sdl" {
			return nil, nil, usageError{fmt.Errorf("--display sdl: %w", err)}
		}
		fmt.Fprintf(stderr, "no window (%v): running headless\n", err)
		return memory.NewDisplay(w, h), nil, nil
	case kind == "auto" && goruntime.GOOS != "linux":
		fmt.Fprintln(stderr, "no display ($DISPLAY and $WAYLAND_DISPLAY are empty): running headless")
		return memory.NewDisplay(w, h), nil, nil
	}
	choice, err := linux.ChooseDisplay(want, sdlBuilt())
	if err != nil {
		if kind == "auto" {
			fmt.Fprintf(stderr, "no display (%v): running headless\n", err)
			return memory.NewDisplay(w, h), nil, nil
		}
		return nil, nil, usageError{err}
	}
	fmt.Fprintf(stderr, "display: %s on %s (%s)\n", choice.Backend, choice.Device, choice.Reason)
	if choice.Backend == linux.BackendKMSDRM {
		os.Setenv("SDL_VIDEODRIVER", "kmsdrm")
		win, err := sdl.Open(sdl.Options{Title: title, Width: w, Height: h, Fullscreen: true})
		if err != nil {
			return nil, nil, fmt.Errorf("KMS/DRM: %w", err)
		}
		return win, win, nil
	}
	fb, err := linux.OpenFB(linux.FBConfig{Device: choice.Device})
	if err != nil {
		return nil, nil, err
	}
	return fb, nil, nil
}

// sdlBuilt reports whether this binary was built with the sdl tag.
func sdlBuilt() bool {
	_, err := sdl.Open(sdl.Options{Width: -1, Height: -1})
	return !errors.Is(err, errors.ErrUnsupported)
}

// boxRemote opens the Linux remote controls (evdev: IR receivers and USB remotes), as
// --remote asks: "auto" (every event device with remote keys, followed as they are plugged
// in; quietly nothing where there is none), "off", or a comma-separated list of devices.
// keymap is a key-map file (KEY_OK = ENTER lines); empty for the defaults.
func boxRemote(want, keymap string, log *slog.Logger) (hardware.Input, error) {
	if want == "off" || goruntime.GOOS != "linux" {
		return nil, nil
	}
	cfg := linux.RemoteConfig{Grab: true}
	if keymap != "" {
		km, err := linux.LoadKeyMap(keymap)
		if err != nil {
			return nil, usageError{err}
		}
		cfg.KeyMap = km
	}
	if want != "auto" {
		cfg.Paths = strings.Split(want, ",")
	} else if _, err := os.Stat("/dev/input"); err != nil {
		return nil, nil
	}
	r, err := linux.OpenRemote(cfg)
	if err != nil {
		if want == "auto" {
			log.Info("no remote control", "err", err)
			return nil, nil
		}
		return nil, usageError{err}
	}
	return r, nil
}
