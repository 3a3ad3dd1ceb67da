package mux

import "errors"

// Errors. All three are the caller's mistakes (the CLI exits 2 on them): a value that does
// not parse or is out of range, a configuration that cannot work (a rate too low, a PID in
// use, no entry file), an input stream the mux cannot use (no PAT, no PMT for the program,
// no PCR). Write errors are returned as they come.
var (
	ErrSyntax = errors.New("mux: bad syntax")
	ErrConfig = errors.New("mux: bad configuration")
	ErrInput  = errors.New("mux: unusable input stream")
)
