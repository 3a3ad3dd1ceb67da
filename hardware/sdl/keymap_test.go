package sdl

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/hardware"
)

// TestKeyboardCoversRemote: every key the brief asks for has a keyboard
// binding, and no input is bound twice.
func TestKeyboardCoversRemote(t *testing.T) {
	bound := map[hardware.Key]bool{}
	seen := map[Binding]bool{}
	inputs := map[[2]any]bool{}
	for _, b := range Keyboard {
		require.True(t, b.Key.Valid(), b.Input)
		require.False(t, seen[b], "duplicate %v", b)
		seen[b] = true
		k := [2]any{b.Input, b.Shift}
		require.False(t, inputs[k], "input %q bound twice", b.Input)
		inputs[k] = true
		bound[b.Key] = true
	}
	for _, k := range []hardware.Key{
		hardware.KeyCursorUp, hardware.KeyCursorDown, hardware.KeyCursorLeft, hardware.KeyCursorRight,
		hardware.KeyEnter, hardware.KeyRed, hardware.KeyGreen, hardware.KeyYellow, hardware.KeyBlue,
		hardware.KeyBack, hardware.KeyExit, hardware.KeyInfo, hardware.KeyMenu, hardware.KeyEPG,
		hardware.KeyChannelUp, hardware.KeyChannelDown, hardware.KeyVolumeUp, hardware.KeyVolumeDown,
		hardware.KeyAsterisk, hardware.KeyNumberSign,
		hardware.Key0, hardware.Key1, hardware.Key2, hardware.Key3, hardware.Key4,
		hardware.Key5, hardware.Key6, hardware.Key7, hardware.Key8, hardware.Key9,
	} {
		require.True(t, bound[k], k.String())
	}
	for _, b := range Gamepad {
		require.True(t, b.Key.Valid(), b.Input)
	}
}
