package gfx

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Each benchmark runs Antena's code ("gfx") beside the standard library
// doing the same job ("image-draw" and the like), in the same run.

var (
	size720  = image.Rect(0, 0, 1280, 720)
	size1080 = image.Rect(0, 0, 1920, 1080)
)

// translucent returns a surface of r's size filled with a half-transparent
// colour: every pixel needs a real blend.
func translucent(b *testing.B, r image.Rectangle) *Surface {
	s, err := NewSurface(r.Dx(), r.Dy())
	if err != nil {
		b.Fatal(err)
	}
	s.SetColor(color.NRGBA{30, 60, 200, 128})
	s.ClearAll()
	return s
}

func opaqueLayer(b *testing.B, c *Compositor, r image.Rectangle) *Layer {
	l, err := c.NewLayer(PlaneApps, r)
	if err != nil {
		b.Fatal(err)
	}
	l.Update(func(s *Surface) {
		s.SetColor(color.NRGBA{10, 20, 30, 255})
		s.ClearAll()
	})
	return l
}

// BenchmarkOpaqueRedraw1080p: a full-screen opaque app redrawn whole.
func BenchmarkOpaqueRedraw1080p(b *testing.B) {
	b.Run("gfx", func(b *testing.B) {
		c, _ := NewCompositor(1920, 1080)
		opaqueLayer(b, c, size1080)
		c.Compose()
		b.ReportAllocs()
		for b.Loop() {
			c.Invalidate(size1080)
			c.Compose()
		}
	})
	src := translucent(b, size1080)
	src.SetColor(color.NRGBA{10, 20, 30, 255})
	src.ClearAll()
	dst := image.NewRGBA(size1080)
	b.Run("image-draw-src", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			draw.Draw(dst, size1080, src.img, image.Point{}, draw.Src)
		}
	})
	b.Run("image-draw-over", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			draw.Draw(dst, size1080, src.img, image.Point{}, draw.Over)
		}
	})
}

// BenchmarkTranslucentLayer: one full-screen translucent layer over the
// background (the colour bars), the whole frame redrawn.
func BenchmarkTranslucentLayer(b *testing.B) {
	for _, sz := range []struct {
		name string
		r    image.Rectangle
	}{{"720p", size720}, {"1080p", size1080}} {
		b.Run(sz.name+"/gfx", func(b *testing.B) {
			c, _ := NewCompositor(sz.r.Dx(), sz.r.Dy())
			l, _ := c.NewLayer(PlaneApps, sz.r)
			l.Flush(translucent(b, sz.r))
			c.Compose()
			b.ReportAllocs()
			for b.Loop() {
				c.Invalidate(sz.r)
				c.Compose()
			}
		})
		b.Run(sz.name+"/image-draw", func(b *testing.B) {
			c, _ := NewCompositor(sz.r.Dx(), sz.r.Dy())
			c.Compose()
			bg := image.NewRGBA(sz.r)
			copy(bg.Pix, c.Frame().Pix)
			layer := translucent(b, sz.r).img
			dst := image.NewRGBA(sz.r)
			b.ReportAllocs()
			for b.Loop() {
				draw.Draw(dst, sz.r, bg, image.Point{}, draw.Src)
				draw.Draw(dst, sz.r, layer, image.Point{}, draw.Over)
			}
		})
	}
}

// BenchmarkDirtyRect100: an app changes a 100×100 area of a full-screen
// translucent layer at 1080p; the frame is brought up to date.
func BenchmarkDirtyRect100(b *testing.B) {
	b.Run("gfx", func(b *testing.B) {
		c, _ := NewCompositor(1920, 1080)
		l, _ := c.NewLayer(PlaneApps, size1080)
		l.Flush(translucent(b, size1080))
		c.Compose()
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			i++
			l.Update(func(s *Surface) {
				s.SetColor(color.NRGBA{uint8(i), 200, 0, 200})
				s.DrawRect(Fill, 500, 300, 100, 100)
			})
			c.Compose()
		}
	})
	b.Run("image-draw", func(b *testing.B) {
		c, _ := NewCompositor(1920, 1080)
		c.Compose()
		bg := image.NewRGBA(size1080)
		copy(bg.Pix, c.Frame().Pix)
		layer := translucent(b, size1080).img
		dst := image.NewRGBA(size1080)
		r := image.Rect(500, 300, 600, 400)
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			i++
			draw.Draw(layer, r, image.NewUniform(color.NRGBA{uint8(i), 200, 0, 200}), image.Point{}, draw.Over)
			draw.Draw(dst, r, bg, r.Min, draw.Src)
			draw.Draw(dst, r, layer, r.Min, draw.Over)
		}
	})
}

const line40 = "Informações da votação: João, Ñandú, g̃ü!" // 40 characters

// BenchmarkDrawText40: one 40-character line at 24 px.
func BenchmarkDrawText40(b *testing.B) {
	b.Run("gfx", func(b *testing.B) {
		s, _ := NewSurface(800, 60)
		_ = s.SetFont(Font{Face: "sans", Size: 24})
		s.DrawText(Fill, 4, 4, line40) // warm the glyph cache
		b.ReportAllocs()
		for b.Loop() {
			s.DrawText(Fill, 4, 4, line40)
		}
	})
	b.Run("font-drawer", func(b *testing.B) {
		data, _ := fontFiles.ReadFile("fonts/DejaVuSans.ttf")
		f, err := opentype.Parse(data)
		if err != nil {
			b.Fatal(err)
		}
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 24, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			b.Fatal(err)
		}
		dst := image.NewRGBA(image.Rect(0, 0, 800, 60))
		d := font.Drawer{Dst: dst, Src: image.Black, Face: face}
		b.ReportAllocs()
		for b.Loop() {
			d.Dot = fixed.P(4, 26)
			d.DrawString(line40)
		}
	})
}

// BenchmarkDecodePNG: a 640×360 translucent PNG decoded to premultiplied.
func BenchmarkDecodePNG(b *testing.B) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, testNRGBA(640, 360)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.Run("gfx", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := DecodeImage(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("png-decode-draw", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			m, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			dst := image.NewRGBA(m.Bounds())
			draw.Draw(dst, dst.Rect, m, image.Point{}, draw.Src)
		}
	})
}

// BenchmarkSurfaceMemory1080p: the memory of one full-screen surface (B/op).
func BenchmarkSurfaceMemory1080p(b *testing.B) {
	b.Run("gfx", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := NewSurface(1920, 1080); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("image-NewRGBA", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = image.NewRGBA(size1080)
		}
	})
}
