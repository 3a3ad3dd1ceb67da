package emulator

import (
	"image"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/internal/golden"
)

// The legend has the remote's keys, each labelled with its keyboard shortcut, inside the
// legend and apart from each other; a click at a button's centre is its key.
func TestLegendLayoutAndHit(t *testing.T) {
	for _, height := range []int{720, 1080, 480} {
		l := NewLegend(height)
		require.Equal(t, LegendWidth*height/720, l.Width)
		bounds := image.Rect(0, 0, l.Width, l.Height)
		for _, k := range []hardware.Key{
			hardware.KeyCursorUp, hardware.KeyCursorDown, hardware.KeyCursorLeft, hardware.KeyCursorRight,
			hardware.KeyEnter, hardware.KeyRed, hardware.KeyGreen, hardware.KeyYellow, hardware.KeyBlue,
			hardware.KeyBack, hardware.KeyExit, hardware.KeyInfo, hardware.KeyMenu,
			hardware.KeyChannelUp, hardware.KeyChannelDown, hardware.KeyVolumeUp, hardware.KeyVolumeDown,
			hardware.Key0, hardware.Key1, hardware.Key2, hardware.Key3, hardware.Key4,
			hardware.Key5, hardware.Key6, hardware.Key7, hardware.Key8, hardware.Key9,
		} {
			_, ok := l.Button(k)
			require.True(t, ok, "no button for %v", k)
		}
		for i, b := range l.Buttons {
			require.True(t, b.Rect.In(bounds), "%v at %v", b.Key, b.Rect)
			require.False(t, b.Rect.Empty(), b.Key.String())
			require.NotEmpty(t, b.Shortcut, "%v has no shortcut", b.Key)
			c := b.Rect.Min.Add(b.Rect.Max).Div(2)
			require.Equal(t, b.Key, l.Hit(c), "centre of %v", b.Key)
			for _, o := range l.Buttons[i+1:] {
				require.False(t, b.Rect.Overlaps(o.Rect), "%v overlaps %v", b.Key, o.Key)
			}
		}
		require.Equal(t, hardware.KeyNone, l.Hit(image.Pt(1, 1)))
		require.Equal(t, hardware.KeyNone, l.Hit(image.Pt(-5, 100)))
	}
}

func TestShortcuts(t *testing.T) {
	for k, want := range map[hardware.Key]string{
		hardware.KeyEnter: "Enter", hardware.KeyRed: "F1", hardware.KeyBack: "Bksp", hardware.KeyExit: "Esc",
		hardware.KeyCursorUp: "↑", hardware.Key7: "7", hardware.KeyAsterisk: "*", hardware.KeyNumberSign: "#",
		hardware.KeyChannelUp: "PgUp", hardware.KeyVolumeUp: "+", hardware.KeyVolumeDown: "-",
		hardware.KeyInfo: "I", hardware.KeyPause: "",
	} {
		require.Equal(t, want, Shortcut(k), k.String())
	}
}

func TestLegendGolden(t *testing.T) {
	l := NewLegend(720)
	img := l.Draw()
	require.Equal(t, image.Rect(0, 0, LegendWidth, 720), img.Rect)
	golden.Check(t, "legend", img)
	// A pressed key is highlighted.
	b, _ := l.Button(hardware.KeyEnter)
	c := b.Rect.Min.Add(image.Pt(4, b.Rect.Dy()/2))
	require.NotEqual(t, img.RGBAAt(c.X, c.Y), l.Draw(hardware.KeyEnter).RGBAAt(c.X, c.Y))
}
