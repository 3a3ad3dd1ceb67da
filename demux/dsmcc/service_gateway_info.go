package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// ServiceGatewayInfo is the BIOP::ServiceGatewayInfo in the private data of an object
// carousel's DSI. Slices alias the input.
// Specification: ETSI TR 101 202 §4.7.5 table 4.16.
//
//	IOP::IOR                      (the service gateway)
//	downloadTaps_count             8
//	BIOP::Tap * downloadTaps_count
//	serviceContextList_count       8
//	serviceContextList
//	userInfoLength                16
//	userInfo_data_byte            userInfoLength bytes
type ServiceGatewayInfo struct {
	IOR                IOR
	DownloadTaps       []Tap
	ServiceContextList []ServiceContext
	UserInfo           []byte
}

// Unmarshal reads a ServiceGatewayInfo from b and returns its length.
func (s *ServiceGatewayInfo) Unmarshal(b []byte) (int, error) {
	r := bitio.NewReader(b)
	s.IOR.read(r)
	s.DownloadTaps = readTaps(r, s.DownloadTaps)
	s.ServiceContextList = readServiceContexts(r, s.ServiceContextList)
	s.UserInfo = r.Bytes(int(r.Uint16()))
	return r.Offset(), readErr("BIOP::ServiceGatewayInfo", r)
}

// MarshalSize returns the encoded length.
func (s *ServiceGatewayInfo) MarshalSize() int {
	return s.IOR.MarshalSize() + tapsSize(s.DownloadTaps) + serviceContextsSize(s.ServiceContextList) +
		2 + len(s.UserInfo)
}

// MarshalTo encodes s into b.
func (s *ServiceGatewayInfo) MarshalTo(b []byte) (int, error) {
	return marshalTo(s, "BIOP::ServiceGatewayInfo", b)
}

// Marshal encodes s.
func (s *ServiceGatewayInfo) Marshal() ([]byte, error) { return marshal(s, "BIOP::ServiceGatewayInfo") }

func (s *ServiceGatewayInfo) appendTo(w *bitio.Writer) error {
	if err := fits("userInfoLength", len(s.UserInfo), 16); err != nil {
		return err
	}
	if err := s.IOR.appendTo(w); err != nil {
		return err
	}
	if err := appendTaps(w, s.DownloadTaps); err != nil {
		return err
	}
	if err := appendServiceContexts(w, s.ServiceContextList); err != nil {
		return err
	}
	w.Uint16(uint16(len(s.UserInfo)))
	w.Bytes(s.UserInfo)
	return nil
}

// parseGateway reads s from b and checks that its IOR is a service gateway with a BIOP
// profile.
func (s *ServiceGatewayInfo) parseGateway(b []byte) error {
	if _, err := s.Unmarshal(b); err != nil {
		return err
	}
	if k := s.IOR.Kind(); k != KindServiceGateway {
		return fmt.Errorf("%w: service gateway IOR type_id %q", ErrObjectKind, s.IOR.TypeID)
	}
	_, err := s.IOR.BIOPProfile()
	return err
}
