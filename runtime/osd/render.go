package osd

import (
	"image/color"
	"time"

	"github.com/antena-tv/antena/runtime/gfx"
)

// Render brings the OSD up to date for a frame at now: parts whose time ran out are
// hidden, changed parts are redrawn. It reports whether anything changed. Only the screen
// loop calls it.
func (o *OSD) Render(now time.Time) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.now = now
	changed := false
	for _, p := range o.parts() {
		if len(p.lines) > 0 && !p.until.IsZero() && !now.Before(p.until) {
			p.lines, p.dirty = nil, true
		}
		if !p.dirty {
			continue
		}
		p.dirty, changed = false, true
		if len(p.lines) == 0 {
			p.layer.SetVisible(false)
			p.shown = false
			continue
		}
		lines := p.lines
		switch p {
		case &o.menu:
			p.layer.Update(o.drawMenu)
		case &o.progress:
			p.layer.Update(func(s *gfx.Surface) { o.drawProgress(s, lines[0]) })
		case &o.message:
			p.layer.Update(func(s *gfx.Surface) { o.drawLines(s, lines, colWarn) })
		case &o.volume:
			p.layer.Update(func(s *gfx.Surface) { o.drawVolume(s, lines[0]) })
		default:
			p.layer.Update(func(s *gfx.Surface) { o.drawLines(s, lines, colPanel) })
		}
		p.layer.SetVisible(true)
		p.shown = true
	}
	return changed
}

func (o *OSD) font(s *gfx.Surface, size int, style gfx.Style) {
	_ = s.SetFont(gfx.Font{Face: "Tiresias", Size: o.scale(size), Style: style})
}

// panel clears s and fills it with a rounded panel of colour bg.
func (o *OSD) panel(s *gfx.Surface, bg color.NRGBA) (w, h float64) {
	s.ClearAll()
	b := s.Bounds()
	w, h = float64(b.Dx()), float64(b.Dy())
	s.SetColor(bg)
	s.DrawRoundRect(gfx.Fill, 0, 0, w, h, float64(o.scale(12)))
	return w, h
}

// drawLines draws a panel with lines of text, the first one large and bold.
func (o *OSD) drawLines(s *gfx.Surface, lines []string, bg color.NRGBA) {
	o.panel(s, bg)
	y := o.scale(14)
	for i, l := range lines {
		size, style, col := 22, gfx.StyleNormal, colDim
		if i == 0 {
			size, style, col = 34, gfx.StyleBold, colText
		}
		o.font(s, size, style)
		s.SetColor(col)
		s.DrawText(gfx.Fill, o.scale(24), y, l)
		y += o.scale(size + 8)
	}
}

func (o *OSD) drawVolume(s *gfx.Surface, label string) {
	w, h := o.panel(s, colPanel)
	o.font(s, 22, gfx.StyleBold)
	s.SetColor(colText)
	s.DrawText(gfx.Fill, o.scale(16), o.scale(16), label)
	x0, bw := w*0.5, w*0.5-float64(o.scale(16))
	s.SetColor(colDim)
	s.DrawRect(gfx.Fill, x0, h/2-4, bw, 8)
	if !o.muted {
		s.SetColor(colBar)
		s.DrawRect(gfx.Fill, x0, h/2-4, bw*float64(o.volLevel)/100, 8)
	}
}

func (o *OSD) drawProgress(s *gfx.Surface, label string) {
	w, h := o.panel(s, colPanel)
	o.font(s, 22, gfx.StyleBold)
	s.SetColor(colText)
	s.DrawText(gfx.Fill, o.scale(16), o.scale(10), label)
	m := float64(o.scale(16))
	y := h - float64(o.scale(22))
	s.SetColor(colDim)
	s.DrawRect(gfx.Fill, m, y, w-2*m, float64(o.scale(10)))
	if o.pct >= 0 {
		s.SetColor(colBar)
		s.DrawRect(gfx.Fill, m, y, (w-2*m)*float64(o.pct)/100, float64(o.scale(10)))
	}
}

func (o *OSD) drawMenu(s *gfx.Surface) {
	o.panel(s, colPanel)
	o.font(s, 32, gfx.StyleBold)
	s.SetColor(colText)
	s.DrawText(gfx.Fill, o.scale(24), o.scale(16), "Aplicativos")
	o.font(s, 26, gfx.StyleNormal)
	y := o.scale(70)
	if len(o.items) == 0 {
		s.SetColor(colDim)
		s.DrawText(gfx.Fill, o.scale(24), y, "Nenhum aplicativo disponível")
		return
	}
	for i, it := range o.items {
		s.SetColor(colText)
		if i == o.sel {
			s.SetColor(colFocus)
			s.DrawRect(gfx.Fill, float64(o.scale(12)), float64(y+o.scale(4)), float64(o.scale(6)),
				float64(o.scale(26)))
		}
		s.DrawText(gfx.Fill, o.scale(30), y, it)
		y += o.scale(40)
	}
}
