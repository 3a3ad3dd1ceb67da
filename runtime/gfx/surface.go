package gfx

import (
	"fmt"
	"image"
	"image/color"
)

// MaxSurfaceSide bounds the width and height of a Surface, so that a script
// asking for canvas:new(1e9, 1e9) gets an error instead of an out-of-memory
// crash. 8192 covers an 8K frame.
const MaxSurfaceSide = 8192

// Filter selects how Compose samples a source that is scaled or rotated.
type Filter uint8

// Filters.
const (
	FilterBilinear Filter = iota // smooth; the default (nclua "good")
	FilterNearest                // blocky, cheaper (nclua "fast", "nearest")
)

// Surface is a premultiplied RGBA drawing surface with the state of an NCLua
// canvas: colour, clip, font, line width, and the attributes used when it is
// composed onto another surface (crop, flip, scale, rotation, opacity,
// filter).
//
// A Surface is not safe for concurrent use.
type Surface struct {
	img *image.RGBA

	color  color.NRGBA // as the app set it
	pcolor color.RGBA  // premultiplied

	clip      image.Rectangle
	font      Font
	lineWidth float64
	antiAlias bool

	crop         image.Rectangle
	flipH, flipV bool
	scaleX       float64
	scaleY       float64
	rotation     float64
	opacity      uint8
	filter       Filter

	// opaque is true when every pixel is known to have alpha 255. It is kept
	// exactly: "over" onto an opaque pixel leaves it opaque, so only Clear,
	// SetPixel and copies can clear it. Compose and the compositor copy
	// opaque surfaces instead of blending them.
	opaque bool

	damage damageList
}

// NewSurface returns a transparent w×h surface with the default state: opaque
// black colour, clip and crop on the whole surface, line width 1, anti-aliasing
// on, the default font, scale 1, rotation 0, opacity 255, bilinear filter.
func NewSurface(w, h int) (*Surface, error) {
	if w < 0 || h < 0 || w > MaxSurfaceSide || h > MaxSurfaceSide {
		return nil, fmt.Errorf("%w: %dx%d (max side %d)", ErrSurfaceSize, w, h, MaxSurfaceSide)
	}
	return newSurface(image.NewRGBA(image.Rect(0, 0, w, h))), nil
}

// NewSurfaceFromRGBA wraps img, which must hold premultiplied pixels, as a
// Surface; the Surface uses img's pixels, without a copy. An img whose
// bounds do not start at (0,0), or whose pixels are not 4-byte aligned, is
// copied.
func NewSurfaceFromRGBA(img *image.RGBA) *Surface {
	if img.Rect.Min != (image.Point{}) || !aligned(img) {
		cp := image.NewRGBA(image.Rect(0, 0, img.Rect.Dx(), img.Rect.Dy()))
		copyRect(cp, cp.Rect, img, img.Rect.Min)
		img = cp
	}
	s := newSurface(img)
	s.opaque = allOpaque(img)
	return s
}

func newSurface(img *image.RGBA) *Surface {
	b := img.Rect
	return &Surface{
		img:       img,
		color:     color.NRGBA{A: 255},
		pcolor:    color.RGBA{A: 255},
		clip:      b,
		font:      DefaultFont,
		lineWidth: 1,
		antiAlias: true,
		crop:      b,
		scaleX:    1,
		scaleY:    1,
		opacity:   255,
	}
}

// Image returns the pixels, premultiplied. Writing to them directly bypasses
// damage tracking: call Invalidate afterwards.
func (s *Surface) Image() *image.RGBA { return s.img }

// Bounds returns (0,0)-(w,h).
func (s *Surface) Bounds() image.Rectangle { return s.img.Rect }

// Size returns the width and height.
func (s *Surface) Size() (w, h int) { return s.img.Rect.Dx(), s.img.Rect.Dy() }

// Opaque reports whether every pixel is known to be opaque.
func (s *Surface) Opaque() bool { return s.opaque }

// Color returns the drawing colour (not premultiplied).
func (s *Surface) Color() color.NRGBA { return s.color }

// SetColor sets the drawing colour (not premultiplied) used by the drawing
// operations and by Clear.
func (s *Surface) SetColor(c color.NRGBA) {
	s.color = c
	s.pcolor = premultiply(c)
}

// Clip returns the clip rectangle.
func (s *Surface) Clip() image.Rectangle { return s.clip }

// SetClip sets the rectangle that drawing and Compose onto s are limited to,
// intersected with the bounds. Clear and SetPixel ignore it.
func (s *Surface) SetClip(r image.Rectangle) { s.clip = r.Canon().Intersect(s.img.Rect) }

// LineWidth returns the stroke width in pixels.
func (s *Surface) LineWidth() float64 { return s.lineWidth }

// SetLineWidth sets the stroke width of lines, frames and arcs. It is
// clamped to [0, MaxSurfaceSide]; NaN leaves it unchanged. The default is 1,
// the width of the normative implementations (nclua's default is 2).
func (s *Surface) SetLineWidth(w float64) {
	if w != w { // NaN
		return
	}
	s.lineWidth = min(max(w, 0), MaxSurfaceSide)
}

// AntiAlias reports whether shape edges are anti-aliased.
func (s *Surface) AntiAlias() bool { return s.antiAlias }

// SetAntiAlias turns anti-aliasing of shapes and text on or off. Off, a
// pixel is painted when at least half of it is covered.
func (s *Surface) SetAntiAlias(on bool) { s.antiAlias = on }

// Crop returns the source region used when s is composed.
func (s *Surface) Crop() image.Rectangle { return s.crop }

// SetCrop sets the source region used when s is composed, intersected with
// the bounds.
func (s *Surface) SetCrop(r image.Rectangle) { s.crop = r.Canon().Intersect(s.img.Rect) }

// Flip returns the horizontal and vertical flip applied when s is composed.
func (s *Surface) Flip() (h, v bool) { return s.flipH, s.flipV }

// SetFlip sets the flips applied when s is composed.
func (s *Surface) SetFlip(h, v bool) { s.flipH, s.flipV = h, v }

// Scale returns the scale factors applied when s is composed.
func (s *Surface) Scale() (sx, sy float64) { return s.scaleX, s.scaleY }

// SetScale sets the scale factors applied when s is composed, each clamped
// to [0, 64]; NaN counts as 1.
func (s *Surface) SetScale(sx, sy float64) { s.scaleX, s.scaleY = clampScale(sx), clampScale(sy) }

func clampScale(f float64) float64 {
	if f != f {
		return 1
	}
	return min(max(f, 0), 64)
}

// Rotation returns the rotation in degrees (clockwise) applied when s is
// composed.
func (s *Surface) Rotation() float64 { return s.rotation }

// SetRotation sets the clockwise rotation in degrees applied when s is
// composed. Non-finite values count as 0.
func (s *Surface) SetRotation(deg float64) {
	if deg != deg || deg > 1e9 || deg < -1e9 {
		deg = 0
	}
	s.rotation = deg
}

// Opacity returns the opacity applied when s is composed.
func (s *Surface) Opacity() uint8 { return s.opacity }

// SetOpacity sets the opacity (0 transparent, 255 opaque) applied when s is
// composed.
func (s *Surface) SetOpacity(a uint8) { s.opacity = a }

// Filter returns the sampling filter used when s is composed scaled or rotated.
func (s *Surface) Filter() Filter { return s.filter }

// SetFilter sets the sampling filter used when s is composed scaled or rotated.
func (s *Surface) SetFilter(f Filter) { s.filter = f }

// Invalidate marks r as changed, for pixels written through Image.
func (s *Surface) Invalidate(r image.Rectangle) {
	s.opaque = false
	s.damage.add(r.Intersect(s.img.Rect))
}

// Damage returns the rectangles changed since the last TakeDamage, without
// resetting them.
func (s *Surface) Damage() []image.Rectangle {
	return append([]image.Rectangle(nil), s.damage.rects...)
}

// TakeDamage returns the rectangles changed since the last call and resets
// the list. The list is short (a few rectangles, merged when they overlap).
func (s *Surface) TakeDamage() []image.Rectangle { return s.damage.take() }

func (s *Surface) touch(r image.Rectangle) { s.damage.add(r) }

func premultiply(c color.NRGBA) color.RGBA {
	a := uint32(c.A)
	return color.RGBA{
		R: uint8(mul255(uint32(c.R), a)),
		G: uint8(mul255(uint32(c.G), a)),
		B: uint8(mul255(uint32(c.B), a)),
		A: c.A,
	}
}

func unpremultiply(c color.RGBA) color.NRGBA {
	switch c.A {
	case 0:
		return color.NRGBA{}
	case 255:
		return color.NRGBA{R: c.R, G: c.G, B: c.B, A: 255}
	}
	a := uint32(c.A)
	f := func(v uint8) uint8 { return uint8(min((uint32(v)*255+a/2)/a, 255)) }
	return color.NRGBA{R: f(c.R), G: f(c.G), B: f(c.B), A: c.A}
}
