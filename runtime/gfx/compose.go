package gfx

import (
	"image"
	"math"
)

// Compose paints src's crop onto s with src's flip, scale, rotation, filter
// and opacity, the result's bounding box having its top-left corner at
// (x,y), within s's clip (NCLua canvas:compose). It returns the damaged
// rectangle. src may be s itself.
func (s *Surface) Compose(x, y int, src *Surface) image.Rectangle {
	return s.ComposeRect(x, y, src, src.crop)
}

// ComposeRect is Compose with an explicit source rectangle instead of src's
// crop (intersected with src's bounds).
//
// The source region is first flipped (within itself), then scaled, then
// rotated clockwise about its centre; TransformedSize gives the size of the
// bounding box of the result.
func (s *Surface) ComposeRect(x, y int, src *Surface, sr image.Rectangle) image.Rectangle {
	sr = sr.Canon().Intersect(src.img.Rect)
	if sr.Empty() || src.opacity == 0 {
		return image.Rectangle{}
	}
	simg := src.img
	if src == s {
		cp := image.NewRGBA(sr)
		copyRect(cp, sr, simg, sr.Min)
		simg = cp
	}
	if src.scaleX == 1 && src.scaleY == 1 && !src.flipH && !src.flipV && math.Mod(src.rotation, 360) == 0 {
		dr := image.Rectangle{Min: image.Pt(x, y), Max: image.Pt(x+sr.Dx(), y+sr.Dy())}.Intersect(s.clip)
		if dr.Empty() {
			return dr
		}
		sp := sr.Min.Add(dr.Min.Sub(image.Pt(x, y)))
		if src.opaque && src.opacity == 255 {
			copyRect(s.img, dr, simg, sp)
		} else {
			overRect(s.img, dr, simg, sp, src.opacity)
		}
		s.touch(dr)
		return dr
	}
	t := newTransform(src, sr, x, y)
	dr := t.bounds.Intersect(s.clip)
	if dr.Empty() {
		return dr
	}
	t.draw(s.img, dr, simg, sr, src.filter == FilterNearest, uint32(src.opacity))
	s.touch(dr)
	return dr
}

// TransformedSize returns the size of the bounding box of the crop after
// scale and rotation: what Compose covers (NCLua attrSize's sw, sh).
func (s *Surface) TransformedSize() (w, h int) {
	t := newTransform(s, s.crop, 0, 0)
	return t.bounds.Dx(), t.bounds.Dy()
}

// transform maps destination pixel centres back to source coordinates:
// u = ux·X + uy·Y + u0, v = vx·X + vy·Y + v0, for X, Y pixel centres.
type transform struct {
	ux, uy, u0 float64
	vx, vy, v0 float64
	bounds     image.Rectangle
}

func newTransform(src *Surface, sr image.Rectangle, x, y int) transform {
	w, h := float64(sr.Dx()), float64(sr.Dy())
	sx, sy := src.scaleX, src.scaleY
	W, H := w*sx, h*sy
	c, sn := cosSin(src.rotation)
	ex := (math.Abs(c)*W + math.Abs(sn)*H) / 2
	ey := (math.Abs(sn)*W + math.Abs(c)*H) / 2
	var t transform
	if !(sx > 0 && sy > 0) {
		return t
	}
	cx, cy := float64(x)+ex, float64(y)+ey
	inv := func(px, py float64) (u, v float64) {
		qx, qy := px-cx, py-cy
		rx, ry := c*qx+sn*qy+W/2, -sn*qx+c*qy+H/2
		u, v = rx/sx, ry/sy
		if src.flipH {
			u = w - u
		}
		if src.flipV {
			v = h - v
		}
		return u + float64(sr.Min.X), v + float64(sr.Min.Y)
	}
	u00, v00 := inv(0, 0)
	u10, v10 := inv(1, 0)
	u01, v01 := inv(0, 1)
	t = transform{
		ux: u10 - u00, uy: u01 - u00, u0: u00,
		vx: v10 - v00, vy: v01 - v00, v0: v00,
	}
	const eps = 1e-6
	t.bounds = image.Rect(int(math.Floor(float64(x)+eps)), int(math.Floor(float64(y)+eps)),
		int(math.Ceil(cx+ex-eps)), int(math.Ceil(cy+ey-eps)))
	return t
}

// cosSin returns the cosine and sine of a clockwise angle in degrees, exact
// for multiples of 90°.
func cosSin(deg float64) (c, s float64) {
	d := math.Mod(deg, 360)
	if d < 0 {
		d += 360
	}
	switch d {
	case 0:
		return 1, 0
	case 90:
		return 0, 1
	case 180:
		return -1, 0
	case 270:
		return 0, -1
	}
	r := d * math.Pi / 180
	return math.Cos(r), math.Sin(r)
}

// draw samples src within sr for every pixel of dr and composes it over dst
// with opacity o. Outside sr the source is transparent, so bilinear edges
// are anti-aliased.
func (t *transform) draw(dst *image.RGBA, dr image.Rectangle, src *image.RGBA, sr image.Rectangle,
	nearest bool, o uint32,
) {
	for Y := dr.Min.Y; Y < dr.Max.Y; Y++ {
		py := float64(Y) + .5
		px := float64(dr.Min.X) + .5
		u0 := t.ux*px + t.uy*py + t.u0
		v0 := t.vx*px + t.vy*py + t.v0
		row := row32(dst, dr.Min.X, Y, dr.Dx())
		for X := range row {
			u, v := u0+float64(X)*t.ux, v0+float64(X)*t.vx
			var sp uint32
			if nearest {
				sp = sampleNearest(src, sr, u, v)
			} else {
				sp = sampleBilinear(src, sr, u, v)
			}
			if sp == 0 {
				continue
			}
			if o != 255 {
				sp = mulPixel(sp, o)
			}
			row[X] = overPixel(sp, row[X])
		}
	}
}

func pixelAt(src *image.RGBA, x, y int) uint32 {
	return row32(src, x, y, 1)[0]
}

func sampleNearest(src *image.RGBA, sr image.Rectangle, u, v float64) uint32 {
	x, y := int(math.Floor(u)), int(math.Floor(v))
	if u != u || v != v || !(image.Point{x, y}.In(sr)) {
		return 0
	}
	return pixelAt(src, x, y)
}

func sampleBilinear(src *image.RGBA, sr image.Rectangle, u, v float64) uint32 {
	u, v = u-.5, v-.5
	fx, fy := math.Floor(u), math.Floor(v)
	if fx != fx || fy != fy || fx < float64(sr.Min.X-1) || fy < float64(sr.Min.Y-1) ||
		fx >= float64(sr.Max.X) || fy >= float64(sr.Max.Y) {
		return 0
	}
	x0, y0 := int(fx), int(fy)
	wx := uint32((u-fx)*256 + .5)
	wy := uint32((v-fy)*256 + .5)
	get := func(x, y int) uint32 {
		if x < sr.Min.X || y < sr.Min.Y || x >= sr.Max.X || y >= sr.Max.Y {
			return 0
		}
		return pixelAt(src, x, y)
	}
	p00, p10, p01, p11 := get(x0, y0), get(x0+1, y0), get(x0, y0+1), get(x0+1, y0+1)
	var out uint32
	for sh := uint(0); sh < 32; sh += 8 {
		c00, c10 := p00>>sh&0xff, p10>>sh&0xff
		c01, c11 := p01>>sh&0xff, p11>>sh&0xff
		top := c00*(256-wx) + c10*wx
		bot := c01*(256-wx) + c11*wx
		c := (top*(256-wy) + bot*wy + 1<<15) >> 16
		out |= min(c, 255) << sh
	}
	return out
}
