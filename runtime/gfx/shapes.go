package gfx

import (
	"image"
	"math"
)

// Geometry conventions. Filled shapes use edge coordinates: DrawRect(Fill,
// 0, 0, 10, 10) paints exactly the pixels 0..9 in both directions, and a
// polygon or an ellipse is filled where its outline says. Lines and polygon
// outlines join pixel centres: DrawLine(0, 5, 9, 5) with width 1 paints
// exactly the pixels (0..9, 5), both ends included. Rectangle frames lie
// inside the rectangle, so a frame and a fill of the same rectangle cover
// the same pixels. Ellipse frames are centred on the ellipse.

// DrawLine strokes the segment between the centres of pixels (x1,y1) and
// (x2,y2) with the line width, square ends.
func (s *Surface) DrawLine(x1, y1, x2, y2 float64) image.Rectangle {
	var p path
	strokePolyline(&p, []Point{{x1 + .5, y1 + .5}, {x2 + .5, y2 + .5}}, s.lineWidth, false)
	return s.fill(&p)
}

// DrawRect fills or frames the rectangle at (x,y) of size w×h. Negative
// sizes extend left or up.
func (s *Surface) DrawRect(mode DrawMode, x, y, w, h float64) image.Rectangle {
	x0, y0, x1, y1 := canonRect(x, y, w, h)
	if mode == Fill {
		if r, ok := integralRect(x0, y0, x1, y1); ok {
			r = r.Intersect(s.clip)
			fillRect(s.img, r, s.pcolor, false)
			s.touch(r)
			return r
		}
		var p path
		p.add(Point{x0, y0}, Point{x1, y0}, Point{x1, y1}, Point{x0, y1})
		return s.fill(&p)
	}
	lw := min(s.lineWidth, (x1-x0)/2, (y1-y0)/2)
	if !(lw > 0) {
		return image.Rectangle{}
	}
	var p path
	p.add(Point{x0, y0}, Point{x1, y0}, Point{x1, y1}, Point{x0, y1})
	p.add(Point{x0 + lw, y0 + lw}, Point{x0 + lw, y1 - lw}, Point{x1 - lw, y1 - lw}, Point{x1 - lw, y0 + lw})
	return s.fill(&p)
}

// DrawRoundRect fills or frames the rectangle at (x,y) of size w×h with
// corners of radius r, clamped to [0, min(w,h)/2].
func (s *Surface) DrawRoundRect(mode DrawMode, x, y, w, h, r float64) image.Rectangle {
	x0, y0, x1, y1 := canonRect(x, y, w, h)
	r = min(max(r, 0), (x1-x0)/2, (y1-y0)/2)
	if r != r {
		r = 0
	}
	var p path
	roundRect(&p, x0, y0, x1, y1, r, false)
	if mode == Frame {
		lw := min(s.lineWidth, (x1-x0)/2, (y1-y0)/2)
		if !(lw > 0) {
			return image.Rectangle{}
		}
		roundRect(&p, x0+lw, y0+lw, x1-lw, y1-lw, max(r-lw, 0), true)
	}
	return s.fill(&p)
}

// roundRect adds a rounded rectangle, clockwise on screen, or
// counter-clockwise when reverse is set (a hole).
func roundRect(p *path, x0, y0, x1, y1, r float64, reverse bool) {
	if x1-x0 <= 0 || y1-y0 <= 0 {
		return
	}
	start := len(p.pts)
	p.begin()
	if r <= 0 {
		p.push(x0, y0)
		p.push(x1, y0)
		p.push(x1, y1)
		p.push(x0, y1)
	} else {
		p.pushArc(x1-r, y0+r, r, r, -math.Pi/2, math.Pi/2)
		p.pushArc(x1-r, y1-r, r, r, 0, math.Pi/2)
		p.pushArc(x0+r, y1-r, r, r, math.Pi/2, math.Pi/2)
		p.pushArc(x0+r, y0+r, r, r, math.Pi, math.Pi/2)
	}
	if reverse {
		q := p.pts[start:]
		for i, j := 0, len(q)-1; i < j; i, j = i+1, j-1 {
			q[i], q[j] = q[j], q[i]
		}
	}
}

// DrawPolygon paints the polygon through pts: filled (non-zero winding;
// edge coordinates, like DrawRect), or its outline through the pixel
// centres, closed or open (like DrawLine).
func (s *Surface) DrawPolygon(mode PolygonMode, pts []Point) image.Rectangle {
	if len(pts) == 0 {
		return image.Rectangle{}
	}
	var p path
	if mode == PolygonFill {
		p.add(pts...)
		return s.fill(&p)
	}
	c := make([]Point, len(pts))
	for i, q := range pts {
		c[i] = Point{q.X + .5, q.Y + .5}
	}
	strokePolyline(&p, c, s.lineWidth, mode == PolygonClose)
	return s.fill(&p)
}

// DrawEllipse paints the ellipse centred on (xc,yc) with width w and height
// h, from angle a0 to a1 in degrees, clockwise from 3 o'clock (NCLua's
// angles). A sweep of 360° or more is the whole ellipse; a1 < a0 wraps
// around (as cairo does); a1 == a0 draws nothing. Fill paints the whole
// ellipse or, for a partial sweep, the pie slice from the centre; Frame
// strokes the curve (centred on it, LineWidth wide, square-cut ends).
func (s *Surface) DrawEllipse(mode DrawMode, xc, yc, w, h, a0, a1 float64) image.Rectangle {
	rx, ry := math.Abs(w)/2, math.Abs(h)/2
	sweep := a1 - a0
	if !(rx > 0 && ry > 0) || sweep != sweep || math.IsInf(sweep, 0) {
		return image.Rectangle{}
	}
	if sweep < 0 {
		sweep = math.Mod(sweep, 360) + 360
	}
	if sweep == 0 {
		return image.Rectangle{}
	}
	full := sweep >= 360
	t0, ts := a0*math.Pi/180, min(sweep, 360)*math.Pi/180
	var p path
	if mode == Fill {
		p.begin()
		if !full {
			p.push(xc, yc)
		}
		p.pushArc(xc, yc, rx, ry, t0, ts)
		return s.fill(&p)
	}
	hw := s.lineWidth / 2
	if !(hw > 0) {
		return image.Rectangle{}
	}
	ix, iy := max(rx-hw, 0), max(ry-hw, 0)
	p.begin()
	p.pushArc(xc, yc, rx+hw, ry+hw, t0, ts)
	if full {
		if ix > 0 && iy > 0 {
			p.begin()
			p.pushArc(xc, yc, ix, iy, t0+ts, -ts)
		}
	} else {
		p.pushArc(xc, yc, ix, iy, t0+ts, -ts)
	}
	return s.fill(&p)
}

// canonRect returns the edges of a rectangle given by corner and size.
func canonRect(x, y, w, h float64) (x0, y0, x1, y1 float64) {
	x0, x1 = x, x+w
	if w < 0 {
		x0, x1 = x1, x0
	}
	y0, y1 = y, y+h
	if h < 0 {
		y0, y1 = y1, y0
	}
	return x0, y0, x1, y1
}

// integralRect returns the rectangle when all four edges are whole numbers
// within range.
func integralRect(x0, y0, x1, y1 float64) (image.Rectangle, bool) {
	const lim = 1 << 30
	for _, v := range [...]float64{x0, y0, x1, y1} {
		if v != math.Trunc(v) || v < -lim || v > lim {
			return image.Rectangle{}, false
		}
	}
	return image.Rect(int(x0), int(y0), int(x1), int(y1)), true
}
