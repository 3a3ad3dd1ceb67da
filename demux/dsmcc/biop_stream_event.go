package dsmcc

import (
	"bytes"

	"github.com/antena-tv/antena/internal/bitio"
)

// StreamEventMessage is a stream event ("ste", BIOP::StreamEvent) BIOP message: the names
// of the events, their ids, and the taps of the streams that carry them. Slices alias the
// input.
// Specification: ETSI TR 101 202 §4.7.4.5 table 4.11 (BIOP::StreamEvent).
//
//	BIOP message header, objectKey, objectKind "ste\0"
//	objectInfo:  DSM::Stream::Info_T
//	             DSM::Event::EventList_T: eventNames_count 16
//	                                      { eventName_length 8 | eventName_data_byte (NUL-terminated) }
//	             descriptor_byte (the rest)
//	serviceContextList
//	messageBody: taps_count 8, BIOP::Tap * taps_count (STR_EVENT_USE 0x000D, STR_NPT_USE, ...)
//	             eventIds_count 8, eventId 16 * eventIds_count
type StreamEventMessage struct {
	ObjectKey          []byte
	Info               StreamInfo
	EventNames         [][]byte
	Descriptors        []byte
	ServiceContextList []ServiceContext
	Taps               []Tap
	EventIDs           []uint16
}

// Unmarshal reads a stream event BIOP message from b and returns its length.
func (s *StreamEventMessage) Unmarshal(b []byte) (int, error) { return unmarshalObject(s, b) }

// Decode takes the parts of a stream event object from a generic BIOP message.
func (s *StreamEventMessage) Decode(m *BIOPMessage) error {
	if _, err := checkKind(m, KindStreamEvent); err != nil {
		return err
	}
	s.ObjectKey, s.ServiceContextList = m.ObjectKey, m.ServiceContextList
	r := bitio.NewReader(m.ObjectInfo)
	s.Info.read(r)
	n := int(r.Uint16())
	s.EventNames = s.EventNames[:0]
	for i := 0; i < n && r.Err() == nil; i++ {
		s.EventNames = append(s.EventNames, r.Bytes(int(r.Uint8())))
	}
	s.Descriptors = r.Rest()
	if err := readErr("stream event objectInfo", r); err != nil {
		return err
	}
	r = bitio.NewReader(m.MessageBody)
	s.Taps = readTaps(r, s.Taps)
	n = int(r.Uint8())
	s.EventIDs = s.EventIDs[:0]
	for i := 0; i < n && r.Err() == nil; i++ {
		s.EventIDs = append(s.EventIDs, r.Uint16())
	}
	return readErr("stream event messageBody", r)
}

// BIOP returns s as a generic BIOP message (version 1.0).
func (s *StreamEventMessage) BIOP() (BIOPMessage, error) {
	var info, body bitio.Writer
	if err := s.Info.appendTo(&info); err != nil {
		return BIOPMessage{}, err
	}
	if err := fits("eventNames_count", len(s.EventNames), 16); err != nil {
		return BIOPMessage{}, err
	}
	info.Uint16(uint16(len(s.EventNames)))
	for _, name := range s.EventNames {
		if err := fits("eventName_length", len(name), 8); err != nil {
			return BIOPMessage{}, err
		}
		info.Uint8(uint8(len(name)))
		info.Bytes(name)
	}
	info.Bytes(s.Descriptors)
	oi, err := objectInfoBytes(&info, "stream event")
	if err != nil {
		return BIOPMessage{}, err
	}
	if err := appendTaps(&body, s.Taps); err != nil {
		return BIOPMessage{}, err
	}
	if err := fits("eventIds_count", len(s.EventIDs), 8); err != nil {
		return BIOPMessage{}, err
	}
	body.Uint8(uint8(len(s.EventIDs)))
	for _, id := range s.EventIDs {
		body.Uint16(id)
	}
	m := NewBIOPMessage(KindStreamEvent, s.ObjectKey, oi, body.B)
	m.ServiceContextList = s.ServiceContextList
	return m, nil
}

// MarshalSize returns the encoded length (0 when s cannot be encoded).
func (s *StreamEventMessage) MarshalSize() int { return objectSize(s) }

// MarshalTo encodes s into b.
func (s *StreamEventMessage) MarshalTo(b []byte) (int, error) { return objectMarshalTo(s, b) }

// Marshal encodes s.
func (s *StreamEventMessage) Marshal() ([]byte, error) { return objectMarshal(s) }

// Events returns the event id of each name (names without their NUL terminator). Names and
// ids pair up by position; extra names or ids are ignored.
func (s *StreamEventMessage) Events() map[string]uint16 {
	m := make(map[string]uint16, len(s.EventNames))
	for i, name := range s.EventNames {
		if i < len(s.EventIDs) {
			m[string(bytes.TrimRight(name, "\x00"))] = s.EventIDs[i]
		}
	}
	return m
}

// EventTap returns the association tag of the first STR_EVENT_USE (or, failing that,
// STR_STATUS_AND_EVENT_USE) tap: the stream whose 0x3D sections carry the events.
func (s *StreamEventMessage) EventTap() (associationTag uint16, ok bool) {
	for _, use := range [...]uint16{TapUseStrEvent, TapUseStrStatusAndEvent} {
		for _, t := range s.Taps {
			if t.Use == use {
				return t.AssociationTag, true
			}
		}
	}
	return 0, false
}
