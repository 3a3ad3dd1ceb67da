package gfx

import "image"

// maxDamageRects bounds a damage list; past it the two rectangles whose
// union wastes the least area are merged.
const maxDamageRects = 16

// damageList is a short list of changed rectangles. Rectangles that overlap
// or touch are merged when the union costs little more than the parts, so
// that a small change stays a small copy and many small changes do not make
// a long list.
type damageList struct {
	rects []image.Rectangle
}

func area(r image.Rectangle) int { return r.Dx() * r.Dy() }

// add records r. Empty rectangles are ignored.
func (d *damageList) add(r image.Rectangle) {
	if r.Empty() {
		return
	}
	for {
		merged := false
		for i := 0; i < len(d.rects); i++ {
			q := d.rects[i]
			if r.In(q) {
				return
			}
			if q.In(r) || worthMerging(q, r) {
				r = r.Union(q)
				d.rects[i] = d.rects[len(d.rects)-1]
				d.rects = d.rects[:len(d.rects)-1]
				merged = true
				break
			}
		}
		if !merged {
			break
		}
	}
	d.rects = append(d.rects, r)
	for len(d.rects) > maxDamageRects {
		d.mergeCheapest()
	}
}

// worthMerging reports whether a and b overlap or touch and their union
// costs at most a quarter more pixels than the two apart.
func worthMerging(a, b image.Rectangle) bool {
	g := a.Inset(-1)
	if !g.Overlaps(b) {
		return false
	}
	u := area(a.Union(b))
	return u*4 <= (area(a)+area(b))*5
}

func (d *damageList) mergeCheapest() {
	bi, bj, best := 0, 1, -1
	for i := range d.rects {
		for j := i + 1; j < len(d.rects); j++ {
			w := area(d.rects[i].Union(d.rects[j])) - area(d.rects[i]) - area(d.rects[j])
			if best < 0 || w < best {
				bi, bj, best = i, j, w
			}
		}
	}
	u := d.rects[bi].Union(d.rects[bj])
	d.rects[bj] = d.rects[len(d.rects)-1]
	d.rects = d.rects[:len(d.rects)-1]
	d.rects[bi] = u
}

// take returns the rectangles and empties the list.
func (d *damageList) take() []image.Rectangle {
	if len(d.rects) == 0 {
		return nil
	}
	out := append([]image.Rectangle(nil), d.rects...)
	d.rects = d.rects[:0]
	return out
}

func (d *damageList) empty() bool { return len(d.rects) == 0 }
