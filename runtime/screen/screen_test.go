package screen

import (
	"context"
	"image"
	"image/color"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/hardware/memory"
	"github.com/antena-tv/antena/runtime/gfx"
)

func newScreen(t testing.TB, w, h int) (*Screen, *memory.Display) {
	t.Helper()
	c, err := gfx.NewCompositor(w, h)
	require.NoError(t, err)
	d := memory.NewDisplay(w, h)
	s, err := New(c, d)
	require.NoError(t, err)
	return s, d
}

func TestOnlyChangesArePresented(t *testing.T) {
	s, d := newScreen(t, 320, 180)
	now := time.Unix(0, 0)
	presented, err := s.Frame(now)
	require.NoError(t, err)
	require.True(t, presented, "the first frame is drawn whole")
	require.Equal(t, []image.Rectangle{image.Rect(0, 0, 320, 180)}, d.LastDirty())

	presented, err = s.Frame(now.Add(DefaultInterval))
	require.NoError(t, err)
	require.False(t, presented, "an unchanged frame is not presented")
	require.Equal(t, 1, d.Frames())

	l, err := s.C.NewLayer(gfx.PlaneApps, image.Rect(10, 10, 60, 40))
	require.NoError(t, err)
	l.Update(func(sf *gfx.Surface) {
		sf.SetColor(color.NRGBA{R: 255, A: 255})
		sf.DrawRect(gfx.Fill, 0, 0, 50, 30)
	})
	presented, err = s.Frame(now.Add(2 * DefaultInterval))
	require.NoError(t, err)
	require.True(t, presented)
	for _, r := range d.LastDirty() {
		require.True(t, r.In(image.Rect(10, 10, 60, 40)), "only the layer is copied: %v", r)
	}
	require.Equal(t, color.RGBA{R: 255, A: 255}, d.Frame().RGBAAt(30, 20))
	st := s.Stats()
	require.Equal(t, int64(3), st.Frames)
	require.Equal(t, int64(2), st.Presented)
}

func TestRunFollowsTicks(t *testing.T) {
	s, d := newScreen(t, 64, 36)
	var seen []time.Time
	s.BeforeFrame = func(now time.Time) { seen = append(seen, now) }
	ticks := make(chan time.Time, 3)
	base := time.Unix(100, 0)
	for i := range 3 {
		ticks <- base.Add(time.Duration(i) * DefaultInterval)
	}
	close(ticks)
	require.NoError(t, s.Run(context.Background(), ticks))
	require.Len(t, seen, 3)
	require.Equal(t, base.Add(2*DefaultInterval), seen[2])
	require.Equal(t, 1, d.Frames())
}

func TestSizeMismatch(t *testing.T) {
	c, err := gfx.NewCompositor(100, 100)
	require.NoError(t, err)
	_, err = New(c, memory.NewDisplay(50, 50))
	require.ErrorIs(t, err, ErrSize)
}

// BenchmarkIdleFrame is the cost of a frame in which nothing changed (720p).
func BenchmarkIdleFrame(b *testing.B) {
	s, _ := newScreen(b, 1280, 720)
	_, _ = s.Frame(time.Now())
	b.ReportAllocs()
	for b.Loop() {
		_, _ = s.Frame(time.Time{})
	}
}

// BenchmarkSmallChange is the cost of a frame in which a 100x100 layer changed (720p).
func BenchmarkSmallChange(b *testing.B) {
	s, _ := newScreen(b, 1280, 720)
	l, err := s.C.NewLayer(gfx.PlaneApps, image.Rect(100, 100, 200, 200))
	require.NoError(b, err)
	_, _ = s.Frame(time.Now())
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		l.Update(func(sf *gfx.Surface) {
			sf.SetColor(color.NRGBA{R: uint8(i), G: 80, B: 200, A: 255})
			sf.DrawRect(gfx.Fill, 0, 0, 100, 100)
		})
		_, _ = s.Frame(time.Time{})
	}
}
