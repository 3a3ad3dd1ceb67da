// Package golden compares rendered frames with the golden PNGs kept in a package's
// testdata/golden folder, with a small tolerance, and rewrites them only when the test runs
// with -update: a regenerated golden is always a deliberate act.
package golden

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// Update rewrites the goldens instead of comparing (go test ./pkg -update).
var Update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/golden")

// Tolerance: a channel may differ by Delta, and at most Share of the pixels may differ by
// more.
const (
	Delta = 2
	Share = 0.001
)

// Check compares img with testdata/golden/<name>.png, or writes it with -update. On a
// mismatch the frame that was got is written to a temporary file named in the failure.
func Check(t testing.TB, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".png")
	if *Update {
		if err := writePNG(path, img); err != nil {
			t.Fatalf("golden: %v", err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run the package's tests with -update to create it)", name, err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatalf("golden %s: %v", name, err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("golden %s: size %v, got %v", name, want.Bounds(), img.Bounds())
	}
	bad, worst, at := 0, 0, image.Point{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := color.RGBAModel.Convert(want.At(x, y)).(color.RGBA)
			h := img.RGBAAt(x, y)
			d := max(absDiff(g.R, h.R), absDiff(g.G, h.G), absDiff(g.B, h.B), absDiff(g.A, h.A))
			if d > Delta {
				bad++
				if d > worst {
					worst, at = d, image.Pt(x, y)
				}
			}
		}
	}
	if share := float64(bad) / float64(b.Dx()*b.Dy()); share > Share {
		got := filepath.Join(t.TempDir(), name+".png")
		_ = writePNG(got, img)
		t.Errorf("golden %s: %d pixels (%.3f%%) differ by more than %d, worst %d at %v; got written to %s",
			name, bad, share*100, Delta, worst, at, got)
	}
}

func writePNG(path string, img image.Image) error {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
