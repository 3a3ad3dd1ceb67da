package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/emulator"
	"github.com/antena-tv/antena/hardware/sdl"
)

// F12 toggles the debug overlay, Ctrl+S writes antena-YYYYMMDD-HHMMSS.png and logs its
// path; other hotkeys do nothing.
func TestEmuHotkeys(t *testing.T) {
	m, err := emulator.New(emulator.Options{})
	require.NoError(t, err)
	defer m.Close()
	require.NoError(t, m.Step(emulator.Tick))
	var log bytes.Buffer
	dir := t.TempDir()
	at := time.Date(2025, 3, 4, 5, 6, 7, 0, time.Local)
	h := &emuHotkeys{m: m, dir: dir, out: &log}

	h.do(sdl.Hotkey{Input: "F12"}, at)
	require.True(t, m.Debug())
	h.do(sdl.Hotkey{Input: "F12"}, at)
	require.False(t, m.Debug())

	h.do(sdl.Hotkey{Input: "S", Ctrl: true}, at)
	want := filepath.Join(dir, "antena-20250304-050607.png")
	_, err = os.Stat(want)
	require.NoError(t, err)
	h.do(sdl.Hotkey{Input: "S"}, at) // not a hotkey of the emulator
	require.Equal(t, "debug overlay: on\ndebug overlay: off\nscreenshot: "+want+"\n", log.String())
}

// F5 fires the --event values in turn ("test" without any), F6 starts and ends a test
// warning, F7 cuts and restores the network, F8 cycles the language.
func TestEmuActionHotkeys(t *testing.T) {
	m, err := emulator.New(emulator.Options{})
	require.NoError(t, err)
	defer m.Close()
	require.NoError(t, m.Load("../../emulator/testdata/app"))
	require.NoError(t, m.Step(emulator.Tick))
	var log bytes.Buffer
	h := &emuHotkeys{m: m, dir: t.TempDir(), out: &log}
	h.do(emulator.EventKey, time.Time{})
	h.events = []timed{{name: "a", data: "1"}, {name: "b"}}
	for range 3 {
		h.do(emulator.EventKey, time.Time{})
	}
	h.do(emulator.WarningKey, time.Time{})
	require.True(t, m.Warning())
	h.do(emulator.WarningKey, time.Time{})
	require.False(t, m.Warning())
	h.do(emulator.NetworkKey, time.Time{})
	require.True(t, m.Offline())
	h.do(emulator.NetworkKey, time.Time{})
	require.False(t, m.Offline())
	for range 3 {
		h.do(emulator.LanguageKey, time.Time{})
	}
	require.Equal(t, "pt", m.Language())
	require.Equal(t, `stream event: test ""
stream event: a "1"
stream event: b ""
stream event: a "1"
test warning: on
test warning: off
network: offline
network: online
settings.system.language: es
settings.system.language: en
settings.system.language: pt
`, log.String())
}

func TestKeyList(t *testing.T) {
	l := keyList()
	require.Contains(t, l, "Return=ENTER")
	require.Contains(t, l, "F1=RED")
}
