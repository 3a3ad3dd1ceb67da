package store

import "errors"

// Sentinel errors. The errors returned wrap them with the details; test them
// with errors.Is.
var (
	// ErrQuota reports a write that would take a namespace over its quota.
	ErrQuota = errors.New("store: quota exceeded")
	// ErrValue reports a value that cannot be stored (a function, a cycle,
	// too deep a nesting, a NaN key) or stored bytes that do not decode.
	ErrValue = errors.New("store: bad value")
	// ErrScope reports a scope that is not shared, service:ID or channel:ID.
	ErrScope = errors.New("store: bad scope")
	// ErrKey reports an empty or oversized key or namespace id.
	ErrKey = errors.New("store: bad key")
	// ErrNotPending reports an outbox submission that is not (or no longer)
	// pending: it was delivered already, or never existed.
	ErrNotPending = errors.New("store: submission not pending")
	// ErrClosed reports use of a closed DB.
	ErrClosed = errors.New("store: closed")
)
