package alert

import "errors"

// Errors of the alert manager's configuration. Wrapped errors carry the line, the key and
// the value.
var (
	ErrConfig   = errors.New("alert: bad configuration")
	ErrAreaCode = errors.New("alert: bad area code")
	ErrLanguage = errors.New("alert: unsupported language")
	ErrLocation = errors.New("alert: bad SCTE-18 location")
	ErrNoScreen = errors.New("alert: compositor frame too small for the alert plane")
)
