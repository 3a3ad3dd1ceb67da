package ait

import "errors"

// Errors of AIT decoding and encoding. Wrapped errors carry the numbers.
var (
	ErrSection       = errors.New("ait: bad section header")
	ErrTableID       = errors.New("ait: not an AIT section")
	ErrSectionLength = errors.New("ait: bad section_length")
	ErrSectionNumber = errors.New("ait: section_number above last_section_number")
	ErrLength        = errors.New("ait: length overruns its container")
	ErrDescriptor    = errors.New("ait: malformed descriptor")
	ErrField         = errors.New("ait: field value does not fit")
	ErrTooLarge      = errors.New("ait: too large for a section")

	ErrTooManySubtables = errors.New("ait: too many sub-tables on one PID")
)
