package gfx

import (
	"fmt"
	"strings"
)

// DrawMode selects between painting a shape's inside and its outline.
type DrawMode uint8

// Draw modes.
const (
	Fill  DrawMode = iota // the inside
	Frame                 // the outline, LineWidth wide ("arc" for ellipses)
)

// ParseDrawMode maps the NCLua mode names to a DrawMode: "fill", and
// "frame" or "arc" (the standard and Ginga.ar say "arc" for ellipses, nclua
// says "frame"; both are accepted everywhere).
func ParseDrawMode(s string) (DrawMode, error) {
	switch strings.ToLower(s) {
	case "fill":
		return Fill, nil
	case "frame", "arc":
		return Frame, nil
	}
	return 0, fmt.Errorf("%w: %q", ErrDrawMode, s)
}

// String returns "fill" or "frame".
func (m DrawMode) String() string {
	if m == Frame {
		return "frame"
	}
	return "fill"
}

// PolygonMode selects how DrawPolygon paints its points.
type PolygonMode uint8

// Polygon modes.
const (
	PolygonFill  PolygonMode = iota // the inside (non-zero winding)
	PolygonClose                    // the outline, closed back to the first point
	PolygonOpen                     // the polyline, not closed
)

// ParsePolygonMode maps "fill", "close" and "open" to a PolygonMode.
func ParsePolygonMode(s string) (PolygonMode, error) {
	switch strings.ToLower(s) {
	case "fill":
		return PolygonFill, nil
	case "close":
		return PolygonClose, nil
	case "open":
		return PolygonOpen, nil
	}
	return 0, fmt.Errorf("%w: %q", ErrDrawMode, s)
}

// String returns "fill", "close" or "open".
func (m PolygonMode) String() string {
	switch m {
	case PolygonClose:
		return "close"
	case PolygonOpen:
		return "open"
	}
	return "fill"
}
