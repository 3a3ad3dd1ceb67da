package mux

import (
	"github.com/antena-tv/antena/demux/ts"
)

// packet is one transport packet waiting to go out, and the stream time from which it may.
type packet struct {
	b   [ts.PacketSize]byte
	due int64
}

// queue holds the packets of one PID in order. Sections are cut into packets when they
// are queued (ts.Packetizer: one section per unit start, stuffing after it), so continuity
// counters follow the order of the queue, which is the order of the output.
type queue struct {
	pk      ts.Packetizer
	pkts    []packet
	head    int
	scratch []byte
}

func newQueue(pid uint16) *queue { return &queue{pk: ts.Packetizer{PID: pid}} }

// push queues the packets of sec, each due at due.
func (q *queue) push(sec []byte, due int64) int {
	q.scratch = q.pk.AppendSection(q.scratch[:0], sec)
	n := len(q.scratch) / ts.PacketSize
	for i := range n {
		q.pkts = append(q.pkts, packet{due: due})
		copy(q.pkts[len(q.pkts)-1].b[:], q.scratch[i*ts.PacketSize:])
	}
	return n
}

func (q *queue) len() int { return len(q.pkts) - q.head }

// peek returns the due time of the first packet.
func (q *queue) peek() (int64, bool) {
	if q.head == len(q.pkts) {
		return 0, false
	}
	return q.pkts[q.head].due, true
}

// popTo appends the first packet to dst and removes it.
func (q *queue) popTo(dst []byte) []byte {
	dst = append(dst, q.pkts[q.head].b[:]...)
	q.head++
	switch {
	case q.head == len(q.pkts):
		q.pkts, q.head = q.pkts[:0], 0
	case q.head > 1024 && q.head*2 > len(q.pkts):
		n := copy(q.pkts, q.pkts[q.head:])
		q.pkts, q.head = q.pkts[:n], 0
	}
	return dst
}

// table repeats sections on a queue every period while now is in [from, until) (until 0:
// for ever). set replaces the sections and sends them at once.
type table struct {
	q           *queue
	secs        [][]byte
	period      int64
	next        int64
	from, until int64
	done        bool
}

// tick queues the sections when they are due and returns the next time it wants a tick
// (-1 when it is done).
func (t *table) tick(now int64) int64 {
	if t.done || len(t.secs) == 0 {
		return -1
	}
	if t.next < t.from {
		t.next = t.from
	}
	if t.until > 0 && t.next >= t.until {
		t.done = true
		return -1
	}
	if now < t.next {
		return t.next
	}
	for _, s := range t.secs {
		t.q.push(s, t.next)
	}
	t.next += t.period
	if t.next <= now {
		t.next = now + t.period // after a stall, do not send a burst
	}
	if t.until > 0 && t.next >= t.until {
		t.done = true
		return -1
	}
	return t.next
}

// set replaces the sections; they go out at the next tick.
func (t *table) set(secs [][]byte, now int64) {
	t.secs = secs
	t.next = now
}
