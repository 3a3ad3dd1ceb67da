package netsrc

import "errors"

// Sentinel errors.
var (
	// ErrURI reports a URI that cannot be opened.
	ErrURI = errors.New("netsrc: bad URI")
	// ErrRTP reports an RTP packet that cannot be read; it is dropped.
	ErrRTP = errors.New("netsrc: bad RTP packet")
	// ErrHTTPStatus reports an HTTP response other than 200 or 206.
	ErrHTTPStatus = errors.New("netsrc: HTTP status")
)
