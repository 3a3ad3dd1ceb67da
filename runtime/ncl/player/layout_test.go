package player

import (
	"image/color"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/golden"
	"github.com/antena-tv/antena/runtime/nclua"
)

func requireColor(t *testing.T, want color.RGBA, got color.RGBA, msg string) {
	t.Helper()
	d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
	require.True(t, d(want.R, got.R) <= 3 && d(want.G, got.G) <= 3 && d(want.B, got.B) <= 3,
		"%s: want %v, got %v", msg, want, got)
}

// setting returns a settings variable as the rules see it.
func (h *harness) setting(name string) string {
	h.t.Helper()
	ch := make(chan string, 1)
	require.NoError(h.t, h.p.post(func() {
		v, _ := h.p.set.get(name)
		ch <- v
	}))
	return <-ch
}

// Nested regions in percentages, zIndex, transparency and visible.
func TestLayoutRegions(t *testing.T) {
	h := newHarness(t, dirFS("testdata/layout"), "regions.ncl")
	geom := func(id string) []string {
		return []string{h.prop(id, "left"), h.prop(id, "top"), h.prop(id, "width"), h.prop(id, "height")}
	}
	require.Equal(t, []string{"640", "72", "512", "576"}, geom("panel"))
	require.Equal(t, []string{"691", "130", "256", "144"}, geom("inner"))
	require.Equal(t, []string{"1024", "504", "128", "144"}, geom("corner"))
	img := h.frame()
	golden.Check(t, "layout-regions", img)
	requireColor(t, color.RGBA{255, 0, 0, 255}, pixel(img, 300, 250), "high (zIndex 3) over low (2)")
	requireColor(t, color.RGBA{0, 0, 255, 255}, pixel(img, 150, 150), "low")
	requireColor(t, color.RGBA{143, 143, 143, 255}, pixel(img, 200, 500), "white at 0.5 over grey 30")
	requireColor(t, color.RGBA{30, 30, 30, 255}, pixel(img, 500, 500), "visible false")
	requireColor(t, color.RGBA{255, 128, 0, 255}, pixel(img, 700, 140), "inner over the panel")

	// Percentages mean the same declared and set: of the screen.
	require.Equal(t, []string{"640", "660", "128", "40"}, geom("pct"))
	h.key("RED")
	h.key("GREEN")
	require.Equal(t, []string{"320", "660", "256", "40"}, geom("pct"))
}

// fit fill, meet, slice and hidden on a 160×80 image in 240×240 regions.
func TestLayoutFit(t *testing.T) {
	h := newHarness(t, dirFS("testdata/layout"), "fit.ncl")
	img := h.frame()
	golden.Check(t, "layout-fit", img)
	blue, yellow, gray := color.RGBA{0, 0, 255, 255}, color.RGBA{255, 220, 0, 255}, color.RGBA{128, 128, 128, 255}
	// fill: stretched over the whole region.
	requireColor(t, blue, pixel(img, 40+60, 200+200), "fill, left half")
	requireColor(t, yellow, pixel(img, 40+180, 200+200), "fill, right half")
	// meet: 240×120 at the top, the background below.
	requireColor(t, yellow, pixel(img, 340+200, 200+100), "meet")
	requireColor(t, gray, pixel(img, 340+200, 200+200), "meet leaves the bottom")
	// slice: 480×240, cut: only the blue half shows.
	requireColor(t, blue, pixel(img, 640+200, 200+200), "slice")
	// hidden: natural size.
	requireColor(t, yellow, pixel(img, 940+150, 200+70), "hidden")
	requireColor(t, gray, pixel(img, 940+200, 200+70), "hidden, beside the image")
}

// text/html and text/plain with the font properties.
func TestLayoutText(t *testing.T) {
	h := newHarness(t, dirFS("testdata/layout"), "text.ncl")
	golden.Check(t, "layout-text", h.frame())
}

// Focus borders outside (positive width) and inside (negative), the
// selection border while ENTER is held, moveLeft and moveRight.
func TestLayoutFocus(t *testing.T) {
	h := newHarness(t, dirFS("testdata/layout"), "focus.ncl")
	navy := color.RGBA{0, 0, 128, 255}
	require.Equal(t, "b1", h.focused())
	img := h.frame()
	golden.Check(t, "focus-outside", img)
	requireColor(t, color.RGBA{0, 255, 0, 255}, pixel(img, 95, 350), "lime outside b1")
	requireColor(t, navy, pixel(img, 103, 350), "b1's own pixels are not covered")
	require.Equal(t, "1", h.setting("service.currentFocus"), "with no settings node too")

	h.key("CURSOR_RIGHT")
	require.Equal(t, "b2", h.focused())
	require.Equal(t, "2", h.setting("service.currentFocus"))
	img = h.frame()
	requireColor(t, color.RGBA{30, 30, 30, 255}, pixel(img, 95, 350), "b1 lost its border")
	requireColor(t, color.RGBA{255, 255, 0, 255}, pixel(img, 494, 350), "yellow inside b2")
	requireColor(t, color.RGBA{30, 30, 30, 255}, pixel(img, 486, 350), "nothing outside b2")

	// ENTER held: the selection border; released: the focus border again.
	require.NoError(t, h.p.Send(nclua.KeyEvent("press", "ENTER")))
	h.sync()
	require.Equal(t, "occurring", h.state("info", ""), "onSelection on the press")
	img = h.frame()
	golden.Check(t, "focus-selected", img)
	requireColor(t, color.RGBA{255, 0, 0, 255}, pixel(img, 494, 350), "selBorderColor while held")
	require.NoError(t, h.p.Send(nclua.KeyEvent("release", "ENTER")))
	h.sync()
	require.Equal(t, "sleeping", h.state("info", ""), "onEndSelection on the release")
	requireColor(t, color.RGBA{255, 255, 0, 255}, pixel(h.frame(), 494, 350), "focus border again")

	h.key("CURSOR_RIGHT")
	require.Equal(t, "b3", h.focused())
	requireColor(t, color.RGBA{255, 255, 255, 255}, pixel(h.frame(), 881, 350), "the default: white, 3 inside")
	h.key("CURSOR_RIGHT")
	require.Equal(t, "b1", h.focused())
	h.key("CURSOR_LEFT")
	require.Equal(t, "b3", h.focused())
	h.key("CURSOR_LEFT")
	require.Equal(t, "b2", h.focused())
	h.key("CURSOR_UP")
	require.Equal(t, "b2", h.focused(), "no moveUp")
	require.Equal(t, []string{"press CURSOR_UP", "release CURSOR_UP"}, h.unconsumedKeys())
}
