package gfx

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

var shapeCases = []goldenCase{
	{name: "line-width-1", draw: func(s *Surface) {
		s.DrawLine(4, 4, 91, 4)
		s.DrawLine(4, 8, 4, 67)
		s.DrawLine(10, 10, 90, 66)
		s.DrawLine(10, 66, 90, 30)
		s.DrawLine(50, 40, 50, 40) // a point
	}},
	{name: "line-width-5", draw: func(s *Surface) {
		s.SetLineWidth(5)
		s.DrawLine(8, 8, 87, 8)
		s.DrawLine(8, 20, 87, 63)
		s.SetColor(nrgba(200, 0, 0, 255))
		s.DrawLine(20, 63, 60, 20)
	}},
	{name: "rect-fill", draw: func(s *Surface) {
		s.DrawRect(Fill, 8, 8, 40, 30)
		s.SetColor(nrgba(0, 0, 255, 255))
		s.DrawRect(Fill, 50.5, 20.25, 30.5, 40.5) // fractional edges
	}},
	{name: "rect-frame", draw: func(s *Surface) {
		s.DrawRect(Frame, 8, 8, 40, 30)
		s.SetLineWidth(4)
		s.SetColor(nrgba(0, 128, 0, 255))
		s.DrawRect(Frame, 50, 20, 38, 44)
	}},
	{name: "roundrect-fill", draw: func(s *Surface) {
		s.SetColor(nrgba(0, 0, 128, 255))
		s.DrawRoundRect(Fill, 6, 6, 84, 60, 14)
	}},
	{name: "roundrect-frame", draw: func(s *Surface) {
		s.SetLineWidth(3)
		s.DrawRoundRect(Frame, 6, 6, 84, 60, 14)
		s.SetLineWidth(1)
		s.DrawRoundRect(Frame, 20, 20, 56, 32, 100) // radius clamped
	}},
	{name: "polygon-fill", draw: func(s *Surface) {
		s.SetColor(nrgba(128, 0, 128, 255))
		s.DrawPolygon(PolygonFill, star(48, 36, 32, 12))
	}},
	{name: "polygon-close", draw: func(s *Surface) {
		s.SetLineWidth(2)
		s.DrawPolygon(PolygonClose, []Point{{10, 10}, {85, 10}, {60, 60}, {20, 50}})
	}},
	{name: "polygon-open", draw: func(s *Surface) {
		s.SetLineWidth(3)
		s.DrawPolygon(PolygonOpen, []Point{{10, 60}, {30, 12}, {50, 60}, {70, 12}, {86, 40}})
	}},
	{name: "ellipse-fill", draw: func(s *Surface) {
		s.SetColor(nrgba(255, 128, 0, 255))
		s.DrawEllipse(Fill, 48, 36, 80, 50, 0, 360)
	}},
	{name: "ellipse-frame", draw: func(s *Surface) {
		s.SetLineWidth(3)
		s.DrawEllipse(Frame, 48, 36, 80, 50, 0, 360)
		s.SetLineWidth(1)
		s.DrawEllipse(Frame, 48, 36, 30, 30, 0, 360)
	}},
	{name: "ellipse-pie", draw: func(s *Surface) {
		s.SetColor(nrgba(0, 160, 0, 255))
		s.DrawEllipse(Fill, 48, 36, 60, 60, 0, 90) // 3 o'clock clockwise to 6
		s.SetColor(nrgba(160, 0, 0, 255))
		s.DrawEllipse(Fill, 48, 36, 60, 60, 180, 300)
	}},
	{name: "ellipse-arc", draw: func(s *Surface) {
		s.SetLineWidth(4)
		s.DrawEllipse(Frame, 48, 36, 60, 60, 0, 90)
		s.SetColor(nrgba(0, 0, 200, 255))
		s.DrawEllipse(Frame, 48, 36, 80, 40, 200, 340)
	}},
	{name: "color-alpha", draw: func(s *Surface) {
		s.SetColor(nrgba(255, 0, 0, 128))
		s.DrawRect(Fill, 10, 10, 50, 40)
		s.SetColor(nrgba(0, 0, 255, 128))
		s.DrawEllipse(Fill, 55, 40, 50, 40, 0, 360)
	}},
	{name: "clip", draw: func(s *Surface) {
		s.SetClip(image.Rect(20, 15, 76, 57))
		s.SetColor(nrgba(0, 128, 128, 255))
		s.DrawEllipse(Fill, 48, 36, 90, 70, 0, 360)
		s.SetColor(nrgba(0, 0, 0, 255))
		s.DrawLine(0, 0, 95, 71)
	}},
	{name: "antialias-off", draw: func(s *Surface) {
		s.SetAntiAlias(false)
		s.DrawEllipse(Fill, 30, 36, 40, 40, 0, 360)
		s.SetLineWidth(2)
		s.DrawLine(55, 10, 90, 60)
	}},
	{name: "pixel", draw: func(s *Surface) {
		for i := range 40 {
			s.SetPixel(10+i*2, 10+i, nrgba(255, 0, 0, 255))
			s.SetPixel(10+i*2, 60-i, nrgba(0, 0, 255, 128))
		}
	}},
	{name: "clear", draw: func(s *Surface) {
		s.DrawRect(Fill, 0, 0, 96, 72)
		s.SetClip(image.Rect(0, 0, 10, 10)) // Clear ignores the clip
		s.SetColor(nrgba(0, 200, 0, 255))
		s.Clear(image.Rect(10, 10, 60, 40))
		s.SetColor(nrgba(0, 0, 0, 0))
		s.Clear(image.Rect(40, 30, 90, 66)) // transparent hole
	}},
}

// star returns the points of a five-pointed star drawn in one stroke (so
// that the centre has winding number 2).
func star(cx, cy, r, _ float64) []Point {
	var pts []Point
	for i := range 5 {
		a := -math.Pi/2 + float64(i)*4*math.Pi/5
		pts = append(pts, Point{cx + r*math.Cos(a), cy + r*math.Sin(a)})
	}
	return pts
}

func TestGoldenShapes(t *testing.T) { runGolden(t, shapeCases) }

// covered returns the pixels whose alpha is not zero.
func covered(s *Surface) map[image.Point]uint8 {
	m := map[image.Point]uint8{}
	b := s.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if a := s.img.RGBAAt(x, y).A; a != 0 {
				m[image.Pt(x, y)] = a
			}
		}
	}
	return m
}

func newClear(t *testing.T, w, h int) *Surface {
	t.Helper()
	s, err := NewSurface(w, h)
	require.NoError(t, err)
	return s
}

func TestRectFillExactPixels(t *testing.T) {
	s := newClear(t, 20, 20)
	r := s.DrawRect(Fill, 3, 4, 5, 6)
	require.Equal(t, image.Rect(3, 4, 8, 10), r)
	c := covered(s)
	require.Len(t, c, 30)
	for p, a := range c {
		require.True(t, p.In(r), p)
		require.EqualValues(t, 255, a)
	}
}

func TestLineWidth1ExactPixels(t *testing.T) {
	s := newClear(t, 20, 20)
	s.DrawLine(2, 5, 11, 5)
	c := covered(s)
	require.Len(t, c, 10)
	for x := 2; x <= 11; x++ {
		require.EqualValues(t, 255, c[image.Pt(x, 5)], x)
	}
}

func TestFrameInsideFill(t *testing.T) {
	for _, lw := range []float64{1, 2, 3, 10} {
		s := newClear(t, 30, 30)
		s.SetLineWidth(lw)
		s.DrawRect(Frame, 5, 6, 12, 10)
		for p := range covered(s) {
			require.True(t, p.In(image.Rect(5, 6, 17, 16)), "lw %v: %v outside", lw, p)
		}
		require.EqualValues(t, 255, s.img.RGBAAt(5, 6).A)
		require.EqualValues(t, 255, s.img.RGBAAt(16, 15).A)
	}
}

func TestClipLimitsDrawing(t *testing.T) {
	s := newClear(t, 40, 40)
	clip := image.Rect(10, 10, 20, 20)
	s.SetClip(clip)
	s.DrawEllipse(Fill, 20, 20, 40, 40, 0, 360)
	s.DrawLine(0, 0, 39, 39)
	s.DrawText(Fill, 0, 0, "Ação")
	for p := range covered(s) {
		require.True(t, p.In(clip), p)
	}
	// SetPixel and Clear ignore the clip.
	s.SetPixel(0, 0, nrgba(1, 2, 3, 255))
	require.Equal(t, nrgba(1, 2, 3, 255), s.Pixel(0, 0))
	s.SetColor(nrgba(9, 9, 9, 255))
	s.Clear(image.Rect(30, 30, 40, 40))
	require.Equal(t, nrgba(9, 9, 9, 255), s.Pixel(35, 35))
}

func TestHostileGeometry(t *testing.T) {
	s := newClear(t, 64, 64)
	inf, nan := math.Inf(1), math.NaN()
	// None of these may hang, panic or allocate a huge buffer.
	s.DrawEllipse(Fill, 0, 0, 1e12, 1e12, 0, 360)
	s.DrawEllipse(Frame, 1e9, -1e9, 3e9, 3e9, 10, 20)
	s.DrawLine(-1e15, -1e15, 1e15, 1e15)
	s.DrawLine(nan, 0, 10, 10)
	s.DrawRect(Fill, -inf, 0, inf, 10)
	s.DrawRect(Frame, 0, 0, 1e300, 1e300)
	s.DrawRoundRect(Fill, 0, 0, 1e10, 1e10, nan)
	s.DrawPolygon(PolygonFill, []Point{{-1e18, -1e18}, {1e18, -5}, {3, 1e18}})
	s.DrawPolygon(PolygonOpen, []Point{{inf, 0}, {0, 0}})
	s.SetLineWidth(nan)
	s.SetLineWidth(1e9)
	s.DrawLine(1, 1, 2, 2)
	s.DrawEllipse(Fill, 32, 32, 20, 20, 0, inf)
	s.SetRotation(inf)
	s.SetScale(nan, 1e9)
	_, _ = s.TransformedSize()
	d := newClear(t, 64, 64)
	d.Compose(0, 0, s)
	d.Compose(-1<<30, 1<<30, s)
}

func TestParseModes(t *testing.T) {
	for in, want := range map[string]DrawMode{"fill": Fill, "frame": Frame, "arc": Frame, "FILL": Fill} {
		m, err := ParseDrawMode(in)
		require.NoError(t, err)
		require.Equal(t, want, m)
	}
	_, err := ParseDrawMode("stroke")
	require.ErrorIs(t, err, ErrDrawMode)
	for in, want := range map[string]PolygonMode{"fill": PolygonFill, "close": PolygonClose, "open": PolygonOpen} {
		m, err := ParsePolygonMode(in)
		require.NoError(t, err)
		require.Equal(t, want, m)
		require.Equal(t, in, m.String())
	}
	_, err = ParsePolygonMode("frame")
	require.ErrorIs(t, err, ErrDrawMode)
}

func TestSurfaceSize(t *testing.T) {
	_, err := NewSurface(-1, 10)
	require.ErrorIs(t, err, ErrSurfaceSize)
	_, err = NewSurface(MaxSurfaceSide+1, 1)
	require.ErrorIs(t, err, ErrSurfaceSize)
	s, err := NewSurface(0, 0)
	require.NoError(t, err)
	s.DrawRect(Fill, 0, 0, 10, 10)
	s.DrawText(Fill, 0, 0, "x")
}

func TestPixelRoundTrip(t *testing.T) {
	s := newClear(t, 4, 4)
	s.SetPixel(1, 1, nrgba(200, 100, 50, 255))
	require.Equal(t, nrgba(200, 100, 50, 255), s.Pixel(1, 1))
	s.SetPixel(2, 2, nrgba(200, 100, 50, 128))
	p := s.Pixel(2, 2)
	require.EqualValues(t, 128, p.A)
	require.InDelta(t, 200, float64(p.R), 2)
	require.InDelta(t, 50, float64(p.B), 2)
	require.Equal(t, color.NRGBA{}, s.Pixel(-1, 0))
	require.Equal(t, color.NRGBA{}, s.Pixel(4, 0))
	s.SetPixel(99, 99, nrgba(1, 1, 1, 1)) // ignored
}

func TestOpaqueTracking(t *testing.T) {
	s := newClear(t, 8, 8)
	require.False(t, s.Opaque())
	s.SetColor(nrgba(1, 2, 3, 255))
	s.ClearAll()
	require.True(t, s.Opaque())
	s.SetColor(nrgba(1, 2, 3, 10))
	s.DrawRect(Fill, 0, 0, 8, 8) // over an opaque pixel stays opaque
	require.True(t, s.Opaque())
	s.SetPixel(0, 0, nrgba(0, 0, 0, 0))
	require.False(t, s.Opaque())
}

func TestDamageRecorded(t *testing.T) {
	s := newClear(t, 100, 100)
	s.DrawRect(Fill, 10, 10, 5, 5)
	s.DrawRect(Fill, 80, 80, 5, 5)
	d := s.TakeDamage()
	require.ElementsMatch(t, []image.Rectangle{image.Rect(10, 10, 15, 15), image.Rect(80, 80, 85, 85)}, d)
	require.Empty(t, s.TakeDamage())
}
