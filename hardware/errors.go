package hardware

import "errors"

// Sentinel errors shared by the implementations.
var (
	// ErrUnknownKey reports a key name that ParseKey does not know.
	ErrUnknownKey = errors.New("hardware: unknown key")
	// ErrFrameSize reports a frame whose size a Display cannot present.
	ErrFrameSize = errors.New("hardware: frame size does not match the display")
	// ErrClosed reports a call on a closed Display or Input.
	ErrClosed = errors.New("hardware: closed")
)
