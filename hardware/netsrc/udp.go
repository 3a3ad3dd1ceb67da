package netsrc

import (
	"context"
	"fmt"
	"net"
	"sync/atomic"
)

// Seams for tests: the multicast join is tested without sending to a group.
var (
	listenUDP          = net.ListenUDP
	listenMulticastUDP = net.ListenMulticastUDP
	interfaceByName    = net.InterfaceByName
)

// maxDatagram is the largest UDP payload.
const maxDatagram = 65535

// listen opens the socket of an endpoint: a multicast join, or a plain listener.
func listen(e endpoint, readBuffer int) (*net.UDPConn, error) {
	var c *net.UDPConn
	var err error
	if e.multicast() {
		var ifi *net.Interface
		if e.iface != "" {
			if ifi, err = interfaceByName(e.iface); err != nil {
				return nil, fmt.Errorf("netsrc: interface %q: %w", e.iface, err)
			}
		}
		c, err = listenMulticastUDP(e.network(), ifi, e.addr)
	} else {
		c, err = listenUDP(e.network(), e.addr)
	}
	if err != nil {
		return nil, fmt.Errorf("netsrc: %w", err)
	}
	if readBuffer > 0 {
		_ = c.SetReadBuffer(readBuffer) // best effort: the system may cap it
	}
	return c, nil
}

// datagrams reads a UDP socket one datagram at a time, handing out each datagram (or
// its RTP payload) over as many reads as the caller's buffer needs.
type datagrams struct {
	c      *net.UDPConn
	buf    []byte
	rest   []byte
	rtp    bool
	stats  *counters
	hdr    RTPHeader
	seq    uint16
	hasSeq bool
}

func dialUDP(e endpoint, rtp bool, readBuffer int, stats *counters) dialFunc {
	return func(context.Context) (conn, error) {
		c, err := listen(e, readBuffer)
		if err != nil {
			return nil, err
		}
		return &datagrams{c: c, buf: make([]byte, maxDatagram), rtp: rtp, stats: stats}, nil
	}
}

func (d *datagrams) Read(p []byte) (int, error) {
	for len(d.rest) == 0 {
		n, err := d.c.Read(d.buf)
		if err != nil {
			return 0, err
		}
		d.stats.datagrams.Add(1)
		d.rest = d.buf[:n]
		if d.rtp {
			d.rest = d.payload(d.rest)
		}
	}
	n := copy(p, d.rest)
	d.rest = d.rest[n:]
	return n, nil
}

// payload strips the RTP header. Packets that are not RTP, or not MP2T, are dropped;
// gaps in the sequence numbers count as lost packets.
func (d *datagrams) payload(pkt []byte) []byte {
	b, err := d.hdr.Unmarshal(pkt)
	if err != nil {
		d.stats.dropped.Add(1)
		return nil
	}
	if d.hasSeq {
		if gap := d.hdr.SequenceNumber - d.seq - 1; gap != 0 && gap < 0x8000 {
			d.stats.lost.Add(int64(gap))
		}
	}
	d.seq, d.hasSeq = d.hdr.SequenceNumber, true
	if d.hdr.PayloadType != PayloadTypeMP2T {
		d.stats.dropped.Add(1)
		return nil
	}
	return b
}

func (d *datagrams) Close() error { return d.c.Close() }

// counters are the statistics shared by a source's connections.
type counters struct {
	bytes, datagrams, lost, dropped, reconnects atomic.Int64
}
