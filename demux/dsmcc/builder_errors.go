package dsmcc

import "errors"

// Errors of the carousel builder. The wrapped errors name the path and the numbers; test them
// with errors.Is. (They live here, not in errors.go, so that the builder stays in its own
// files.)
var (
	// ErrBuildName: a file or directory name the carousel cannot carry (not UTF-8, longer
	// than MaxNameLen bytes, or containing NUL), or a tree deeper than a receiver follows.
	ErrBuildName = errors.New("dsmcc: name the carousel cannot carry")
	// ErrBuildFileSize: a file whose module would exceed Limits.MaxModuleSize.
	ErrBuildFileSize = errors.New("dsmcc: file larger than the carousel limit")
	// ErrBuildLimit: the carousel as a whole exceeds Limits.MaxCarouselBytes or MaxObjects,
	// or needs more modules or blocks than the wire fields hold.
	ErrBuildLimit = errors.New("dsmcc: carousel exceeds a limit")
	// ErrBuildFileType: an entry that is neither a regular file nor a directory (a device, a
	// socket, a link to a directory).
	ErrBuildFileType = errors.New("dsmcc: not a regular file or directory")
	// ErrBuildConfig: a BuilderConfig value out of range.
	ErrBuildConfig = errors.New("dsmcc: bad builder configuration")
)
