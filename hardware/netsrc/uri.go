package netsrc

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// endpoint is where a udp:// or rtp:// source listens.
type endpoint struct {
	iface string // interface of a multicast join; "" lets the system choose
	addr  *net.UDPAddr
}

func (e endpoint) network() string {
	if e.addr.IP != nil && e.addr.IP.To4() == nil {
		return "udp6"
	}
	return "udp4"
}

func (e endpoint) multicast() bool { return e.addr.IP != nil && e.addr.IP.IsMulticast() }

// parseEndpoint reads the [IFACE@]HOST:PORT of a udp:// or rtp:// URL.
func parseEndpoint(u *url.URL) (endpoint, error) {
	var e endpoint
	if u.Path != "" || u.RawQuery != "" || u.Fragment != "" {
		return e, fmt.Errorf("%w: %s://[IFACE@]HOST:PORT takes no path or query", ErrURI, u.Scheme)
	}
	if u.User != nil {
		if _, set := u.User.Password(); set {
			return e, fmt.Errorf("%w: %q: one @ after the interface name", ErrURI, u.User.String())
		}
		e.iface = u.User.Username()
	}
	host, port := u.Hostname(), u.Port()
	if port == "" {
		return e, fmt.Errorf("%w: %s://%s needs a port", ErrURI, u.Scheme, u.Host)
	}
	network := "udp"
	if strings.Contains(host, ":") {
		network = "udp6"
	}
	addr, err := net.ResolveUDPAddr(network, net.JoinHostPort(host, port))
	if err != nil {
		return e, fmt.Errorf("%w: %w", ErrURI, err)
	}
	e.addr = addr
	if e.iface != "" && !e.multicast() {
		return e, fmt.Errorf("%w: interface %q given for %s, which is not a multicast group", ErrURI, e.iface, host)
	}
	return e, nil
}

// redact drops the user information of an http(s) URL, kept for udp and rtp where it
// names the interface.
func redact(u *url.URL) string {
	if u.Scheme != "http" && u.Scheme != "https" {
		return u.String()
	}
	c := *u
	c.User = nil
	return c.String()
}
