package gfx

import (
	"image"
	"unicode"
)

// Combining marks. The bundled fonts position marks with OpenType GPOS
// mark attachment, which x/image does not apply, so a base letter followed
// by a combining mark is handled here in two steps:
//
//  1. When the pair has a precomposed letter in the font (a + U+0303 → ã),
//     that letter is drawn: apps send either form.
//  2. Otherwise (g̃, which Unicode has no precomposed letter for, or G̃) the
//     mark is centred on the base's ink and, when the base is taller than
//     the x-height (or deeper than the baseline), moved clear of it; marks
//     stack. The mark never advances the pen.

// compositions maps a combining mark to the base letters it composes with
// and the precomposed results, rune for rune.
var compositions = map[rune][2]string{
	0x0300: {"AEIOUaeiouNnWwYy", "ÀÈÌÒÙàèìòùǸǹẀẁỲỳ"},
	0x0301: {"AEIOUYaeiouyCcNnSsZzGgWwLlRr", "ÁÉÍÓÚÝáéíóúýĆćŃńŚśŹźǴǵẂẃĹĺŔŕ"},
	0x0302: {"AEIOUaeiouCcGgHhJjSsWwYy", "ÂÊÎÔÛâêîôûĈĉĜĝĤĥĴĵŜŝŴŵŶŷ"},
	0x0303: {"AEIOUYNaeiouyn", "ÃẼĨÕŨỸÑãẽĩõũỹñ"},
	0x0308: {"AEIOUYaeiouyWw", "ÄËÏÖÜŸäëïöüÿẄẅ"},
	0x030A: {"AaUu", "ÅåŮů"},
	0x030C: {"CcSsZzEeNnRrDdTt", "ČčŠšŽžĚěŇňŘřĎďŤť"},
	0x0327: {"CcSsGgKkLlNnRrTtEe", "ÇçŞşĢģĶķĻļŅņŖŗŢţȨȩ"},
}

var composeTable = func() map[[2]rune]rune {
	m := make(map[[2]rune]rune)
	for mark, t := range compositions {
		b, c := []rune(t[0]), []rune(t[1])
		if len(b) != len(c) {
			panic("gfx: composition table for " + string(mark) + " is uneven")
		}
		for i := range b {
			m[[2]rune{b[i], mark}] = c[i]
		}
	}
	return m
}()

// compose returns the precomposed letter for base + mark.
func compose(base, mark rune) (rune, bool) {
	r, ok := composeTable[[2]rune{base, mark}]
	return r, ok
}

// isMark reports whether r is a non-spacing combining mark.
func isMark(r rune) bool {
	return r >= 0x0300 && unicode.Is(unicode.Mn, r)
}

// markState tracks where the next mark on the current base goes.
type markState struct {
	base         *glyph
	baseX        int
	top, bottom  int // ink extent so far, relative to the baseline
	marksAbove   int
	marksBelow   int
	xHeight      int
	haveBaseInfo bool
}

func (m *markState) setBase(g *glyph, x, xHeight int) {
	*m = markState{base: g, baseX: x, top: g.rect.Min.Y, bottom: g.rect.Max.Y, xHeight: xHeight, haveBaseInfo: true}
	if g.rect.Empty() {
		m.top, m.bottom = -xHeight, 0
	}
}

// place returns the origin for mark glyph g, relative to the line's origin
// on the baseline, and records its ink.
func (m *markState) place(g *glyph, penX int) (x, y int) {
	if !m.haveBaseInfo || g.rect.Empty() {
		return penX, 0
	}
	b := m.base.rect
	if b.Empty() {
		b = image.Rect(0, -m.xHeight, m.base.advance, 0)
	}
	cx := m.baseX + (b.Min.X+b.Max.X)/2
	x = cx - (g.rect.Min.X+g.rect.Max.X)/2
	above := g.rect.Min.Y+g.rect.Max.Y < -m.xHeight
	if above {
		// The mark is drawn for a base of x-height: keep its gap above
		// whatever is there now.
		gap := max(-m.xHeight-g.rect.Max.Y, 1)
		if m.marksAbove == 0 && m.top >= -m.xHeight-1 {
			y = 0
		} else {
			y = m.top - gap - g.rect.Max.Y
		}
		m.top = min(m.top, g.rect.Min.Y+y)
		m.marksAbove++
		return x, y
	}
	gap := max(g.rect.Min.Y, 1)
	if m.marksBelow == 0 && m.bottom <= 1 {
		y = 0
	} else {
		y = m.bottom + gap - g.rect.Min.Y
	}
	m.bottom = max(m.bottom, g.rect.Max.Y+y)
	m.marksBelow++
	return x, y
}
