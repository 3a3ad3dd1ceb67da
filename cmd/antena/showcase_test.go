package main

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// The sample broadcast of `make run`, end to end: the showcase app is muxed into a stream,
// its carousel is read back as a receiver would, and the app from the carousel runs and
// answers keys.
func TestShowcaseFromBroadcast(t *testing.T) {
	dir := t.TempDir()
	ts := filepath.Join(dir, "sample.ts")
	code, _, stderr := run(t, "mux", "--app", "../../apps/showcase", "--cycles", "2", "-o", ts)
	require.Equal(t, 0, code, stderr)
	out := filepath.Join(dir, "carousel")
	code, _, stderr = run(t, "carousel", "extract", ts, out)
	require.Equal(t, 0, code, stderr)
	src, err := os.ReadFile("../../apps/showcase/main.lua")
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(out, "main.lua"))
	require.NoError(t, err)
	require.Equal(t, src, got)

	shot := filepath.Join(dir, "shot.png")
	code, _, stderr = run(t, "lua", "--keys", "CURSOR_DOWN ENTER", "--screenshot", shot, filepath.Join(out, "main.lua"))
	require.Equal(t, 0, code, stderr)
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	require.Equal(t, 1280, img.Bounds().Dx())
	// The second item has the focus (yellow) and the detail panel is open on the right.
	r, g, b, _ := img.At(90, 340).RGBA()
	require.Equal(t, [3]uint32{255, 204, 0}, [3]uint32{r >> 8, g >> 8, b >> 8}, "focus on the second item")
	r, g, b, _ = img.At(900, 240).RGBA()
	require.Equal(t, [3]uint32{28, 56, 104}, [3]uint32{r >> 8, g >> 8, b >> 8}, "the detail panel is open")
}
