package psi

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// SDT is the service description table (actual or other transport stream).
// Specification: ETSI EN 300 468 §5.2.3, table 5.
//
//	table_id_extension = transport_stream_id
//	original_network_id 16 | reserved_future_use 8
//	{ service_id 16 | reserved 6 | EIT_schedule_flag 1 | EIT_present_following_flag 1
//	  | running_status 3 | free_CA_mode 1 | descriptors_loop_length 12 | descriptors }
type SDT struct {
	TableID           uint8
	TransportStreamID uint16
	OriginalNetworkID uint16
	VersionNumber     uint8
	SectionNumber     uint8
	LastSectionNumber uint8
	Services          []SDTService
}

// SDTService describes one service.
type SDTService struct {
	ServiceID               uint16
	EITScheduleFlag         bool
	EITPresentFollowingFlag bool
	RunningStatus           uint8
	FreeCAMode              bool
	Descriptors             []Descriptor
}

// Unmarshal decodes one whole SDT section.
func (s *SDT) Unmarshal(sec []byte) error {
	h, _, err := ParseHeader(sec)
	if err != nil {
		return err
	}
	if (h.TableID != TableIDSDTActual && h.TableID != TableIDSDTOther) || !h.SectionSyntaxIndicator {
		return fmt.Errorf("%w: 0x%02X in an SDT", ErrUnexpectedTable, h.TableID)
	}
	s.TableID, s.TransportStreamID, s.VersionNumber = h.TableID, h.TableIDExtension, h.VersionNumber
	s.SectionNumber, s.LastSectionNumber = h.SectionNumber, h.LastSectionNumber
	r := bitio.NewReader(Body(sec))
	s.OriginalNetworkID = r.Uint16()
	r.Skip(8)
	s.Services = s.Services[:0]
	for r.Err() == nil && r.Len() > 0 {
		var sv SDTService
		sv.ServiceID = r.Uint16()
		r.Skip(6)
		sv.EITScheduleFlag = r.Bool()
		sv.EITPresentFollowingFlag = r.Bool()
		sv.RunningStatus = uint8(r.Bits(3))
		sv.FreeCAMode = r.Bool()
		d := r.Bytes(int(r.Bits(12)))
		if r.Err() != nil {
			break
		}
		if sv.Descriptors, err = ParseDescriptors(nil, d); err != nil {
			return err
		}
		s.Services = append(s.Services, sv)
	}
	if r.Err() != nil {
		return fmt.Errorf("%w: SDT service %d: %w", ErrLengthOverrun, len(s.Services), r.Err())
	}
	return nil
}

// Marshal encodes the SDT as one section.
func (s *SDT) Marshal() ([]byte, error) {
	var w bitio.Writer
	w.Uint16(s.OriginalNetworkID)
	w.Uint8(0xFF)
	for _, sv := range s.Services {
		w.Uint16(sv.ServiceID)
		w.Bits(6, 0x3F)
		w.Bool(sv.EITScheduleFlag)
		w.Bool(sv.EITPresentFollowingFlag)
		w.Bits(3, uint64(sv.RunningStatus))
		w.Bool(sv.FreeCAMode)
		d := appendDescriptors(nil, sv.Descriptors)
		w.Bits(12, uint64(len(d)))
		w.Bytes(d)
	}
	tid := s.TableID
	if tid == 0 {
		tid = TableIDSDTActual
	}
	return AppendLongSection(nil, Header{TableID: tid, TableIDExtension: s.TransportStreamID, VersionNumber: s.VersionNumber,
		CurrentNextIndicator: true, SectionNumber: s.SectionNumber, LastSectionNumber: s.LastSectionNumber}, w.B, MaxSectionPS)
}
