package linux

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/antena-tv/antena/hardware"
)

// fbBitfield mirrors struct fb_bitfield { __u32 offset, length, msb_right; }.
type fbBitfield struct{ Offset, Length, MSBRight uint32 }

// fbVarScreeninfo mirrors struct fb_var_screeninfo, the variable screen information.
// Specification: Linux include/uapi/linux/fb.h.
//
//	__u32 xres, yres, xres_virtual, yres_virtual, xoffset, yoffset;
//	__u32 bits_per_pixel, grayscale;
//	struct fb_bitfield red, green, blue, transp;
//	__u32 nonstd, activate, height, width, accel_flags;
//	__u32 pixclock, left_margin, right_margin, upper_margin, lower_margin;
//	__u32 hsync_len, vsync_len, sync, vmode, rotate, colorspace;
//	__u32 reserved[4];
type fbVarScreeninfo struct {
	XRes, YRes, XResVirtual, YResVirtual, XOffset, YOffset uint32
	BitsPerPixel, Grayscale                                uint32
	Red, Green, Blue, Transp                               fbBitfield
	Nonstd, Activate, Height, Width, AccelFlags            uint32
	Pixclock, LeftMargin, RightMargin, UpperMargin         uint32
	LowerMargin, HsyncLen, VsyncLen, Sync, Vmode, Rotate   uint32
	Colorspace                                             uint32
	Reserved                                               [4]uint32
}

// fbFixScreeninfo mirrors struct fb_fix_screeninfo, the fixed screen information.
// Specification: Linux include/uapi/linux/fb.h.
//
//	char id[16];
//	unsigned long smem_start;
//	__u32 smem_len, type, type_aux, visual;
//	__u16 xpanstep, ypanstep, ywrapstep;
//	__u32 line_length;
//	unsigned long mmio_start;
//	__u32 mmio_len, accel;
//	__u16 capabilities, reserved[2];
type fbFixScreeninfo struct {
	ID                             [16]byte
	SmemStart                      uintptr
	SmemLen, Type, TypeAux, Visual uint32
	XPanStep, YPanStep, YWrapStep  uint16
	LineLength                     uint32
	MMIOStart                      uintptr
	MMIOLen, Accel                 uint32
	Capabilities                   uint16
	Reserved                       [2]uint16
}

// Framebuffer ioctls ('F') and values.
var (
	fbioGetVScreenInfo = ion('F', 0x00)
	fbioGetFScreenInfo = ion('F', 0x02)
	fbioPanDisplay     = ion('F', 0x06)
	fbioBlank          = ion('F', 0x11)
	fbioWaitForVSync   = iow('F', 0x20, 4)
)

const (
	fbTypePackedPixels = 0
	fbVisualTrueColor  = 2
	fbBlankUnblank     = 0
	fbBlankNormal      = 1
	fbBlankPowerdown   = 4
)

var _ hardware.Display = (*FB)(nil)

// FB is a hardware.Display on a Linux framebuffer. Frames are converted to the
// screen's pixel format (16, 24 or 32 bits, at the channel offsets the driver gives),
// dirty rectangles only. When the virtual screen holds two pages and the driver pans,
// each frame is drawn into the hidden page and shown with FBIOPAN_DISPLAY, so that a
// frame is never seen half drawn. FB is safe for concurrent use.
type FB struct {
	cfg    FBConfig
	f      *os.File
	mem    []byte
	vinfo  fbVarScreeninfo
	info   FBInfo
	pf     pixelFormat
	page   int                  // the page drawn into next
	stale  [2][]image.Rectangle // what each page lacks of the latest frame
	mu     sync.Mutex
	closed bool
}

// OpenFB opens and maps a framebuffer.
func OpenFB(cfg FBConfig) (_ *FB, err error) {
	dev := cfg.Devices
	f, err := dev.open(cfg.device(), os.O_RDWR)
	if err != nil {
		return nil, fmt.Errorf("linux: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	fb := &FB{cfg: cfg, f: f}
	var fix fbFixScreeninfo
	if err := dev.ioctl(f, fbioGetVScreenInfo, unsafe.Pointer(&fb.vinfo)); err != nil {
		return nil, fmt.Errorf("linux: FBIOGET_VSCREENINFO on %s: %w", cfg.device(), err)
	}
	if err := dev.ioctl(f, fbioGetFScreenInfo, unsafe.Pointer(&fix)); err != nil {
		return nil, fmt.Errorf("linux: FBIOGET_FSCREENINFO on %s: %w", cfg.device(), err)
	}
	size, err := fb.layout(&fix)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.device(), err)
	}
	if fb.mem, err = mmap(f, size); err != nil {
		return nil, fmt.Errorf("linux: mmap %s (%d bytes): %w", cfg.device(), size, err)
	}
	full := []image.Rectangle{image.Rect(0, 0, fb.info.Width, fb.info.Height)}
	fb.stale = [2][]image.Rectangle{full, full}
	return fb, nil
}

// layout checks the screen information and works out the format and the pages; it
// returns the size to map.
func (fb *FB) layout(fix *fbFixScreeninfo) (int, error) {
	v := &fb.vinfo
	if fix.Type != fbTypePackedPixels || fix.Visual != fbVisualTrueColor || v.Grayscale != 0 {
		return 0, fmt.Errorf("%w: type %d, visual %d, grayscale %d (want packed true colour)",
			ErrFormat, fix.Type, fix.Visual, v.Grayscale)
	}
	if v.Red.MSBRight|v.Green.MSBRight|v.Blue.MSBRight != 0 {
		return 0, fmt.Errorf("%w: msb_right channels", ErrFormat)
	}
	pf, err := newPixelFormat(v.BitsPerPixel, field{v.Red.Offset, v.Red.Length},
		field{v.Green.Offset, v.Green.Length}, field{v.Blue.Offset, v.Blue.Length},
		field{v.Transp.Offset, v.Transp.Length})
	if err != nil {
		return 0, err
	}
	fb.pf = pf
	line := int(fix.LineLength)
	if v.XRes == 0 || v.YRes == 0 || line < int(v.XRes)*pf.bytes || v.YResVirtual < v.YRes {
		return 0, fmt.Errorf("%w: %dx%d (virtual height %d), line of %d bytes",
			ErrFormat, v.XRes, v.YRes, v.YResVirtual, line)
	}
	size := line * int(v.YResVirtual)
	if fix.SmemLen != 0 {
		if int(fix.SmemLen) < line*int(v.YRes) {
			return 0, fmt.Errorf("%w: %d bytes of memory for %d lines of %d", ErrFormat, fix.SmemLen, v.YRes, line)
		}
		size = min(size, int(fix.SmemLen))
	}
	fb.info = FBInfo{
		ID: string(bytes.TrimRight(fix.ID[:], "\x00")), Width: int(v.XRes), Height: int(v.YRes),
		BitsPerPixel: int(v.BitsPerPixel), LineLength: line, Pages: 1,
	}
	if !fb.cfg.NoFlip && fix.YPanStep != 0 && size >= 2*line*int(v.YRes) {
		fb.info.Pages = 2
		fb.page = 1
		if v.YOffset >= v.YRes { // the driver shows the second page: draw into the first
			fb.page = 0
		}
	}
	return size, nil
}

func mmap(f *os.File, size int) ([]byte, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	var mem []byte
	var merr error
	if err := rc.Control(func(fd uintptr) {
		mem, merr = unix.Mmap(int(fd), 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	}); err != nil {
		return nil, err
	}
	return mem, merr
}

// Info describes the framebuffer.
func (fb *FB) Info() FBInfo { return fb.info }

// Size returns the visible resolution: frames must have this size.
func (fb *FB) Size() (w, h int) { return fb.info.Width, fb.info.Height }

// Present draws the dirty rectangles of frame (all of it when dirty is empty). With
// two pages it also redraws what the hidden page missed of the previous frame, then
// pans to it.
func (fb *FB) Present(frame *image.RGBA, dirty []image.Rectangle) error {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	if fb.closed {
		return hardware.ErrClosed
	}
	screen := image.Rect(0, 0, fb.info.Width, fb.info.Height)
	if frame.Rect.Size() != screen.Size() {
		return fmt.Errorf("%w: frame %v, framebuffer %v", hardware.ErrFrameSize, frame.Rect.Size(), screen.Size())
	}
	if len(dirty) == 0 {
		dirty = []image.Rectangle{screen}
	}
	if fb.info.Pages == 1 && fb.cfg.WaitVSync {
		fb.waitVSync()
	}
	pageSize := fb.info.LineLength * fb.info.Height
	page := fb.mem[fb.page*pageSize : (fb.page+1)*pageSize]
	for _, rs := range [][]image.Rectangle{fb.stale[fb.page], dirty} {
		for _, r := range rs {
			if r = r.Intersect(screen); !r.Empty() {
				fb.pf.copyRect(page, fb.info.LineLength, frame, r)
			}
		}
	}
	fb.stale[fb.page] = fb.stale[fb.page][:0]
	if fb.info.Pages == 1 {
		return nil
	}
	other := 1 - fb.page
	fb.stale[other] = append(fb.stale[other][:0], dirty...)
	if err := fb.pan(fb.page); err != nil {
		// The driver refuses to pan after all: go on drawing into the page shown.
		fb.info.Pages = 1
		fb.page = min(int(fb.vinfo.YOffset)/fb.info.Height, 1)
		fb.stale = [2][]image.Rectangle{}
		fb.pf.copyRect(fb.mem[fb.page*pageSize:(fb.page+1)*pageSize], fb.info.LineLength, frame, screen)
		return nil
	}
	fb.page = other
	return nil
}

func (fb *FB) pan(page int) error {
	if fb.cfg.WaitVSync {
		fb.waitVSync()
	}
	v := fb.vinfo
	v.XOffset, v.YOffset = 0, uint32(page*fb.info.Height)
	if err := fb.cfg.Devices.ioctl(fb.f, fbioPanDisplay, unsafe.Pointer(&v)); err != nil {
		return fmt.Errorf("linux: FBIOPAN_DISPLAY: %w", err)
	}
	fb.vinfo.YOffset = v.YOffset
	return nil
}

func (fb *FB) waitVSync() {
	var crtc uint32
	_ = fb.cfg.Devices.ioctl(fb.f, fbioWaitForVSync, unsafe.Pointer(&crtc))
}

// Blank powers the screen down (FBIOBLANK; drivers that cannot power down blank it).
func (fb *FB) Blank() error { return fb.blank(fbBlankPowerdown) }

// Unblank turns the screen back on, showing the last frame.
func (fb *FB) Unblank() error { return fb.blank(fbBlankUnblank) }

func (fb *FB) blank(mode uintptr) error {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	if fb.closed {
		return hardware.ErrClosed
	}
	err := fb.cfg.Devices.ioctlValue(fb.f, fbioBlank, mode)
	if err != nil && mode == fbBlankPowerdown {
		err = fb.cfg.Devices.ioctlValue(fb.f, fbioBlank, fbBlankNormal)
	}
	if err != nil {
		return fmt.Errorf("linux: FBIOBLANK %d: %w", mode, err)
	}
	return nil
}

// Close unmaps and closes the framebuffer; what it shows stays on screen.
func (fb *FB) Close() error {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	if fb.closed {
		return nil
	}
	fb.closed = true
	err := unix.Munmap(fb.mem)
	fb.mem = nil
	if cerr := fb.f.Close(); err == nil {
		err = cerr
	}
	return err
}
