package sdl

import (
	"image"
	"math"
)

// viewport returns where content of size c is drawn in an output of size
// out: scaled to fit, its aspect ratio kept, centred (letterboxed or
// pillarboxed). It is empty when either size is.
func viewport(out, c image.Point) image.Rectangle {
	if out.X <= 0 || out.Y <= 0 || c.X <= 0 || c.Y <= 0 {
		return image.Rectangle{}
	}
	s := min(float64(out.X)/float64(c.X), float64(out.Y)/float64(c.Y))
	w := min(int(math.Round(float64(c.X)*s)), out.X)
	h := min(int(math.Round(float64(c.Y)*s)), out.Y)
	x, y := (out.X-w)/2, (out.Y-h)/2
	return image.Rect(x, y, x+w, y+h)
}

// split divides the viewport vp of content of width cw into the part that
// shows the first fw columns (the frame) and the rest (the side region).
func split(vp image.Rectangle, cw, fw int) (frame, side image.Rectangle) {
	if cw <= 0 {
		return vp, image.Rectangle{}
	}
	x := vp.Min.X + int(math.Round(float64(vp.Dx())*float64(fw)/float64(cw)))
	return image.Rect(vp.Min.X, vp.Min.Y, x, vp.Max.Y), image.Rect(x, vp.Min.Y, vp.Max.X, vp.Max.Y)
}

// toContent maps p, a point in window coordinates (SDL's mouse coordinates,
// which differ from the output's pixels on a high-DPI screen: win is the
// window's size, out the output's), to the content of size c drawn in the
// viewport. ok is false outside the viewport (in the bars).
func toContent(p, win, out, c image.Point) (_ image.Point, ok bool) {
	if win.X <= 0 || win.Y <= 0 {
		return image.Point{}, false
	}
	vp := viewport(out, c)
	if vp.Empty() {
		return image.Point{}, false
	}
	// The centre of the window point, in output pixels.
	px := (float64(p.X) + 0.5) * float64(out.X) / float64(win.X)
	py := (float64(p.Y) + 0.5) * float64(out.Y) / float64(win.Y)
	cx := math.Floor((px - float64(vp.Min.X)) * float64(c.X) / float64(vp.Dx()))
	cy := math.Floor((py - float64(vp.Min.Y)) * float64(c.Y) / float64(vp.Dy()))
	q := image.Pt(int(cx), int(cy))
	return q, q.In(image.Rectangle{Max: c})
}
