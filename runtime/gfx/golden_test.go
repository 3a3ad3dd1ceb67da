package gfx

import (
	"fmt"
	"image"
	"image/color"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/golden"
)

// checkGolden compares img with testdata/golden/<name>.png (go test -update rewrites it).
func checkGolden(t *testing.T, name string, img *image.RGBA) { golden.Check(t, name, img) }

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
