package linux

import (
	"fmt"
	"os"
	"strings"
)

// DisplayBackend is a way to drive the screen.
type DisplayBackend string

// Display backends.
const (
	// BackendKMSDRM is SDL on KMS/DRM (hardware/sdl with SDL_VIDEODRIVER=kmsdrm):
	// boxes with a display controller driver, and a build with the sdl tag.
	BackendKMSDRM DisplayBackend = "kmsdrm"
	// BackendFBDev is the Linux framebuffer (FB).
	BackendFBDev DisplayBackend = "fbdev"
)

// Display devices looked for by ChooseDisplay.
const (
	DRMDevice = "/dev/dri/card0"
	FBDevice  = "/dev/fb0"
)

// DisplayChoice is what ChooseDisplay chose.
type DisplayChoice struct {
	Backend DisplayBackend
	Device  string // the device it will drive
	Reason  string // why, for the log
}

// ChooseDisplay picks the display backend. want is "" or "auto" to decide by what
// the box has (KMS/DRM when /dev/dri/card0 exists and the binary has SDL, else the
// framebuffer /dev/fb0), or "kmsdrm", "fbdev", or "fbdev:/dev/fbN" to force one. sdl
// tells whether the binary was built with the sdl tag. The error wraps ErrNoDisplay
// when the device needed is absent.
func ChooseDisplay(want string, sdl bool) (DisplayChoice, error) {
	return chooseDisplay(want, sdl, func(p string) bool { _, err := os.Stat(p); return err == nil })
}

func chooseDisplay(want string, sdl bool, exists func(string) bool) (DisplayChoice, error) {
	kind, dev, _ := strings.Cut(want, ":")
	switch DisplayBackend(kind) {
	case "", "auto":
		switch {
		case sdl && exists(DRMDevice):
			return DisplayChoice{BackendKMSDRM, DRMDevice, DRMDevice + " is present"}, nil
		case exists(FBDevice):
			why := "no " + DRMDevice
			if exists(DRMDevice) {
				why = "built without SDL"
			}
			return DisplayChoice{BackendFBDev, FBDevice, why + ", " + FBDevice + " is present"}, nil
		}
		return DisplayChoice{}, fmt.Errorf("%w: neither %s nor %s", ErrNoDisplay, DRMDevice, FBDevice)
	case BackendKMSDRM:
		if !sdl {
			return DisplayChoice{}, fmt.Errorf("%w: kmsdrm needs a build with the sdl tag", ErrNoDisplay)
		}
		if dev == "" {
			dev = DRMDevice
		}
	case BackendFBDev:
		if dev == "" {
			dev = FBDevice
		}
	default:
		return DisplayChoice{}, fmt.Errorf("%w: unknown display %q (want auto, kmsdrm, fbdev or fbdev:DEVICE)",
			ErrNoDisplay, want)
	}
	if !exists(dev) {
		return DisplayChoice{}, fmt.Errorf("%w: %s is absent", ErrNoDisplay, dev)
	}
	return DisplayChoice{DisplayBackend(kind), dev, "asked for"}, nil
}
