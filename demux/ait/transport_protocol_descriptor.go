package ait

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// TransportProtocolDescriptor (tag 0x02) says where an application's files come from. The
// application_descriptor refers to it by TransportProtocolLabel; the common loop may hold
// ones shared by every application of the table.
// Specification: ETSI TS 102 809 §5.3.6; TS 101 812 §10.
//
//	protocol_id               16
//	transport_protocol_label   8
//	selector_byte              8 × N
//	-- protocol_id == 0x0001 (object carousel):
//	remote_connection          1
//	reserved_future_use        7
//	original_network_id       16  (remote_connection == 1)
//	transport_stream_id       16  (remote_connection == 1)
//	service_id                16  (remote_connection == 1)
//	component_tag              8
//	-- protocol_id == 0x0003 (HTTP), repeated to the end:
//	URL_base_length            8
//	URL_base_byte              8 × URL_base_length
//	URL_extension_count        8
//	for each extension:
//	  URL_extension_length     8
//	  URL_extension_byte       8 × URL_extension_length
type TransportProtocolDescriptor struct {
	ProtocolID             ProtocolID
	TransportProtocolLabel uint8

	RemoteConnection  bool   // protocol_id == 0x0001
	OriginalNetworkID uint16 // protocol_id == 0x0001 && remote_connection == 1
	TransportStreamID uint16 // protocol_id == 0x0001 && remote_connection == 1
	ServiceID         uint16 // protocol_id == 0x0001 && remote_connection == 1
	ComponentTag      uint8  // protocol_id == 0x0001

	URLs []URL // protocol_id == 0x0003

	// Selector holds the selector bytes of every other protocol_id (0x0002 IP via MPE,
	// private protocols) as they are; it aliases the section after Unmarshal.
	Selector []byte
}

// URL is one URL entry of an HTTP transport: a base and the extensions that may be appended
// to it (alternatives for the application's files).
type URL struct {
	URLBase       string
	URLExtensions []string
}

const remoteConnectionBit = 0x80

// DescriptorTag returns 0x02.
func (*TransportProtocolDescriptor) DescriptorTag() uint8 { return TagTransportProtocolDescriptor }

func (d *TransportProtocolDescriptor) decode(r *bitio.Reader) error {
	*d = TransportProtocolDescriptor{ProtocolID: ProtocolID(r.Uint16()), TransportProtocolLabel: r.Uint8()}
	switch d.ProtocolID {
	case ProtocolObjectCarousel:
		d.RemoteConnection = r.Uint8()&remoteConnectionBit != 0
		if d.RemoteConnection {
			d.OriginalNetworkID = r.Uint16()
			d.TransportStreamID = r.Uint16()
			d.ServiceID = r.Uint16()
		}
		d.ComponentTag = r.Uint8()
	case ProtocolHTTP:
		for r.Len() > 0 {
			u := URL{URLBase: str8(r)}
			n := int(r.Uint8())
			if n > r.Len() {
				return fmt.Errorf("URL_extension_count %d, %d bytes left", n, r.Len())
			}
			for range n {
				u.URLExtensions = append(u.URLExtensions, str8(r))
			}
			d.URLs = append(d.URLs, u)
		}
	default:
		d.Selector = nilIfEmpty(r.Rest())
	}
	return nil
}

func (d *TransportProtocolDescriptor) encode(e *encoder) {
	e.u16(uint16(d.ProtocolID))
	e.u8(d.TransportProtocolLabel)
	switch d.ProtocolID {
	case ProtocolObjectCarousel:
		if !d.RemoteConnection {
			e.u8(^byte(remoteConnectionBit))
		} else {
			e.u8(0xFF)
			e.u16(d.OriginalNetworkID)
			e.u16(d.TransportStreamID)
			e.u16(d.ServiceID)
		}
		e.u8(d.ComponentTag)
	case ProtocolHTTP:
		for _, u := range d.URLs {
			e.str8(u.URLBase, "URL_base_length")
			if len(u.URLExtensions) > 0xFF {
				e.fail("URL_extension_count %d exceeds 255", len(u.URLExtensions))
				return
			}
			e.u8(uint8(len(u.URLExtensions)))
			for _, x := range u.URLExtensions {
				e.str8(x, "URL_extension_length")
			}
		}
	default:
		e.bytes(d.Selector)
	}
}

// URL returns the first URL base of an HTTP transport, or "".
func (d *TransportProtocolDescriptor) URL() string {
	if d.ProtocolID != ProtocolHTTP || len(d.URLs) == 0 {
		return ""
	}
	return d.URLs[0].URLBase
}
