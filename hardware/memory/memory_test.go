package memory

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/hardware"
)

func TestDisplayKeepsFrame(t *testing.T) {
	d := NewDisplay(8, 6)
	w, h := d.Size()
	require.Equal(t, [2]int{8, 6}, [2]int{w, h})
	f := image.NewRGBA(image.Rect(0, 0, 8, 6))
	for i := range f.Pix {
		f.Pix[i] = 255
	}
	require.NoError(t, d.Present(f, nil))
	require.Equal(t, 1, d.Frames())
	require.Equal(t, []image.Rectangle{image.Rect(0, 0, 8, 6)}, d.LastDirty())
	// Only the dirty rectangles are taken.
	f.SetRGBA(1, 1, color.RGBA{255, 0, 0, 255})
	f.SetRGBA(6, 4, color.RGBA{0, 255, 0, 255})
	require.NoError(t, d.Present(f, []image.Rectangle{image.Rect(0, 0, 3, 3)}))
	got := d.Frame()
	require.Equal(t, color.RGBA{255, 0, 0, 255}, got.RGBAAt(1, 1))
	require.Equal(t, color.RGBA{255, 255, 255, 255}, got.RGBAAt(6, 4))
	// The copy is ours: changing the caller's frame changes nothing.
	f.SetRGBA(1, 1, color.RGBA{})
	require.Equal(t, color.RGBA{255, 0, 0, 255}, d.Frame().RGBAAt(1, 1))
	require.Equal(t, 2, d.Frames())

	require.ErrorIs(t, d.Present(image.NewRGBA(image.Rect(0, 0, 4, 4)), nil), hardware.ErrFrameSize)

	var buf bytes.Buffer
	require.NoError(t, d.WriteScreenshot(&buf))
	m, err := png.Decode(&buf)
	require.NoError(t, err)
	require.Equal(t, image.Rect(0, 0, 8, 6), m.Bounds())
	path := filepath.Join(t.TempDir(), "shot.png")
	require.NoError(t, d.SaveScreenshot(path))

	require.NoError(t, d.Close())
	require.ErrorIs(t, d.Present(f, nil), hardware.ErrClosed)
}

func TestDisplayOffsetFrame(t *testing.T) {
	d := NewDisplay(2, 2)
	big := image.NewRGBA(image.Rect(0, 0, 4, 4))
	big.SetRGBA(2, 2, color.RGBA{9, 9, 9, 255})
	sub := big.SubImage(image.Rect(2, 2, 4, 4)).(*image.RGBA)
	require.NoError(t, d.Present(sub, nil))
	require.Equal(t, color.RGBA{9, 9, 9, 255}, d.Frame().RGBAAt(0, 0))
}

func fixedClock() func() time.Time {
	t := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Millisecond); return t }
}

func TestInputScript(t *testing.T) {
	in := NewInput(fixedClock())
	require.NoError(t, in.Script("CURSOR_DOWN*2, enter +RED ~RED -RED 5"))
	require.Equal(t, 11, in.Pending())
	var got []string
	var last time.Time
	for range 10 {
		ev := <-in.Events()
		got = append(got, ev.String())
		require.True(t, ev.Time.After(last))
		last = ev.Time
	}
	require.Equal(t, []string{
		"press CURSOR_DOWN", "release CURSOR_DOWN", "press CURSOR_DOWN", "release CURSOR_DOWN",
		"press ENTER", "release ENTER", "press RED", "repeat RED", "release RED", "press 5",
	}, got)
	require.Equal(t, "release 5", (<-in.Events()).String())
	require.NoError(t, in.Close())
	_, ok := <-in.Events()
	require.False(t, ok, "closed")
	require.ErrorIs(t, in.Press(hardware.KeyRed), hardware.ErrClosed)
	require.NoError(t, in.Close())
}

func TestInputScriptErrors(t *testing.T) {
	in := NewInput(nil)
	defer in.Close()
	for _, bad := range []string{"F1", "ENTER*0", "ENTER*x", "RED*1001", "+", "ENTER RED BLUEISH"} {
		require.ErrorIs(t, in.Script(bad), hardware.ErrUnknownKey, bad)
	}
	require.Zero(t, in.Pending(), "nothing queued from a bad script")
	evs, err := ParseScript("")
	require.NoError(t, err)
	require.Empty(t, evs)
}

func TestInputSelectLoop(t *testing.T) {
	in := NewInput(nil)
	require.NoError(t, in.Press(hardware.KeyBlue, hardware.Key0))
	require.NoError(t, in.Send(hardware.KeyEvent{Key: hardware.KeyExit, Pressed: true}))
	var keys []hardware.Key
	timeout := time.After(5 * time.Second)
	for len(keys) < 5 {
		select {
		case ev := <-in.Events():
			keys = append(keys, ev.Key)
		case <-timeout:
			t.Fatal("events not delivered")
		}
	}
	want := []hardware.Key{hardware.KeyBlue, hardware.KeyBlue, hardware.Key0, hardware.Key0, hardware.KeyExit}
	require.Equal(t, want, keys)
	require.NoError(t, in.Close())
}
