package ait

import (
	"fmt"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/bitio"
)

// Section is one application_information_section. Slices alias the input of Unmarshal.
// Specification: ETSI TS 102 809 §5.3.4; TS 101 812 §10.4.
//
//	table_id                           8  (= 0x74)
//	section_syntax_indicator           1  (= 1)
//	reserved_future_use                1
//	reserved                           2
//	section_length                    12  (<= 1021)
//	test_application_flag              1
//	application_type                  15
//	reserved                           2
//	version_number                     5
//	current_next_indicator             1
//	section_number                     8
//	last_section_number                8
//	reserved_future_use                4
//	common_descriptors_length         12
//	descriptor()                         × common_descriptors_length bytes
//	reserved_future_use                4
//	application_loop_length           12
//	for each application:
//	  organisation_id                 32
//	  application_id                  16
//	  application_control_code         8
//	  reserved_future_use              4
//	  application_descriptors_loop_length 12
//	  descriptor()                       × application_descriptors_loop_length bytes
//	CRC_32                            32
type Section struct {
	TestApplicationFlag  bool
	ApplicationType      ApplicationType // 15 bits
	VersionNumber        uint8           // 5 bits
	CurrentNextIndicator bool
	SectionNumber        uint8
	LastSectionNumber    uint8
	CommonDescriptors    []Descriptor
	Applications         []Application
}

// Application is one entry of the application loop: an application identifier, what to do
// with it, and its descriptors in the order of the wire (decoded where this package knows the
// tag, raw otherwise). The methods in application.go answer the usual questions (name,
// transports, entry point, URL).
type Application struct {
	OrganisationID         uint32
	ApplicationID          uint16
	ApplicationControlCode ControlCode
	Descriptors            []Descriptor
}

const (
	testApplicationFlag = 0x8000
	applicationTypeMask = 0x7FFF
	versionNumberMask   = 0x1F
	maxSectionLength    = psi.MaxSectionPS - 3 // section_length <= 1021
	loopHeaderLen       = 2                    // reserved 4 + a 12-bit length
	applicationHeadLen  = 9                    // organisation_id .. application_descriptors_loop_length
	lengthMask12        = 0x0FFF
)

// Unmarshal decodes the whole section at the start of b (header to CRC_32; bytes after it
// are ignored). The CRC is not checked: the section assembler in psi does that once. Slices
// of s are reused; results alias b.
func (s *Section) Unmarshal(b []byte) error {
	h, n, err := psi.ParseHeader(b)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSection, err)
	}
	if h.TableID != psi.TableIDAIT {
		return fmt.Errorf("%w: table_id 0x%02X", ErrTableID, h.TableID)
	}
	if !h.SectionSyntaxIndicator {
		return fmt.Errorf("%w: section_syntax_indicator 0", ErrSection)
	}
	if int(h.SectionLength) > maxSectionLength {
		return fmt.Errorf("%w: %d, at most %d", ErrSectionLength, h.SectionLength, maxSectionLength)
	}
	if h.SectionNumber > h.LastSectionNumber {
		return fmt.Errorf("%w: %d > %d", ErrSectionNumber, h.SectionNumber, h.LastSectionNumber)
	}
	s.TestApplicationFlag = h.TableIDExtension&testApplicationFlag != 0
	s.ApplicationType = ApplicationType(h.TableIDExtension & applicationTypeMask)
	s.VersionNumber = h.VersionNumber
	s.CurrentNextIndicator = h.CurrentNextIndicator
	s.SectionNumber = h.SectionNumber
	s.LastSectionNumber = h.LastSectionNumber
	return s.unmarshalBody(b[psi.HeaderLen : n-4])
}

func (s *Section) unmarshalBody(body []byte) error {
	var r bitio.Reader
	r.Reset(body)
	common, err := loopBytes(&r, "common_descriptors_length")
	if err != nil {
		return err
	}
	dr := new(bitio.Reader) // shared by every descriptor of the section
	s.CommonDescriptors, err = decodeLoop(dr, s.CommonDescriptors, common, s.ApplicationType, loopName{kind: loopCommon})
	if err != nil {
		return err
	}
	apps, err := loopBytes(&r, "application_loop_length")
	if err != nil {
		return err
	}
	s.Applications = s.Applications[:0]
	for i := 0; len(apps) > 0; i++ {
		if len(apps) < applicationHeadLen {
			return fmt.Errorf("%w: application %d needs %d bytes, application loop has %d",
				ErrLength, i, applicationHeadLen, len(apps))
		}
		var a Application
		a.OrganisationID = uint32(apps[0])<<24 | uint32(apps[1])<<16 | uint32(apps[2])<<8 | uint32(apps[3])
		a.ApplicationID = uint16(apps[4])<<8 | uint16(apps[5])
		a.ApplicationControlCode = ControlCode(apps[6])
		dl := int(apps[7]&0x0F)<<8 | int(apps[8])
		apps = apps[applicationHeadLen:]
		if dl > len(apps) {
			return fmt.Errorf("%w: application %d (0x%08X/0x%04X) application_descriptors_loop_length %d, %d bytes left",
				ErrLength, i, a.OrganisationID, a.ApplicationID, dl, len(apps))
		}
		where := loopName{kind: loopApplication, organisationID: a.OrganisationID, applicationID: a.ApplicationID}
		if a.Descriptors, err = decodeLoop(dr, nil, apps[:dl], s.ApplicationType, where); err != nil {
			return err
		}
		apps = apps[dl:]
		s.Applications = append(s.Applications, a)
	}
	if len(s.Applications) == 0 {
		s.Applications = nil
	}
	return nil
}

// loopBytes reads reserved_future_use (4) and a 12-bit loop length, and returns the loop.
func loopBytes(r *bitio.Reader, field string) ([]byte, error) {
	if r.Len() < loopHeaderLen {
		return nil, fmt.Errorf("%w: %s needs %d bytes, %d left", ErrLength, field, loopHeaderLen, r.Len())
	}
	n := int(r.Uint16() & lengthMask12)
	if n > r.Len() {
		return nil, fmt.Errorf("%w: %s %d, %d bytes left", ErrLength, field, n, r.Len())
	}
	return r.Bytes(n), nil
}

func (s *Section) header() psi.Header {
	ext := uint16(s.ApplicationType) & applicationTypeMask
	if s.TestApplicationFlag {
		ext |= testApplicationFlag
	}
	return psi.Header{
		TableID:              psi.TableIDAIT,
		PrivateIndicator:     true, // reserved_future_use, written as 1
		TableIDExtension:     ext,
		VersionNumber:        s.VersionNumber,
		CurrentNextIndicator: s.CurrentNextIndicator,
		SectionNumber:        s.SectionNumber,
		LastSectionNumber:    s.LastSectionNumber,
	}
}

func (s *Section) check() error {
	switch {
	case s.ApplicationType > applicationTypeMask:
		return fmt.Errorf("%w: application_type 0x%04X exceeds 15 bits", ErrField, uint16(s.ApplicationType))
	case s.VersionNumber > versionNumberMask:
		return fmt.Errorf("%w: version_number %d exceeds 5 bits", ErrField, s.VersionNumber)
	case s.SectionNumber > s.LastSectionNumber:
		return fmt.Errorf("%w: %d > %d", ErrSectionNumber, s.SectionNumber, s.LastSectionNumber)
	}
	return nil
}

// appendBody appends everything between the long header and the CRC.
func (s *Section) appendBody(b []byte) ([]byte, error) {
	e := encoder{b: b}
	start := e.open(12)
	e.loop(s.CommonDescriptors)
	e.close(start, 12, "common_descriptors_length")
	start = e.open(12)
	for i := range s.Applications {
		e.application(&s.Applications[i])
	}
	e.close(start, 12, "application_loop_length")
	return e.b, e.err
}

func (e *encoder) application(a *Application) {
	e.u32(a.OrganisationID)
	e.u16(a.ApplicationID)
	e.u8(uint8(a.ApplicationControlCode))
	start := e.open(12)
	e.loop(a.Descriptors)
	e.close(start, 12, "application_descriptors_loop_length")
}

// MarshalSize returns the length of the section Marshal writes, or 0 if it cannot be
// written. It encodes the body to measure it.
func (s *Section) MarshalSize() int {
	if s.check() != nil {
		return 0
	}
	body, err := s.appendBody(nil)
	if err != nil {
		return 0
	}
	return psi.HeaderLen + len(body) + 4
}

// MarshalTo writes the section with its CRC_32 into b, which must hold MarshalSize bytes,
// and returns the number of bytes written.
func (s *Section) MarshalTo(b []byte) (int, error) {
	out, err := s.AppendMarshal(b[:0:len(b)])
	if err != nil {
		return 0, err
	}
	if len(out) > len(b) {
		return 0, fmt.Errorf("%w: section of %d bytes, buffer of %d", ErrTooLarge, len(out), len(b))
	}
	return len(out), nil
}

// Marshal returns the section with its CRC_32. It fails when a field does not fit its width
// or the section would exceed 1024 bytes. Reserved bits are written as 1.
func (s *Section) Marshal() ([]byte, error) {
	return s.AppendMarshal(make([]byte, 0, marshalCap))
}

// marshalCap is the first buffer Marshal allocates; most AIT sections fit.
const marshalCap = 256

// AppendMarshal appends the section with its CRC_32 to dst.
func (s *Section) AppendMarshal(dst []byte) ([]byte, error) {
	if err := s.check(); err != nil {
		return dst, err
	}
	start := len(dst)
	// Build the body behind room for the header. psi.AppendLongSection then writes the header
	// and copies the body onto itself (or from wherever append moved it), then the CRC.
	hdr := [psi.HeaderLen]byte{}
	body, err := s.appendBody(append(dst, hdr[:]...)[start+psi.HeaderLen:])
	if err != nil {
		return dst, err
	}
	out, err := psi.AppendLongSection(dst[:start], s.header(), body, psi.MaxSectionPS)
	if err != nil {
		return dst, fmt.Errorf("%w: %w", ErrTooLarge, err)
	}
	return out, nil
}
