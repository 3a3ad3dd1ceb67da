package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

const streamEventFixed = 10

// StreamEventDescriptor is one stream event: its id, the NPT at which it is due (0 for a
// "do it now" event, as HbbTV and the IRT streams use) and application-defined private
// data. Reserved bits are ignored on reading (OpenCaster and IRT write 0, RAI writes 1)
// and written as 1. PrivateData aliases the input.
// Specification: ISO/IEC 13818-6 §8.3 table 8-6 (descriptor data).
//
//	eventId          16
//	reserved         31
//	eventNPT         33
//	privateDataByte   the rest
type StreamEventDescriptor struct {
	EventID     uint16
	EventNPT    uint64
	PrivateData []byte
}

// Unmarshal reads the descriptor data b.
func (d *StreamEventDescriptor) Unmarshal(b []byte) error {
	if len(b) < streamEventFixed {
		return fmt.Errorf("%w: stream_event_descriptor needs %d bytes, have %d", ErrShortBuffer, streamEventFixed, len(b))
	}
	r := bitio.NewReader(b)
	d.EventID = r.Uint16()
	r.Skip(31)
	d.EventNPT = r.Bits(33)
	d.PrivateData = r.Rest()
	return readErr("stream_event_descriptor", r)
}

// MarshalSize returns the encoded length of the descriptor data.
func (d *StreamEventDescriptor) MarshalSize() int { return streamEventFixed + len(d.PrivateData) }

// MarshalTo encodes the descriptor data into b.
func (d *StreamEventDescriptor) MarshalTo(b []byte) (int, error) {
	return marshalTo(d, "stream_event_descriptor", b)
}

// Marshal encodes the descriptor data. To fit a descriptor, it must be at most 255 bytes
// (245 bytes of private data).
func (d *StreamEventDescriptor) Marshal() ([]byte, error) {
	return marshal(d, "stream_event_descriptor")
}

func (d *StreamEventDescriptor) appendTo(w *bitio.Writer) error {
	w.Uint16(d.EventID)
	w.Bits(31, 0x7FFFFFFF)
	w.Bits(33, d.EventNPT&mask33)
	w.Bytes(d.PrivateData)
	return nil
}
