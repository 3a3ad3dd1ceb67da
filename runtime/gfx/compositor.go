package gfx

import (
	"fmt"
	"image"
	"image/color"
	"slices"
	"sync"
)

// Plane is one of the compositor's planes, bottom to top.
type Plane uint8

// Planes, bottom to top.
const (
	PlaneVideo Plane = iota // the broadcast picture; layers here go above it
	PlaneApps               // interactive apps
	PlaneOSD                // the box's own on-screen display
	PlaneAlert              // emergency warnings, above everything
)

// String returns "video", "apps", "osd" or "alert".
func (p Plane) String() string {
	switch p {
	case PlaneVideo:
		return "video"
	case PlaneApps:
		return "apps"
	case PlaneOSD:
		return "osd"
	case PlaneAlert:
		return "alert"
	}
	return fmt.Sprintf("plane(%d)", uint8(p))
}

// Compositor composes the video plane and the layers (surfaces with
// bounds, plane, z-order, visibility and opacity) into one frame, redrawing
// only what changed: each change records damaged rectangles, and Compose
// redraws those and nothing else.
//
// Layer and Compositor methods are safe for concurrent use: apps update
// their layers from their own goroutines while the screen goroutine calls
// Compose. Frame's pixels belong to the goroutine that calls Compose.
type Compositor struct {
	mu     sync.Mutex
	frame  *image.RGBA
	video  videoPlane
	layers []*Layer // by plane, z, creation
	seq    int
	damage damageList
}

// NewCompositor returns a compositor of w×h frames. The video plane shows
// colour bars over the whole frame, and the first Compose draws everything.
func NewCompositor(w, h int) (*Compositor, error) {
	if w <= 0 || h <= 0 || w > MaxSurfaceSide || h > MaxSurfaceSide {
		return nil, fmt.Errorf("%w: frame %dx%d", ErrSurfaceSize, w, h)
	}
	c := &Compositor{frame: image.NewRGBA(image.Rect(0, 0, w, h))}
	c.video.rect = c.frame.Rect
	c.video.color = color.RGBA{A: 255}
	c.damage.add(c.frame.Rect)
	return c, nil
}

// Size returns the frame size.
func (c *Compositor) Size() (w, h int) { return c.frame.Rect.Dx(), c.frame.Rect.Dy() }

// Frame returns the output frame, as of the last Compose. It is reused:
// present it (or copy it) before the next Compose, and do not modify it.
func (c *Compositor) Frame() *image.RGBA { return c.frame }

// Invalidate forces r to be redrawn by the next Compose.
func (c *Compositor) Invalidate(r image.Rectangle) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.damage.add(r.Intersect(c.frame.Rect))
}

// Compose redraws the damaged parts of the frame and returns them. An empty
// result means that the frame did not change and need not be presented; the
// first call returns the whole frame.
func (c *Compositor) Compose() []image.Rectangle {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.video.poll() {
		c.damage.add(c.video.rect)
	}
	rects := c.damage.take()
	for _, r := range rects {
		c.render(r)
	}
	return rects
}

// render redraws r from the topmost layer that covers it opaquely (or from
// the video plane) up.
func (c *Compositor) render(r image.Rectangle) {
	start := -1
	for i := len(c.layers) - 1; i >= 0; i-- {
		l := c.layers[i]
		if l.shown() && l.opacity == 255 && l.surf.opaque && r.In(l.bounds) {
			start = i
			break
		}
	}
	if start < 0 {
		c.video.render(c.frame, r)
		start = 0
	}
	for _, l := range c.layers[start:] {
		if !l.shown() {
			continue
		}
		ir := r.Intersect(l.bounds)
		if ir.Empty() {
			continue
		}
		sp := ir.Min.Sub(l.bounds.Min)
		if l.surf.opaque && l.opacity == 255 {
			copyRect(c.frame, ir, l.surf.img, sp)
		} else {
			overRect(c.frame, ir, l.surf.img, sp, l.opacity)
		}
	}
}

// VideoRect returns where the video picture is shown.
func (c *Compositor) VideoRect() image.Rectangle {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.video.rect
}

// SetVideoRect moves or resizes the video picture (as an NCL region does);
// outside it the video plane is black. It is clipped to the frame.
func (c *Compositor) SetVideoRect(r image.Rectangle) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r = r.Canon().Intersect(c.frame.Rect)
	if r == c.video.rect {
		return
	}
	c.damage.add(c.video.rect)
	c.damage.add(r)
	c.video.rect = r
	c.video.row = nil
	c.video.picture = false
	c.video.seq--
}

// SetVideoPattern selects what the video plane shows without a source.
func (c *Compositor) SetVideoPattern(p VideoPattern) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.video.pattern != p {
		c.video.pattern = p
		c.damage.add(c.video.rect)
	}
}

// SetVideoColor sets the video plane to the solid colour col (alpha is
// ignored: the plane is opaque).
func (c *Compositor) SetVideoColor(col color.NRGBA) {
	c.mu.Lock()
	defer c.mu.Unlock()
	col.A = 255
	c.video.color = premultiply(col)
	c.video.pattern = PatternColor
	c.damage.add(c.video.rect)
}

// SetVideoSource sets (or, with nil, removes) the source of the video
// picture. Its pictures are taken as opaque.
func (c *Compositor) SetVideoSource(src VideoSource) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.video.source = src
	c.video.picture = false
	c.video.seq--
	c.damage.add(c.video.rect)
}

// NewLayer adds a visible, fully opaque-by-opacity layer with a transparent
// surface of bounds' size, at bounds, on plane, at z-order 0 (above the
// layers already on that plane with the same z).
func (c *Compositor) NewLayer(plane Plane, bounds image.Rectangle) (*Layer, error) {
	bounds = bounds.Canon()
	s, err := NewSurface(bounds.Dx(), bounds.Dy())
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	l := &Layer{c: c, plane: plane, seq: c.seq, bounds: bounds, surf: s, visible: true, opacity: 255}
	c.layers = append(c.layers, l)
	c.sort()
	return l, nil
}

func (c *Compositor) sort() {
	slices.SortStableFunc(c.layers, func(a, b *Layer) int {
		switch {
		case a.plane != b.plane:
			return int(a.plane) - int(b.plane)
		case a.z != b.z:
			if a.z < b.z {
				return -1
			}
			return 1
		}
		return a.seq - b.seq
	})
}

// damageLayer records l's area; the caller holds c.mu.
func (c *Compositor) damageLayer(l *Layer) {
	c.damage.add(l.bounds.Intersect(c.frame.Rect))
}
