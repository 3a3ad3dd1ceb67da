package sdl

import "github.com/antena-tv/antena/hardware"

// Binding maps one desktop input to a remote-control key.
type Binding struct {
	// Input is an SDL key name as SDL_GetKeyName spells it ("Return",
	// "Keypad 5", "F1") in Keyboard, or an SDL game controller button name
	// ("a", "dpup", "leftshoulder") in Gamepad.
	Input string
	// Shift is set when the binding needs Shift held (a symbol typed with
	// Shift on US and Brazilian ABNT2 keyboards: Shift+8 is *).
	Shift bool
	Key   hardware.Key
}

// FullscreenKey toggles full screen; it is not delivered as a key.
const FullscreenKey = "F11"

// Keyboard is the desktop keyboard map. A binding with Shift wins over the
// same key without it while Shift is held; a key's release is reported as
// the remote key its press was, whatever Shift did in between.
var Keyboard = []Binding{
	{Input: "Up", Key: hardware.KeyCursorUp},
	{Input: "Down", Key: hardware.KeyCursorDown},
	{Input: "Left", Key: hardware.KeyCursorLeft},
	{Input: "Right", Key: hardware.KeyCursorRight},
	{Input: "Return", Key: hardware.KeyEnter},
	{Input: "Keypad Enter", Key: hardware.KeyEnter},
	{Input: "F1", Key: hardware.KeyRed},
	{Input: "F2", Key: hardware.KeyGreen},
	{Input: "F3", Key: hardware.KeyYellow},
	{Input: "F4", Key: hardware.KeyBlue},
	{Input: "Backspace", Key: hardware.KeyBack},
	{Input: "Escape", Key: hardware.KeyExit},
	{Input: "0", Key: hardware.Key0}, {Input: "1", Key: hardware.Key1},
	{Input: "2", Key: hardware.Key2}, {Input: "3", Key: hardware.Key3},
	{Input: "4", Key: hardware.Key4}, {Input: "5", Key: hardware.Key5},
	{Input: "6", Key: hardware.Key6}, {Input: "7", Key: hardware.Key7},
	{Input: "8", Key: hardware.Key8}, {Input: "9", Key: hardware.Key9},
	{Input: "Keypad 0", Key: hardware.Key0}, {Input: "Keypad 1", Key: hardware.Key1},
	{Input: "Keypad 2", Key: hardware.Key2}, {Input: "Keypad 3", Key: hardware.Key3},
	{Input: "Keypad 4", Key: hardware.Key4}, {Input: "Keypad 5", Key: hardware.Key5},
	{Input: "Keypad 6", Key: hardware.Key6}, {Input: "Keypad 7", Key: hardware.Key7},
	{Input: "Keypad 8", Key: hardware.Key8}, {Input: "Keypad 9", Key: hardware.Key9},
	{Input: "I", Key: hardware.KeyInfo},
	{Input: "M", Key: hardware.KeyMenu},
	{Input: "E", Key: hardware.KeyEPG},
	{Input: "PageUp", Key: hardware.KeyChannelUp},
	{Input: "PageDown", Key: hardware.KeyChannelDown},
	{Input: "=", Key: hardware.KeyVolumeUp}, // the +/= key
	{Input: "+", Key: hardware.KeyVolumeUp},
	{Input: "Keypad +", Key: hardware.KeyVolumeUp},
	{Input: "-", Key: hardware.KeyVolumeDown},
	{Input: "Keypad -", Key: hardware.KeyVolumeDown},
	{Input: "8", Shift: true, Key: hardware.KeyAsterisk},
	{Input: "*", Key: hardware.KeyAsterisk},
	{Input: "Keypad *", Key: hardware.KeyAsterisk},
	{Input: "3", Shift: true, Key: hardware.KeyNumberSign},
	{Input: "#", Key: hardware.KeyNumberSign},
	{Input: "Mute", Key: hardware.KeyMute},
	{Input: "VolumeUp", Key: hardware.KeyVolumeUp},
	{Input: "VolumeDown", Key: hardware.KeyVolumeDown},
	{Input: "AudioPlay", Key: hardware.KeyPlay},
	{Input: "AudioStop", Key: hardware.KeyStop},
}

// Gamepad is the game controller map (SDL's standard controller layout).
var Gamepad = []Binding{
	{Input: "dpup", Key: hardware.KeyCursorUp},
	{Input: "dpdown", Key: hardware.KeyCursorDown},
	{Input: "dpleft", Key: hardware.KeyCursorLeft},
	{Input: "dpright", Key: hardware.KeyCursorRight},
	{Input: "a", Key: hardware.KeyEnter},
	{Input: "b", Key: hardware.KeyBack},
	{Input: "x", Key: hardware.KeyBlue},
	{Input: "y", Key: hardware.KeyYellow},
	{Input: "leftshoulder", Key: hardware.KeyRed},
	{Input: "rightshoulder", Key: hardware.KeyGreen},
	{Input: "back", Key: hardware.KeyExit},
	{Input: "start", Key: hardware.KeyMenu},
	{Input: "guide", Key: hardware.KeyInfo},
}
