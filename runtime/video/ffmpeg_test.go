package video

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/runtime/gfx"
)

var _ gfx.VideoSource = (*Decoder)(nil)

func TestUnavailable(t *testing.T) {
	_, err := Start(context.Background(), Options{Input: "x.ts", FFmpeg: "/nonexistent/ffmpeg"})
	require.ErrorIs(t, err, ErrUnavailable)
}

// testStream makes a short H.264 transport stream with ffmpeg's test source: the left half
// of each frame is red, the right half blue.
func testStream(t *testing.T) string {
	t.Helper()
	if !Available("") {
		t.Skip("ffmpeg is not installed: video decoding test skipped")
	}
	p := filepath.Join(t.TempDir(), "v.ts")
	cmd := exec.Command("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
		"-i", "color=c=red:s=320x180:d=1:r=25[a];color=c=blue:s=320x180:d=1:r=25[b];[a][b]hstack",
		"-c:v", "libx264", "-pix_fmt", "yuv420p", "-f", "mpegts", p)
	out, err := cmd.CombinedOutput()
	if err != nil {
		// libx264 may be missing from a minimal build: fall back to MPEG-2
		cmd = exec.Command("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
			"-i", "color=c=red:s=320x180:d=1:r=25[a];color=c=blue:s=320x180:d=1:r=25[b];[a][b]hstack",
			"-c:v", "mpeg2video", "-f", "mpegts", p)
		out, err = cmd.CombinedOutput()
	}
	require.NoError(t, err, string(out))
	return p
}

func waitFrames(t *testing.T, d *Decoder, n uint64) {
	t.Helper()
	// Bounded by ffmpeg finishing its one-second input; no wall-clock assertion.
	select {
	case <-d.Done():
	case <-time.After(60 * time.Second):
		t.Fatal("ffmpeg did not finish a one-second clip in 60 s")
	}
	require.GreaterOrEqual(t, d.Frames(), n)
}

func TestDecodesFrames(t *testing.T) {
	p := testStream(t)
	d, err := Start(context.Background(), Options{Input: p, Width: 160, Height: 90})
	require.NoError(t, err)
	defer d.Close()
	waitFrames(t, d, 10)
	require.ErrorIs(t, d.Err(), errEOF())
	img, seq := d.Frame()
	require.NotNil(t, img)
	require.Equal(t, uint64(1), seq)
	require.Equal(t, 160, img.Bounds().Dx())
	left, right := img.RGBAAt(20, 45), img.RGBAAt(140, 45)
	require.Greater(t, int(left.R), 200, "left half red: %v", left)
	require.Less(t, int(left.B), 60)
	require.Greater(t, int(right.B), 200, "right half blue: %v", right)
	// No new frame: the same picture and sequence number.
	img2, seq2 := d.Frame()
	require.Same(t, img, img2)
	require.Equal(t, seq, seq2)
}

func TestDecodesFromReader(t *testing.T) {
	p := testStream(t)
	f, err := os.Open(p)
	require.NoError(t, err)
	defer f.Close()
	d, err := Start(context.Background(), Options{Reader: f, Width: 64, Height: 36})
	require.NoError(t, err)
	defer d.Close()
	waitFrames(t, d, 10)
}

func TestBadInputReportsError(t *testing.T) {
	if !Available("") {
		t.Skip("ffmpeg is not installed")
	}
	p := filepath.Join(t.TempDir(), "junk.ts")
	require.NoError(t, os.WriteFile(p, []byte("not a stream"), 0o644))
	d, err := Start(context.Background(), Options{Input: p, Width: 64, Height: 36})
	require.NoError(t, err)
	<-d.Done()
	require.Error(t, d.Err())
	require.False(t, errors.Is(d.Err(), errEOF()))
	img, _ := d.Frame()
	require.Nil(t, img)
}

func errEOF() error { return io.EOF }
