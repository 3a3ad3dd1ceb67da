package ait

import "github.com/antena-tv/antena/internal/bitio"

// PrefetchDescriptor (tag 0x0C) names object-carousel modules (by label) worth loading
// before an application starts.
// Specification: ETSI TS 102 809 §5.3.5 (pre-fetch descriptor).
//
//	transport_protocol_label  8
//	for each label:
//	  label_length            8
//	  label_char              8 × label_length
//	  prefetch_priority       8
type PrefetchDescriptor struct {
	TransportProtocolLabel uint8
	Labels                 []PrefetchLabel
}

// PrefetchLabel is one module label and its priority (1-100).
type PrefetchLabel struct {
	Label            string
	PrefetchPriority uint8
}

// DescriptorTag returns 0x0C.
func (*PrefetchDescriptor) DescriptorTag() uint8 { return TagPrefetchDescriptor }

func (d *PrefetchDescriptor) decode(r *bitio.Reader) error {
	d.TransportProtocolLabel = r.Uint8()
	d.Labels = nil
	for r.Len() > 0 {
		d.Labels = append(d.Labels, PrefetchLabel{Label: str8(r), PrefetchPriority: r.Uint8()})
	}
	return nil
}

func (d *PrefetchDescriptor) encode(e *encoder) {
	e.u8(d.TransportProtocolLabel)
	for _, l := range d.Labels {
		e.str8(l.Label, "label_length")
		e.u8(l.PrefetchPriority)
	}
}
