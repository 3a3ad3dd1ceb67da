package linux

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/antena-tv/antena/hardware"
)

// KeyMap maps Linux input key codes (EV_KEY codes, as rc-core keymaps and USB
// remotes report them) to remote-control keys.
type KeyMap map[uint16]hardware.Key

// defaultKeys are the bindings of DefaultKeyMap: the codes the kernel's rc-core
// keymaps and common USB remotes give the keys of a set-top box remote, and the
// keyboard keys a developer would press.
var defaultKeys = []struct {
	names []string
	key   hardware.Key
}{
	{[]string{"UP"}, hardware.KeyCursorUp},
	{[]string{"DOWN"}, hardware.KeyCursorDown},
	{[]string{"LEFT"}, hardware.KeyCursorLeft},
	{[]string{"RIGHT"}, hardware.KeyCursorRight},
	{[]string{"OK", "ENTER", "SELECT", "KPENTER"}, hardware.KeyEnter},
	{[]string{"RED"}, hardware.KeyRed},
	{[]string{"GREEN"}, hardware.KeyGreen},
	{[]string{"YELLOW"}, hardware.KeyYellow},
	{[]string{"BLUE"}, hardware.KeyBlue},
	{[]string{"BACK", "BACKSPACE"}, hardware.KeyBack},
	{[]string{"EXIT", "ESC"}, hardware.KeyExit},
	{[]string{"MENU"}, hardware.KeyMenu},
	{[]string{"INFO"}, hardware.KeyInfo},
	{[]string{"EPG"}, hardware.KeyEPG},
	{[]string{"CHANNELUP"}, hardware.KeyChannelUp},
	{[]string{"CHANNELDOWN"}, hardware.KeyChannelDown},
	{[]string{"VOLUMEUP"}, hardware.KeyVolumeUp},
	{[]string{"VOLUMEDOWN"}, hardware.KeyVolumeDown},
	{[]string{"MUTE"}, hardware.KeyMute},
	{[]string{"PLAY"}, hardware.KeyPlay},
	{[]string{"PAUSE"}, hardware.KeyPause},
	{[]string{"STOP"}, hardware.KeyStop},
	{[]string{"REWIND"}, hardware.KeyRewind},
	{[]string{"FASTFORWARD"}, hardware.KeyForward},
	{[]string{"NUMERIC_STAR", "KPASTERISK"}, hardware.KeyAsterisk},
	{[]string{"NUMERIC_POUND"}, hardware.KeyNumberSign},
}

// DefaultKeyMap returns the default bindings: KEY_UP/DOWN/LEFT/RIGHT, KEY_OK,
// KEY_ENTER, KEY_SELECT and KEY_KPENTER (ENTER), KEY_RED/GREEN/YELLOW/BLUE, KEY_BACK and
// KEY_BACKSPACE (BACK), KEY_EXIT and KEY_ESC (EXIT), KEY_0-9, KEY_NUMERIC_0-9 and
// KEY_KP0-9 (the digits), KEY_MENU, KEY_INFO, KEY_EPG, KEY_CHANNELUP/DOWN,
// KEY_VOLUMEUP/DOWN, KEY_MUTE, KEY_PLAY, KEY_PAUSE, KEY_STOP, KEY_REWIND,
// KEY_FASTFORWARD (FORWARD), KEY_NUMERIC_STAR and KEY_KPASTERISK (ASTERISK),
// KEY_NUMERIC_POUND (NUMBER_SIGN).
func DefaultKeyMap() KeyMap {
	m := KeyMap{}
	for _, b := range defaultKeys {
		for _, n := range b.names {
			m[keyCodes[n]] = b.key
		}
	}
	for d := range 10 {
		k := hardware.Key0 + hardware.Key(d)
		s := strconv.Itoa(d)
		m[keyCodes[s]], m[keyCodes["NUMERIC_"+s]], m[keyCodes["KP"+s]] = k, k, k
	}
	return m
}

// KeyCode returns the code of a Linux key name ("KEY_OK"), or of a number ("352",
// "0x160").
func KeyCode(name string) (uint16, bool) {
	if rest, ok := strings.CutPrefix(strings.ToUpper(name), "KEY_"); ok {
		c, ok := keyCodes[rest]
		return c, ok
	}
	v, err := strconv.ParseUint(name, 0, 16)
	return uint16(v), err == nil
}

// ParseKeyMap reads a key map file over the default bindings. Each line binds a
// Linux key (a KEY_ name or a code) to an NCLua key name, or unbinds it with NONE:
//
//	# the vendor's remote
//	KEY_OK = ENTER
//	KEY_HOME = MENU
//	0x1a0 = RED
//	KEY_ESC = NONE
//
// A line "clear" drops every binding made so far, the defaults included. Blank lines
// and text after # are ignored.
func ParseKeyMap(r io.Reader) (KeyMap, error) {
	m := DefaultKeyMap()
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case strings.EqualFold(line, "clear"):
			clear(m)
			continue
		}
		left, right, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%w: line %d: %q is not KEY = NAME", ErrKeyMap, n, line)
		}
		left, right = strings.TrimSpace(left), strings.TrimSpace(right)
		code, ok := KeyCode(left)
		if !ok {
			return nil, fmt.Errorf("%w: line %d: unknown Linux key %q", ErrKeyMap, n, left)
		}
		if strings.EqualFold(right, "NONE") {
			delete(m, code)
			continue
		}
		k, err := hardware.ParseKey(right)
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrKeyMap, n, err)
		}
		m[code] = k
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKeyMap, err)
	}
	return m, nil
}

// LoadKeyMap reads a key map file (see ParseKeyMap).
func LoadKeyMap(path string) (KeyMap, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := ParseKeyMap(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// keyNames gives the KEY_ name of each code, the first in keyCodes' sorted order for
// codes with aliases.
var keyNames = func() map[uint16]string {
	names := make([]string, 0, len(keyCodes))
	for n := range keyCodes {
		names = append(names, n)
	}
	sort.Strings(names)
	m := make(map[uint16]string, len(names))
	for _, n := range names {
		if _, ok := m[keyCodes[n]]; !ok {
			m[keyCodes[n]] = "KEY_" + n
		}
	}
	return m
}()

// String writes the map in the file format, sorted by code.
func (m KeyMap) String() string {
	codes := make([]int, 0, len(m))
	for c := range m {
		codes = append(codes, int(c))
	}
	sort.Ints(codes)
	var b strings.Builder
	b.WriteString("clear\n")
	for _, c := range codes {
		name, ok := keyNames[uint16(c)]
		if !ok {
			name = fmt.Sprintf("0x%X", c)
		}
		fmt.Fprintf(&b, "%s = %s\n", name, m[uint16(c)])
	}
	return b.String()
}
