//go:build linux || darwin || freebsd || netbsd || openbsd

package mux

import (
	"net"
	"syscall"
)

// setMulticastTTL sets the multicast TTL (IPv4) or hop limit (IPv6) of the socket.
func setMulticastTTL(c *net.UDPConn, ttl int) error {
	raw, err := c.SyscallConn()
	if err != nil {
		return err
	}
	v6 := c.RemoteAddr().(*net.UDPAddr).IP.To4() == nil
	var serr error
	err = raw.Control(func(fd uintptr) {
		if v6 {
			serr = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_MULTICAST_HOPS, ttl)
		} else {
			serr = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IP, syscall.IP_MULTICAST_TTL, ttl)
		}
	})
	if err != nil {
		return err
	}
	return serr
}
