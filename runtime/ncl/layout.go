package ncl

import (
	"math"
	"strconv"
	"strings"
)

// RegionBase is a <regionBase>: the regions of one device.
// Specification: ITU-T H.761, 7.2.5 (Layout functionality).
type RegionBase struct {
	ID string
	// Device is the device attribute ("systemScreen(0)", ...); empty means
	// the receiver's main screen.
	Device string
	// Region is the region attribute: the parent region of imported regions.
	Region  string
	Regions []*Region
	Pos
}

// Region is a <region>. Its coordinates are relative to its parent region
// (or the device's screen for a top-level region).
type Region struct {
	ID     string
	Title  string
	Left   Length
	Top    Length
	Right  Length
	Bottom Length
	Width  Length
	Height Length
	ZIndex int
	// Regions are the nested regions.
	Regions []*Region
	Pos
}

// Length is a region coordinate: pixels, or a percentage of the parent's
// width (left, right, width) or height (top, bottom, height).
type Length struct {
	Value   float64
	Percent bool
	Set     bool
}

// Px is the length in pixels for a parent dimension of parent pixels.
func (l Length) Px(parent int) float64 {
	if l.Percent {
		return l.Value * float64(parent) / 100
	}
	return l.Value
}

// ParseLength reads "10", "10px", "10.5", "25%". ok is false for anything else.
func ParseLength(s string) (Length, bool) {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "%"), "px")
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return Length{}, false
	}
	return Length{Value: v, Percent: pct, Set: true}, true
}

// Rect is an absolute rectangle on the screen, in pixels.
type Rect struct {
	X, Y, W, H int
	// ZIndex is the region's zIndex (inherited from the parent when the
	// region has none).
	ZIndex int
}

// Resolve computes the absolute rectangle of every region of the base (by
// ID) for a screen of screenW × screenH pixels. A region's width is taken
// from width, else from left and right; its x from left, else from right and
// width; missing values fill the parent (the same rules for the vertical
// axis). Percentages are of the parent region; results are rounded to the
// nearest pixel; negative sizes become 0. Nothing is clipped to the parent.
func (rb *RegionBase) Resolve(screenW, screenH int) map[string]Rect {
	out := make(map[string]Rect)
	parent := Rect{W: screenW, H: screenH}
	for _, r := range rb.Regions {
		resolveRegion(r, parent, out, false)
	}
	return out
}

func resolveRegion(r *Region, parent Rect, out map[string]Rect, inheritZ bool) {
	x, w := axis(r.Left, r.Right, r.Width, parent.W)
	y, h := axis(r.Top, r.Bottom, r.Height, parent.H)
	rect := Rect{X: parent.X + x, Y: parent.Y + y, W: w, H: h, ZIndex: r.ZIndex}
	if r.ZIndex == 0 && inheritZ {
		rect.ZIndex = parent.ZIndex
	}
	if r.ID != "" {
		if _, dup := out[r.ID]; !dup {
			out[r.ID] = rect
		}
	}
	for _, c := range r.Regions {
		resolveRegion(c, rect, out, true)
	}
}

// axis resolves one dimension: start (left/top), end (right/bottom) and size
// (width/height) in a parent of p pixels; it returns the offset and size.
func axis(start, end, size Length, p int) (int, int) {
	var off, sz float64
	switch {
	case size.Set:
		sz = size.Px(p)
		switch {
		case start.Set:
			off = start.Px(p)
		case end.Set:
			off = float64(p) - end.Px(p) - sz
		}
	case start.Set && end.Set:
		off = start.Px(p)
		sz = float64(p) - off - end.Px(p)
	case start.Set:
		off = start.Px(p)
		sz = float64(p) - off
	case end.Set:
		sz = float64(p) - end.Px(p)
	default:
		sz = float64(p)
	}
	o, s := round(off), round(sz)
	if s < 0 {
		s = 0
	}
	return o, s
}

func round(f float64) int {
	const limit = 1 << 30
	switch {
	case f > limit:
		return limit
	case f < -limit:
		return -limit
	}
	return int(math.Round(f))
}

// walkRegions calls f for every region of rs and their descendants.
func walkRegions(rs []*Region, f func(*Region)) {
	for _, r := range rs {
		f(r)
		walkRegions(r.Regions, f)
	}
}
