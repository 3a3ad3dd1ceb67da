package ait

import "github.com/antena-tv/antena/internal/bitio"

// ExternalApplicationAuthorisationDescriptor (tag 0x05, common loop) lists applications of
// other services that may keep running on this one, with their priority here.
// Specification: ETSI TS 102 809 §5.3.5 (external application authorisation descriptor).
//
//	for each application:
//	  organisation_id       32
//	  application_id        16
//	  application_priority   8
type ExternalApplicationAuthorisationDescriptor struct {
	Applications []ExternalApplication
}

// ExternalApplication is one authorised application of another service.
type ExternalApplication struct {
	OrganisationID      uint32
	ApplicationID       uint16
	ApplicationPriority uint8
}

// DescriptorTag returns 0x05.
func (*ExternalApplicationAuthorisationDescriptor) DescriptorTag() uint8 {
	return TagExternalApplicationAuthorisationDescriptor
}

func (d *ExternalApplicationAuthorisationDescriptor) decode(r *bitio.Reader) error {
	d.Applications = nil
	for r.Len() > 0 {
		d.Applications = append(d.Applications, ExternalApplication{
			OrganisationID: r.Uint32(), ApplicationID: r.Uint16(), ApplicationPriority: r.Uint8(),
		})
	}
	return nil
}

func (d *ExternalApplicationAuthorisationDescriptor) encode(e *encoder) {
	for _, a := range d.Applications {
		e.u32(a.OrganisationID)
		e.u16(a.ApplicationID)
		e.u8(a.ApplicationPriority)
	}
}
