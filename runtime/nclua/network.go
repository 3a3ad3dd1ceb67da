package nclua

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// Network configures the return channel of an app: which hosts it may
// reach over tcp and http, and how.
type Network struct {
	// Allow lists the hosts the app may reach: a name ("example.com"), a
	// wildcard ("*.example.com"), an IP address (IPv4 or IPv6), or "*" for
	// any host (local development). Empty allows none: the default for a
	// broadcast app.
	Allow []string
	// Transport carries http requests (default: a clone of
	// http.DefaultTransport, with TLS and IPv6). Tests give an httptest
	// server's client transport.
	Transport http.RoundTripper
	// Dial opens tcp connections (default a net.Dialer).
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// ConnectTimeout bounds a tcp connect (default 10 s; an event's
	// timeout field, in seconds, overrides it).
	ConnectTimeout time.Duration
	// RequestTimeout bounds an http request, body included (default 30 s;
	// an event's timeout field, in seconds, overrides it).
	RequestTimeout time.Duration
	// MaxResponse bounds an http response body (default 4 MiB); past it the
	// response ends with an error.
	MaxResponse int64
	// MaxConnections bounds the app's tcp connections, open or opening
	// (default 8).
	MaxConnections int
	// MaxRequests bounds the app's http requests in flight (default 16).
	MaxRequests int
	// Outbox delivers durable requests; without it a request with
	// durable=true gets an error.
	Outbox *Outbox
}

func (n *Network) withDefaults() {
	if n.Transport == nil {
		n.Transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	if n.Dial == nil {
		d := &net.Dialer{}
		n.Dial = d.DialContext
	}
	if n.ConnectTimeout <= 0 {
		n.ConnectTimeout = 10 * time.Second
	}
	if n.RequestTimeout <= 0 {
		n.RequestTimeout = 30 * time.Second
	}
	if n.MaxResponse <= 0 {
		n.MaxResponse = 4 << 20
	}
	if n.MaxConnections <= 0 {
		n.MaxConnections = 8
	}
	if n.MaxRequests <= 0 {
		n.MaxRequests = 16
	}
}

// Allowed reports whether host (a name or an IP address, IPv6 with or
// without brackets) is on the allow-list.
func (n *Network) Allowed(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "" {
		return false
	}
	hostIP, err := netip.ParseAddr(host)
	hostIsIP := err == nil
	for _, a := range n.Allow {
		a = strings.ToLower(strings.TrimSuffix(strings.Trim(a, "[]"), "."))
		switch {
		case a == "*":
			return true
		case a == host:
			return true
		case strings.HasPrefix(a, "*.") && !hostIsIP && strings.HasSuffix(host, a[1:]):
			return true
		case hostIsIP:
			if ip, err := netip.ParseAddr(a); err == nil && ip.Unmap() == hostIP.Unmap() {
				return true
			}
		}
	}
	return false
}
