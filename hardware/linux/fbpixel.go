package linux

import (
	"encoding/binary"
	"fmt"
	"image"
)

// field is one colour channel of a framebuffer pixel: its bit offset and length, as
// in struct fb_bitfield.
type field struct{ off, len uint32 }

// value places an 8-bit channel value in the field.
func (f field) value(v uint8) uint32 {
	switch {
	case f.len == 0:
		return 0
	case f.len <= 8:
		return uint32(v>>(8-f.len)) << f.off
	}
	return uint32(v) << (f.len - 8) << f.off
}

// pixelFormat is a packed true-colour pixel of 2, 3 or 4 bytes in the CPU's byte
// order.
type pixelFormat struct {
	bytes   int
	r, g, b field
	opaque  uint32 // the transparency field all ones, or 0 without one
	xrgb    bool   // 32 bits, red at 16, green at 8, blue at 0: the fast path
	rgb565  bool   // 16 bits, red at 11, green at 5, blue at 0: the fast path
}

func newPixelFormat(bpp uint32, r, g, b, a field) (pixelFormat, error) {
	pf := pixelFormat{bytes: int(bpp / 8), r: r, g: g, b: b}
	if bpp != 16 && bpp != 24 && bpp != 32 {
		return pf, fmt.Errorf("%w: %d bits per pixel", ErrFormat, bpp)
	}
	for _, f := range []field{r, g, b, a} {
		if f.len > 16 || f.off+f.len > bpp {
			return pf, fmt.Errorf("%w: channel of %d bits at %d in %d bits", ErrFormat, f.len, f.off, bpp)
		}
	}
	if a.len > 0 {
		pf.opaque = (1<<a.len - 1) << a.off
	}
	pf.xrgb = bpp == 32 && r == field{16, 8} && g == field{8, 8} && b == field{0, 8}
	pf.rgb565 = bpp == 16 && r == field{11, 5} && g == field{5, 6} && b == field{0, 5}
	return pf, nil
}

// pixel packs an RGB colour.
func (pf *pixelFormat) pixel(r, g, b uint8) uint32 {
	return pf.r.value(r) | pf.g.value(g) | pf.b.value(b) | pf.opaque
}

// copyRect converts the rectangle r of src (in display coordinates; src's origin is
// its Rect.Min) into dst, a framebuffer page with the given stride.
func (pf *pixelFormat) copyRect(dst []byte, stride int, src *image.RGBA, r image.Rectangle) {
	n := r.Dx()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		si := src.PixOffset(r.Min.X+src.Rect.Min.X, y+src.Rect.Min.Y)
		di := y*stride + r.Min.X*pf.bytes
		pf.row(dst[di:di+n*pf.bytes], src.Pix[si:si+4*n])
	}
}

// row converts one row of RGBA pixels (alpha ignored: frames are opaque).
func (pf *pixelFormat) row(dst, src []byte) {
	ne := binary.NativeEndian
	switch {
	case pf.xrgb:
		for i, j := 0, 0; j+4 <= len(src); i, j = i+4, j+4 {
			ne.PutUint32(dst[i:], uint32(src[j])<<16|uint32(src[j+1])<<8|uint32(src[j+2])|pf.opaque)
		}
	case pf.rgb565:
		for i, j := 0, 0; j+4 <= len(src); i, j = i+2, j+4 {
			ne.PutUint16(dst[i:], uint16(src[j]>>3)<<11|uint16(src[j+1]>>2)<<5|uint16(src[j+2]>>3))
		}
	case pf.bytes == 4:
		for i, j := 0, 0; j+4 <= len(src); i, j = i+4, j+4 {
			ne.PutUint32(dst[i:], pf.pixel(src[j], src[j+1], src[j+2]))
		}
	case pf.bytes == 2:
		for i, j := 0, 0; j+4 <= len(src); i, j = i+2, j+4 {
			ne.PutUint16(dst[i:], uint16(pf.pixel(src[j], src[j+1], src[j+2])))
		}
	default: // 3 bytes, least significant first (the boxes are little-endian)
		for i, j := 0, 0; j+4 <= len(src); i, j = i+3, j+4 {
			v := pf.pixel(src[j], src[j+1], src[j+2])
			dst[i], dst[i+1], dst[i+2] = byte(v), byte(v>>8), byte(v>>16)
		}
	}
}
