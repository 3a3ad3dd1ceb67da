package hardware

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestKeyNames(t *testing.T) {
	want := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
		"CURSOR_UP", "CURSOR_DOWN", "CURSOR_LEFT", "CURSOR_RIGHT", "ENTER",
		"RED", "GREEN", "YELLOW", "BLUE", "BACK", "EXIT", "MENU", "INFO", "EPG",
		"CHANNEL_UP", "CHANNEL_DOWN", "VOLUME_UP", "VOLUME_DOWN", "MUTE",
		"PLAY", "PAUSE", "STOP", "REWIND", "FORWARD", "ASTERISK", "NUMBER_SIGN"}
	var got []string
	for _, k := range Keys() {
		require.True(t, k.Valid())
		got = append(got, k.String())
		p, err := ParseKey(k.String())
		require.NoError(t, err)
		require.Equal(t, k, p)
	}
	require.Equal(t, want, got)
}

func TestParseKey(t *testing.T) {
	k, err := ParseKey("cursor_down")
	require.NoError(t, err)
	require.Equal(t, KeyCursorDown, k)
	for _, bad := range []string{"", "NONE", "F1", "Key(3)", "ENTER "} {
		_, err := ParseKey(bad)
		require.ErrorIs(t, err, ErrUnknownKey, bad)
	}
	require.Equal(t, "NONE", KeyNone.String())
	require.False(t, KeyNone.Valid())
	require.Equal(t, "Key(200)", Key(200).String())
	require.False(t, Key(200).Valid())
}

func TestKeyEventString(t *testing.T) {
	now := time.Unix(0, 0)
	require.Equal(t, "press RED", KeyEvent{Key: KeyRed, Pressed: true, Time: now}.String())
	require.Equal(t, "repeat RED", KeyEvent{Key: KeyRed, Pressed: true, Repeat: true}.String())
	require.Equal(t, "release 7", KeyEvent{Key: Key7}.String())
}
