package dsmcc

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/antena-tv/antena/demux/psi"
)

// StreamEvent is a stream event that is due.
type StreamEvent struct {
	EventID uint16
	// Name is the event's name from the stream event objects (SetNames), "" when unknown.
	Name     string
	EventNPT uint64
	// DoItNow is true for events with eventNPT 0, which fire as soon as their section
	// arrives; the others fire when the NPT reaches EventNPT (Advance).
	DoItNow     bool
	PrivateData []byte // a copy
	// TableIDExtension and Version are those of the 0x3D section that carried the event.
	TableIDExtension uint16
	Version          uint8
}

// StreamEvents tracks the stream descriptor sections (table 0x3D) of one stream-event PID:
// it fires "do it now" events when their section arrives, keeps scheduled events until the
// Normal Play Time reaches them, and derives the NPT from the latest NPT_reference_descriptor
// and the PCR the caller passes. It is not safe for concurrent use.
//
// A section that repeats the last one with the same table_id_extension, version_number
// and content fires nothing; a new version, or new content at the same version (the IRT
// test streams do this), is a new event.
type StreamEvents struct {
	// MaxPending bounds the scheduled events kept (default 256); the one due last is
	// dropped first.
	MaxPending int

	names    map[uint16]string
	seen     map[uint16]sectionID
	ref      NPTReferenceDescriptor
	hasRef   bool
	endpoint NPTEndpointDescriptor
	mode     StreamModeDescriptor
	pending  []StreamEvent
}

type sectionID struct {
	version uint8
	crc     uint32
}

// NewStreamEvents returns an empty tracker.
func NewStreamEvents() *StreamEvents {
	return &StreamEvents{MaxPending: 256, names: map[uint16]string{}, seen: map[uint16]sectionID{}}
}

// SetNames gives the event names of a stream event object (StreamEventObject.Events); the
// events fired afterwards carry their names.
func (s *StreamEvents) SetNames(events map[string]uint16) {
	for name, id := range events {
		s.names[id] = name
	}
}

// Section takes one whole 0x3D section and returns the events to fire now: the "do it
// now" events it carries. Scheduled events are kept for Advance.
func (s *StreamEvents) Section(sec []byte) ([]StreamEvent, error) {
	h, payload, err := ParseSection(sec)
	if err != nil {
		return nil, err
	}
	if h.TableID != psi.TableIDDSMCCDescriptors {
		return nil, fmt.Errorf("%w: 0x%02X, stream events travel in 0x3D", ErrUnexpectedTable, h.TableID)
	}
	id := sectionID{version: h.VersionNumber, crc: psi.CRC32(sec[:len(sec)-4])}
	if last, ok := s.seen[h.TableIDExtension]; ok && last == id {
		return nil, nil
	}
	s.seen[h.TableIDExtension] = id
	var now []StreamEvent
	var errs []error
	it := psi.Descriptors(payload)
	for d, ok := it.Next(); ok; d, ok = it.Next() {
		ev, fire, err := s.descriptor(d, h)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if fire {
			now = append(now, ev)
		}
	}
	if err := it.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%w: 0x3D section 0x%04X: %w", ErrLengthOverrun, h.TableIDExtension, err))
	}
	if len(errs) > 0 {
		return now, fmt.Errorf("0x3D section 0x%04X v%d: %w", h.TableIDExtension, h.VersionNumber, errs[0])
	}
	return now, nil
}

// descriptor handles one descriptor; it returns a "do it now" event to fire.
func (s *StreamEvents) descriptor(d psi.Descriptor, h SectionHeader) (StreamEvent, bool, error) {
	switch d.Tag {
	case TagNPTReference:
		var r NPTReferenceDescriptor
		if err := r.Unmarshal(d.Data); err != nil {
			return StreamEvent{}, false, err
		}
		s.ref, s.hasRef = r, true
	case TagNPTEndpoint:
		return StreamEvent{}, false, s.endpoint.Unmarshal(d.Data)
	case TagStreamMode:
		return StreamEvent{}, false, s.mode.Unmarshal(d.Data)
	case TagStreamEvent:
		var e StreamEventDescriptor
		if err := e.Unmarshal(d.Data); err != nil {
			return StreamEvent{}, false, err
		}
		ev := StreamEvent{
			EventID: e.EventID, Name: s.names[e.EventID], EventNPT: e.EventNPT, DoItNow: e.EventNPT == 0,
			PrivateData: bytes.Clone(e.PrivateData), TableIDExtension: h.TableIDExtension, Version: h.VersionNumber,
		}
		if ev.DoItNow {
			return ev, true, nil
		}
		s.schedule(ev)
	}
	return StreamEvent{}, false, nil
}

func (s *StreamEvents) schedule(ev StreamEvent) {
	for _, p := range s.pending {
		if p.EventID == ev.EventID && p.EventNPT == ev.EventNPT && bytes.Equal(p.PrivateData, ev.PrivateData) {
			return
		}
	}
	i, _ := slices.BinarySearchFunc(s.pending, ev.EventNPT, func(p StreamEvent, npt uint64) int {
		if p.EventNPT <= npt {
			return -1
		}
		return 1
	})
	s.pending = slices.Insert(s.pending, i, ev)
	if limit := s.MaxPending; limit > 0 && len(s.pending) > limit {
		s.pending = s.pending[:limit]
	}
}

// Advance returns the scheduled events whose eventNPT the NPT has reached at the given PCR
// (27 MHz units), in NPT order. Without an NPT reference it returns nothing.
func (s *StreamEvents) Advance(pcr uint64) []StreamEvent {
	npt, ok := s.NPT(pcr)
	if !ok || len(s.pending) == 0 {
		return nil
	}
	n := 0
	for n < len(s.pending) && int64(s.pending[n].EventNPT) <= npt {
		n++
	}
	if n == 0 {
		return nil
	}
	due := slices.Clone(s.pending[:n])
	s.pending = slices.Delete(s.pending, 0, n)
	return due
}

// NPT returns the Normal Play Time (90 kHz units) at the given PCR (27 MHz units):
// NPT_Reference + (STC - STC_Reference) * scaleNumerator / scaleDenominator, with the
// 33-bit STC difference taken modulo 2^33 as a signed value. A zero denominator is a
// paused NPT. ok is false before the first NPT_reference_descriptor.
func (s *StreamEvents) NPT(pcr uint64) (npt int64, ok bool) {
	if !s.hasRef {
		return 0, false
	}
	stc := pcr / 300 & mask33
	d := int64((stc - s.ref.STCReference) & mask33)
	if d >= 1<<32 {
		d -= 1 << 33
	}
	npt = int64(s.ref.NPTReference)
	if s.ref.ScaleDenominator != 0 {
		npt += d * int64(s.ref.ScaleNumerator) / int64(s.ref.ScaleDenominator)
	}
	return npt, true
}

// Pending returns the number of scheduled events not yet due.
func (s *StreamEvents) Pending() int { return len(s.pending) }

// StreamMode returns the last stream_mode_descriptor and NPT_endpoint_descriptor seen.
func (s *StreamEvents) StreamMode() (StreamModeDescriptor, NPTEndpointDescriptor) {
	return s.mode, s.endpoint
}
