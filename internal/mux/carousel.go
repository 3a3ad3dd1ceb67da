package mux

import (
	"time"

	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/ts"
)

// controlPeriod is how often the DSI and DIIs are repeated inside a carousel cycle, so that
// a receiver that joins at any moment knows the modules within half a second, and does not
// depend on keeping blocks that come before their DII.
const controlPeriod = 500 * time.Millisecond

// carouselSource loops over a carousel at a constant rate: each cycle starts with the DSI
// and the DIIs, repeats them every controlPeriod, and sends every block of every module.
// Packet k of the carousel PID (PCR-only packets aside) is due at k packets' time at the
// carousel rate, so the PID keeps its rate however the rest of the mux is timed.
type carouselSource struct {
	q         *queue
	rate      int64
	ctrlEvery int64 // DDB packets between two repetitions of DSI and DIIs

	cur       *dsmcc.BuiltCarousel
	order     []int // module indexes, in the order of the cycle
	mod, blk  int   // next block: cur.Modules[order[mod]].DDB[blk]
	ctrlDone  bool  // DSI and DIIs sent at the start of the current cycle
	sinceCtrl int64

	pushed, sent int64
	cycleEnds    []int64 // pushed counts at which queued cycles end
	cycles       int

	pending *dsmcc.BuiltCarousel
	onSwap  func(c *dsmcc.BuiltCarousel, at int64)
	now     int64
}

func newCarouselSource(pid uint16, rate int64, c *dsmcc.BuiltCarousel) *carouselSource {
	s := &carouselSource{q: newQueue(pid), rate: rate}
	s.start(c, false)
	return s
}

// controlEvery is the number of DDB packets between repetitions of the control sections:
// controlPeriod at the rate, and at least four times the control sections themselves.
func controlEvery(c *dsmcc.BuiltCarousel, rate int64) int64 {
	ctrl := int64(sectionPackets(c.DSI))
	for _, s := range c.DII {
		ctrl += int64(sectionPackets(s))
	}
	n := int64(controlPeriod.Seconds() * float64(rate) / packetBits)
	return max(n, 4*ctrl, 1)
}

// start puts c on the air from its next section: changed modules first when it replaces
// a carousel, so that receivers that have the rest complete sooner.
func (s *carouselSource) start(c *dsmcc.BuiltCarousel, changedFirst bool) {
	s.cur, s.mod, s.blk, s.ctrlDone, s.sinceCtrl = c, 0, 0, false, 0
	s.ctrlEvery = controlEvery(c, s.rate)
	s.order = s.order[:0]
	for pass := range 2 {
		for i, m := range c.Modules {
			if !changedFirst && pass == 0 || changedFirst && m.Changed == (pass == 0) {
				s.order = append(s.order, i)
			}
		}
	}
}

// update puts c on the air at the next section boundary.
func (s *carouselSource) update(c *dsmcc.BuiltCarousel) { s.pending = c }

// peek returns the due time of the next packet.
func (s *carouselSource) peek(now int64) int64 {
	if s.q.len() == 0 {
		s.now = now
		s.refill()
	}
	due, _ := s.q.peek()
	return due
}

// popTo appends the next packet to dst.
func (s *carouselSource) popTo(dst []byte) []byte {
	dst = s.q.popTo(dst)
	s.sent++
	if len(s.cycleEnds) > 0 && s.sent >= s.cycleEnds[0] {
		s.cycleEnds = s.cycleEnds[1:]
		s.cycles++
	}
	return dst
}

// refill queues the next section of the loop. It is only called when the queue is empty,
// so a new carousel never cuts into a section.
func (s *carouselSource) refill() {
	if s.pending != nil {
		c := s.pending
		s.pending = nil
		s.start(c, true)
		if s.onSwap != nil {
			s.onSwap(c, s.now)
		}
	}
	if !s.ctrlDone || s.sinceCtrl >= s.ctrlEvery {
		s.ctrlDone, s.sinceCtrl = true, 0
		s.push(s.cur.DSI)
		for _, d := range s.cur.DII {
			s.push(d)
		}
		return
	}
	m := &s.cur.Modules[s.order[s.mod]]
	s.sinceCtrl += int64(s.push(m.DDB[s.blk]))
	s.blk++
	if s.blk == len(m.DDB) {
		s.blk, s.mod = 0, s.mod+1
	}
	if s.mod == len(s.order) {
		s.cycleEnds = append(s.cycleEnds, s.pushed)
		s.mod, s.ctrlDone = 0, false
	}
}

// push queues sec with the due times of the rate.
func (s *carouselSource) push(sec []byte) int {
	n := s.q.push(sec, 0)
	for i := range n {
		s.q.pkts[len(s.q.pkts)-n+i].due = packetTicks(s.pushed, s.rate)
		s.pushed++
	}
	return n
}

// cyclePackets returns the packets of one cycle of c at the rate: what the loop sends.
func cyclePackets(c *dsmcc.BuiltCarousel, rate int64) int64 {
	s := &carouselSource{q: newQueue(ts.NullPID), rate: rate}
	s.start(c, false)
	for len(s.cycleEnds) == 0 {
		s.refill()
		s.q.pkts, s.q.head = s.q.pkts[:0], 0
	}
	return s.cycleEnds[0]
}

// cycleTime returns how long one cycle of c takes at the rate.
func cycleTime(c *dsmcc.BuiltCarousel, rate int64) time.Duration {
	return duration(packetTicks(cyclePackets(c, rate), rate))
}
