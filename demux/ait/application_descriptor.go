package ait

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// ApplicationDescriptor (tag 0x00) gives an application's profiles, visibility, priority and
// the labels of its transport protocols in order of preference.
// Specification: ETSI TS 102 809 §5.3.5 (application descriptor); TS 101 812 §10.
//
//	application_profiles_length  8
//	for each profile:
//	  application_profile       16
//	  version.major              8
//	  version.minor              8
//	  version.micro              8
//	service_bound_flag           1
//	visibility                   2
//	reserved_future_use          5
//	application_priority         8
//	transport_protocol_label     8  (to the end)
type ApplicationDescriptor struct {
	Profiles                []ApplicationProfile
	ServiceBoundFlag        bool
	Visibility              Visibility
	ApplicationPriority     uint8
	TransportProtocolLabels []uint8 // aliases the section after Unmarshal
}

// ApplicationProfile is one profile and version an application needs.
type ApplicationProfile struct {
	ApplicationProfile uint16
	VersionMajor       uint8
	VersionMinor       uint8
	VersionMicro       uint8
}

// String returns "profile 0x0001 version 1.0.2".
func (p ApplicationProfile) String() string {
	return fmt.Sprintf("profile 0x%04X version %d.%d.%d", p.ApplicationProfile,
		p.VersionMajor, p.VersionMinor, p.VersionMicro)
}

const (
	profileLen      = 5
	visibilityShift = 5
	visibilityMask  = 0x3
	reservedFlags5  = 0x1F
)

// DescriptorTag returns 0x00.
func (*ApplicationDescriptor) DescriptorTag() uint8 { return TagApplicationDescriptor }

func (d *ApplicationDescriptor) decode(r *bitio.Reader) error {
	n := int(r.Uint8())
	if n%profileLen != 0 {
		return fmt.Errorf("application_profiles_length %d is not a multiple of %d", n, profileLen)
	}
	p := r.Sub(n)
	d.Profiles = nil
	if n > 0 {
		d.Profiles = make([]ApplicationProfile, 0, n/profileLen)
	}
	for p.Len() > 0 {
		d.Profiles = append(d.Profiles, ApplicationProfile{
			ApplicationProfile: p.Uint16(), VersionMajor: p.Uint8(), VersionMinor: p.Uint8(), VersionMicro: p.Uint8(),
		})
	}
	flags := r.Uint8()
	d.ServiceBoundFlag = flags&0x80 != 0
	d.Visibility = Visibility(flags >> visibilityShift & visibilityMask)
	d.ApplicationPriority = r.Uint8()
	d.TransportProtocolLabels = nilIfEmpty(r.Rest())
	return p.Err()
}

func (d *ApplicationDescriptor) encode(e *encoder) {
	start := e.open(8)
	for _, p := range d.Profiles {
		e.u16(p.ApplicationProfile)
		e.u8(p.VersionMajor)
		e.u8(p.VersionMinor)
		e.u8(p.VersionMicro)
	}
	e.close(start, 8, "application_profiles_length")
	if d.Visibility > visibilityMask {
		e.fail("visibility %d exceeds 2 bits", d.Visibility)
	}
	flags := byte(d.Visibility)<<visibilityShift | reservedFlags5
	if d.ServiceBoundFlag {
		flags |= 0x80
	}
	e.u8(flags)
	e.u8(d.ApplicationPriority)
	e.bytes(d.TransportProtocolLabels)
}
