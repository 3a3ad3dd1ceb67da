package linux

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/hardware"
)

func TestDefaultKeyMap(t *testing.T) {
	m := DefaultKeyMap()
	for name, want := range map[string]hardware.Key{
		"KEY_UP": hardware.KeyCursorUp, "KEY_DOWN": hardware.KeyCursorDown, "KEY_LEFT": hardware.KeyCursorLeft,
		"KEY_RIGHT": hardware.KeyCursorRight, "KEY_OK": hardware.KeyEnter, "KEY_ENTER": hardware.KeyEnter,
		"KEY_RED": hardware.KeyRed, "KEY_GREEN": hardware.KeyGreen, "KEY_YELLOW": hardware.KeyYellow,
		"KEY_BLUE": hardware.KeyBlue, "KEY_BACK": hardware.KeyBack, "KEY_EXIT": hardware.KeyExit,
		"KEY_0": hardware.Key0, "KEY_9": hardware.Key9, "KEY_NUMERIC_0": hardware.Key0, "KEY_NUMERIC_7": hardware.Key7,
		"KEY_MENU": hardware.KeyMenu, "KEY_INFO": hardware.KeyInfo, "KEY_EPG": hardware.KeyEPG,
		"KEY_CHANNELUP": hardware.KeyChannelUp, "KEY_CHANNELDOWN": hardware.KeyChannelDown,
		"KEY_VOLUMEUP": hardware.KeyVolumeUp, "KEY_VOLUMEDOWN": hardware.KeyVolumeDown, "KEY_MUTE": hardware.KeyMute,
		"KEY_PLAY": hardware.KeyPlay, "KEY_PAUSE": hardware.KeyPause, "KEY_STOP": hardware.KeyStop,
		"KEY_REWIND": hardware.KeyRewind, "KEY_FASTFORWARD": hardware.KeyForward,
		"KEY_NUMERIC_STAR": hardware.KeyAsterisk, "KEY_NUMERIC_POUND": hardware.KeyNumberSign,
	} {
		c, ok := KeyCode(name)
		require.True(t, ok, name)
		require.Equal(t, want, m[c], name)
	}
	// The kernel's numbers (include/uapi/linux/input-event-codes.h).
	for name, code := range map[string]uint16{"KEY_OK": 0x160, "KEY_RED": 0x18E, "KEY_NUMERIC_0": 0x200,
		"KEY_BACK": 158, "KEY_EXIT": 174, "KEY_1": 2, "KEY_0": 11, "KEY_EPG": 0x16D} {
		c, _ := KeyCode(name)
		require.Equal(t, code, c, name)
	}
	bound := map[hardware.Key]bool{}
	for _, k := range m {
		bound[k] = true
	}
	for _, k := range hardware.Keys() {
		require.True(t, bound[k], "no default for %v", k)
	}
}

func TestParseKeyMap(t *testing.T) {
	m, err := ParseKeyMap(strings.NewReader(`
# a vendor remote
KEY_HOME = MENU      # the house key
  key_ok=enter
0x1a0 = RED
KEY_ESC = NONE
`))
	require.NoError(t, err)
	home, _ := KeyCode("KEY_HOME")
	require.Equal(t, hardware.KeyMenu, m[home])
	require.Equal(t, hardware.KeyRed, m[0x1A0])
	esc, _ := KeyCode("KEY_ESC")
	require.NotContains(t, m, esc)
	up, _ := KeyCode("KEY_UP")
	require.Equal(t, hardware.KeyCursorUp, m[up], "defaults kept")

	m, err = ParseKeyMap(strings.NewReader("clear\nKEY_SELECT = ENTER\n"))
	require.NoError(t, err)
	require.Len(t, m, 1)

	for _, bad := range []string{"KEY_OK ENTER", "KEY_NOPE = ENTER", "KEY_OK = HOME", "70000 = RED"} {
		_, err := ParseKeyMap(strings.NewReader("\n" + bad))
		require.ErrorIs(t, err, ErrKeyMap, bad)
		require.Contains(t, err.Error(), "line 2", bad)
	}
}

func TestKeyMapStringRoundTrip(t *testing.T) {
	m := DefaultKeyMap()
	m[0x2FE] = hardware.KeyBlue // a code without a name
	back, err := ParseKeyMap(strings.NewReader(m.String()))
	require.NoError(t, err)
	require.Equal(t, m, back)
	require.Contains(t, m.String(), "KEY_OK = ENTER\n")
}

func FuzzParseKeyMap(f *testing.F) {
	f.Add("KEY_OK = ENTER\n0x1a0 = RED # x\nclear\nKEY_ESC = NONE")
	f.Add(DefaultKeyMap().String())
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseKeyMap(strings.NewReader(s))
		if err != nil {
			return
		}
		back, err := ParseKeyMap(strings.NewReader(m.String()))
		require.NoError(t, err)
		require.Equal(t, m, back)
	})
}
