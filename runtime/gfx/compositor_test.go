package gfx

import (
	"image"
	"image/color"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

func newCompositor(t testing.TB, w, h int) *Compositor {
	t.Helper()
	c, err := NewCompositor(w, h)
	require.NoError(t, err)
	return c
}

func TestCompositorDamage(t *testing.T) {
	c := newCompositor(t, 320, 180)
	require.Equal(t, []image.Rectangle{image.Rect(0, 0, 320, 180)}, c.Compose(), "first frame is all new")
	require.Empty(t, c.Compose(), "an unchanged frame costs nothing")

	l, err := c.NewLayer(PlaneApps, image.Rect(100, 50, 200, 150))
	require.NoError(t, err)
	require.Empty(t, c.Compose(), "a new transparent layer changes nothing")
	l.Update(func(s *Surface) { s.DrawRect(Fill, 10, 10, 5, 5) })
	require.Equal(t, []image.Rectangle{image.Rect(110, 60, 115, 65)}, c.Compose())
	require.Equal(t, color.RGBA{0, 0, 0, 255}, c.Frame().RGBAAt(112, 62))

	require.NoError(t, l.SetBounds(image.Rect(0, 0, 100, 100)))
	d := c.Compose()
	require.ElementsMatch(t, []image.Rectangle{image.Rect(100, 50, 200, 150), image.Rect(0, 0, 100, 100)}, d)
	require.Equal(t, color.RGBA{0, 0, 0, 255}, c.Frame().RGBAAt(12, 12))
	require.Equal(t, barColors[2], c.Frame().RGBAAt(112, 62), "bars back where the layer was")

	l.SetVisible(false)
	require.Equal(t, []image.Rectangle{image.Rect(0, 0, 100, 100)}, c.Compose())
	l.SetVisible(false)
	require.Empty(t, c.Compose())
	l.Update(func(s *Surface) { s.DrawRect(Fill, 0, 0, 5, 5) })
	require.Empty(t, c.Compose(), "hidden layers do not damage")
	l.SetVisible(true)
	require.Len(t, c.Compose(), 1)
	l.Remove()
	require.Equal(t, []image.Rectangle{image.Rect(0, 0, 100, 100)}, c.Compose())
	l.Remove()
	require.Empty(t, c.Compose())
}

// TestCompositorIncrementalEqualsFull: after random changes, the frame
// redrawn from damage alone equals a frame redrawn whole.
func TestCompositorIncrementalEqualsFull(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	c := newCompositor(t, 200, 120)
	var layers []*Layer
	for i := range 5 {
		l, err := c.NewLayer(Plane(1+i%3), image.Rect(rng.IntN(150), rng.IntN(80), 40+rng.IntN(160), 30+rng.IntN(100)))
		require.NoError(t, err)
		layers = append(layers, l)
	}
	c.Compose()
	for step := range 300 {
		l := layers[rng.IntN(len(layers))]
		switch rng.IntN(8) {
		case 0:
			x, y := rng.IntN(220)-20, rng.IntN(140)-20
			b := l.Bounds()
			require.NoError(t, l.SetBounds(image.Rect(x, y, x+b.Dx(), y+b.Dy())))
		case 1:
			l.SetZ(rng.IntN(3))
		case 2:
			l.SetVisible(rng.IntN(3) > 0)
		case 3:
			l.SetOpacity(uint8(rng.IntN(256)))
		case 4:
			c.SetVideoRect(image.Rect(rng.IntN(100), rng.IntN(60), 100+rng.IntN(100), 60+rng.IntN(60)))
		case 5:
			if rng.IntN(2) == 0 {
				c.SetVideoColor(color.NRGBA{uint8(rng.IntN(256)), 40, 90, 255})
			} else {
				c.SetVideoPattern(PatternBars)
			}
		default:
			l.Update(func(s *Surface) {
				s.SetColor(color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))})
				if rng.IntN(4) == 0 {
					s.ClearAll()
					return
				}
				s.DrawEllipse(Fill, float64(rng.IntN(100)), float64(rng.IntN(100)), 30, 20, 0, 360)
			})
		}
		c.Compose()
		got := append([]uint8(nil), c.Frame().Pix...)
		c.Invalidate(c.Frame().Rect)
		c.Compose()
		require.Equal(t, c.Frame().Pix, got, "step %d", step)
	}
}

func TestCompositorFlush(t *testing.T) {
	c := newCompositor(t, 64, 64)
	c.Compose()
	l, err := c.NewLayer(PlaneApps, image.Rect(0, 0, 64, 64))
	require.NoError(t, err)
	back := newClear(t, 64, 64)
	back.DrawRect(Fill, 1, 1, 4, 4)
	require.Empty(t, c.Compose(), "nothing shows before flush")
	l.Flush(back)
	require.Equal(t, []image.Rectangle{image.Rect(1, 1, 5, 5)}, c.Compose())
	back.SetColor(nrgba(10, 20, 30, 255))
	back.ClearAll()
	l.Flush(back)
	require.Equal(t, []image.Rectangle{image.Rect(0, 0, 64, 64)}, c.Compose())
	require.Equal(t, color.RGBA{10, 20, 30, 255}, c.Frame().RGBAAt(40, 40))
	l.Update(func(s *Surface) { require.True(t, s.Opaque()) })
}

// fakeVideo is a test VideoSource: a solid picture whose colour and
// sequence number the test sets.
type fakeVideo struct {
	img   *image.RGBA
	seq   uint64
	calls int
}

func (v *fakeVideo) Frame() (*image.RGBA, uint64) { v.calls++; return v.img, v.seq }

func TestCompositorVideoSource(t *testing.T) {
	c := newCompositor(t, 100, 100)
	c.SetVideoRect(image.Rect(10, 10, 60, 40))
	c.Compose()
	pic := image.NewRGBA(image.Rect(0, 0, 25, 15))
	fillRect(pic, pic.Rect, color.RGBA{0, 200, 0, 255}, true)
	pic.SetRGBA(0, 0, color.RGBA{255, 0, 0, 255})
	v := &fakeVideo{img: pic, seq: 1}
	c.SetVideoSource(v)
	require.Equal(t, []image.Rectangle{image.Rect(10, 10, 60, 40)}, c.Compose())
	f := c.Frame()
	require.Equal(t, color.RGBA{255, 0, 0, 255}, f.RGBAAt(11, 11), "scaled 2×")
	require.Equal(t, color.RGBA{0, 200, 0, 255}, f.RGBAAt(12, 12))
	require.Equal(t, color.RGBA{0, 0, 0, 255}, f.RGBAAt(5, 5), "black around the video window")
	require.Empty(t, c.Compose(), "same sequence number, nothing to do")
	v.seq = 2
	require.Equal(t, []image.Rectangle{image.Rect(10, 10, 60, 40)}, c.Compose())
	v.img = nil
	v.seq = 3
	require.Len(t, c.Compose(), 1)
	require.Equal(t, barColors[0], c.Frame().RGBAAt(12, 12), "no picture: the pattern")
	c.SetVideoSource(nil)
	c.Compose()
}

func TestCompositorGolden(t *testing.T) {
	c := newCompositor(t, 160, 90)
	app, err := c.NewLayer(PlaneApps, image.Rect(20, 10, 140, 80))
	require.NoError(t, err)
	app.Update(func(s *Surface) {
		s.SetColor(nrgba(0, 0, 0, 160))
		s.DrawRoundRect(Fill, 0, 0, 120, 70, 10)
		s.SetColor(nrgba(255, 255, 255, 255))
		mustFont(s, Font{Face: "sans", Size: 14})
		s.DrawText(Fill, 8, 8, "Votação")
	})
	osd, err := c.NewLayer(PlaneOSD, image.Rect(100, 0, 160, 20))
	require.NoError(t, err)
	osd.Update(func(s *Surface) {
		s.SetColor(nrgba(255, 255, 0, 255))
		s.ClearAll()
		s.SetColor(nrgba(0, 0, 0, 255))
		mustFont(s, Font{Face: "mono", Size: 12, Style: StyleBold})
		s.DrawText(Fill, 4, 3, "CH 5.1")
	})
	alert, err := c.NewLayer(PlaneAlert, image.Rect(0, 70, 160, 90))
	require.NoError(t, err)
	alert.SetOpacity(200)
	alert.Update(func(s *Surface) {
		s.SetColor(nrgba(200, 0, 0, 255))
		s.ClearAll()
	})
	c.Compose()
	checkGolden(t, "compositor-planes", c.Frame())

	c.SetVideoRect(image.Rect(80, 45, 160, 90))
	c.SetVideoColor(color.NRGBA{20, 40, 120, 255})
	app.SetZ(5)
	alert.SetVisible(false)
	c.Compose()
	checkGolden(t, "compositor-video-rect", c.Frame())
}

func TestCompositorConcurrent(t *testing.T) {
	c := newCompositor(t, 200, 200)
	var wg sync.WaitGroup
	for i := range 4 {
		l, err := c.NewLayer(PlaneApps, image.Rect(i*20, i*20, i*20+100, i*20+100))
		require.NoError(t, err)
		wg.Add(1)
		go func() {
			defer wg.Done()
			back := newClear(t, 100, 100)
			for j := range 50 {
				back.DrawRect(Fill, float64(j), float64(j), 10, 10)
				l.Flush(back)
				l.SetOpacity(uint8(j * 5))
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for {
		c.Compose()
		select {
		case <-done:
			return
		default:
		}
	}
}

func TestNewCompositorSize(t *testing.T) {
	_, err := NewCompositor(0, 10)
	require.ErrorIs(t, err, ErrSurfaceSize)
	c := newCompositor(t, 10, 10)
	_, err = c.NewLayer(PlaneApps, image.Rect(0, 0, MaxSurfaceSide+1, 1))
	require.ErrorIs(t, err, ErrSurfaceSize)
}

func TestDamageList(t *testing.T) {
	var d damageList
	d.add(image.Rect(0, 0, 10, 10))
	d.add(image.Rect(2, 2, 5, 5)) // inside
	d.add(image.Rect(10, 0, 20, 10))
	require.Equal(t, []image.Rectangle{image.Rect(0, 0, 20, 10)}, d.rects, "touching, no waste: merged")
	d.add(image.Rect(100, 100, 110, 110))
	require.Len(t, d.rects, 2)
	for i := range 40 {
		d.add(image.Rect(i*30, 500, i*30+5, 505))
	}
	require.LessOrEqual(t, len(d.rects), maxDamageRects)
	got := d.take()
	require.True(t, d.empty())
	// Every added rectangle is still covered.
	for i := range 40 {
		r := image.Rect(i*30, 500, i*30+5, 505)
		ok := false
		for _, g := range got {
			ok = ok || r.In(g)
		}
		require.True(t, ok, r)
	}
}
