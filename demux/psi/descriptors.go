package psi

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// Descriptor tags the demultiplexer decodes.
// Specification: ISO/IEC 13818-1 table 2-45; ISO/IEC 13818-6; ETSI EN 300 468 table 12;
// ETSI TS 102 809; ARIB STD-B10 / ABNT NBR 15603-2.
const (
	TagCarouselIdentifier    = 0x13
	TagAssociationTag        = 0x14
	TagDeferredAssociation   = 0x15
	TagNetworkName           = 0x40
	TagServiceList           = 0x41
	TagService               = 0x48
	TagStreamIdentifier      = 0x52
	TagDataBroadcastID       = 0x66
	TagApplicationSignalling = 0x6F
	TagEmergencyInformation  = 0xFC // ISDB-Tb/ARIB
	TagDataComponent         = 0xFD // ISDB-Tb/ARIB
)

// DescriptorName names a descriptor tag found in PSI/SI loops.
func DescriptorName(tag uint8) string {
	if n, ok := descriptorNames[tag]; ok {
		return n
	}
	return fmt.Sprintf("descriptor 0x%02X", tag)
}

var descriptorNames = map[uint8]string{
	0x02: "video_stream", 0x03: "audio_stream", 0x05: "registration", 0x06: "data_stream_alignment",
	0x09: "CA", 0x0A: "ISO_639_language", 0x0E: "maximum_bitrate",
	TagCarouselIdentifier: "carousel_identifier", TagAssociationTag: "association_tag",
	TagDeferredAssociation: "deferred_association_tags", 0x28: "AVC_video",
	TagNetworkName: "network_name", TagServiceList: "service_list", 0x43: "satellite_delivery_system",
	0x44: "cable_delivery_system", 0x45: "VBI_data", TagService: "service", 0x4A: "linkage",
	0x50: "component", TagStreamIdentifier: "stream_identifier", 0x56: "teletext", 0x59: "subtitling",
	0x5A: "terrestrial_delivery_system", 0x5F: "private_data_specifier", TagDataBroadcastID: "data_broadcast_id",
	0x6A: "AC-3", TagApplicationSignalling: "application_signalling", 0x7A: "enhanced_AC-3", 0x7C: "AAC",
	0x83: "logical_channel", 0xC1: "digital_copy_control", 0xC4: "audio_component", 0xC7: "data_contents",
	0xCD: "TS_information", 0xCF: "logo_transmission", 0xDE: "content_availability",
	0xFA: "terrestrial_delivery_system (ISDB)", 0xFB: "partial_reception",
	TagEmergencyInformation: "emergency_information", TagDataComponent: "data_component",
	0xFE: "system_management",
}

// StreamIdentifier decodes a stream_identifier_descriptor (0x52): the component_tag.
// Specification: ETSI EN 300 468 §6.2.39.
func StreamIdentifier(d Descriptor) (componentTag uint8, err error) {
	if len(d.Data) < 1 {
		return 0, fmt.Errorf("%w: stream_identifier_descriptor is empty", ErrShortBuffer)
	}
	return d.Data[0], nil
}

// CarouselIdentifier is a carousel_identifier_descriptor (0x13).
// Specification: ETSI TS 102 809 §B.2.8.1 / ISO/IEC 13818-6.
type CarouselIdentifier struct {
	CarouselID  uint32
	FormatID    uint8
	PrivateData []byte // FormatID specifics, undecoded
}

// Unmarshal decodes the descriptor data.
func (c *CarouselIdentifier) Unmarshal(data []byte) error {
	if len(data) < 5 {
		return fmt.Errorf("%w: carousel_identifier_descriptor needs 5 bytes, have %d", ErrShortBuffer, len(data))
	}
	r := bitio.NewReader(data)
	c.CarouselID, c.FormatID, c.PrivateData = r.Uint32(), r.Uint8(), r.Rest()
	return nil
}

// AssociationTag is an association_tag_descriptor (0x14).
// Specification: ISO/IEC 13818-6 §11.4.2.
type AssociationTag struct {
	AssociationTag uint16
	Use            uint16
	Selector       []byte
	PrivateData    []byte
}

// Unmarshal decodes the descriptor data.
func (a *AssociationTag) Unmarshal(data []byte) error {
	r := bitio.NewReader(data)
	a.AssociationTag, a.Use = r.Uint16(), r.Uint16()
	a.Selector = r.Bytes(int(r.Uint8()))
	a.PrivateData = r.Rest()
	if r.Err() != nil {
		return fmt.Errorf("%w: association_tag_descriptor: %w", ErrLengthOverrun, r.Err())
	}
	return nil
}

// DataBroadcastID decodes a data_broadcast_id_descriptor (0x66).
// Specification: ETSI EN 300 468 §6.2.12.
func DataBroadcastID(d Descriptor) (id uint16, selector []byte, err error) {
	if len(d.Data) < 2 {
		return 0, nil, fmt.Errorf("%w: data_broadcast_id_descriptor needs 2 bytes, have %d", ErrShortBuffer, len(d.Data))
	}
	return uint16(d.Data[0])<<8 | uint16(d.Data[1]), d.Data[2:], nil
}

// ApplicationSignalling is one entry of an application_signalling_descriptor (0x6F).
// Specification: ETSI TS 102 809 §5.3.5.1.
type ApplicationSignalling struct {
	ApplicationType  uint16
	AITVersionNumber uint8
}

// ParseApplicationSignalling decodes the entries of a 0x6F descriptor.
func ParseApplicationSignalling(d Descriptor) ([]ApplicationSignalling, error) {
	if len(d.Data)%3 != 0 {
		return nil, fmt.Errorf("%w: application_signalling_descriptor of %d bytes", ErrLengthOverrun, len(d.Data))
	}
	out := make([]ApplicationSignalling, 0, len(d.Data)/3)
	for i := 0; i+3 <= len(d.Data); i += 3 {
		out = append(out, ApplicationSignalling{
			ApplicationType:  uint16(d.Data[i]&0x7F)<<8 | uint16(d.Data[i+1]),
			AITVersionNumber: d.Data[i+2] & 0x1F,
		})
	}
	return out, nil
}

// DataComponent decodes an ISDB data_component_descriptor (0xFD): data_component_id and
// additional_data_component_info.
// Specification: ARIB STD-B10 Part 2 §6.2.20; ABNT NBR 15603-2.
func DataComponent(d Descriptor) (id uint16, info []byte, err error) {
	if len(d.Data) < 2 {
		return 0, nil, fmt.Errorf("%w: data_component_descriptor needs 2 bytes, have %d", ErrShortBuffer, len(d.Data))
	}
	return uint16(d.Data[0])<<8 | uint16(d.Data[1]), d.Data[2:], nil
}

// ServiceDescriptor is a service_descriptor (0x48); the names are raw DVB text.
// Specification: ETSI EN 300 468 §6.2.33.
type ServiceDescriptor struct {
	ServiceType         uint8
	ServiceProviderName []byte
	ServiceName         []byte
}

// Unmarshal decodes the descriptor data.
func (s *ServiceDescriptor) Unmarshal(data []byte) error {
	r := bitio.NewReader(data)
	s.ServiceType = r.Uint8()
	s.ServiceProviderName = r.Bytes(int(r.Uint8()))
	s.ServiceName = r.Bytes(int(r.Uint8()))
	if r.Err() != nil {
		return fmt.Errorf("%w: service_descriptor: %w", ErrLengthOverrun, r.Err())
	}
	return nil
}
