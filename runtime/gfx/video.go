package gfx

import (
	"encoding/binary"
	"image"
	"image/color"
)

// VideoSource is the hook for showing broadcast video on the video plane.
// It is implemented later (a child process such as ffmpeg decoding the
// service's video stream into RGBA frames); nothing in this package
// implements it.
//
// Frame returns the latest decoded picture and a sequence number that
// changes whenever the picture does; the compositor redraws the video
// rectangle only when the number changes. img may be nil while no picture
// is available (the plane then shows its colour or pattern). The compositor
// reads img during Compose only and never keeps or modifies it; the source
// must not modify a picture it has returned until Frame returns a new
// sequence number. The picture is scaled to the video rectangle (nearest
// neighbour; a source that produces pictures of the rectangle's size, see
// Compositor.VideoRect, is copied as is). Frame is called from the
// goroutine that calls Compose and must not block.
type VideoSource interface {
	Frame() (img *image.RGBA, seq uint64)
}

// VideoPattern is what the video plane shows when it has no VideoSource.
type VideoPattern uint8

// Patterns.
const (
	PatternBars  VideoPattern = iota // 75% colour bars (the default)
	PatternColor                     // a solid colour
	// PatternTransparent leaves the plane transparent (no black outside the
	// video rectangle either): a compositor that builds a scene later placed on
	// another compositor's layer, as the NCL player does with its media.
	PatternTransparent
)

// barColors are the eight 75% colour bars, left to right.
var barColors = [8]color.RGBA{
	{191, 191, 191, 255}, {191, 191, 0, 255}, {0, 191, 191, 255}, {0, 191, 0, 255},
	{191, 0, 191, 255}, {191, 0, 0, 255}, {0, 0, 191, 255}, {0, 0, 0, 255},
}

// videoPlane is the bottom plane: black outside its rectangle; inside it,
// the source's picture, or the pattern.
type videoPlane struct {
	rect    image.Rectangle
	pattern VideoPattern
	color   color.RGBA
	source  VideoSource
	seq     uint64
	row     []uint8     // one row of the bars for rect
	scaled  *image.RGBA // the source picture scaled to rect
	picture bool        // scaled holds a picture
}

// render draws the plane into r of dst (r inside dst).
func (v *videoPlane) render(dst *image.RGBA, r image.Rectangle) {
	if v.pattern == PatternTransparent && !v.picture {
		fillRect(dst, r, color.RGBA{}, true)
		return
	}
	in := r.Intersect(v.rect)
	if in != r {
		fillRect(dst, r, color.RGBA{A: 255}, true) // outside the video window
	}
	if in.Empty() {
		return
	}
	switch {
	case v.picture:
		copyRect(dst, in, v.scaled, in.Min.Sub(v.rect.Min))
	case v.pattern == PatternColor:
		fillRect(dst, in, v.color, true)
	default:
		v.bars(dst, in)
	}
}

func (v *videoPlane) bars(dst *image.RGBA, r image.Rectangle) {
	w := v.rect.Dx()
	if len(v.row) != w*4 {
		v.row = make([]uint8, w*4)
		for x := range w {
			binary.LittleEndian.PutUint32(v.row[4*x:], packRGBA(barColors[x*8/w]))
		}
	}
	seg := v.row[4*(r.Min.X-v.rect.Min.X) : 4*(r.Max.X-v.rect.Min.X)]
	for y := r.Min.Y; y < r.Max.Y; y++ {
		i := dst.PixOffset(r.Min.X, y)
		copy(dst.Pix[i:i+len(seg)], seg)
	}
}

// poll asks the source for a new picture and reports whether it changed.
func (v *videoPlane) poll() bool {
	if v.source == nil {
		return false
	}
	img, seq := v.source.Frame()
	if seq == v.seq && (img != nil) == v.picture {
		return false
	}
	v.seq = seq
	if img == nil || img.Rect.Empty() || v.rect.Empty() {
		changed := v.picture
		v.picture = false
		return changed
	}
	v.scale(img)
	v.picture = true
	return true
}

// scale copies img into v.scaled at the size of the rectangle.
func (v *videoPlane) scale(img *image.RGBA) {
	w, h := v.rect.Dx(), v.rect.Dy()
	if v.scaled == nil || v.scaled.Rect.Dx() != w || v.scaled.Rect.Dy() != h {
		v.scaled = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	sb := img.Rect
	if sb.Dx() == w && sb.Dy() == h {
		copyRect(v.scaled, v.scaled.Rect, img, sb.Min)
		return
	}
	for y := range h {
		sy := sb.Min.Y + y*sb.Dy()/h
		d := v.scaled.Pix[v.scaled.PixOffset(0, y):]
		si := img.PixOffset(sb.Min.X, sy)
		for x := range w {
			sx := x * sb.Dx() / w
			copy(d[4*x:4*x+4], img.Pix[si+4*sx:si+4*sx+4])
		}
	}
}
