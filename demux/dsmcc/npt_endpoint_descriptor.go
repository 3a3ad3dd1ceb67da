package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

const nptEndpointLen = 14

// NPTEndpointDescriptor gives the NPT range of a stream. Reserved bits are ignored.
// Specification: ISO/IEC 13818-6 §8.1.2 table 8-3 (descriptor data).
//
//	reserved  15
//	startNPT  33
//	reserved  31
//	stopNPT   33
type NPTEndpointDescriptor struct {
	StartNPT uint64
	StopNPT  uint64
}

// Unmarshal reads the descriptor data b.
func (d *NPTEndpointDescriptor) Unmarshal(b []byte) error {
	if len(b) < nptEndpointLen {
		return fmt.Errorf("%w: NPT_endpoint_descriptor needs %d bytes, have %d", ErrShortBuffer, nptEndpointLen, len(b))
	}
	r := bitio.NewReader(b)
	r.Skip(15)
	d.StartNPT = r.Bits(33)
	r.Skip(31)
	d.StopNPT = r.Bits(33)
	return readErr("NPT_endpoint_descriptor", r)
}

// MarshalSize returns the encoded length of the descriptor data.
func (d *NPTEndpointDescriptor) MarshalSize() int { return nptEndpointLen }

// MarshalTo encodes the descriptor data into b.
func (d *NPTEndpointDescriptor) MarshalTo(b []byte) (int, error) {
	return marshalTo(d, "NPT_endpoint_descriptor", b)
}

// Marshal encodes the descriptor data.
func (d *NPTEndpointDescriptor) Marshal() ([]byte, error) {
	return marshal(d, "NPT_endpoint_descriptor")
}

func (d *NPTEndpointDescriptor) appendTo(w *bitio.Writer) error {
	w.Bits(15, 0x7FFF)
	w.Bits(33, d.StartNPT&mask33)
	w.Bits(31, 0x7FFFFFFF)
	w.Bits(33, d.StopNPT&mask33)
	return nil
}
