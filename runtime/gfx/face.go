package gfx

import (
	"image"
	"image/draw"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Cache bounds: at most maxFaces (family, style, size) faces are kept, and
// each keeps at most maxGlyphBytes of glyph masks; past either bound the
// oldest face, or the face's glyphs, are dropped and rebuilt on demand.
const (
	maxFaces      = 24
	maxGlyphBytes = 2 << 20
)

// face is one bundled font at one pixel size, with its glyph cache. Metrics
// and advances are rounded to whole pixels (font.HintingFull), so a line
// starting on a whole pixel keeps every glyph on a whole pixel: one mask per
// glyph serves every position, and MeasureText is exact.
type face struct {
	mu      sync.Mutex
	f       *sfnt.Font
	ppem    fixed.Int26_6
	buf     sfnt.Buffer
	rast    vector.Rasterizer
	glyphs  map[rune]*glyph
	bytes   int
	ascent  int // pixels above the baseline
	descent int // pixels below the baseline
	height  int // baseline to baseline
	xHeight int
}

// glyph is a cached glyph: its tight ink mask relative to the pen on the
// baseline, and its advance.
type glyph struct {
	index   sfnt.GlyphIndex
	advance int
	rect    image.Rectangle // tight ink bounds, relative to the origin
	mask    []uint8         // rect.Dx() samples per row
}

type faceKey struct {
	fam  Family
	st   Style
	size int
}

var faceCache struct {
	mu    sync.Mutex
	m     map[faceKey]*face
	order []faceKey
}

// getFace returns the cached face for f, creating it. f must be valid.
func getFace(f Font) *face {
	k := faceKey{f.Family(), f.Style & 3, min(max(f.Size, MinFontSize), MaxFontSize)}
	faceCache.mu.Lock()
	defer faceCache.mu.Unlock()
	if fc, ok := faceCache.m[k]; ok {
		return fc
	}
	if faceCache.m == nil {
		faceCache.m = make(map[faceKey]*face)
	}
	if len(faceCache.order) >= maxFaces {
		delete(faceCache.m, faceCache.order[0])
		faceCache.order = append(faceCache.order[:0], faceCache.order[1:]...)
	}
	fc := newFace(sfntFont(k.fam, k.st), k.size)
	faceCache.m[k] = fc
	faceCache.order = append(faceCache.order, k)
	return fc
}

func newFace(f *sfnt.Font, size int) *face {
	fc := &face{f: f, ppem: fixed.I(size), glyphs: make(map[rune]*glyph)}
	m, err := f.Metrics(&fc.buf, fc.ppem, font.HintingFull)
	if err == nil {
		fc.ascent, fc.descent, fc.height = m.Ascent.Ceil(), m.Descent.Ceil(), m.Height.Ceil()
		fc.xHeight = m.XHeight.Round()
	}
	if fc.height < fc.ascent+fc.descent {
		fc.height = fc.ascent + fc.descent
	}
	if fc.xHeight <= 0 {
		fc.xHeight = size / 2
	}
	return fc
}

// has reports whether the font has a glyph for r. The caller holds fc.mu.
func (fc *face) has(r rune) bool {
	x, err := fc.f.GlyphIndex(&fc.buf, r)
	return err == nil && x != 0
}

// glyph returns the cached glyph for r, rendering it on first use; a rune
// the font lacks gets the font's .notdef box. The caller holds fc.mu.
func (fc *face) glyph(r rune) *glyph {
	if g, ok := fc.glyphs[r]; ok {
		return g
	}
	g := &glyph{}
	x, err := fc.f.GlyphIndex(&fc.buf, r)
	if err != nil {
		x = 0
	}
	g.index = x
	if adv, err := fc.f.GlyphAdvance(&fc.buf, x, fc.ppem, font.HintingFull); err == nil {
		g.advance = adv.Round()
	}
	if segs, err := fc.f.LoadGlyph(&fc.buf, x, fc.ppem, nil); err == nil && len(segs) > 0 {
		fc.render(g, segs)
	}
	if fc.bytes+len(g.mask) > maxGlyphBytes {
		clear(fc.glyphs)
		fc.bytes = 0
	}
	fc.glyphs[r] = g
	fc.bytes += len(g.mask) + 64
	return g
}

// render rasterizes the outline at an integer origin and keeps the tight
// mask.
func (fc *face) render(g *glyph, segs sfnt.Segments) {
	b := segs.Bounds()
	r := image.Rect(b.Min.X.Floor(), b.Min.Y.Floor(), b.Max.X.Ceil(), b.Max.Y.Ceil())
	if r.Empty() {
		return
	}
	w, h := r.Dx(), r.Dy()
	fc.rast.Reset(w, h)
	fc.rast.DrawOp = draw.Src
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	pt := func(p fixed.Point26_6) (float32, float32) {
		return float32(p.X)/64 - ox, float32(p.Y)/64 - oy
	}
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			fc.rast.MoveTo(pt(s.Args[0]))
		case sfnt.SegmentOpLineTo:
			fc.rast.LineTo(pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			fc.rast.QuadTo(x1, y1, x2, y2)
		case sfnt.SegmentOpCubeTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			x3, y3 := pt(s.Args[2])
			fc.rast.CubeTo(x1, y1, x2, y2, x3, y3)
		}
	}
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	fc.rast.Draw(m, m.Rect, image.Opaque, image.Point{})
	t := inkBounds(m)
	if t.Empty() {
		return
	}
	g.rect = t.Add(r.Min)
	g.mask = make([]uint8, 0, t.Dx()*t.Dy())
	for y := t.Min.Y; y < t.Max.Y; y++ {
		i := m.PixOffset(t.Min.X, y)
		g.mask = append(g.mask, m.Pix[i:i+t.Dx()]...)
	}
}

// inkBounds returns the bounds of the non-zero samples of m.
func inkBounds(m *image.Alpha) image.Rectangle {
	x0, y0, x1, y1 := m.Rect.Max.X, m.Rect.Max.Y, m.Rect.Min.X, m.Rect.Min.Y
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		i := m.PixOffset(m.Rect.Min.X, y)
		row := m.Pix[i : i+m.Rect.Dx()]
		for x, v := range row {
			if v != 0 {
				x0, x1 = min(x0, m.Rect.Min.X+x), max(x1, m.Rect.Min.X+x+1)
				y0, y1 = min(y0, y), max(y1, y+1)
			}
		}
	}
	if x0 >= x1 {
		return image.Rectangle{}
	}
	return image.Rect(x0, y0, x1, y1)
}

// kern returns the kerning between two glyphs in whole pixels. The caller
// holds fc.mu.
func (fc *face) kern(a, b *glyph) int {
	k, err := fc.f.Kern(&fc.buf, a.index, b.index, fc.ppem, font.HintingFull)
	if err != nil {
		return 0
	}
	return k.Round()
}
