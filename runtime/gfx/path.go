package gfx

import (
	"image"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/vector"
)

// Point is a position in surface coordinates: (0,0) is the top-left corner
// of the top-left pixel, and the centre of that pixel is (0.5,0.5).
type Point struct{ X, Y float64 }

// path is a list of closed polygons (contours). Every shape is flattened to
// polygons here, so that it can be clipped to the visible area before it
// reaches the rasterizer: x/image/vector loops over every row from the top
// of a segment and overflows its fixed-point math far outside its bounds,
// so hostile coordinates must never reach it.
type path struct {
	pts    []Point
	starts []int
}

// add appends a closed polygon.
func (p *path) add(pts ...Point) {
	if len(pts) < 3 {
		return
	}
	p.starts = append(p.starts, len(p.pts))
	p.pts = append(p.pts, pts...)
}

// begin starts a polygon that the following push calls extend.
func (p *path) begin() { p.starts = append(p.starts, len(p.pts)) }

func (p *path) push(x, y float64) { p.pts = append(p.pts, Point{x, y}) }

func (p *path) contour(i int) []Point {
	end := len(p.pts)
	if i+1 < len(p.starts) {
		end = p.starts[i+1]
	}
	return p.pts[p.starts[i]:end]
}

// bounds returns the pixel rectangle that covers every point.
func (p *path) bounds() image.Rectangle {
	if len(p.pts) == 0 {
		return image.Rectangle{}
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range p.pts {
		if math.IsNaN(q.X) || math.IsNaN(q.Y) || math.IsInf(q.X, 0) || math.IsInf(q.Y, 0) {
			return image.Rectangle{} // not finite: draw nothing
		}
		x0, y0 = min(x0, q.X), min(y0, q.Y)
		x1, y1 = max(x1, q.X), max(y1, q.Y)
	}
	const lim = 1 << 30
	c := func(v float64) int { return int(min(max(v, -lim), lim)) }
	return image.Rect(c(math.Floor(x0)), c(math.Floor(y0)), c(math.Ceil(x1)), c(math.Ceil(y1)))
}

// scratch is the per-draw rasterizer state, pooled: the rasterizer's
// buffers grow to the largest shape drawn, so they are not kept per surface.
type scratch struct {
	rast vector.Rasterizer
	mask image.Alpha
	a, b []Point
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// fill rasterizes p (non-zero winding) within the surface clip and composes
// the surface colour over it. It returns the damaged rectangle.
func (s *Surface) fill(p *path) image.Rectangle {
	r := p.bounds().Intersect(s.clip)
	if r.Empty() || s.pcolor.A == 0 {
		return image.Rectangle{}
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	mask := sc.rasterize(p, r)
	if !s.antiAlias {
		threshold(mask)
	}
	fillMask(s.img, r, mask, r.Dx(), s.pcolor)
	s.touch(r)
	return r
}

// rasterize renders the coverage of p inside r into sc.mask and returns its
// samples (r.Dx() per row).
func (sc *scratch) rasterize(p *path, r image.Rectangle) []uint8 {
	w, h := r.Dx(), r.Dy()
	sc.rast.Reset(w, h)
	sc.rast.DrawOp = draw.Src
	guard := rectF{float64(r.Min.X) - 1, float64(r.Min.Y) - 1, float64(r.Max.X) + 1, float64(r.Max.Y) + 1}
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	for i := range p.starts {
		c := sc.clip(p.contour(i), guard)
		if len(c) < 3 {
			continue
		}
		sc.rast.MoveTo(float32(c[0].X-ox), float32(c[0].Y-oy))
		for _, q := range c[1:] {
			sc.rast.LineTo(float32(q.X-ox), float32(q.Y-oy))
		}
		sc.rast.ClosePath()
	}
	n := w * h
	if cap(sc.mask.Pix) < n {
		sc.mask.Pix = make([]uint8, n)
	}
	sc.mask.Pix = sc.mask.Pix[:n]
	sc.mask.Stride = w
	sc.mask.Rect = image.Rect(0, 0, w, h)
	sc.rast.Draw(&sc.mask, sc.mask.Rect, image.Opaque, image.Point{})
	return sc.mask.Pix
}

func threshold(m []uint8) {
	for i, v := range m {
		if v >= 128 {
			m[i] = 255
		} else {
			m[i] = 0
		}
	}
}

type rectF struct{ x0, y0, x1, y1 float64 }

// clip clips the closed polygon in to g (Sutherland-Hodgman). Inside g the
// winding number of every point is unchanged, which is all the rasterizer
// needs; edges along g's border are harmless.
func (sc *scratch) clip(in []Point, g rectF) []Point {
	inside := true
	for _, q := range in {
		if q.X < g.x0 || q.X > g.x1 || q.Y < g.y0 || q.Y > g.y1 {
			inside = false
			break
		}
	}
	if inside {
		return in
	}
	a := append(sc.a[:0], in...)
	b := sc.b[:0]
	for edge := range 4 {
		b = clipEdge(b[:0], a, g, edge)
		a, b = b, a
		if len(a) == 0 {
			break
		}
	}
	sc.a, sc.b = a, b
	return a
}

func clipEdge(out, in []Point, g rectF, edge int) []Point {
	if len(in) == 0 {
		return out
	}
	var v float64
	switch edge {
	case 0:
		v = g.x0
	case 1:
		v = g.x1
	case 2:
		v = g.y0
	default:
		v = g.y1
	}
	in1 := func(q Point) bool {
		switch edge {
		case 0:
			return q.X >= v
		case 1:
			return q.X <= v
		case 2:
			return q.Y >= v
		}
		return q.Y <= v
	}
	cut := func(a, b Point) Point {
		if edge < 2 {
			t := (v - a.X) / (b.X - a.X)
			return Point{v, a.Y + t*(b.Y-a.Y)}
		}
		t := (v - a.Y) / (b.Y - a.Y)
		return Point{a.X + t*(b.X-a.X), v}
	}
	prev := in[len(in)-1]
	pin := in1(prev)
	for _, cur := range in {
		cin := in1(cur)
		switch {
		case cin && pin:
			out = append(out, cur)
		case cin:
			out = append(out, cut(prev, cur), cur)
		case pin:
			out = append(out, cut(prev, cur))
		}
		prev, pin = cur, cin
	}
	return out
}

// arcSteps returns how many segments flatten a full turn of radius r to
// within a tenth of a pixel.
func arcSteps(r float64) int {
	if !(r > 0.5) {
		return 8
	}
	d := 2 * math.Acos(1-0.1/r)
	return min(max(int(math.Ceil(2*math.Pi/d)), 8), 4096)
}

// pushArc appends the points of the elliptic arc centred on (cx,cy) with
// radii rx, ry from angle a0 over sweep radians (clockwise on screen),
// both ends included.
func (p *path) pushArc(cx, cy, rx, ry, a0, sweep float64) {
	n := int(math.Ceil(float64(arcSteps(max(rx, ry))) * math.Abs(sweep) / (2 * math.Pi)))
	n = max(n, 1)
	for i := 0; i <= n; i++ {
		a := a0 + sweep*float64(i)/float64(n)
		p.push(cx+rx*math.Cos(a), cy+ry*math.Sin(a))
	}
}
