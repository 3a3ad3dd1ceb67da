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

	emuHotkey(m, sdl.Hotkey{Input: "F12"}, dir, at, &log)
	require.True(t, m.Debug())
	emuHotkey(m, sdl.Hotkey{Input: "F12"}, dir, at, &log)
	require.False(t, m.Debug())

	emuHotkey(m, sdl.Hotkey{Input: "S", Ctrl: true}, dir, at, &log)
	want := filepath.Join(dir, "antena-20250304-050607.png")
	_, err = os.Stat(want)
	require.NoError(t, err)
	emuHotkey(m, sdl.Hotkey{Input: "S"}, dir, at, &log) // not a hotkey of the emulator
	require.Equal(t, "debug overlay: on\ndebug overlay: off\nscreenshot: "+want+"\n", log.String())
}

func TestKeyList(t *testing.T) {
	l := keyList()
	require.Contains(t, l, "Return=ENTER")
	require.Contains(t, l, "F1=RED")
}
