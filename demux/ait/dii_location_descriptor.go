package ait

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// DIILocationDescriptor (tag 0x0D) says which DIIs of an object carousel describe the
// modules named in a prefetch descriptor with the same transport_protocol_label.
// Specification: ETSI TS 102 809 §5.3.5 (DII location descriptor).
//
//	transport_protocol_label  8
//	for each DII:
//	  reserved_future_use     1
//	  DII_identification     15
//	  association_tag        16
type DIILocationDescriptor struct {
	TransportProtocolLabel uint8
	DIIs                   []DIILocation
}

// DIILocation is one DII: its identification (the low 15 bits of its transactionId) and the
// association tag of the stream that carries it.
type DIILocation struct {
	DIIIdentification uint16 // 15 bits
	AssociationTag    uint16
}

const diiIdentificationMask = 0x7FFF

// DescriptorTag returns 0x0D.
func (*DIILocationDescriptor) DescriptorTag() uint8 { return TagDIILocationDescriptor }

func (d *DIILocationDescriptor) decode(r *bitio.Reader) error {
	d.TransportProtocolLabel = r.Uint8()
	d.DIIs = nil
	for r.Len() > 0 {
		d.DIIs = append(d.DIIs, DIILocation{
			DIIIdentification: r.Uint16() & diiIdentificationMask, AssociationTag: r.Uint16(),
		})
	}
	return nil
}

func (d *DIILocationDescriptor) encode(e *encoder) {
	e.u8(d.TransportProtocolLabel)
	for _, l := range d.DIIs {
		if l.DIIIdentification > diiIdentificationMask {
			e.fail("DII_identification 0x%X exceeds 15 bits", l.DIIIdentification)
		}
		e.u16(l.DIIIdentification | ^uint16(diiIdentificationMask))
		e.u16(l.AssociationTag)
	}
}

// String returns "DII 0x0001 on association tag 0x000B".
func (l DIILocation) String() string {
	return fmt.Sprintf("DII 0x%04X on association tag 0x%04X", l.DIIIdentification, l.AssociationTag)
}
