package gfx

import (
	"image"
	"testing"

	"github.com/stretchr/testify/require"
)

// picture returns a 40×30 asymmetric test picture (so that flips and
// rotations show), transparent around a rounded card.
func picture(t testing.TB) *Surface {
	s, err := NewSurface(40, 30)
	require.NoError(t, err)
	s.SetColor(nrgba(30, 60, 200, 255))
	s.DrawRoundRect(Fill, 0, 0, 40, 30, 6)
	s.SetColor(nrgba(230, 40, 40, 255))
	s.DrawRect(Fill, 4, 4, 12, 8)
	s.SetColor(nrgba(250, 220, 0, 255))
	s.DrawPolygon(PolygonFill, []Point{{22, 26}, {36, 26}, {36, 12}})
	s.SetColor(nrgba(255, 255, 255, 255))
	mustFont(s, Font{Face: "sans", Size: 14, Style: StyleBold})
	s.DrawText(Fill, 5, 12, "F")
	s.TakeDamage()
	return s
}

func composeCase(name string, setup func(src *Surface), x, y int) goldenCase {
	return goldenCase{name: name, draw: func(s *Surface) {
		src := picture(nil)
		setup(src)
		s.Compose(x, y, src)
	}}
}

var composeCases = []goldenCase{
	composeCase("compose-plain", func(*Surface) {}, 8, 8),
	composeCase("compose-crop", func(s *Surface) { s.SetCrop(image.Rect(0, 0, 20, 15)) }, 8, 8),
	composeCase("compose-flip-h", func(s *Surface) { s.SetFlip(true, false) }, 8, 8),
	composeCase("compose-flip-v", func(s *Surface) { s.SetFlip(false, true) }, 8, 8),
	composeCase("compose-scale", func(s *Surface) { s.SetScale(2, 1.5) }, 4, 4),
	composeCase("compose-scale-nearest", func(s *Surface) { s.SetScale(2, 2); s.SetFilter(FilterNearest) }, 4, 4),
	composeCase("compose-rotate-30", func(s *Surface) { s.SetRotation(30) }, 10, 6),
	composeCase("compose-rotate-90", func(s *Surface) { s.SetRotation(90) }, 10, 6),
	composeCase("compose-opacity", func(s *Surface) { s.SetOpacity(128) }, 8, 8),
	{name: "compose-clip-self", draw: func(s *Surface) {
		s.SetColor(nrgba(0, 128, 0, 255))
		s.DrawEllipse(Fill, 20, 20, 30, 30, 0, 360)
		s.SetCrop(image.Rect(0, 0, 40, 40))
		s.SetClip(image.Rect(40, 0, 80, 60))
		s.Compose(45, 10, s) // self-compose, clipped
	}},
	{name: "compose-rect", draw: func(s *Surface) {
		s.ComposeRect(30, 20, picture(nil), image.Rect(20, 10, 40, 30))
	}},
}

func TestGoldenCompose(t *testing.T) { runGolden(t, composeCases) }

func TestTransformedSize(t *testing.T) {
	s := picture(t)
	w, h := s.TransformedSize()
	require.Equal(t, [2]int{40, 30}, [2]int{w, h})
	s.SetScale(2, 0.5)
	w, h = s.TransformedSize()
	require.Equal(t, [2]int{80, 15}, [2]int{w, h})
	s.SetRotation(90)
	w, h = s.TransformedSize()
	require.Equal(t, [2]int{15, 80}, [2]int{w, h})
	s.SetCrop(image.Rect(0, 0, 10, 10))
	s.SetRotation(0)
	s.SetScale(1, 1)
	w, h = s.TransformedSize()
	require.Equal(t, [2]int{10, 10}, [2]int{w, h})
}

// TestComposeFlipExact: flips at scale 1 move pixels exactly.
func TestComposeFlipExact(t *testing.T) {
	src := picture(t)
	src.SetFlip(true, true)
	dst := newClear(t, 40, 30)
	dst.Compose(0, 0, src)
	for y := range 30 {
		for x := range 40 {
			require.Equal(t, src.img.RGBAAt(39-x, 29-y), dst.img.RGBAAt(x, y), "%d,%d", x, y)
		}
	}
	// So does a rotation by 180°.
	src.SetFlip(false, false)
	src.SetRotation(180)
	dst2 := newClear(t, 40, 30)
	dst2.Compose(0, 0, src)
	require.Equal(t, dst.img.Pix, dst2.img.Pix)
}

// TestComposeOpaqueCopies: composing an opaque surface equals blending it.
func TestComposeOpaqueCopies(t *testing.T) {
	src := newCanvas(t, 30, 20)
	src.DrawEllipse(Fill, 15, 10, 20, 14, 0, 360)
	require.True(t, src.Opaque())
	a := newClear(t, 50, 50)
	a.Compose(5, 7, src)
	src.opaque = false
	b := newClear(t, 50, 50)
	b.Compose(5, 7, src)
	require.Equal(t, a.img.Pix, b.img.Pix)
}
