package linux

import (
	"encoding/binary"
	"image"
	"image/color"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPixelFormats(t *testing.T) {
	c := color.RGBA{R: 0xF8, G: 0x84, B: 0x21, A: 0xFF}
	ne := binary.NativeEndian
	for _, tc := range []struct {
		name       string
		bpp        uint32
		r, g, b, a field
		want       uint32
	}{
		{"XRGB8888", 32, field{16, 8}, field{8, 8}, field{0, 8}, field{}, 0x00F88421},
		{"ARGB8888", 32, field{16, 8}, field{8, 8}, field{0, 8}, field{24, 8}, 0xFFF88421},
		{"ABGR8888", 32, field{0, 8}, field{8, 8}, field{16, 8}, field{24, 8}, 0xFF2184F8},
		{"RGB565", 16, field{11, 5}, field{5, 6}, field{0, 5}, field{}, 0x1F<<11 | 0x21<<5 | 0x04},
		{"BGR565", 16, field{0, 5}, field{5, 6}, field{11, 5}, field{}, 0x04<<11 | 0x21<<5 | 0x1F},
		{"ARGB1555", 16, field{10, 5}, field{5, 5}, field{0, 5}, field{15, 1}, 1<<15 | 0x1F<<10 | 0x10<<5 | 0x04},
		{"RGB888", 24, field{16, 8}, field{8, 8}, field{0, 8}, field{}, 0xF88421},
		{"XRGB2101010", 32, field{20, 10}, field{10, 10}, field{0, 10}, field{}, 0x3E0<<20 | 0x210<<10 | 0x084},
	} {
		pf, err := newPixelFormat(tc.bpp, tc.r, tc.g, tc.b, tc.a)
		require.NoError(t, err, tc.name)
		src := image.NewRGBA(image.Rect(0, 0, 3, 1))
		for x := range 3 {
			src.SetRGBA(x, 0, c)
		}
		dst := make([]byte, 3*pf.bytes+1)
		dst[len(dst)-1] = 0xAA
		pf.copyRect(dst, len(dst), src, image.Rect(0, 0, 3, 1))
		for x := range 3 {
			var got uint32
			switch pf.bytes {
			case 4:
				got = ne.Uint32(dst[4*x:])
			case 2:
				got = uint32(ne.Uint16(dst[2*x:]))
			case 3:
				got = uint32(dst[3*x]) | uint32(dst[3*x+1])<<8 | uint32(dst[3*x+2])<<16
			}
			require.Equal(t, tc.want, got, "%s pixel %d: %#x", tc.name, x, got)
		}
		require.Equal(t, byte(0xAA), dst[len(dst)-1], "%s: wrote past the row", tc.name)
	}
	_, err := newPixelFormat(8, field{}, field{}, field{}, field{})
	require.ErrorIs(t, err, ErrFormat)
	_, err = newPixelFormat(16, field{12, 8}, field{}, field{}, field{})
	require.ErrorIs(t, err, ErrFormat)
}

func BenchmarkPixelRow(b *testing.B) {
	for _, tc := range []struct {
		name     string
		bpp      uint32
		r, g, bl field
	}{
		{"XRGB8888", 32, field{16, 8}, field{8, 8}, field{0, 8}},
		{"RGB565", 16, field{11, 5}, field{5, 6}, field{0, 5}},
		{"ABGR8888", 32, field{0, 8}, field{8, 8}, field{16, 8}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			pf, err := newPixelFormat(tc.bpp, tc.r, tc.g, tc.bl, field{})
			require.NoError(b, err)
			src := image.NewRGBA(image.Rect(0, 0, 1280, 720))
			dst := make([]byte, 1280*720*pf.bytes)
			b.SetBytes(int64(len(src.Pix)))
			b.ReportAllocs()
			for b.Loop() {
				pf.copyRect(dst, 1280*pf.bytes, src, src.Rect)
			}
		})
	}
}
