package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

const streamModeLen = 2

// StreamModeDescriptor gives the state of the stream's state machine (streamMode values:
// ISO/IEC 13818-6 table 8-5).
// Specification: ISO/IEC 13818-6 §8.2 table 8-4 (descriptor data).
//
//	streamMode  8
//	reserved    8
type StreamModeDescriptor struct {
	StreamMode uint8
}

// Unmarshal reads the descriptor data b.
func (d *StreamModeDescriptor) Unmarshal(b []byte) error {
	if len(b) < streamModeLen {
		return fmt.Errorf("%w: stream_mode_descriptor needs %d bytes, have %d", ErrShortBuffer, streamModeLen, len(b))
	}
	d.StreamMode = b[0]
	return nil
}

// MarshalSize returns the encoded length of the descriptor data.
func (d *StreamModeDescriptor) MarshalSize() int { return streamModeLen }

// MarshalTo encodes the descriptor data into b.
func (d *StreamModeDescriptor) MarshalTo(b []byte) (int, error) {
	return marshalTo(d, "stream_mode_descriptor", b)
}

// Marshal encodes the descriptor data.
func (d *StreamModeDescriptor) Marshal() ([]byte, error) { return marshal(d, "stream_mode_descriptor") }

func (d *StreamModeDescriptor) appendTo(w *bitio.Writer) error {
	w.Uint8(d.StreamMode)
	w.Uint8(0xFF)
	return nil
}
