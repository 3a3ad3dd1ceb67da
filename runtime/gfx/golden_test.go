package gfx

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/golden")

// Golden comparison tolerance: a channel may differ by goldenDelta, and at
// most goldenShare of the pixels may differ by more.
const (
	goldenDelta = 2
	goldenShare = 0.001
)

// checkGolden compares img with testdata/golden/<name>.png, or writes it
// with -update.
func checkGolden(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".png")
	if *update {
		var buf bytes.Buffer
		require.NoError(t, png.Encode(&buf, img))
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		return
	}
	f, err := os.Open(path)
	require.NoError(t, err, "missing golden; run go test ./runtime/gfx -update")
	defer f.Close()
	want, err := png.Decode(f)
	require.NoError(t, err)
	require.Equal(t, want.Bounds(), img.Bounds(), "%s: size", name)
	bad, worst, at := 0, 0, image.Point{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := color.RGBAModel.Convert(want.At(x, y)).(color.RGBA)
			h := img.RGBAAt(x, y)
			d := max(absDiff(g.R, h.R), absDiff(g.G, h.G), absDiff(g.B, h.B), absDiff(g.A, h.A))
			if d > goldenDelta {
				bad++
				if d > worst {
					worst, at = d, image.Pt(x, y)
				}
			}
		}
	}
	if share := float64(bad) / float64(b.Dx()*b.Dy()); share > goldenShare {
		got := filepath.Join(t.TempDir(), name+".png")
		var buf bytes.Buffer
		_ = png.Encode(&buf, img)
		_ = os.WriteFile(got, buf.Bytes(), 0o644)
		t.Errorf("%s: %d pixels (%.3f%%) differ by more than %d, worst %d at %v; got written to %s",
			name, bad, share*100, goldenDelta, worst, at, got)
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// newCanvas returns a w×h surface cleared to white, drawing in black.
func newCanvas(t testing.TB, w, h int) *Surface {
	t.Helper()
	s, err := NewSurface(w, h)
	require.NoError(t, err)
	s.SetColor(color.NRGBA{255, 255, 255, 255})
	s.ClearAll()
	s.SetColor(color.NRGBA{0, 0, 0, 255})
	s.TakeDamage()
	return s
}

func nrgba(r, g, b, a uint8) color.NRGBA { return color.NRGBA{r, g, b, a} }

// goldenCase is one golden picture: a name and what to draw.
type goldenCase struct {
	name string
	w, h int
	draw func(s *Surface)
}

func runGolden(t *testing.T, cases []goldenCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, h := c.w, c.h
			if w == 0 {
				w, h = 96, 72
			}
			s := newCanvas(t, w, h)
			c.draw(s)
			checkGolden(t, c.name, s.Image())
		})
	}
}

func TestGoldenNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, set := range [][]goldenCase{shapeCases, textCases, composeCases} {
		for _, c := range set {
			require.False(t, seen[c.name], fmt.Sprintf("duplicate golden %s", c.name))
			seen[c.name] = true
		}
	}
}
