package memory

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"sync"

	"github.com/antena-tv/antena/hardware"
)

var _ hardware.Display = (*Display)(nil)

// Display is a headless display. It keeps a copy of the frame as presented
// (updating only the dirty rectangles, as a real screen would), counts
// frames and writes PNG screenshots. It is safe for concurrent use.
type Display struct {
	mu     sync.Mutex
	frame  *image.RGBA
	frames int
	dirty  []image.Rectangle
	closed bool
}

// NewDisplay returns a w×h display whose frame is transparent until the
// first Present.
func NewDisplay(w, h int) *Display {
	return &Display{frame: image.NewRGBA(image.Rect(0, 0, max(w, 0), max(h, 0)))}
}

// Size returns the frame size.
func (d *Display) Size() (w, h int) { return d.frame.Rect.Dx(), d.frame.Rect.Dy() }

// Present copies the dirty rectangles of frame (all of it when dirty is
// empty) and counts a frame.
func (d *Display) Present(frame *image.RGBA, dirty []image.Rectangle) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return hardware.ErrClosed
	}
	if frame.Rect.Size() != d.frame.Rect.Size() {
		return fmt.Errorf("%w: frame %v, display %v", hardware.ErrFrameSize, frame.Rect.Size(), d.frame.Rect.Size())
	}
	full := []image.Rectangle{d.frame.Rect}
	if len(dirty) == 0 {
		dirty = full
	}
	off := frame.Rect.Min
	for _, r := range dirty {
		r = r.Intersect(d.frame.Rect)
		n := r.Dx() * 4
		for y := r.Min.Y; y < r.Max.Y; y++ {
			di := d.frame.PixOffset(r.Min.X, y)
			si := frame.PixOffset(r.Min.X+off.X, y+off.Y)
			copy(d.frame.Pix[di:di+n], frame.Pix[si:si+n])
		}
	}
	d.dirty = append(d.dirty[:0], dirty...)
	d.frames++
	return nil
}

// Frame returns a copy of the frame as last presented.
func (d *Display) Frame() *image.RGBA {
	d.mu.Lock()
	defer d.mu.Unlock()
	cp := image.NewRGBA(d.frame.Rect)
	copy(cp.Pix, d.frame.Pix)
	return cp
}

// Frames returns how many frames were presented.
func (d *Display) Frames() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.frames
}

// LastDirty returns the dirty rectangles of the last Present (the whole
// frame when it was given none).
func (d *Display) LastDirty() []image.Rectangle {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]image.Rectangle(nil), d.dirty...)
}

// WriteScreenshot writes the frame as last presented as a PNG.
func (d *Display) WriteScreenshot(w io.Writer) error {
	return png.Encode(w, d.Frame())
}

// SaveScreenshot writes the frame as last presented to a PNG file.
func (d *Display) SaveScreenshot(path string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	return d.WriteScreenshot(f)
}

// Close marks the display closed; the last frame stays readable.
func (d *Display) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closed = true
	return nil
}
