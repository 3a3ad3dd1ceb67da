package linux

import (
	"encoding/binary"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/antena-tv/antena/hardware"
)

// fakeFB answers the framebuffer ioctls; the framebuffer memory is a temporary file.
type fakeFB struct {
	mu        sync.Mutex
	vinfo     fbVarScreeninfo
	fix       fbFixScreeninfo
	pans      []uint32
	blanks    []uintptr
	vsyncs    int
	failPan   bool
	noPowerdn bool
}

func (f *fakeFB) Ioctl(_ uintptr, req uint, arg unsafe.Pointer) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch req {
	case fbioGetVScreenInfo:
		*(*fbVarScreeninfo)(arg) = f.vinfo
	case fbioGetFScreenInfo:
		*(*fbFixScreeninfo)(arg) = f.fix
	case fbioPanDisplay:
		if f.failPan {
			return unix.EINVAL
		}
		v := (*fbVarScreeninfo)(arg)
		f.pans = append(f.pans, v.YOffset)
		f.vinfo.YOffset = v.YOffset
	case fbioWaitForVSync:
		f.vsyncs++
	default:
		return unix.ENOTTY
	}
	return nil
}

func (f *fakeFB) IoctlValue(_ uintptr, req uint, arg uintptr) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if req != fbioBlank {
		return unix.ENOTTY
	}
	f.blanks = append(f.blanks, arg)
	if f.noPowerdn && arg == fbBlankPowerdown {
		return unix.EINVAL
	}
	return nil
}

// newFakeFB makes a w×h framebuffer of the given depth (XRGB8888 or RGB565) with pages
// pages of virtual height, lines padded by 32 bytes.
func newFakeFB(t *testing.T, w, h int, bpp uint32, pages int) (FBConfig, *fakeFB) {
	t.Helper()
	line := w*int(bpp/8) + 32
	f := &fakeFB{}
	f.vinfo = fbVarScreeninfo{XRes: uint32(w), YRes: uint32(h), XResVirtual: uint32(w), YResVirtual: uint32(h * pages),
		BitsPerPixel: bpp}
	if bpp == 32 {
		f.vinfo.Red, f.vinfo.Green = fbBitfield{Offset: 16, Length: 8}, fbBitfield{Offset: 8, Length: 8}
		f.vinfo.Blue = fbBitfield{Length: 8}
	} else {
		f.vinfo.Red, f.vinfo.Green = fbBitfield{Offset: 11, Length: 5}, fbBitfield{Offset: 5, Length: 6}
		f.vinfo.Blue = fbBitfield{Length: 5}
	}
	copy(f.fix.ID[:], "fakefb")
	f.fix.Visual, f.fix.LineLength, f.fix.SmemLen = fbVisualTrueColor, uint32(line), uint32(line*h*pages)
	if pages > 1 {
		f.fix.YPanStep = 1
	}
	path := filepath.Join(t.TempDir(), "fb0")
	require.NoError(t, os.WriteFile(path, make([]byte, line*h*pages), 0o644))
	return FBConfig{Device: path, Devices: Devices{Ioctl: f}}, f
}

func openFB(t *testing.T, cfg FBConfig) *FB {
	t.Helper()
	fb, err := OpenFB(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, fb.Close()) })
	return fb
}

// pageImage reads page p of the framebuffer file back as RGBA (32 bpp XRGB).
func pageImage(t *testing.T, cfg FBConfig, fb *FB, p int) *image.RGBA {
	t.Helper()
	b, err := os.ReadFile(cfg.Device)
	require.NoError(t, err)
	w, h := fb.Size()
	line := fb.Info().LineLength
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := binary.NativeEndian.Uint32(b[(p*h+y)*line+4*x:])
			img.SetRGBA(x, y, color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xFF})
		}
	}
	return img
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

var (
	red   = color.RGBA{0xFF, 0, 0, 0xFF}
	blue  = color.RGBA{0, 0, 0xFF, 0xFF}
	green = color.RGBA{0, 0xFF, 0, 0xFF}
)

func TestFBPresentOnePage(t *testing.T) {
	cfg, fake := newFakeFB(t, 64, 48, 32, 1)
	cfg.WaitVSync = true
	fb := openFB(t, cfg)
	require.Equal(t, FBInfo{ID: "fakefb", Width: 64, Height: 48, BitsPerPixel: 32, LineLength: 64*4 + 32, Pages: 1},
		fb.Info())
	frame := image.NewRGBA(image.Rect(0, 0, 64, 48))
	fill(frame, frame.Rect, red)
	require.NoError(t, fb.Present(frame, nil))
	require.Equal(t, frame.Pix, pageImage(t, cfg, fb, 0).Pix)

	fill(frame, frame.Rect, blue)
	require.NoError(t, fb.Present(frame, []image.Rectangle{image.Rect(0, 0, 16, 16)}))
	got := pageImage(t, cfg, fb, 0)
	require.Equal(t, blue, got.RGBAAt(15, 15))
	require.Equal(t, red, got.RGBAAt(16, 16), "outside the dirty rectangle: not copied")
	require.Empty(t, fake.pans)
	require.Equal(t, 2, fake.vsyncs)

	// The line padding is never written.
	b, err := os.ReadFile(cfg.Device)
	require.NoError(t, err)
	require.Equal(t, make([]byte, 32), b[64*4:64*4+32])
}

// TestFBFlip: with two pages each frame is drawn into the hidden page, which gets the
// dirty rectangles of this frame and of the previous one, and is shown by panning.
func TestFBFlip(t *testing.T) {
	cfg, fake := newFakeFB(t, 32, 24, 32, 2)
	fb := openFB(t, cfg)
	require.Equal(t, 2, fb.Info().Pages)
	frame := image.NewRGBA(image.Rect(0, 0, 32, 24))
	fill(frame, frame.Rect, red)
	require.NoError(t, fb.Present(frame, nil))
	require.Equal(t, []uint32{24}, fake.pans, "drawn into page 1, shown")
	require.Equal(t, frame.Pix, pageImage(t, cfg, fb, 1).Pix)

	a := image.Rect(0, 0, 8, 8)
	fill(frame, a, blue)
	require.NoError(t, fb.Present(frame, []image.Rectangle{a}))
	require.Equal(t, []uint32{24, 0}, fake.pans)
	require.Equal(t, frame.Pix, pageImage(t, cfg, fb, 0).Pix, "page 0 had never been drawn: it got all of it")

	b := image.Rect(16, 16, 24, 24)
	fill(frame, b, green)
	require.NoError(t, fb.Present(frame, []image.Rectangle{b}))
	require.Equal(t, []uint32{24, 0, 24}, fake.pans)
	require.Equal(t, frame.Pix, pageImage(t, cfg, fb, 1).Pix, "page 1 got rectangle a (missed) and b")

	// Only dirty rectangles are copied: a change outside them stays off screen.
	c := image.Rect(24, 0, 32, 8)
	fill(frame, c, blue)
	fill(frame, a, green)
	require.NoError(t, fb.Present(frame, []image.Rectangle{a}))
	got := pageImage(t, cfg, fb, 0)
	require.Equal(t, green, got.RGBAAt(1, 1))
	require.Equal(t, green, got.RGBAAt(20, 20), "b, missed by page 0, copied")
	require.Equal(t, red, got.RGBAAt(30, 1), "c was not marked dirty")
}

func TestFBPanRefused(t *testing.T) {
	cfg, fake := newFakeFB(t, 16, 8, 32, 2)
	fake.failPan = true
	fb := openFB(t, cfg)
	frame := image.NewRGBA(image.Rect(0, 0, 16, 8))
	fill(frame, frame.Rect, green)
	require.NoError(t, fb.Present(frame, []image.Rectangle{image.Rect(0, 0, 2, 2)}))
	require.Equal(t, 1, fb.Info().Pages)
	require.Equal(t, frame.Pix, pageImage(t, cfg, fb, 0).Pix, "the page shown got the whole frame")
	fill(frame, image.Rect(0, 0, 4, 4), red)
	require.NoError(t, fb.Present(frame, []image.Rectangle{image.Rect(0, 0, 4, 4)}))
	require.Equal(t, frame.Pix, pageImage(t, cfg, fb, 0).Pix)

	cfg, fake = newFakeFB(t, 16, 8, 32, 2)
	cfg.NoFlip = true
	require.Equal(t, 1, openFB(t, cfg).Info().Pages)
	_ = fake
}

func TestFBRGB565AndSubImage(t *testing.T) {
	cfg, _ := newFakeFB(t, 8, 4, 16, 1)
	fb := openFB(t, cfg)
	big := image.NewRGBA(image.Rect(0, 0, 20, 20))
	fill(big, big.Rect, color.RGBA{0xFF, 0x80, 0x08, 0xFF})
	frame := big.SubImage(image.Rect(5, 5, 13, 9)).(*image.RGBA)
	require.NoError(t, fb.Present(frame, nil))
	b, err := os.ReadFile(cfg.Device)
	require.NoError(t, err)
	line := fb.Info().LineLength
	require.Equal(t, uint16(0x1F<<11|0x20<<5|0x01), binary.NativeEndian.Uint16(b[3*line+2*7:]))
}

func TestFBBlankAndErrors(t *testing.T) {
	cfg, fake := newFakeFB(t, 8, 8, 32, 1)
	fb, err := OpenFB(cfg)
	require.NoError(t, err)
	require.NoError(t, fb.Blank())
	require.NoError(t, fb.Unblank())
	fake.noPowerdn = true
	require.NoError(t, fb.Blank())
	require.Equal(t, []uintptr{fbBlankPowerdown, fbBlankUnblank, fbBlankPowerdown, fbBlankNormal}, fake.blanks)

	p := NewPower(fb)
	require.NoError(t, p.Standby())
	require.Equal(t, PowerStandby, p.State())

	require.ErrorIs(t, fb.Present(image.NewRGBA(image.Rect(0, 0, 9, 8)), nil), hardware.ErrFrameSize)
	require.NoError(t, fb.Close())
	require.NoError(t, fb.Close())
	require.ErrorIs(t, fb.Present(image.NewRGBA(image.Rect(0, 0, 8, 8)), nil), hardware.ErrClosed)
	require.ErrorIs(t, fb.Blank(), hardware.ErrClosed)

	cfg, fake = newFakeFB(t, 8, 8, 32, 1)
	fake.vinfo.BitsPerPixel = 8
	_, err = OpenFB(cfg)
	require.ErrorIs(t, err, ErrFormat)
	cfg, fake = newFakeFB(t, 8, 8, 32, 1)
	fake.fix.Visual = 3 // pseudo colour
	_, err = OpenFB(cfg)
	require.ErrorIs(t, err, ErrFormat)
	cfg, fake = newFakeFB(t, 8, 8, 32, 1)
	fake.fix.LineLength = 16
	_, err = OpenFB(cfg)
	require.ErrorIs(t, err, ErrFormat)
	_, err = OpenFB(FBConfig{Device: filepath.Join(t.TempDir(), "fb9")})
	require.ErrorIs(t, err, os.ErrNotExist)
}
