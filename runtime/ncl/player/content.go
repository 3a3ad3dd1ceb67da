package player

import (
	"bytes"
	"html"
	"image/color"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/antena-tv/antena/runtime/gfx"
	"github.com/antena-tv/antena/runtime/ncl"
)

// maxTextBytes bounds a text media's file.
const maxTextBytes = 256 << 10

// Text defaults: white, 24-pixel sans (the smallest size the apps we ship
// use on a TV), left aligned.
const defaultFontSize = 24

func (p *Player) readSrc(m *ncl.Media, limit int64) ([]byte, error) {
	name, ok := m.SrcPath()
	if !ok {
		return nil, fs.ErrNotExist
	}
	f, err := p.opts.FS.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit))
	return b, err
}

// placeholder marks a media that cannot be shown: a dark box, a frame and
// what was missing.
type placeholder struct{ text string }

func (ph placeholder) draw(_ *object, s *gfx.Surface) {
	w, h := s.Size()
	s.SetColor(color.NRGBA{40, 40, 48, 200})
	s.DrawRect(gfx.Fill, 0, 0, float64(w), float64(h))
	s.SetColor(color.NRGBA{160, 160, 170, 255})
	s.SetLineWidth(2)
	s.DrawRect(gfx.Frame, 1, 1, float64(w-2), float64(h-2))
	s.DrawLine(0, 0, float64(w), float64(h))
	s.DrawLine(float64(w), 0, 0, float64(h))
	if ph.text != "" && h >= 20 {
		size := min(max(h/6, 12), 20)
		_ = s.SetFont(gfx.Font{Face: "sans", Size: size})
		s.SetColor(color.NRGBA{230, 230, 230, 255})
		s.DrawText(gfx.Fill, 6, 4, path.Base(ph.text))
	}
}

func (placeholder) close() {}

// imageMedia is a decoded image (the first frame of a GIF), fitted into
// the media's rectangle by its fit property: fill (the default: stretched),
// meet (whole, aspect kept), meetBest (meet, never enlarged), slice
// (covering, aspect kept) or hidden (natural size).
type imageMedia struct{ img *gfx.Image }

func (p *Player) newImage(o *object) content {
	im, err := p.image(o.media)
	if err == nil {
		return &imageMedia{img: im}
	}
	p.log.Warn("ncl: image not shown; placeholder instead", "media", o.id, "src", o.media.Src, "err", err,
		"pos", o.media.Pos.String())
	return placeholder{text: o.media.Src}
}

// maxCachedPixels bounds the decoded images a player keeps for media that
// start again (64 Mpixels, 256 MB at most; a document rarely has 2).
const maxCachedPixels = 64 << 20

// image decodes a media's image once per document.
func (p *Player) image(m *ncl.Media) (*gfx.Image, error) {
	name, ok := m.SrcPath()
	if !ok {
		return nil, fs.ErrNotExist
	}
	if im := p.images[name]; im != nil {
		return im, nil
	}
	b, err := p.readSrc(m, 64<<20)
	if err != nil {
		return nil, err
	}
	im, err := gfx.DefaultLimits.DecodeBytes(b)
	if err != nil {
		return nil, err
	}
	w, h := im.Surface.Size()
	if px := int64(w) * int64(h); p.imagePixels+px <= maxCachedPixels {
		p.imagePixels += px
		p.images[name] = im
	}
	return im, nil
}

func (im *imageMedia) draw(o *object, s *gfx.Surface) {
	src := im.img.Surface
	w, h := s.Size()
	iw, ih := src.Size()
	if iw == 0 || ih == 0 {
		return
	}
	sx, sy := float64(w)/float64(iw), float64(h)/float64(ih)
	switch strings.ToLower(strings.TrimSpace(o.props["fit"])) {
	case "meet":
		sx = min(sx, sy)
		sy = sx
	case "meetbest":
		sx = min(sx, sy, 1)
		sy = sx
	case "slice":
		sx = max(sx, sy)
		sy = sx
	case "hidden":
		sx, sy = 1, 1
	}
	src.SetScale(sx, sy)
	s.Compose(0, 0, src)
	src.SetScale(1, 1)
}

func (im *imageMedia) close() {}

// textMedia is a text/plain or text/html file drawn as wrapped lines in
// the media's font properties: fontFamily, fontSize, fontColor, fontStyle
// (italic), fontWeight (bold), textAlign (left, center, right).
type textMedia struct{ text string }

func (p *Player) newText(o *object) content {
	b, err := p.readSrc(o.media, maxTextBytes)
	if err != nil {
		p.log.Warn("ncl: text not shown; placeholder instead", "media", o.id, "src", o.media.Src, "err", err,
			"pos", o.media.Pos.String())
		return placeholder{text: o.media.Src}
	}
	t := string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	ty := strings.ToLower(o.media.Type)
	if strings.Contains(ty, "html") {
		t = htmlText(t)
	}
	return &textMedia{text: strings.ReplaceAll(t, "\r\n", "\n")}
}

var (
	reSkip  = regexp.MustCompile(`(?is)<(script|style|head)\b.*?</(script|style|head)\s*>`)
	reBreak = regexp.MustCompile(`(?i)<\s*(br|/p|/div|/li|/h[1-6]|/tr|/title)\b[^>]*>`)
	reTag   = regexp.MustCompile(`(?s)<[^>]*>`)
	reSpace = regexp.MustCompile(`[ \t\r\f\v]+`)
)

// htmlText is the plain text of an HTML document: tags dropped, line
// breaks kept for the block ends, entities decoded.
func htmlText(s string) string {
	s = reSkip.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "\n", " ")
	s = reBreak.ReplaceAllString(s, "\n")
	s = reTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = reSpace.ReplaceAllString(s, " ")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// textFont is a media's font from its properties.
func textFont(o *object) gfx.Font {
	f := gfx.Font{Face: "sans", Size: defaultFontSize}
	if fam := strings.TrimSpace(o.props["fontFamily"]); fam != "" {
		f.Face = fam
	}
	if n := atoiDefault(o.props["fontSize"], 0); n > 0 {
		f.Size = min(n, gfx.MaxFontSize)
	}
	bold := strings.EqualFold(strings.TrimSpace(o.props["fontWeight"]), "bold")
	italic := strings.EqualFold(strings.TrimSpace(o.props["fontStyle"]), "italic")
	switch {
	case bold && italic:
		f.Style = gfx.StyleBoldItalic
	case bold:
		f.Style = gfx.StyleBold
	case italic:
		f.Style = gfx.StyleItalic
	}
	return f
}

func (tm *textMedia) draw(o *object, s *gfx.Surface) {
	f := textFont(o)
	_ = s.SetFont(f)
	c, ok := parseColor(o.props["fontColor"])
	if !ok {
		c = color.NRGBA{255, 255, 255, 255}
	}
	s.SetColor(c)
	w, h := s.Size()
	_, lh := s.MeasureText("Ág")
	lh = max(lh, 1)
	align := strings.ToLower(strings.TrimSpace(o.props["textAlign"]))
	y := 0
	for _, line := range gfx.Wrap(f, tm.text, w) {
		if y >= h {
			break
		}
		x := 0
		if align == "center" || align == "right" {
			lw, _ := s.MeasureText(line)
			if align == "center" {
				x = (w - lw) / 2
			} else {
				x = w - lw
			}
		}
		s.DrawText(gfx.Fill, x, y, line)
		y += lh
	}
}

func (*textMedia) close() {}

// videoMedia is a video file: decoded by Options.Video when there is one
// (its frames drawn on each presentation of the scene), else a
// placeholder.
type videoMedia struct {
	src  VideoSource
	file io.Closer
	seq  uint64
	ph   placeholder
}

func (p *Player) newVideo(o *object) content {
	v := &videoMedia{ph: placeholder{text: "▶ " + path.Base(o.media.Src)}}
	if p.opts.Video == nil {
		p.log.Info("ncl: no video decoder; placeholder instead", "media", o.id, "src", o.media.Src)
		return v
	}
	name, ok := o.media.SrcPath()
	if !ok {
		return v
	}
	f, err := p.opts.FS.Open(name)
	if err != nil {
		p.log.Warn("ncl: video not found; placeholder instead", "media", o.id, "src", o.media.Src, "err", err)
		return v
	}
	r := p.geometry(o)
	src, err := p.opts.Video(f, r.Dx(), r.Dy())
	if err != nil {
		_ = f.Close()
		p.log.Warn("ncl: video not decoded; placeholder instead", "media", o.id, "err", err)
		return v
	}
	v.src, v.file = src, f
	p.pollVideo(o, v)
	return v
}

// pollVideo copies new frames into the layer while the media plays.
func (p *Player) pollVideo(o *object, v *videoMedia) {
	o.at(o.mediaTime()+frameStep, func() {
		if o.content != v {
			return
		}
		if _, seq := v.src.Frame(); seq != v.seq {
			p.redraw(o)
		}
		p.pollVideo(o, v)
	})
}

func (v *videoMedia) draw(o *object, s *gfx.Surface) {
	if v.src != nil {
		if img, seq := v.src.Frame(); img != nil {
			v.seq = seq
			fr := gfx.NewSurfaceFromRGBA(img)
			w, h := s.Size()
			fw, fh := fr.Size()
			if fw > 0 && fh > 0 {
				fr.SetScale(float64(w)/float64(fw), float64(h)/float64(fh))
			}
			s.Compose(0, 0, fr)
			return
		}
	}
	v.ph.draw(o, s)
}

func (v *videoMedia) close() {
	if v.src != nil {
		_ = v.src.Close()
		_ = v.file.Close()
	}
}
