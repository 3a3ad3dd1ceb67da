package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// Tags of the stream descriptors carried in table 0x3D (MPEG descriptor space).
// Specification: ISO/IEC 13818-6 §8 table 8-1; TSDuck DID_MPEG_NPT_REFERENCE etc.
const (
	TagNPTReference = 0x17
	TagNPTEndpoint  = 0x18
	TagStreamMode   = 0x19
	TagStreamEvent  = 0x1A
)

const (
	mask33    = 1<<33 - 1
	nptRefLen = 18
)

// NPTReferenceDescriptor relates Normal Play Time to the System Time Clock:
// NPT = NPT_Reference + (STC - STC_Reference) * scaleNumerator / scaleDenominator.
// Reserved bits are ignored on reading (encoders differ) and written as 1.
// Specification: ISO/IEC 13818-6 §8.1.1 table 8-2 (descriptor data, without tag and length).
//
//	postDiscontinuityIndicator  1
//	contentId                   7
//	reserved                    7
//	STC_Reference              33 (90 kHz)
//	reserved                   31
//	NPT_Reference              33 (90 kHz)
//	scaleNumerator             16
//	scaleDenominator           16
type NPTReferenceDescriptor struct {
	PostDiscontinuityIndicator bool
	ContentID                  uint8
	STCReference               uint64
	NPTReference               uint64
	ScaleNumerator             uint16
	ScaleDenominator           uint16
}

// Unmarshal reads the descriptor data b.
func (d *NPTReferenceDescriptor) Unmarshal(b []byte) error {
	if len(b) < nptRefLen {
		return fmt.Errorf("%w: NPT_reference_descriptor needs %d bytes, have %d", ErrShortBuffer, nptRefLen, len(b))
	}
	r := bitio.NewReader(b)
	d.PostDiscontinuityIndicator = r.Bool()
	d.ContentID = uint8(r.Bits(7))
	r.Skip(7)
	d.STCReference = r.Bits(33)
	r.Skip(31)
	d.NPTReference = r.Bits(33)
	d.ScaleNumerator = r.Uint16()
	d.ScaleDenominator = r.Uint16()
	return readErr("NPT_reference_descriptor", r)
}

// MarshalSize returns the encoded length of the descriptor data.
func (d *NPTReferenceDescriptor) MarshalSize() int { return nptRefLen }

// MarshalTo encodes the descriptor data into b.
func (d *NPTReferenceDescriptor) MarshalTo(b []byte) (int, error) {
	return marshalTo(d, "NPT_reference_descriptor", b)
}

// Marshal encodes the descriptor data.
func (d *NPTReferenceDescriptor) Marshal() ([]byte, error) {
	return marshal(d, "NPT_reference_descriptor")
}

func (d *NPTReferenceDescriptor) appendTo(w *bitio.Writer) error {
	w.Bool(d.PostDiscontinuityIndicator)
	w.Bits(7, uint64(d.ContentID))
	w.Bits(7, 0x7F)
	w.Bits(33, d.STCReference&mask33)
	w.Bits(31, 0x7FFFFFFF)
	w.Bits(33, d.NPTReference&mask33)
	w.Uint16(d.ScaleNumerator)
	w.Uint16(d.ScaleDenominator)
	return nil
}
