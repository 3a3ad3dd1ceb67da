package nclua

import "errors"

// Sentinel errors of the host-side API.
var (
	// ErrEvent reports an event the host sent that is not an NCLua event
	// (no class, a field of an unsupported type).
	ErrEvent = errors.New("nclua: bad event")
	// ErrSetting reports a settings path that does not name a variable.
	ErrSetting = errors.New("nclua: bad setting")
	// ErrNotAllowed reports a host the app may not reach over the return
	// channel.
	ErrNotAllowed = errors.New("nclua: host not allowed")
)
