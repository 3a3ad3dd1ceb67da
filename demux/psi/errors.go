package psi

import "errors"

// Errors of section assembly and table decoding. Wrapped errors carry the numbers.
var (
	ErrShortBuffer      = errors.New("psi: short buffer")
	ErrCRC              = errors.New("psi: CRC-32 mismatch")
	ErrSectionLength    = errors.New("psi: bad section_length")
	ErrLengthOverrun    = errors.New("psi: length overruns its container")
	ErrUnexpectedTable  = errors.New("psi: unexpected table_id")
	ErrContinuity       = errors.New("psi: continuity error, partial section dropped")
	ErrPointerField     = errors.New("psi: pointer_field past end of payload")
	ErrSectionTruncated = errors.New("psi: section truncated by a new payload_unit_start")
)
