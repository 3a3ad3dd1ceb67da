package mux

import (
	"errors"
	"io"
	"slices"
	"time"

	"github.com/antena-tv/antena/demux/ts"
)

// Scheduling. Every output slot goes to, in order: a PCR when one is due (standalone
// streams: on the carousel PID, in an adaptation-field-only packet), the earliest due
// packet of the tables (PAT, PMT, NIT, AIT, SCTE-18, stream events), the carousel when
// its rate allows, else a null packet. Mixed into an input stream, the slots are the
// input's null packets (and its old PMT, PAT or NIT packets when the mux replaces them);
// when those do not come soon enough, packets are inserted before the next input packet
// (tables after tablesSlack, the carousel after carouselSlack), which raises the rate
// between two of the input's PCRs and leaves the PCR values, and every packet of the
// input's programs, as they were.
const (
	tablesSlack   = 10 * time.Millisecond
	carouselSlack = 40 * time.Millisecond
)

// Input packet handling.
const (
	inKeep     = iota
	inFree     // a null packet, or a packet the mux replaces (old PAT, PMT, NIT): a free slot
	inConflict // a packet on a PID the mux writes: dropped, counted, used as a free slot
)

var nullPacket = func() (p [ts.PacketSize]byte) {
	p[0], p[1], p[2], p[3] = ts.SyncByte, 0x1F, 0xFF, 0x10
	for i := 4; i < len(p); i++ {
		p[i] = 0xFF
	}
	return p
}()

type action struct {
	at int64
	do func(now int64) error
}

// engine makes the output packets.
type engine struct {
	m     *Mux
	input *timedInput // nil: standalone at rate
	rate  int64

	slot    int64
	now     int64
	started bool
	eof     bool
	end     int64 // stream time at which the run ends (0: no such limit)
	tlEnd   int64 // the timeline's last moment

	queues  []*queue // tables, by PID
	tables  []*table
	pmt     *table
	nit     *table
	car     *carouselSource
	actions []action
	ai      int
	wake    int64

	pcrPID   uint16
	pcrEvery int64
	pcrNext  int64
	pcrCC    byte
	closing  bool // the next PCR ends the stream
	closed   bool

	inMode [ts.MaxPID + 1]uint8

	pmtVersion, nitVersion uint8
	st                     Summary
}

// pcrPacket returns an adaptation-field-only packet carrying pcr. Its continuity counter
// is that of the last packet with payload on the PID, as ISO/IEC 13818-1 §2.4.3.3 wants
// for packets without payload.
func pcrPacket(pid uint16, cc byte, pcr uint64) [ts.PacketSize]byte {
	var p [ts.PacketSize]byte
	p[0], p[1], p[2], p[3] = ts.SyncByte, byte(pid>>8)&0x1F, byte(pid), 0x20|cc&0x0F
	p[4], p[5] = ts.PacketSize-5, 0x10 // adaptation_field_length 183, PCR_flag
	ts.AppendPCR(p[6:6], pcr)
	for i := 12; i < len(p); i++ {
		p[i] = 0xFF
	}
	return p
}

// advance applies the timeline and the tables' repetitions up to now.
func (e *engine) advance(now int64) error {
	e.now = now
	for e.ai < len(e.actions) && e.actions[e.ai].at <= now {
		if err := e.actions[e.ai].do(now); err != nil {
			return err
		}
		e.ai++
		e.wake = now
	}
	if now < e.wake {
		return nil
	}
	e.wake = 1<<63 - 1
	for _, t := range e.tables {
		if next := t.tick(now); next >= 0 && next < e.wake {
			e.wake = next
		}
	}
	return nil
}

// pick appends the packet that the slot at now goes to, if any. With late, only packets
// late by tablesSlack (tables) or carouselSlack (carousel) go: they are inserted between
// input packets.
func (e *engine) pick(dst []byte, now int64, late bool) ([]byte, bool) {
	if !late && e.pcrEvery > 0 && now >= e.pcrNext {
		pcr := e.m.pcrBase + uint64(bitsTicks(uint64(e.slot*ts.PacketSize+10)*8, e.rate))
		p := pcrPacket(e.pcrPID, e.pcrCC, pcr)
		e.pcrNext += e.pcrEvery
		if e.pcrNext <= now {
			e.pcrNext = now + e.pcrEvery
		}
		e.st.PCRPackets++
		e.closed = e.closing
		return append(dst, p[:]...), true
	}
	limit := now
	if late {
		limit = now - ticks(tablesSlack)
	}
	best, bestDue := -1, int64(0)
	for i, q := range e.queues {
		if due, ok := q.peek(); ok && due <= limit && (best < 0 || due < bestDue) {
			best, bestDue = i, due
		}
	}
	if best >= 0 {
		dst = e.queues[best].popTo(dst)
		e.count(dst)
		return dst, true
	}
	if late {
		limit = now - ticks(carouselSlack)
	}
	if e.car.peek(now) <= limit {
		dst = e.car.popTo(dst)
		e.count(dst)
		return dst, true
	}
	return dst, false
}

// count records the packet just appended to dst.
func (e *engine) count(dst []byte) {
	p := dst[len(dst)-ts.PacketSize:]
	pid := ts.PID(p)
	if pid == e.pcrPID {
		e.pcrCC = p[3] & 0x0F
	}
	e.st.PIDPackets[pid]++
}

// produce appends at least n packets (fewer at the end of the run) to dst.
func (e *engine) produce(dst []byte, n int) ([]byte, error) {
	if e.input == nil {
		for range n {
			if e.finished() {
				break
			}
			now := packetTicks(e.slot, e.rate)
			if err := e.advance(now); err != nil {
				return dst, err
			}
			var ok bool
			if dst, ok = e.pick(dst, now, false); !ok {
				dst = append(dst, nullPacket[:]...)
				e.st.NullPackets++
			}
			e.slot++
		}
		return dst, nil
	}
	start := len(dst)
	for len(dst)-start < n*ts.PacketSize && !e.finished() {
		var err error
		if dst, err = e.inputPacket(dst); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// inputPacket reads one input packet and appends it, or what replaces it, and what must
// be inserted before it.
func (e *engine) inputPacket(dst []byte) ([]byte, error) {
	p, t, err := e.input.next()
	if errors.Is(err, io.EOF) {
		e.eof = true
		return dst, nil
	}
	if err != nil {
		return dst, err
	}
	if !e.started {
		if err := e.start(e.input.pcrZero); err != nil {
			return dst, err
		}
	}
	if err := e.advance(t); err != nil {
		return dst, err
	}
	e.st.InputPackets++
	pid := ts.PID(p[:])
	switch e.inMode[pid] {
	case inFree, inConflict:
		if e.inMode[pid] == inConflict {
			e.st.InputDropped++
		}
		var ok bool
		if dst, ok = e.pick(dst, t, false); ok {
			e.st.NullsReplaced++
		} else {
			dst = append(dst, nullPacket[:]...)
			e.st.NullPackets++
		}
	default:
		for {
			var ok bool
			if dst, ok = e.pick(dst, t, true); !ok {
				break
			}
			e.st.Inserted++
		}
		dst = append(dst, p[:]...)
	}
	return dst, nil
}

// finished reports whether the run is over.
func (e *engine) finished() bool {
	switch {
	case e.eof:
		return true
	case e.end > 0 && e.nextTime() >= e.end:
		return true
	case e.input != nil:
		return e.m.cfg.Cycles > 0 && e.car.cycles >= e.m.cfg.Cycles
	case e.m.cfg.Forever || e.m.cfg.Duration > 0:
		return false
	}
	// A finite standalone stream ends with a PCR, once its cycles and timeline are done, so
	// that its last bytes are timed (and a tiny carousel still makes a stream with two PCRs).
	if !e.closing && e.car.cycles >= max(e.m.cfg.Cycles, 1) && e.nextTime() >= e.tlEnd {
		e.closing = true
		e.pcrNext = min(e.pcrNext, e.nextTime())
	}
	return e.closed
}

// nextTime is the stream time of the next slot (standalone) or of the last input packet.
func (e *engine) nextTime() int64 {
	if e.input == nil {
		return packetTicks(e.slot, e.rate)
	}
	return e.now
}

// start makes what depends on the time base (the NPT reference) once it is known.
func (e *engine) start(pcrZero uint64) error {
	e.started = true
	e.m.pcrZero = pcrZero
	return e.m.eventTables(e)
}

// addTable registers a table on the queue of pid.
func (e *engine) addTable(pid uint16, secs [][]byte, period time.Duration, from, until int64) *table {
	t := &table{q: e.queueFor(pid), secs: secs, period: ticks(period), from: from, until: until}
	e.tables = append(e.tables, t)
	e.wake = min(e.wake, from)
	return t
}

func (e *engine) queueFor(pid uint16) *queue {
	for _, q := range e.queues {
		if q.pk.PID == pid {
			return q
		}
	}
	q := newQueue(pid)
	e.queues = append(e.queues, q)
	return q
}

// addAction registers a timeline change.
func (e *engine) addAction(at int64, do func(now int64) error) {
	e.actions = append(e.actions, action{at: at, do: do})
	slices.SortStableFunc(e.actions, func(a, b action) int {
		switch {
		case a.at < b.at:
			return -1
		case a.at > b.at:
			return 1
		}
		return 0
	})
}
