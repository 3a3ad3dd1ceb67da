package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// ServerIDLen is the length of the serverId field; DVB sets all its bytes to 0xFF.
const ServerIDLen = 20

// DSI is a DownloadServerInitiate message. In an object carousel its private data is a
// BIOP::ServiceGatewayInfo (the IOR of the service gateway); in a data carousel, a
// GroupInfoIndication. Slices alias the input.
// Specification: ISO/IEC 13818-6 §7.3.6 table 7-13; ETSI TR 101 202 §4.7.5.
//
//	dsmccMessageHeader                (messageId 0x1006)
//	serverId                          160
//	compatibilityDescriptorLength      16
//	compatibilityDescriptor            compatibilityDescriptorLength bytes
//	privateDataLength                  16
//	privateDataByte                    privateDataLength bytes
type DSI struct {
	Header   MessageHeader
	ServerID [ServerIDLen]byte
	// CompatibilityDescriptor holds the bytes after compatibilityDescriptorLength.
	CompatibilityDescriptor []byte
	PrivateData             []byte
}

// Unmarshal reads a DSI message (the payload of a 0x3B section) from b.
func (d *DSI) Unmarshal(b []byte) error {
	body, err := messageBody(&d.Header, b, MessageIDDSI, "DSI")
	if err != nil {
		return err
	}
	r := bitio.NewReader(body)
	copy(d.ServerID[:], r.Bytes(ServerIDLen))
	d.CompatibilityDescriptor = r.Bytes(int(r.Uint16()))
	d.PrivateData = r.Bytes(int(r.Uint16()))
	return readErr("DSI", r)
}

// MarshalSize returns the encoded length.
func (d *DSI) MarshalSize() int {
	return d.Header.MarshalSize() + ServerIDLen + 4 + len(d.CompatibilityDescriptor) + len(d.PrivateData)
}

// MarshalTo encodes d into b. messageLength is computed.
func (d *DSI) MarshalTo(b []byte) (int, error) { return marshalTo(d, "DSI", b) }

// Marshal encodes d.
func (d *DSI) Marshal() ([]byte, error) { return marshal(d, "DSI") }

func (d *DSI) appendTo(w *bitio.Writer) error {
	if err := fits("compatibilityDescriptorLength", len(d.CompatibilityDescriptor), 16); err != nil {
		return err
	}
	if err := fits("privateDataLength", len(d.PrivateData), 16); err != nil {
		return err
	}
	if err := d.Header.appendWithLength(w, d.MarshalSize()-MessageHeaderLen); err != nil {
		return err
	}
	w.Bytes(d.ServerID[:])
	w.Uint16(uint16(len(d.CompatibilityDescriptor)))
	w.Bytes(d.CompatibilityDescriptor)
	w.Uint16(uint16(len(d.PrivateData)))
	w.Bytes(d.PrivateData)
	return nil
}

// ServiceGatewayInfo decodes the private data as an object carousel's
// BIOP::ServiceGatewayInfo. When the private data is a data carousel's GroupInfoIndication
// instead, the error is ErrDataCarousel; when it is neither, ErrNotServiceGW. The IOR must
// name a service gateway ("srg" or "DSM::ServiceGateway") and carry a BIOP profile.
func (d *DSI) ServiceGatewayInfo() (ServiceGatewayInfo, error) {
	var sgi ServiceGatewayInfo
	err := sgi.parseGateway(d.PrivateData)
	if err == nil {
		return sgi, nil
	}
	if d.IsDataCarousel() {
		return sgi, ErrDataCarousel
	}
	return sgi, fmt.Errorf("%w: %w", ErrNotServiceGW, err)
}

// IsDataCarousel reports whether the private data parses as a GroupInfoIndication that
// fills it exactly, and not as a service gateway IOR.
func (d *DSI) IsDataCarousel() bool {
	var sgi ServiceGatewayInfo
	if sgi.parseGateway(d.PrivateData) == nil {
		return false
	}
	var gii GroupInfoIndication
	n, err := gii.Unmarshal(d.PrivateData)
	return err == nil && n == len(d.PrivateData) && len(gii.Groups) > 0
}

// GroupInfoIndication decodes the private data as a data carousel's GroupInfoIndication.
func (d *DSI) GroupInfoIndication() (GroupInfoIndication, error) {
	var gii GroupInfoIndication
	_, err := gii.Unmarshal(d.PrivateData)
	return gii, err
}

// Gateway is what an object carousel's DSI says about its service gateway: where the
// gateway object is, and the tap to the DII that describes its module. The Demuxer maps
// Tap.AssociationTag to a PID through the PMT (stream_identifier_descriptor component_tag
// or association_tag_descriptor); descriptors 0x13 and 0x66 are not needed.
type Gateway struct {
	// Location is the service gateway's carouselId, moduleId and objectKey.
	Location ObjectLocation
	// Tap is the ConnBinder's BIOP_DELIVERY_PARA_USE tap (HasTap), and DIITransactionID
	// and DIITimeout its selector: the transactionId of the DII to use.
	Tap              Tap
	HasTap           bool
	DIITransactionID uint32
	DIITimeout       uint32
	// Info is the whole ServiceGatewayInfo.
	Info ServiceGatewayInfo
}

// Gateway decodes an object carousel DSI. A data carousel's DSI gives ErrDataCarousel.
func (d *DSI) Gateway() (Gateway, error) {
	sgi, err := d.ServiceGatewayInfo()
	if err != nil {
		return Gateway{}, err
	}
	prof, err := sgi.IOR.BIOPProfile()
	if err != nil {
		return Gateway{}, err
	}
	g := Gateway{Location: prof.ObjectLocation, Info: sgi}
	g.Tap, g.DIITransactionID, g.DIITimeout, g.HasTap = prof.ConnBinder.DeliveryPara()
	return g, nil
}
