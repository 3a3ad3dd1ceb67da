package alert

import "errors"

// Errors of the emergency-signal decoders and encoders. Wrapped errors carry the numbers.
var (
	ErrShortBuffer     = errors.New("alert: short buffer")
	ErrLengthOverrun   = errors.New("alert: length overruns its container")
	ErrAreaCodeLength  = errors.New("alert: bad area_code_length")
	ErrSection         = errors.New("alert: bad cable_emergency_alert section")
	ErrTableID         = errors.New("alert: unexpected table_id")
	ErrProtocolVersion = errors.New("alert: unsupported protocol_version")
	ErrFieldRange      = errors.New("alert: field value out of range")
	ErrTooLong         = errors.New("alert: structure too long to encode")
)
