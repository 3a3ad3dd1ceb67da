//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package mux

import (
	"errors"
	"net"
)

// setMulticastTTL is not available on this system.
func setMulticastTTL(*net.UDPConn, int) error { return errors.ErrUnsupported }
