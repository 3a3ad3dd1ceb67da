package nclua

import (
	"image/color"
	"strings"

	"golang.org/x/image/colornames"
)

// htmlColors are the 16 colour names of the norm (HTML 4).
var htmlColors = map[string]color.NRGBA{
	"white": {255, 255, 255, 255}, "black": {0, 0, 0, 255}, "silver": {192, 192, 192, 255},
	"gray": {128, 128, 128, 255}, "red": {255, 0, 0, 255}, "maroon": {128, 0, 0, 255},
	"fuchsia": {255, 0, 255, 255}, "purple": {128, 0, 128, 255}, "lime": {0, 255, 0, 255},
	"green": {0, 128, 0, 255}, "yellow": {255, 255, 0, 255}, "olive": {128, 128, 0, 255},
	"blue": {0, 0, 255, 255}, "navy": {0, 0, 128, 255}, "aqua": {0, 255, 255, 255},
	"teal": {0, 128, 128, 255},
}

// NamedColor returns the colour of a name as canvas:attrColor and NCL's
// colour attributes know it (see lookupColor).
func NamedColor(name string) (color.NRGBA, bool) { return lookupColor(name) }

// lookupColor finds a colour by name, case-insensitively: the 16 HTML names
// of the norm, then the CSS/SVG names (golang.org/x/image/colornames: the
// 140 CSS colours plus the grey/gray spellings), then "transparent".
func lookupColor(name string) (color.NRGBA, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if c, ok := htmlColors[n]; ok {
		return c, true
	}
	if c, ok := colornames.Map[n]; ok {
		return color.NRGBA{c.R, c.G, c.B, 255}, true
	}
	if n == "rebeccapurple" { // CSS Color 4, after the SVG list
		return color.NRGBA{102, 51, 153, 255}, true
	}
	if n == "transparent" {
		return color.NRGBA{}, true
	}
	return color.NRGBA{}, false
}
