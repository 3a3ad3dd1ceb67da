package gfx

import (
	"image"
	"image/color"
)

// The loops in this file are the hand-written hot path: premultiplied
// "over" (with and without an opacity), solid fills, mask fills and row
// copies on *image.RGBA. A pixel is one uint32 (row32), and one 64-bit
// multiply scales its four channels at once (mulPixel), which is what makes
// them several times faster than image/draw's generic Over. All of them
// expect premultiplied input (every channel ≤ alpha), which every Surface
// holds, so a sum never carries into the next channel.

// mul255 returns round(a·b/255) for a, b in [0, 255].
func mul255(a, b uint32) uint32 {
	t := a*b + 128
	return (t + t>>8) >> 8
}

const lanes = 0x00ff00ff00ff00ff

// mulPixel multiplies the four channels of a packed pixel by a/255,
// rounded: the channels are spread to four 16-bit lanes of a uint64 (R, B,
// G, A), multiplied together, rounded with the (t + t>>8) >> 8 trick, and
// packed back.
func mulPixel(p, a uint32) uint32 {
	x := (uint64(p) | uint64(p)<<24) & lanes
	t := x*uint64(a) + 0x0080008000800080
	t = (t + (t>>8)&lanes) >> 8 & lanes
	return uint32(t | t>>24)
}

// overPixel returns s over d, both packed premultiplied pixels.
func overPixel(s, d uint32) uint32 {
	return s + mulPixel(d, 255-s>>24)
}

// packRGBA packs c as row32 stores it.
func packRGBA(c color.RGBA) uint32 {
	return uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | uint32(c.A)<<24
}

// overSpan composes the pixels of s over those of d.
func overSpan(d, s []uint32) {
	d = d[:len(s)]
	for i, sp := range s {
		switch sa := sp >> 24; sa {
		case 0:
		case 255:
			d[i] = sp
		default:
			d[i] = sp + mulPixel(d[i], 255-sa)
		}
	}
}

// overSpanOpacity composes the pixels of s, multiplied by o/255, over d.
func overSpanOpacity(d, s []uint32, o uint32) {
	d = d[:len(s)]
	for i, sp := range s {
		if sp == 0 {
			continue
		}
		sp = mulPixel(sp, o)
		d[i] = sp + mulPixel(d[i], 255-sp>>24)
	}
}

// overRect composes src (from sp) over dst in r, with opacity o. r must be
// inside dst, and r moved to sp inside src.
func overRect(dst *image.RGBA, r image.Rectangle, src *image.RGBA, sp image.Point, o uint8) {
	if r.Empty() || o == 0 {
		return
	}
	w := r.Dx()
	for y := 0; y < r.Dy(); y++ {
		d, s := row32(dst, r.Min.X, r.Min.Y+y, w), row32(src, sp.X, sp.Y+y, w)
		if o == 255 {
			overSpan(d, s)
		} else {
			overSpanOpacity(d, s, uint32(o))
		}
	}
}

// copyRect copies src (from sp) onto dst in r. Self copies must go through
// a temporary.
func copyRect(dst *image.RGBA, r image.Rectangle, src *image.RGBA, sp image.Point) {
	if r.Empty() {
		return
	}
	n := r.Dx() * 4
	di := dst.PixOffset(r.Min.X, r.Min.Y)
	si := src.PixOffset(sp.X, sp.Y)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(dst.Pix[di:di+n], src.Pix[si:si+n])
		di += dst.Stride
		si += src.Stride
	}
}

// fillRect fills r with the premultiplied colour c: over, or a plain store
// when src is true or c is opaque.
func fillRect(dst *image.RGBA, r image.Rectangle, c color.RGBA, src bool) {
	if r.Empty() || (c.A == 0 && !src) {
		return
	}
	p := packRGBA(c)
	w := r.Dx()
	if src || c.A == 255 {
		first := row32(dst, r.Min.X, r.Min.Y, w)
		for i := range first {
			first[i] = p
		}
		n := w * 4
		i0 := dst.PixOffset(r.Min.X, r.Min.Y)
		for i := i0 + dst.Stride; i < i0+r.Dy()*dst.Stride; i += dst.Stride {
			copy(dst.Pix[i:i+n], dst.Pix[i0:i0+n])
		}
		return
	}
	ia := 255 - uint32(c.A)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := row32(dst, r.Min.X, y, w)
		for i, d := range row {
			row[i] = p + mulPixel(d, ia)
		}
	}
}

// fillMask composes the colour c, modulated by an 8-bit coverage mask, over
// dst in r. mask holds rows of r.Dx() samples, stride apart, starting with
// the sample for r.Min.
func fillMask(dst *image.RGBA, r image.Rectangle, mask []uint8, stride int, c color.RGBA) {
	if r.Empty() || c.A == 0 {
		return
	}
	p := packRGBA(c)
	w := r.Dx()
	opaque := c.A == 255
	ia := 255 - uint32(c.A)
	for y := 0; y < r.Dy(); y++ {
		row := row32(dst, r.Min.X, r.Min.Y+y, w)
		m := mask[y*stride : y*stride+w]
		for x, mv := range m {
			switch {
			case mv == 0:
			case mv == 255 && opaque:
				row[x] = p
			case mv == 255:
				row[x] = p + mulPixel(row[x], ia)
			default:
				sp := mulPixel(p, uint32(mv))
				row[x] = sp + mulPixel(row[x], 255-sp>>24)
			}
		}
	}
}

// allOpaque reports whether every pixel of img has alpha 255.
func allOpaque(img *image.RGBA) bool {
	r := img.Rect
	if r.Empty() {
		return false
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, p := range row32(img, r.Min.X, y, r.Dx()) {
			if p>>24 != 255 {
				return false
			}
		}
	}
	return true
}
