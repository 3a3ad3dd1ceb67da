package linux

import "errors"

// Sentinel errors.
var (
	// ErrURI reports a dvb:// URI that cannot be used.
	ErrURI = errors.New("linux: bad dvb URI")
	// ErrNoAdapter reports a DVB adapter (/dev/dvb/adapterN) that does not exist.
	ErrNoAdapter = errors.New("linux: no such DVB adapter")
	// ErrFormat reports a framebuffer pixel format this package cannot draw.
	ErrFormat = errors.New("linux: unsupported framebuffer format")
	// ErrKeyMap reports a key map file that cannot be read.
	ErrKeyMap = errors.New("linux: bad key map")
	// ErrNoDisplay reports a box with neither KMS/DRM nor a framebuffer.
	ErrNoDisplay = errors.New("linux: no display device")
)
