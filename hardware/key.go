package hardware

import (
	"fmt"
	"strconv"
	"strings"
)

// Key is a remote-control key. Its String is the NCLua key name.
type Key uint8

// Keys. KeyNone is the zero value, not a key.
const (
	KeyNone Key = iota
	Key0
	Key1
	Key2
	Key3
	Key4
	Key5
	Key6
	Key7
	Key8
	Key9
	KeyCursorUp
	KeyCursorDown
	KeyCursorLeft
	KeyCursorRight
	KeyEnter
	KeyRed
	KeyGreen
	KeyYellow
	KeyBlue
	KeyBack
	KeyExit
	KeyMenu
	KeyInfo
	KeyEPG
	KeyChannelUp
	KeyChannelDown
	KeyVolumeUp
	KeyVolumeDown
	KeyMute
	KeyPlay
	KeyPause
	KeyStop
	KeyRewind
	KeyForward
	KeyAsterisk
	KeyNumberSign
	keyCount
)

// keyNames are the NCLua names, by Key.
var keyNames = [keyCount]string{
	KeyNone: "NONE",
	Key0:    "0", Key1: "1", Key2: "2", Key3: "3", Key4: "4",
	Key5: "5", Key6: "6", Key7: "7", Key8: "8", Key9: "9",
	KeyCursorUp:    "CURSOR_UP",
	KeyCursorDown:  "CURSOR_DOWN",
	KeyCursorLeft:  "CURSOR_LEFT",
	KeyCursorRight: "CURSOR_RIGHT",
	KeyEnter:       "ENTER",
	KeyRed:         "RED",
	KeyGreen:       "GREEN",
	KeyYellow:      "YELLOW",
	KeyBlue:        "BLUE",
	KeyBack:        "BACK",
	KeyExit:        "EXIT",
	KeyMenu:        "MENU",
	KeyInfo:        "INFO",
	KeyEPG:         "EPG",
	KeyChannelUp:   "CHANNEL_UP",
	KeyChannelDown: "CHANNEL_DOWN",
	KeyVolumeUp:    "VOLUME_UP",
	KeyVolumeDown:  "VOLUME_DOWN",
	KeyMute:        "MUTE",
	KeyPlay:        "PLAY",
	KeyPause:       "PAUSE",
	KeyStop:        "STOP",
	KeyRewind:      "REWIND",
	KeyForward:     "FORWARD",
	KeyAsterisk:    "ASTERISK",
	KeyNumberSign:  "NUMBER_SIGN",
}

var keysByName = func() map[string]Key {
	m := make(map[string]Key, keyCount)
	for k := Key0; k < keyCount; k++ {
		m[keyNames[k]] = k
	}
	return m
}()

// String returns the NCLua name of the key ("ENTER", "0", "CURSOR_UP"), or
// "NONE", or "Key(n)" for a value that is not a key.
func (k Key) String() string {
	if k < keyCount {
		return keyNames[k]
	}
	return "Key(" + strconv.Itoa(int(k)) + ")"
}

// Valid reports whether k is a key (not KeyNone, not out of range).
func (k Key) Valid() bool { return k > KeyNone && k < keyCount }

// ParseKey returns the key with the given NCLua name; case is ignored.
func ParseKey(name string) (Key, error) {
	if k, ok := keysByName[strings.ToUpper(name)]; ok {
		return k, nil
	}
	return KeyNone, fmt.Errorf("%w: %q", ErrUnknownKey, name)
}

// Keys returns every key, in declaration order.
func Keys() []Key {
	ks := make([]Key, 0, keyCount-1)
	for k := Key0; k < keyCount; k++ {
		ks = append(ks, k)
	}
	return ks
}
