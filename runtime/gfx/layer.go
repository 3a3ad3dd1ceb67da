package gfx

import "image"

// Layer is a surface placed on the compositor's frame: an app's canvas, the
// on-screen display, an alert. Its surface (the front buffer) belongs to
// the compositor: draw into it with Update, or copy a back buffer into it
// with Flush.
type Layer struct {
	c       *Compositor
	plane   Plane
	z       int
	seq     int
	bounds  image.Rectangle
	surf    *Surface
	visible bool
	opacity uint8
	removed bool
}

func (l *Layer) shown() bool { return l.visible && l.opacity != 0 && !l.removed }

// Plane returns the layer's plane.
func (l *Layer) Plane() Plane { return l.plane }

// Bounds returns where the layer is on the frame.
func (l *Layer) Bounds() image.Rectangle {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	return l.bounds
}

// SetBounds moves the layer and, if the size changes, resizes its surface
// (the pixels that fit are kept, at the top-left).
func (l *Layer) SetBounds(r image.Rectangle) error {
	r = r.Canon()
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	if r == l.bounds {
		return nil
	}
	if r.Size() != l.bounds.Size() {
		s, err := NewSurface(r.Dx(), r.Dy())
		if err != nil {
			return err
		}
		copyRect(s.img, s.img.Rect.Intersect(l.surf.img.Rect), l.surf.img, image.Point{})
		l.surf = s
	}
	if l.shown() {
		l.c.damageLayer(l)
	}
	l.bounds = r
	if l.shown() {
		l.c.damageLayer(l)
	}
	return nil
}

// Z returns the layer's z-order within its plane.
func (l *Layer) Z() int {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	return l.z
}

// SetZ sets the z-order within the plane: higher is nearer the viewer;
// equal z keeps the order of creation.
func (l *Layer) SetZ(z int) {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	if z == l.z {
		return
	}
	l.z = z
	l.c.sort()
	if l.shown() {
		l.c.damageLayer(l)
	}
}

// Visible reports whether the layer is shown.
func (l *Layer) Visible() bool {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	return l.visible
}

// SetVisible shows or hides the layer.
func (l *Layer) SetVisible(v bool) {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	if v == l.visible {
		return
	}
	l.visible = v
	l.c.damageLayer(l)
}

// Opacity returns the layer's opacity.
func (l *Layer) Opacity() uint8 {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	return l.opacity
}

// SetOpacity sets the opacity the layer is composed with (255 opaque).
func (l *Layer) SetOpacity(a uint8) {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	if a == l.opacity {
		return
	}
	l.opacity = a
	if l.visible {
		l.c.damageLayer(l)
	}
}

// Update calls fn with the layer's surface, under the compositor's lock, and
// records what fn drew as damage. fn must not keep the surface, nor call
// other Layer or Compositor methods.
func (l *Layer) Update(fn func(s *Surface)) {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	fn(l.surf)
	l.takeDamage()
}

// Flush copies into the layer's surface what changed in src since src's
// damage was last taken (NCLua canvas:flush of a double-buffered canvas):
// the layer then shows what src shows, provided it showed src's previous
// state (or both were new and transparent). src's damage is taken.
func (l *Layer) Flush(src *Surface) {
	rects := src.TakeDamage()
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	for _, r := range rects {
		r = r.Intersect(l.surf.img.Rect)
		copyRect(l.surf.img, r, src.img, r.Min)
		l.surf.touch(r)
	}
	l.surf.opaque = src.opaque && src.img.Rect == l.surf.img.Rect
	l.takeDamage()
}

// takeDamage moves the surface's damage to the compositor; the caller holds
// the lock.
func (l *Layer) takeDamage() {
	rects := l.surf.TakeDamage()
	if !l.shown() {
		return
	}
	for _, r := range rects {
		l.c.damage.add(r.Add(l.bounds.Min).Intersect(l.c.frame.Rect))
	}
}

// Remove takes the layer off the compositor.
func (l *Layer) Remove() {
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	if l.removed {
		return
	}
	if l.shown() {
		l.c.damageLayer(l)
	}
	l.removed = true
	for i, x := range l.c.layers {
		if x == l {
			l.c.layers = append(l.c.layers[:i], l.c.layers[i+1:]...)
			break
		}
	}
}
