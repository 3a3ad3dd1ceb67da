package mux

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// OutputWriter is an opened Output.
type OutputWriter struct {
	io.Writer
	close func() error
}

// Close flushes and closes the output.
func (o *OutputWriter) Close() error { return o.close() }

// Open opens the output: a file (created or truncated, written through a buffer), stdout
// (buffered) or a UDP socket (each Write one datagram; a multicast destination gets the
// TTL). Pace network outputs (RunOptions.Realtime).
func (o Output) Open(stdout io.Writer) (*OutputWriter, error) {
	switch o.Kind {
	case "stdout":
		bw := bufio.NewWriterSize(stdout, 64<<10)
		return &OutputWriter{Writer: bw, close: bw.Flush}, nil
	case "file":
		f, err := os.Create(o.Path)
		if err != nil {
			return nil, err
		}
		bw := bufio.NewWriterSize(f, 256<<10)
		return &OutputWriter{Writer: bw, close: func() error {
			if err := bw.Flush(); err != nil {
				f.Close()
				return err
			}
			return f.Close()
		}}, nil
	case "udp":
		conn, err := net.Dial("udp", o.Addr)
		if err != nil {
			return nil, err
		}
		uc := conn.(*net.UDPConn)
		if o.TTL > 0 {
			if err := setMulticastTTL(uc, o.TTL); err != nil {
				conn.Close()
				return nil, fmt.Errorf("ttl=%d: %w", o.TTL, err)
			}
		}
		return &OutputWriter{Writer: conn, close: conn.Close}, nil
	}
	return nil, fmt.Errorf("%w: output kind %q", ErrConfig, o.Kind)
}

// Output is where the stream goes.
type Output struct {
	// Kind is "file", "stdout" or "udp".
	Kind string
	Path string // file
	// Addr is the UDP destination (host:port, IPv4 or IPv6, unicast or multicast); TTL the
	// multicast TTL / hop limit (0: the system's, usually 1).
	Addr string
	TTL  int
}

// Network reports whether the output is a network one (paced in real time).
func (o Output) Network() bool { return o.Kind == "udp" }

// ParseOutput reads "-" (stdout), udp://HOST:PORT[?ttl=N] (HOST an IPv4 address, a name or
// [IPv6]) or a file path.
func ParseOutput(s string) (Output, error) {
	switch {
	case s == "":
		return Output{}, fmt.Errorf("%w: empty output", ErrSyntax)
	case s == "-":
		return Output{Kind: "stdout"}, nil
	case !strings.Contains(s, "://"):
		return Output{Kind: "file", Path: s}, nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "udp" || u.Path != "" && u.Path != "/" || u.User != nil {
		return Output{}, fmt.Errorf("%w: output %q: want a file, - or udp://HOST:PORT", ErrSyntax, s)
	}
	host, port, err := net.SplitHostPort(u.Host)
	if err != nil || host == "" {
		return Output{}, fmt.Errorf("%w: output %q: want udp://HOST:PORT ([IPv6]:PORT)", ErrSyntax, s)
	}
	if p, err := strconv.ParseUint(port, 10, 16); err != nil || p == 0 {
		return Output{}, fmt.Errorf("%w: output %q: port %q", ErrSyntax, s, port)
	}
	o := Output{Kind: "udp", Addr: net.JoinHostPort(host, port)}
	for k, vs := range u.Query() {
		if k != "ttl" || len(vs) != 1 {
			return Output{}, fmt.Errorf("%w: output %q: unknown option %q (ttl=N)", ErrSyntax, s, k)
		}
		ttl, err := strconv.ParseUint(vs[0], 10, 8)
		if err != nil || ttl == 0 {
			return Output{}, fmt.Errorf("%w: output %q: ttl %q, want 1-255", ErrSyntax, s, vs[0])
		}
		o.TTL = int(ttl)
	}
	return o, nil
}
