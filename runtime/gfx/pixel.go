package gfx

import (
	"image"
	"image/color"
)

// Pixel returns the colour of the pixel at (x,y), not premultiplied; it is
// approximate where alpha is low, because pixels are stored premultiplied.
// Outside the surface it returns the zero colour.
func (s *Surface) Pixel(x, y int) color.NRGBA {
	if !(image.Point{x, y}.In(s.img.Rect)) {
		return color.NRGBA{}
	}
	i := s.img.PixOffset(x, y)
	p := s.img.Pix[i : i+4 : i+4]
	return unpremultiply(color.RGBA{p[0], p[1], p[2], p[3]})
}

// SetPixel sets the pixel at (x,y) to c (not premultiplied), replacing it
// (no blending) and ignoring the clip. Outside the surface it does nothing.
func (s *Surface) SetPixel(x, y int, c color.NRGBA) {
	if !(image.Point{x, y}.In(s.img.Rect)) {
		return
	}
	pc := premultiply(c)
	i := s.img.PixOffset(x, y)
	p := s.img.Pix[i : i+4 : i+4]
	p[0], p[1], p[2], p[3] = pc.R, pc.G, pc.B, pc.A
	if c.A != 255 {
		s.opaque = false
	}
	s.touch(image.Rect(x, y, x+1, y+1))
}

// Clear replaces the pixels of r (intersected with the bounds) with the
// drawing colour, ignoring the clip (NCLua canvas:clear). Use s.Bounds()
// for the whole surface.
func (s *Surface) Clear(r image.Rectangle) image.Rectangle {
	r = r.Canon().Intersect(s.img.Rect)
	if r.Empty() {
		return r
	}
	fillRect(s.img, r, s.pcolor, true)
	if s.pcolor.A == 255 {
		if r == s.img.Rect {
			s.opaque = true
		}
	} else {
		s.opaque = false
	}
	s.touch(r)
	return r
}

// ClearAll is Clear(s.Bounds()).
func (s *Surface) ClearAll() image.Rectangle { return s.Clear(s.img.Rect) }
