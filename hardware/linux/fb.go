package linux

// FBConfig configures OpenFB.
type FBConfig struct {
	// Device is the framebuffer device; default /dev/fb0.
	Device string
	// Devices reach the kernel; the zero value is the real one.
	Devices Devices
	// NoFlip draws into the visible page even when the virtual screen is tall
	// enough for two pages and the driver pans (the flips are tear-free, but some
	// drivers pan slowly).
	NoFlip bool
	// WaitVSync waits for the vertical blank (FBIO_WAITFORVSYNC) before each flip,
	// or before drawing when there is one page. Drivers without it ignore it.
	WaitVSync bool
}

func (c FBConfig) device() string {
	if c.Device == "" {
		return "/dev/fb0"
	}
	return c.Device
}

// FBInfo describes an open framebuffer.
type FBInfo struct {
	ID            string // the driver's name for it (fb_fix_screeninfo.id)
	Width, Height int    // visible resolution
	BitsPerPixel  int
	LineLength    int // bytes a line
	// Pages is 2 when frames are drawn off screen and shown by panning, else 1.
	Pages int
}
