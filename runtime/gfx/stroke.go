package gfx

import "math"

// miterLimit is the longest miter, in half line widths, before a join is
// bevelled (cairo's default).
const miterLimit = 10

// strokePolyline adds to p the outline of the polyline pts drawn with the
// given width: one quadrilateral per segment and one wedge per join (mitred,
// bevelled past miterLimit), all wound the same way so that the rasterizer's
// non-zero rule fills their union. An open polyline gets square caps (half
// a width past each end), so a line drawn between pixel centres covers both
// end pixels, as pixel APIs do; a single point draws a width×width square.
func strokePolyline(p *path, pts []Point, width float64, closed bool) {
	hw := width / 2
	if !(hw > 0) {
		return
	}
	pts = dedup(pts, closed)
	if len(pts) == 1 {
		q := pts[0]
		p.add(Point{q.X - hw, q.Y - hw}, Point{q.X + hw, q.Y - hw}, Point{q.X + hw, q.Y + hw}, Point{q.X - hw, q.Y + hw})
		return
	}
	n := len(pts) - 1
	if closed {
		n = len(pts)
	}
	for i := range n {
		a, b := pts[i], pts[(i+1)%len(pts)]
		d := unit(a, b)
		if !closed {
			if i == 0 {
				a = Point{a.X - d.X*hw, a.Y - d.Y*hw}
			}
			if i == n-1 {
				b = Point{b.X + d.X*hw, b.Y + d.Y*hw}
			}
		}
		nx, ny := -d.Y*hw, d.X*hw
		addOriented(p, Point{a.X + nx, a.Y + ny}, Point{b.X + nx, b.Y + ny},
			Point{b.X - nx, b.Y - ny}, Point{a.X - nx, a.Y - ny})
	}
	for i := range len(pts) {
		if !closed && (i == 0 || i == len(pts)-1) {
			continue
		}
		prev := pts[(i+len(pts)-1)%len(pts)]
		v := pts[i]
		next := pts[(i+1)%len(pts)]
		join(p, prev, v, next, hw)
	}
}

// join adds the wedge that fills the outer side of the turn at v.
func join(p *path, prev, v, next Point, hw float64) {
	d0, d1 := unit(prev, v), unit(v, next)
	cross := d0.X*d1.Y - d0.Y*d1.X
	if math.Abs(cross) < 1e-9 {
		return // straight on (a U-turn is left with butt ends)
	}
	s := -1.0
	if cross < 0 {
		s = 1
	}
	n0 := Point{-d0.Y * hw * s, d0.X * hw * s}
	n1 := Point{-d1.Y * hw * s, d1.X * hw * s}
	a := Point{v.X + n0.X, v.Y + n0.Y}
	b := Point{v.X + n1.X, v.Y + n1.Y}
	den := hw*hw + n0.X*n1.X + n0.Y*n1.Y
	if den > 1e-12 {
		k := hw * hw / den
		m := Point{(n0.X + n1.X) * k, (n0.Y + n1.Y) * k}
		if math.Hypot(m.X, m.Y) <= miterLimit*hw {
			addOriented(p, v, a, Point{v.X + m.X, v.Y + m.Y}, b)
			return
		}
	}
	addOriented(p, v, a, b)
}

// addOriented adds the polygon wound counter-clockwise (positive area), so
// that overlapping pieces add up instead of cancelling.
func addOriented(p *path, pts ...Point) {
	if signedArea(pts) < 0 {
		for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
			pts[i], pts[j] = pts[j], pts[i]
		}
	}
	p.add(pts...)
}

func signedArea(pts []Point) float64 {
	var a float64
	for i := range pts {
		j := (i + 1) % len(pts)
		a += pts[i].X*pts[j].Y - pts[j].X*pts[i].Y
	}
	return a / 2
}

func unit(a, b Point) Point {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return Point{1, 0}
	}
	return Point{dx / l, dy / l}
}

// dedup drops consecutive repeated points (and, when closed, a last point
// equal to the first). It returns at least one point when pts is not empty.
func dedup(pts []Point, closed bool) []Point {
	out := make([]Point, 0, len(pts))
	for _, q := range pts {
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	if closed && len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}
