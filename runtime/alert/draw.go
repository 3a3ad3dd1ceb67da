package alert

import (
	"image"
	"image/color"
	"strings"

	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/runtime/gfx"
)

// Colours. First kind: white on deep red (contrast 7.5:1); second kind: near-black on
// amber (12:1); the crawl: white on red with a white label. All opaque, so the compositor
// copies the layers rather than blending them.
var (
	colFirstBG   = color.NRGBA{176, 0, 0, 255}
	colFirstFG   = color.NRGBA{255, 255, 255, 255}
	colSecondBG  = color.NRGBA{255, 196, 0, 255}
	colSecondFG  = color.NRGBA{16, 16, 16, 255}
	colSign      = color.NRGBA{255, 212, 0, 255}
	colSignInk   = color.NRGBA{16, 16, 16, 255}
	colCrawlBG   = color.NRGBA{150, 0, 0, 255}
	colCrawlFG   = color.NRGBA{255, 255, 255, 255}
	colCrawlTag  = color.NRGBA{255, 255, 255, 255}
	colCrawlTagT = color.NRGBA{150, 0, 0, 255}
)

const face = "sans"

// levelColours returns the background and ink of a warning's level.
func levelColours(l dalert.SignalLevel) (bg, fg color.NRGBA) {
	if levelIndex(l) == 1 {
		return colSecondBG, colSecondFG
	}
	return colFirstBG, colFirstFG
}

// Panel layout, for a 1080-line frame.
const (
	panelPad    = 48
	panelBorder = 6
	signH       = 120
	titleFont   = 84
	levelFont   = 60
	meaningFont = 46
	areaFont    = 54
	tunedFont   = 42
	hintFont    = 36
	minFont     = 14 // no text is shrunk below this (at any frame size)
)

// drawPanel draws an ISDB warning: sign and headline, the kind of warning and its
// meaning, the area, whether the box switched service, and what the keys do. Only the
// area and service lines depend on the warning; the rest depends on its kind and stays
// in the layer's surface (hidden or not) until a warning of the other kind is drawn, so a
// new warning of the same kind costs two lines of text.
func (r *renderer) drawPanel(s *gfx.Surface, sc *scene) {
	li := levelIndex(sc.level)
	if r.panelBase != li {
		r.drawPanelBase(s, li)
	}
	bg, fg := levelColours(sc.level)
	s.SetColor(bg)
	s.Clear(r.panelLines)
	s.SetClip(r.panelLines)
	s.SetColor(fg)
	x, y, w := r.panelLines.Min.X, r.panelLines.Min.Y, r.panelLines.Dx()
	area := r.msg.areaLine(sc.areas, r.areas, r.names)
	y = r.drawLines(s, []string{area}, gfx.StyleBold, areaFont, x, y, w) + r.px(16)
	if sc.tuned {
		r.drawLines(s, []string{r.msg.tuned}, gfx.StyleNormal, tunedFont, x, y, w)
	}
	s.SetClip(s.Bounds())
}

// drawPanelBase draws what a panel of kind li (levelIndex) shows whatever the warning,
// and sets panelLines, the place of the rest.
func (r *renderer) drawPanelBase(s *gfx.Surface, li int) {
	w, h := s.Size()
	bg, fg := colFirstBG, colFirstFG
	level := dalert.SignalLevelFirstKind
	if li == 1 {
		bg, fg, level = colSecondBG, colSecondFG, dalert.SignalLevelSecondKind
	}
	s.SetColor(bg)
	s.ClearAll()
	s.SetColor(fg)
	in, bw := r.px(panelBorder*2), r.px(panelBorder)
	frameRect(s, image.Rect(in, in, w-in, h-in), bw)

	pad := r.px(panelPad)
	textW := w - 2*pad
	sh := r.px(signH)
	sw := r.drawSign(s, pad, pad, sh, level)
	s.SetColor(fg)
	x := pad + sw + pad/2
	r.fitLine(s, r.msg.title, gfx.StyleBold, titleFont, w-pad-x)
	_, th := s.MeasureText(r.msg.title)
	s.DrawText(gfx.Fill, x, pad+(sh-th)/2, r.msg.title)

	y := pad + sh + r.px(36)
	y = r.drawLines(s, []string{r.msg.level[li]}, gfx.StyleBold, levelFont, pad, y, textW) + r.px(12)
	y = r.drawWrapped(s, r.msg.meaning[li], gfx.StyleNormal, meaningFont, pad, y, textW, 3) + r.px(28)

	hint := r.msg.hintFirst
	if li == 1 {
		hint = r.msg.hintSecond
	}
	r.fitLine(s, hint, gfx.StyleNormal, hintFont, textW)
	_, hh := s.MeasureText(hint)
	hy := h - pad - hh
	sep := hy - r.px(18)
	s.Clear(image.Rect(pad, sep, w-pad, sep+r.px(3)))
	s.DrawText(gfx.Fill, pad, hy, hint)
	r.panelLines = image.Rect(pad, y, w-pad, sep-r.px(8))
	r.panelBase = li
}

// frameRect draws the outline of rect, bw pixels wide, inside it. Whole-pixel rectangles
// are plain fills: far cheaper than a stroked path over the whole panel.
func frameRect(s *gfx.Surface, rect image.Rectangle, bw int) {
	s.Clear(image.Rect(rect.Min.X, rect.Min.Y, rect.Max.X, rect.Min.Y+bw))
	s.Clear(image.Rect(rect.Min.X, rect.Max.Y-bw, rect.Max.X, rect.Max.Y))
	s.Clear(image.Rect(rect.Min.X, rect.Min.Y, rect.Min.X+bw, rect.Max.Y))
	s.Clear(image.Rect(rect.Max.X-bw, rect.Min.Y, rect.Max.X, rect.Max.Y))
}

// drawBanner draws a minimized ISDB warning: a strip with the sign, the headline, the
// area and the key that brings the panel back.
func (r *renderer) drawBanner(s *gfx.Surface, sc *scene) {
	w, h := s.Size()
	bg, fg := levelColours(sc.level)
	s.SetColor(bg)
	s.ClearAll()
	pad := r.px(24)
	sh := h - 2*r.px(14)
	x0 := int(0.04*float64(w)) + pad
	sw := r.drawSign(s, x0, (h-sh)/2, sh, sc.level)
	s.SetColor(fg)
	x := x0 + sw + pad
	sep := " · "
	area := r.msg.areaLine(sc.areas, r.areas, r.names)
	line := r.msg.title + sep + area + sep + r.msg.hintBanner
	maxW := w - x - int(0.04*float64(w))
	if size := r.fitLine(s, line, gfx.StyleBold, 46, maxW); size <= minFont {
		line = r.msg.title + sep + r.msg.hintBanner
		r.fitLine(s, line, gfx.StyleBold, 46, maxW)
	}
	_, th := s.MeasureText(line)
	s.DrawText(gfx.Fill, x, (h-th)/2, line)
}

// drawSign draws the warning sign (a triangle with "!") with its top-left at (x,y), h
// tall, and returns its width.
func (r *renderer) drawSign(s *gfx.Surface, x, y, h int, l dalert.SignalLevel) int {
	w := h * 115 / 100
	fill, ink := colSign, colSignInk
	if levelIndex(l) == 1 {
		fill, ink = colSignInk, colSecondBG
	}
	fx, fy, fw, fh := float64(x), float64(y), float64(w), float64(h)
	s.SetColor(fill)
	s.DrawPolygon(gfx.PolygonFill, []gfx.Point{{X: fx, Y: fy + fh}, {X: fx + fw/2, Y: fy}, {X: fx + fw, Y: fy + fh}})
	s.SetColor(ink)
	_ = s.SetFont(gfx.Font{Face: face, Size: max(minFont, h*62/100), Style: gfx.StyleBold})
	ink2 := s.TextInk("!")
	s.DrawText(gfx.Fill, x+w/2-ink2.Min.X-ink2.Dx()/2, y+h*58/100-ink2.Min.Y-ink2.Dy()/2, "!")
	return w
}

// fitLine sets the largest font of the style, from size (for 1080 lines) down to minFont,
// in which text fits maxW, and returns its size.
func (r *renderer) fitLine(s *gfx.Surface, text string, style gfx.Style, size float64, maxW int) int {
	px := r.px(size)
	for {
		_ = s.SetFont(gfx.Font{Face: face, Size: px, Style: style})
		if tw, _ := s.MeasureText(text); tw <= maxW || px <= minFont {
			return px
		}
		px = max(minFont, px*9/10)
	}
}

// drawLines draws each line shrunk to fit maxW, from y down, and returns the y below.
func (r *renderer) drawLines(s *gfx.Surface, lines []string, style gfx.Style, size float64, x, y, maxW int) int {
	for _, l := range lines {
		r.fitLine(s, l, style, size, maxW)
		_, lh := s.MeasureText(l)
		s.DrawText(gfx.Fill, x, y, l)
		y += lh
	}
	return y
}

// drawWrapped draws text wrapped at word boundaries to maxW in at most maxLines lines
// (shrinking the font until it fits), and returns the y below.
func (r *renderer) drawWrapped(s *gfx.Surface, text string, style gfx.Style, size float64,
	x, y, maxW, maxLines int,
) int {
	px := r.px(size)
	var lines []string
	for {
		_ = s.SetFont(gfx.Font{Face: face, Size: px, Style: style})
		lines = gfx.Wrap(s.Font(), strings.Join(strings.Fields(text), " "), maxW) // one paragraph
		if len(lines) <= maxLines || px <= minFont {
			break
		}
		px = max(minFont, px*9/10)
	}
	_, _, lh := s.FontMetrics()
	for _, l := range lines {
		s.DrawText(gfx.Fill, x, y, l)
		y += lh
	}
	return y
}

// drawCrawlBand draws the crawl's band and label, and sets where the text scrolls.
func (r *renderer) drawCrawlBand(s *gfx.Surface) {
	w, h := s.Size()
	s.SetColor(colCrawlBG)
	s.ClearAll()
	_ = s.SetFont(gfx.Font{Face: face, Size: r.px(crawlFont * 0.8), Style: gfx.StyleBold})
	lw, lh := s.MeasureText(r.msg.crawlLabel)
	pad := r.px(24)
	tag := image.Rect(0, 0, int(0.04*float64(w))+lw+2*pad, h)
	s.SetColor(colCrawlTag)
	s.Clear(tag)
	s.SetColor(colCrawlTagT)
	s.DrawText(gfx.Fill, tag.Max.X-pad-lw, (h-lh)/2, r.msg.crawlLabel)
	r.crawlArea = image.Rect(tag.Max.X+pad, 0, w-int(0.04*float64(w)), h)
	_ = s.SetFont(gfx.Font{Face: face, Size: r.px(crawlFont), Style: gfx.StyleBold})
	r.crawlW, r.crawlTextH = s.MeasureText(r.crawlText)
}

// drawCrawlText redraws the scrolling text, scrolled by off pixels.
func (r *renderer) drawCrawlText(s *gfx.Surface, off int) {
	a := r.crawlArea
	s.SetColor(colCrawlBG)
	s.Clear(a)
	s.SetClip(a)
	_ = s.SetFont(gfx.Font{Face: face, Size: r.px(crawlFont), Style: gfx.StyleBold})
	y := (a.Dy() - r.crawlTextH) / 2
	s.SetColor(colCrawlFG)
	x := a.Min.X - off
	s.DrawText(gfx.Fill, x, y, r.crawlText)
	if next := x + r.crawlW + a.Dx(); next < a.Max.X {
		s.DrawText(gfx.Fill, next, y, r.crawlText)
	}
	s.SetClip(s.Bounds())
}
