// Package netsrc opens transport streams carried over the network as hardware.Source
// values, in pure Go on any OS:
//
//	udp://[IFACE@]HOST:PORT    datagrams of TS packets; a multicast HOST (IPv4 or [IPv6])
//	                           is joined on the named interface (or the system's choice)
//	rtp://[IFACE@]HOST:PORT    the same in RTP (RFC 3550) with payload type 33 (MP2T,
//	                           RFC 2250): the header, CSRCs, extension and padding are
//	                           stripped, and lost packets counted
//	http://..., https://...    a stream served over HTTP (net/http)
//
// An empty HOST (udp://:1234, udp://@:1234) listens on every address. Reads return at
// most hardware.MaxLiveRead bytes, as soon as a datagram or a chunk arrives.
//
// A source lives as long as it is not closed: when its connection fails (or brings
// nothing for Options.Redial), it reconnects, waiting between attempts from
// Options.MinBackoff doubling up to Options.MaxBackoff. When nothing arrives for
// Options.Silence it says so, once, through Options.Notify, and again when data comes
// back. Only the first connection, made by Open, returns its error: a wrong address or
// a missing stream is reported at once.
package netsrc
