// Package tstest gets sections out of transport-stream bytes for tests, with the product's
// own framer and section assembler (demux/ts, demux/psi) and continuity checking, so that
// the tests of every table package read captures the same way the Demuxer does.
package tstest

import (
	"bytes"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
)

// Section is one section found in a stream.
type Section struct {
	Packet int // 0-based index of the packet that completed it (among all packets)
	PID    uint16
	Data   []byte
}

// Stats counts what Walk saw on the PIDs it followed.
type Stats struct {
	Packets, CCBreaks, SectionErrors int
}

type handler struct {
	pid    uint16
	packet *int
	fn     func(Section)
	errs   *int
}

func (h handler) Section(sec []byte) { h.fn(Section{Packet: *h.packet, PID: h.pid, Data: sec}) }
func (h handler) SectionError(error) { *h.errs++ }

// Walk cuts data into packets, rebuilds the sections of the PIDs that want accepts (nil:
// all), one assembler per PID, with continuity breaks detected from the counters, and
// hands each CRC-checked section to fn. Section.Data is valid during the call only.
func Walk(data []byte, want func(pid uint16) bool, fn func(Section)) Stats {
	var st Stats
	asm := map[uint16]*psi.Assembler{}
	lastCC := map[uint16]uint8{}
	packet := -1
	f := ts.NewFramer(func(pkt []byte) {
		packet++
		hdr, af, payload, err := ts.ParsePacket(pkt)
		if err != nil || hdr.TransportErrorIndicator || (want != nil && !want(hdr.PID)) {
			return
		}
		st.Packets++
		lost := false
		if last, ok := lastCC[hdr.PID]; ok && hdr.HasPayload && !af.DiscontinuityIndicator {
			if hdr.ContinuityCounter == last {
				return // a duplicate packet
			}
			lost = hdr.ContinuityCounter != (last+1)&0x0F
		}
		if hdr.HasPayload {
			lastCC[hdr.PID] = hdr.ContinuityCounter
		}
		if lost {
			st.CCBreaks++
		}
		a := asm[hdr.PID]
		if a == nil {
			a = &psi.Assembler{}
			asm[hdr.PID] = a
		}
		a.Feed(payload, hdr.PayloadUnitStartIndicator, lost, handler{hdr.PID, &packet, fn, &st.SectionErrors})
	})
	f.Write(data)
	f.Flush()
	return st
}

// Sections returns copies of the sections of one PID.
func Sections(data []byte, pid uint16) []Section {
	var out []Section
	Walk(data, OnPIDs(pid), func(s Section) {
		s.Data = bytes.Clone(s.Data)
		out = append(out, s)
	})
	return out
}

// OnPIDs returns a filter for Walk that accepts the given PIDs.
func OnPIDs(pids ...uint16) func(uint16) bool {
	return func(p uint16) bool {
		for _, q := range pids {
			if p == q {
				return true
			}
		}
		return false
	}
}
