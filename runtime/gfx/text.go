package gfx

import (
	"image"
	"math"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Text is laid out by one function, layout, that DrawText, MeasureText and
// TextInk all use, so that what is measured is what is drawn, to the pixel.
// The layout box of a text drawn at (x,y) has its top-left corner at (x,y)
// (as pango's layout in nclua); the first baseline is at y + ascent; a '\n'
// starts a new line one line height lower. Advances and kerning are whole
// pixels.

// placed is a glyph at its origin, relative to the top-left of the layout
// box.
type placed struct {
	g    *glyph
	x, y int
}

// layout places the glyphs of text. It returns them (appended to out), the
// width (the longest line's advance) and the number of lines. The caller
// holds fc.mu.
func (fc *face) layout(text string, out []placed) (_ []placed, width, lines int) {
	x, y := 0, fc.ascent
	lines = 1
	var prev *glyph
	var ms markState
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch {
		case r == '\n':
			width = max(width, x)
			x, y, prev, lines = 0, y+fc.height, nil, lines+1
			ms = markState{}
			continue
		case r == '\t':
			r = ' '
		case r < 0x20 || r == 0x7f || r == 0xfeff || (r >= 0x200b && r <= 0x200f):
			continue // controls and invisible format characters
		}
		for i < len(text) {
			m, mn := utf8.DecodeRuneInString(text[i:])
			c, ok := compose(r, m)
			if !ok || !fc.has(c) {
				break
			}
			r, i = c, i+mn
		}
		g := fc.glyph(r)
		if isMark(r) && ms.base != nil {
			mx, my := ms.place(g, x)
			out = append(out, placed{g, mx, y + my})
			continue
		}
		if prev != nil {
			x += fc.kern(prev, g)
		}
		out = append(out, placed{g, x, y})
		ms.setBase(g, x, fc.xHeight)
		x += g.advance
		prev = g
	}
	return out, max(width, x), lines
}

// boxHeight returns the height of the layout box of n lines.
func (fc *face) boxHeight(lines int) int {
	return fc.ascent + fc.descent + (lines-1)*fc.height
}

// MeasureText returns the size of the layout box of text in the current
// font: w is the advance of the longest line (what DrawText moves the pen
// by, kerning included), h is ascent + descent plus one line height per
// extra line. Ink may overhang the box by a pixel or two (italics, side
// bearings); TextInk gives the ink itself.
func (s *Surface) MeasureText(text string) (w, h int) {
	return MeasureText(s.font, text)
}

// MeasureText is Surface.MeasureText for a given font.
func MeasureText(f Font, text string) (w, h int) {
	fc := getFace(f)
	fc.mu.Lock()
	defer fc.mu.Unlock()
	_, w, n := fc.layout(text, nil)
	return w, fc.boxHeight(n)
}

// TextInk returns the bounds of the pixels DrawText(Fill, 0, 0, text)
// paints, clip aside, with an opaque colour.
func (s *Surface) TextInk(text string) image.Rectangle {
	fc := getFace(s.font)
	fc.mu.Lock()
	defer fc.mu.Unlock()
	gs, _, _ := fc.layout(text, make([]placed, 0, utf8.RuneCountInString(text)))
	var r image.Rectangle
	for _, p := range gs {
		r = r.Union(p.g.rect.Add(image.Pt(p.x, p.y)))
	}
	return r
}

// FontMetrics returns the ascent, descent and line height of the current
// font in pixels.
func (s *Surface) FontMetrics() (ascent, descent, height int) {
	fc := getFace(s.font)
	return fc.ascent, fc.descent, fc.height
}

// DrawText paints text with the current font and colour, the top-left of
// its layout box at (x,y): filled glyphs, or their outlines LineWidth wide
// (Frame). It returns the damaged rectangle.
func (s *Surface) DrawText(mode DrawMode, x, y int, text string) image.Rectangle {
	if s.pcolor.A == 0 || s.clip.Empty() {
		return image.Rectangle{}
	}
	fc := getFace(s.font)
	fc.mu.Lock()
	defer fc.mu.Unlock()
	gs, _, _ := fc.layout(text, make([]placed, 0, utf8.RuneCountInString(text)))
	if mode == Frame {
		return s.strokeGlyphs(fc, gs, x, y)
	}
	var damage image.Rectangle
	for _, p := range gs {
		g := p.g
		if g.rect.Empty() {
			continue
		}
		gr := g.rect.Add(image.Pt(x+p.x, y+p.y))
		r := gr.Intersect(s.clip)
		if r.Empty() {
			continue
		}
		w := g.rect.Dx()
		off := (r.Min.Y-gr.Min.Y)*w + (r.Min.X - gr.Min.X)
		fillMask(s.img, r, g.mask[off:], w, s.pcolor)
		damage = damage.Union(r)
	}
	s.touch(damage)
	return damage
}

// strokeGlyphs draws the outlines of the placed glyphs. The caller holds
// fc.mu.
func (s *Surface) strokeGlyphs(fc *face, gs []placed, x, y int) image.Rectangle {
	var p path
	var contour []Point
	flush := func() {
		if len(contour) > 1 {
			strokePolyline(&p, contour, s.lineWidth, true)
		}
		contour = contour[:0]
	}
	for _, pl := range gs {
		segs, err := fc.f.LoadGlyph(&fc.buf, pl.g.index, fc.ppem, nil)
		if err != nil {
			continue
		}
		ox, oy := float64(x+pl.x), float64(y+pl.y)
		pt := func(q fixed.Point26_6) Point { return Point{ox + float64(q.X)/64, oy + float64(q.Y)/64} }
		for _, sg := range segs {
			switch sg.Op {
			case sfnt.SegmentOpMoveTo:
				flush()
				contour = append(contour, pt(sg.Args[0]))
			case sfnt.SegmentOpLineTo:
				contour = append(contour, pt(sg.Args[0]))
			case sfnt.SegmentOpQuadTo:
				contour = flattenQuad(contour, pt(sg.Args[0]), pt(sg.Args[1]))
			case sfnt.SegmentOpCubeTo:
				contour = flattenCube(contour, pt(sg.Args[0]), pt(sg.Args[1]), pt(sg.Args[2]))
			}
		}
		flush()
	}
	return s.fill(&p)
}

func curveSteps(length float64) int {
	return min(max(int(math.Ceil(math.Sqrt(length))), 2), 32)
}

func flattenQuad(c []Point, b, e Point) []Point {
	if len(c) == 0 {
		return append(c, e)
	}
	a := c[len(c)-1]
	n := curveSteps(math.Hypot(b.X-a.X, b.Y-a.Y) + math.Hypot(e.X-b.X, e.Y-b.Y))
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		c = append(c, Point{u*u*a.X + 2*u*t*b.X + t*t*e.X, u*u*a.Y + 2*u*t*b.Y + t*t*e.Y})
	}
	return c
}

func flattenCube(c []Point, b1, b2, e Point) []Point {
	if len(c) == 0 {
		return append(c, e)
	}
	a := c[len(c)-1]
	n := curveSteps(math.Hypot(b1.X-a.X, b1.Y-a.Y) + math.Hypot(b2.X-b1.X, b2.Y-b1.Y) + math.Hypot(e.X-b2.X, e.Y-b2.Y))
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		c = append(c, Point{
			u*u*u*a.X + 3*u*u*t*b1.X + 3*u*t*t*b2.X + t*t*t*e.X,
			u*u*u*a.Y + 3*u*u*t*b1.Y + 3*u*t*t*b2.Y + t*t*t*e.Y,
		})
	}
	return c
}

// Wrap breaks text into lines no wider than w pixels in font f: at each
// newline, then at spaces; a word wider than w is broken between
// characters. Blank text has no lines; at most about 10,000 lines are
// returned.
func Wrap(f Font, text string, w int) []string {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line := ""
		for _, word := range words {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if tw, _ := MeasureText(f, try); tw <= w || line == "" && len([]rune(word)) == 1 {
				line = try
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			line = ""
			for _, r := range word { // a word wider than the box
				if tw, _ := MeasureText(f, line+string(r)); tw > w && line != "" {
					out = append(out, line)
					line = ""
				}
				line += string(r)
			}
		}
		out = append(out, line)
		if len(out) > 10000 {
			break
		}
	}
	return out
}
