package sdl

import (
	"image"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestViewport(t *testing.T) {
	for _, tc := range []struct {
		out, c image.Point
		want   image.Rectangle
	}{
		{image.Pt(1280, 720), image.Pt(1280, 720), image.Rect(0, 0, 1280, 720)},
		{image.Pt(2560, 1440), image.Pt(1280, 720), image.Rect(0, 0, 2560, 1440)},
		// Taller window: bars above and below.
		{image.Pt(1280, 1000), image.Pt(1280, 720), image.Rect(0, 140, 1280, 860)},
		// Wider window: bars left and right.
		{image.Pt(1600, 720), image.Pt(1280, 720), image.Rect(160, 0, 1440, 720)},
		// Frame and legend: 1280+320 wide.
		{image.Pt(800, 720), image.Pt(1600, 720), image.Rect(0, 180, 800, 540)},
		{image.Pt(0, 10), image.Pt(1, 1), image.Rectangle{}},
	} {
		require.Equal(t, tc.want, viewport(tc.out, tc.c), "out %v content %v", tc.out, tc.c)
	}
}

func TestSplit(t *testing.T) {
	f, s := split(image.Rect(0, 180, 800, 540), 1600, 1280)
	require.Equal(t, image.Rect(0, 180, 640, 540), f)
	require.Equal(t, image.Rect(640, 180, 800, 540), s)
	f, s = split(image.Rect(10, 0, 20, 5), 0, 0)
	require.Equal(t, image.Rect(10, 0, 20, 5), f)
	require.True(t, s.Empty())
}

func TestToContent(t *testing.T) {
	c := image.Pt(1600, 720) // a 1280×720 frame and a 320-wide side region
	for _, tc := range []struct {
		name     string
		p        image.Point
		win, out image.Point
		want     image.Point
		ok       bool
	}{
		{"same size", image.Pt(1300, 100), image.Pt(1600, 720), image.Pt(1600, 720), image.Pt(1300, 100), true},
		// A window point covers two content pixels: its centre picks the
		// second.
		{"half size", image.Pt(650, 50), image.Pt(800, 360), image.Pt(800, 360), image.Pt(1301, 101), true},
		// A window twice as tall: the content is 1600×720 in the middle
		// (bars of 360 above and below).
		{"letterboxed", image.Pt(1300, 460), image.Pt(1600, 1440), image.Pt(1600, 1440), image.Pt(1300, 100), true},
		{"in the bar", image.Pt(1300, 100), image.Pt(1600, 1440), image.Pt(1600, 1440), image.Point{}, false},
		// High DPI: the window is 800×360 points, the output 1600×720
		// pixels.
		{"hidpi", image.Pt(650, 50), image.Pt(800, 360), image.Pt(1600, 720), image.Pt(1301, 101), true},
		{"pillarboxed", image.Pt(100+1300, 100), image.Pt(1800, 720), image.Pt(1800, 720), image.Pt(1300, 100), true},
		{"left bar", image.Pt(50, 100), image.Pt(1800, 720), image.Pt(1800, 720), image.Point{}, false},
		{"no window", image.Pt(1, 1), image.Point{}, image.Pt(10, 10), image.Point{}, false},
	} {
		got, ok := toContent(tc.p, tc.win, tc.out, c)
		require.Equal(t, tc.ok, ok, tc.name)
		if ok {
			require.Equal(t, tc.want, got, tc.name)
		}
	}
}
