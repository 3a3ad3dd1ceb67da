package ts

import "errors"

// Errors of packet framing and decoding.
var (
	ErrNotPacket        = errors.New("ts: not a transport packet")
	ErrAdaptationLength = errors.New("ts: adaptation_field_length overruns the packet")
	ErrSyncLost         = errors.New("ts: sync lost")
	ErrContinuity       = errors.New("ts: continuity counter discontinuity")
)
