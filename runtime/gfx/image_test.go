package gfx

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
)

func encodePNG(t testing.TB, m image.Image) []byte {
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, m))
	return b.Bytes()
}

func testNRGBA(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			r, g := uint8(x*255/max(w-1, 1)), uint8(y*255/max(h-1, 1))
			m.SetNRGBA(x, y, color.NRGBA{r, g, 200, uint8((x + y) * 255 / max(w+h-2, 1))})
		}
	}
	return m
}

func TestDecodePNGPremultiplies(t *testing.T) {
	src := testNRGBA(16, 8)
	im, err := DecodeImage(bytes.NewReader(encodePNG(t, src)))
	require.NoError(t, err)
	require.Equal(t, "png", im.Format)
	require.Nil(t, im.Animation())
	require.False(t, im.Surface.Opaque())
	for y := range 8 {
		for x := range 16 {
			want := color.RGBAModel.Convert(src.NRGBAAt(x, y)).(color.RGBA)
			got := im.Surface.img.RGBAAt(x, y)
			diffs := []int{absDiff(want.R, got.R), absDiff(want.G, got.G), absDiff(want.B, got.B), absDiff(want.A, got.A)}
			for i, d := range diffs {
				require.LessOrEqual(t, d, 1, "%d,%d channel %d", x, y, i)
			}
		}
	}
}

func TestDecodeJPEGOpaque(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, testNRGBA(32, 24), nil))
	im, err := DecodeImage(&b)
	require.NoError(t, err)
	require.Equal(t, "jpeg", im.Format)
	require.True(t, im.Surface.Opaque())
	w, h := im.Surface.Size()
	require.Equal(t, [2]int{32, 24}, [2]int{w, h})
}

// animatedGIF returns a 3-frame 8×8 GIF: a red background frame, a green
// 4×4 frame at (2,2) disposed to background, and a blue 2×2 frame at (0,0).
func animatedGIF(t testing.TB) []byte {
	pal := color.Palette{
		color.RGBA{0, 0, 0, 0}, color.RGBA{255, 0, 0, 255}, color.RGBA{0, 255, 0, 255}, color.RGBA{0, 0, 255, 255},
	}
	frame := func(r image.Rectangle, idx uint8) *image.Paletted {
		m := image.NewPaletted(r, pal)
		for i := range m.Pix {
			m.Pix[i] = idx
		}
		return m
	}
	g := &gif.GIF{
		Image: []*image.Paletted{
			frame(image.Rect(0, 0, 8, 8), 1), frame(image.Rect(2, 2, 6, 6), 2), frame(image.Rect(0, 0, 2, 2), 3),
		},
		Delay:    []int{10, 20, 30},
		Disposal: []byte{gif.DisposalNone, gif.DisposalBackground, gif.DisposalNone},
		Config:   image.Config{ColorModel: pal, Width: 8, Height: 8},
	}
	var b bytes.Buffer
	require.NoError(t, gif.EncodeAll(&b, g))
	return b.Bytes()
}

func TestDecodeAnimatedGIF(t *testing.T) {
	im, err := DecodeImage(bytes.NewReader(animatedGIF(t)))
	require.NoError(t, err)
	require.Equal(t, "gif", im.Format)
	a := im.Animation()
	require.NotNil(t, a)
	require.Equal(t, 3, a.Len())
	require.Equal(t, 200*time.Millisecond, a.Delay(1))
	require.Equal(t, nrgba(255, 0, 0, 255), im.Surface.Pixel(3, 3))
	f1, err := a.Frame(1)
	require.NoError(t, err)
	require.Equal(t, nrgba(0, 255, 0, 255), f1.Pixel(3, 3))
	require.Equal(t, nrgba(255, 0, 0, 255), f1.Pixel(7, 7))
	f2, err := a.Frame(2)
	require.NoError(t, err)
	require.Equal(t, nrgba(0, 0, 0, 0), f2.Pixel(3, 3), "frame 1 disposed to background")
	require.Equal(t, nrgba(0, 0, 255, 255), f2.Pixel(1, 1))
	require.Equal(t, nrgba(255, 0, 0, 255), f2.Pixel(7, 7))
	again, err := a.Frame(1) // going back restarts
	require.NoError(t, err)
	require.Equal(t, f1.img.Pix, again.img.Pix)
	_, err = a.Frame(3)
	require.ErrorIs(t, err, ErrFrameIndex)
}

func TestDecodeStillGIF(t *testing.T) {
	m := image.NewPaletted(image.Rect(0, 0, 4, 4), palette.Plan9)
	var b bytes.Buffer
	require.NoError(t, gif.Encode(&b, m, nil))
	im, err := DecodeImage(&b)
	require.NoError(t, err)
	require.Nil(t, im.Animation())
}

// pngHeader returns a PNG signature and a valid IHDR chunk for w×h.
func pngHeader(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk := binary.BigEndian.AppendUint32(nil, 13)
	chunk = append(chunk, "IHDR"...)
	chunk = append(chunk, ihdr...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return append(b, chunk...)
}

func TestDecodeErrors(t *testing.T) {
	good := encodePNG(t, testNRGBA(20, 20))
	var jb bytes.Buffer
	require.NoError(t, jpeg.Encode(&jb, testNRGBA(20, 20), nil))
	gifData := animatedGIF(t)
	small := Limits{MaxWidth: 10, MaxHeight: 100, MaxPixels: 1000, MaxBytes: 1 << 20}
	fewPixels := Limits{MaxWidth: 100, MaxHeight: 100, MaxPixels: 399, MaxBytes: 1 << 20}
	fewFrames := Limits{MaxWidth: 8, MaxHeight: 8, MaxPixels: 64, MaxAnimationPixels: 80, MaxBytes: 1 << 20}
	for name, c := range map[string]struct {
		data []byte
		lim  Limits
		want error
	}{
		"empty":            {nil, DefaultLimits, ErrImageFormat},
		"text":             {[]byte("<html>not an image</html>"), DefaultLimits, ErrImageFormat},
		"bmp":              {[]byte("BM\x00\x00\x00\x00"), DefaultLimits, ErrImageFormat},
		"png truncated":    {good[:len(good)/2], DefaultLimits, ErrImageCorrupt},
		"png header only":  {good[:20], DefaultLimits, ErrImageCorrupt},
		"png bad crc":      {flip(good, 30), DefaultLimits, ErrImageCorrupt},
		"png huge":         {pngHeader(100000, 100000), DefaultLimits, ErrImageTooLarge},
		"png wide":         {pngHeader(5000, 1), DefaultLimits, ErrImageTooLarge},
		"png zero":         {pngHeader(0, 10), DefaultLimits, ErrImageCorrupt},
		"png over limit":   {good, small, ErrImageTooLarge},
		"png over pixels":  {good, fewPixels, ErrImageTooLarge},
		"png over bytes":   {good, Limits{MaxWidth: 100, MaxHeight: 100, MaxPixels: 1000, MaxBytes: 10}, ErrImageTooLarge},
		"jpeg truncated":   {jb.Bytes()[:len(jb.Bytes())/2], DefaultLimits, ErrImageCorrupt},
		"jpeg soi only":    {[]byte{0xff, 0xd8}, DefaultLimits, ErrImageCorrupt},
		"gif truncated":    {gifData[:len(gifData)-12], DefaultLimits, ErrImageCorrupt},
		"gif header only":  {[]byte("GIF89a"), DefaultLimits, ErrImageCorrupt},
		"gif frames limit": {gifData, fewFrames, ErrImageTooLarge},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := c.lim.Decode(bytes.NewReader(c.data))
			require.ErrorIs(t, err, c.want)
			require.Contains(t, err.Error(), "gfx: ")
		})
	}
}

// flip returns a copy of b with byte i inverted.
func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0xff
	return c
}

// TestGIFManyFramesRefused: a GIF whose frames are tiny on disk but add up
// to more pixels than allowed is refused before decoding.
func TestGIFManyFramesRefused(t *testing.T) {
	pal := color.Palette{color.Black, color.White}
	g := &gif.GIF{Config: image.Config{ColorModel: pal, Width: 1000, Height: 1000}}
	for range 80 { // 80 Mpixel of frames, a few KiB of LZW
		g.Image = append(g.Image, image.NewPaletted(image.Rect(0, 0, 1000, 1000), pal))
		g.Delay = append(g.Delay, 1)
	}
	var b bytes.Buffer
	require.NoError(t, gif.EncodeAll(&b, g))
	frames, pixels := scanGIF(b.Bytes())
	require.Equal(t, 80, frames)
	require.EqualValues(t, 80_000_000, pixels)
	_, err := DecodeImage(&b)
	require.ErrorIs(t, err, ErrImageTooLarge)
}

func TestLoadImage(t *testing.T) {
	fsys := fstest.MapFS{"a/logo.png": {Data: encodePNG(t, testNRGBA(3, 3))}, "bad.png": {Data: []byte("xx")}}
	im, err := LoadImage(fsys, "a/logo.png")
	require.NoError(t, err)
	w, _ := im.Surface.Size()
	require.Equal(t, 3, w)
	_, err = LoadImage(fsys, "missing.png")
	require.Error(t, err)
	_, err = LoadImage(fsys, "bad.png")
	require.ErrorIs(t, err, ErrImageFormat)
	require.Contains(t, err.Error(), "bad.png")
}

func FuzzDecodeImage(f *testing.F) {
	f.Add(encodePNG(f, testNRGBA(5, 4)))
	f.Add(encodePNG(f, image.NewGray(image.Rect(0, 0, 3, 3))))
	f.Add(encodePNG(f, image.NewPaletted(image.Rect(0, 0, 3, 3), palette.WebSafe)))
	var jb bytes.Buffer
	_ = jpeg.Encode(&jb, testNRGBA(9, 9), nil)
	f.Add(jb.Bytes())
	f.Add(animatedGIF(f))
	f.Add(pngHeader(64, 64))
	f.Add(pngHeader(1<<31-1, 1))
	f.Add([]byte("GIF89a\x08\x00\x08\x00\x80\x00\x00"))
	lim := Limits{MaxWidth: 256, MaxHeight: 256, MaxPixels: 1 << 14, MaxAnimationPixels: 1 << 16, MaxBytes: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		im, err := lim.DecodeBytes(data)
		if err != nil {
			require.Nil(t, im)
			return
		}
		w, h := im.Surface.Size()
		require.True(t, w > 0 && h > 0 && w <= lim.MaxWidth && h <= lim.MaxHeight && w*h <= lim.MaxPixels)
		if a := im.Animation(); a != nil {
			_, err := a.Frame(a.Len() - 1)
			require.NoError(t, err)
		}
	})
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
