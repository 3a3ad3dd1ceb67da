package app

import (
	"time"

	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/hardware"
)

// keysApp reports every key it sees and consumes all but the channel and
// volume keys.
const keysApp = `
event.register(function(e)
	event.post('out', {class='user', msg=e.type .. ' ' .. e.key})
	if e.key:find('^CHANNEL_') or e.key:find('^VOLUME_') then return false end
	return true
end, 'key')`

// startFolderApp adds an app from files and starts it.
func startFolderApp(t *testing.T, h *harness, id ID, files map[string]string) {
	t.Helper()
	require.NoError(t, h.m.Add(Spec{ID: id, Name: id.String(), FS: mapFS(files), Autostart: true}))
	h.sync()
	require.Equal(t, StateRunning, h.state(id))
}

func TestKeysReachFocusedAppAndUnconsumedReachTheBox(t *testing.T) {
	h := newHarness(t, Options{})
	id := appID(1)
	startFolderApp(t, h, id, map[string]string{"main.lua": keysApp})

	h.press(hardware.KeyRed)
	require.Equal(t, []string{"press RED", "release RED"}, h.said(id))
	require.Empty(t, h.boxKeys())

	h.press(hardware.KeyChannelUp)
	require.Equal(t, []string{"press RED", "release RED", "press CHANNEL_UP", "release CHANNEL_UP"}, h.said(id))
	require.Equal(t, []string{"press CHANNEL_UP", "release CHANNEL_UP"}, h.boxKeys())

	// A repeat, then the release, sent before the app has seen anything.
	h.m.Key(hardware.KeyEvent{Key: hardware.KeyVolumeUp, Pressed: true})
	h.m.Key(hardware.KeyEvent{Key: hardware.KeyVolumeUp, Pressed: true, Repeat: true})
	h.m.Key(hardware.KeyEvent{Key: hardware.KeyVolumeUp})
	h.sync()
	require.Equal(t, []string{"press CHANNEL_UP", "release CHANNEL_UP",
		"press VOLUME_UP", "repeat VOLUME_UP", "release VOLUME_UP"}, h.boxKeys())
}

func TestKeysWithoutAppGoToTheBox(t *testing.T) {
	h := newHarness(t, Options{})
	h.press(hardware.KeyEnter)
	h.press(hardware.KeyChannelDown)
	require.Equal(t, []string{"press ENTER", "release ENTER", "press CHANNEL_DOWN", "release CHANNEL_DOWN"},
		h.boxKeys())
}

func TestKeyHandlersRegisteredLaterStayBeforeTheHook(t *testing.T) {
	h := newHarness(t, Options{})
	id := appID(1)
	startFolderApp(t, h, id, map[string]string{"main.lua": `
		-- a handler that consumes nothing, then one registered later (at the
		-- end, and at position 1) that consumes GREEN and BLUE.
		event.register(function(e) event.post('out', {class='user', msg='saw ' .. e.key}) end, 'key')
		event.timer(10, function()
			event.register(function(e) return e.key == 'GREEN' end, 'key')
			event.register(1, function(e) return e.key == 'BLUE' end, 'key')
		end)`})
	h.advance(10 * time.Millisecond)
	h.press(hardware.KeyGreen)
	h.press(hardware.KeyBlue)
	h.press(hardware.KeyYellow)
	require.Equal(t, []string{"saw GREEN", "saw GREEN", "saw YELLOW", "saw YELLOW"}, h.said(id))
	require.Equal(t, []string{"press YELLOW", "release YELLOW"}, h.boxKeys())
}

func TestAppCannotForgeBoxKeys(t *testing.T) {
	h := newHarness(t, Options{})
	id := appID(1)
	startFolderApp(t, h, id, map[string]string{"main.lua": `
		event.post('in', {class='key', type='press', key='CHANNEL_UP'})
		event.post('in', {class='key', type='release', key='CHANNEL_UP'})`})
	require.Empty(t, h.boxKeys())
}

func TestKeyPairsStayWithTheBox(t *testing.T) {
	h := newHarness(t, Options{})
	// Pressed before any app runs: the release goes to the box too.
	h.m.Key(hardware.KeyEvent{Key: hardware.KeyChannelUp, Pressed: true})
	h.sync()
	id := appID(1)
	startFolderApp(t, h, id, map[string]string{"main.lua": keysApp})
	h.m.Key(hardware.KeyEvent{Key: hardware.KeyChannelUp})
	h.sync()
	require.Equal(t, []string{"press CHANNEL_UP", "release CHANNEL_UP"}, h.boxKeys())
	require.Empty(t, h.said(id))

	// A press the app consumed: its release never reaches the box.
	h.m.Key(hardware.KeyEvent{Key: hardware.KeyRed, Pressed: true})
	h.sync()
	require.NoError(t, h.m.Stop(id))
	h.sync()
	h.m.Key(hardware.KeyEvent{Key: hardware.KeyRed})
	h.sync()
	require.Equal(t, []string{"press CHANNEL_UP", "release CHANNEL_UP"}, h.boxKeys())

	// With the app stopped, keys go to the box.
	h.press(hardware.KeyRed)
	require.Equal(t, []string{"press CHANNEL_UP", "release CHANNEL_UP", "press RED", "release RED"}, h.boxKeys())
}

func TestFocusMovesKeys(t *testing.T) {
	h := newHarness(t, Options{})
	a, b := appID(1), appID(2)
	startFolderApp(t, h, a, map[string]string{"main.lua": keysApp})
	startFolderApp(t, h, b, map[string]string{"main.lua": keysApp})
	require.True(t, h.info(b).Focused, "the last started app has the focus")
	require.False(t, h.info(a).Focused)
	h.press(hardware.Key1)
	require.NoError(t, h.m.Focus(a))
	h.sync()
	require.True(t, h.info(a).Focused)
	h.press(hardware.Key2)
	require.Equal(t, []string{"press 2", "release 2"}, h.said(a))
	require.Equal(t, []string{"press 1", "release 1"}, h.said(b))

	// When the focused app stops, the focus goes back to the other one.
	require.NoError(t, h.m.Stop(a))
	h.sync()
	require.True(t, h.info(b).Focused)
	ev, ok := h.lastEvent(b, EventFocus)
	require.True(t, ok)
	require.True(t, ev.App.Focused)
}

// A release that reaches the manager after the app passed the press on, but before it
// answered for a repeat, must not overtake the repeat on its way to the box.
func TestKeyReleaseDoesNotOvertakeARepeat(t *testing.T) {
	h := newHarness(t, Options{})
	id := appID(1)
	startFolderApp(t, h, id, map[string]string{"main.lua": keysApp})
	h.m.Key(hardware.KeyEvent{Key: hardware.KeyVolumeUp, Pressed: true})
	h.sync() // the app passed the press on: the box holds VOLUME_UP
	h.m.Key(hardware.KeyEvent{Key: hardware.KeyVolumeUp, Pressed: true, Repeat: true})
	h.m.Key(hardware.KeyEvent{Key: hardware.KeyVolumeUp})
	h.sync()
	require.Equal(t, []string{"press VOLUME_UP", "repeat VOLUME_UP", "release VOLUME_UP"}, h.boxKeys())
}
