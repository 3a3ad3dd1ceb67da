package gfx

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
)

// toSurface converts a decoded image to a premultiplied Surface, once, with
// fast paths for the types the standard decoders return.
func toSurface(img image.Image) *Surface {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	opaque := false
	switch m := img.(type) {
	case *image.NRGBA:
		nrgbaToRGBA(dst, m)
	case *image.RGBA:
		copyRect(dst, dst.Rect, m, b.Min)
	case *image.Paletted:
		palettedToRGBA(dst, m)
	case *image.Gray:
		for y := 0; y < b.Dy(); y++ {
			si := m.PixOffset(b.Min.X, b.Min.Y+y)
			di := dst.PixOffset(0, y)
			for x, v := range m.Pix[si : si+b.Dx()] {
				binary.LittleEndian.PutUint32(dst.Pix[di+4*x:], uint32(v)*0x010101|0xff000000)
			}
		}
		opaque = true
	case *image.YCbCr, *image.CMYK:
		draw.Draw(dst, dst.Rect, img, b.Min, draw.Src)
		opaque = true
	default:
		draw.Draw(dst, dst.Rect, img, b.Min, draw.Src)
	}
	s := newSurface(dst)
	s.opaque = opaque || allOpaque(dst)
	return s
}

func nrgbaToRGBA(dst *image.RGBA, m *image.NRGBA) {
	b := m.Rect
	n := b.Dx() * 4
	for y := 0; y < b.Dy(); y++ {
		si := m.PixOffset(b.Min.X, b.Min.Y+y)
		di := dst.PixOffset(0, y)
		s, d := m.Pix[si:si+n], dst.Pix[di:di+n]
		for i := 0; i+4 <= n; i += 4 {
			p := binary.LittleEndian.Uint32(s[i:])
			switch a := p >> 24; a {
			case 255:
			case 0:
				p = 0
			default:
				p = mulPixel(p|0xff000000, a)
			}
			binary.LittleEndian.PutUint32(d[i:], p)
		}
	}
}

// premulPalette returns the palette as packed premultiplied pixels.
func premulPalette(p color.Palette) *[256]uint32 {
	var t [256]uint32
	for i, c := range p {
		if i == 256 {
			break
		}
		r, g, b, a := c.RGBA()
		t[i] = r>>8 | g>>8<<8 | b>>8<<16 | a>>8<<24
	}
	return &t
}

func palettedToRGBA(dst *image.RGBA, m *image.Paletted) {
	t := premulPalette(m.Palette)
	b := m.Rect
	for y := 0; y < b.Dy(); y++ {
		si := m.PixOffset(b.Min.X, b.Min.Y+y)
		di := dst.PixOffset(0, y)
		d := dst.Pix[di : di+4*b.Dx()]
		for x, v := range m.Pix[si : si+b.Dx()] {
			binary.LittleEndian.PutUint32(d[4*x:], t[v])
		}
	}
}

var colorTransparent color.RGBA
