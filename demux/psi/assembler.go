package psi

import "fmt"

// SectionHandler receives what an Assembler finds. Sections alias either the packet payload
// or the Assembler's buffer and are valid only during the call.
type SectionHandler interface {
	Section(sec []byte)
	SectionError(err error)
}

// Assembler rebuilds the sections of one PID from the payloads of its packets: the
// pointer_field, sections spanning packets, several sections in one packet and 0xFF
// stuffing. A section is handed on the moment its last byte arrives; a section that lies
// whole inside one packet is handed on without a copy. Sections with a long header are
// checked against their CRC-32 before they are handed on.
//
// It allocates its buffer once, on first use.
type Assembler struct {
	buf    []byte
	n      int // bytes of the partial section in buf
	need   int // its total length, 0 while fewer than 3 bytes are known
	active bool
}

// Reset drops any partial section.
func (a *Assembler) Reset() { a.n, a.need, a.active = 0, 0, false }

// Feed takes the payload of one packet. pusi is its payload_unit_start_indicator, lost
// says that packets were lost before it (a continuity break), so a partial section must be
// dropped.
func (a *Assembler) Feed(payload []byte, pusi, lost bool, h SectionHandler) {
	if lost && a.active {
		a.Reset()
		h.SectionError(ErrContinuity)
	}
	if !pusi {
		if a.active {
			payload = a.continuePartial(payload, h)
			if !a.active {
				a.sections(payload, h)
			}
		}
		return
	}
	if len(payload) == 0 {
		return
	}
	ptr := int(payload[0])
	payload = payload[1:]
	if ptr > len(payload) {
		a.Reset()
		h.SectionError(fmt.Errorf("%w: %d, payload has %d bytes", ErrPointerField, ptr, len(payload)))
		return
	}
	if a.active {
		rest := a.continuePartial(payload[:ptr], h)
		if a.active || len(rest) > 0 {
			// The new unit starts before the old section was complete, or the pointer
			// leaves bytes that belong to no section.
			if a.active {
				h.SectionError(fmt.Errorf("%w: had %d of %d bytes", ErrSectionTruncated, a.n, a.need))
			}
			a.Reset()
		}
	}
	a.sections(payload[ptr:], h)
}

// continuePartial appends to the partial section and delivers it when complete. It returns
// what is left of p.
func (a *Assembler) continuePartial(p []byte, h SectionHandler) []byte {
	if a.need == 0 {
		k := min(3-a.n, len(p))
		a.n += copy(a.buf[a.n:], p[:k])
		p = p[k:]
		if a.n < 3 {
			return p
		}
		if !a.setNeed(a.buf, h) {
			return nil
		}
	}
	k := min(a.need-a.n, len(p))
	a.n += copy(a.buf[a.n:], p[:k])
	p = p[k:]
	if a.n == a.need {
		sec := a.buf[:a.n:a.n]
		a.Reset()
		a.deliver(sec, h)
	}
	return p
}

// setNeed reads section_length from b (at least 3 bytes) and checks it.
func (a *Assembler) setNeed(b []byte, h SectionHandler) bool {
	total := 3 + (int(b[1]&0x0F)<<8 | int(b[2]))
	limit := MaxSection
	if b[0] <= TableIDPMT {
		limit = MaxSectionPS
	}
	if total > limit {
		a.Reset()
		h.SectionError(fmt.Errorf("%w: table 0x%02X declares %d bytes, at most %d", ErrSectionLength, b[0], total, limit))
		return false
	}
	a.need = total
	return true
}

// sections reads the sections that start at p, up to stuffing or the end of the payload.
func (a *Assembler) sections(p []byte, h SectionHandler) {
	for len(p) > 0 && p[0] != TableIDStuffing {
		if len(p) < 3 {
			a.start(p)
			return
		}
		if !a.setNeed(p, h) {
			return
		}
		if a.need <= len(p) {
			sec := p[:a.need:a.need]
			p = p[a.need:]
			a.need = 0
			a.deliver(sec, h)
			continue
		}
		a.start(p)
		return
	}
}

// start keeps p as the beginning of a partial section.
func (a *Assembler) start(p []byte) {
	if a.buf == nil {
		a.buf = make([]byte, MaxSection+8)
	}
	a.n = copy(a.buf, p)
	a.active = true
}

func (a *Assembler) deliver(sec []byte, h SectionHandler) {
	if sec[1]&0x80 != 0 {
		if err := CheckCRC(sec); err != nil {
			h.SectionError(err)
			return
		}
	}
	h.Section(sec)
}
