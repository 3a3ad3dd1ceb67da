package alert

import (
	"fmt"
	"time"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/bitio"
)

// Values of alert_priority. Receivers treat a reserved value like the next-highest defined
// one (see EffectivePriority).
// Specification: ANSI/SCTE 18 §5 (alert_priority).
const (
	PriorityTest    = 0  // test message: discarded by receivers (after sequence_number processing)
	PriorityLow     = 3  // may be disregarded over an access-controlled service
	PriorityMedium  = 7  // may be disregarded over pay-per-view or VOD
	PriorityHigh    = 11 // processed unconditionally; text-only if no audio
	PriorityMaximum = 15 // processed unconditionally; audio or details channel required
)

// EffectivePriority maps a reserved alert_priority (1-2, 4-6, 8-10, 12-14) to the
// next-highest defined value, as SCTE 18 tells receivers to do.
func EffectivePriority(p uint8) uint8 {
	switch {
	case p == PriorityTest:
		return PriorityTest
	case p <= PriorityLow:
		return PriorityLow
	case p <= PriorityMedium:
		return PriorityMedium
	case p <= PriorityHigh:
		return PriorityHigh
	}
	return PriorityMaximum
}

// Limits of cable_emergency_alert fields.
const (
	ceaFixedLen       = 1 + 2 + 3 + 1 + 1 + 1 + 4 + 2 + 2 + 2 + 2 + 2 + 2 + 2 + 1 + 1 + 2 // without variable parts
	ceaLocationLen    = 3
	ceaExceptionLen   = 5
	maxChannelNumber  = 1<<10 - 1
	maxSequenceNumber = 1<<5 - 1
	maxPriority       = 1<<4 - 1
	maxCountyCode     = 1<<10 - 1
	maxSubdivision    = 1<<4 - 1
	maxDescriptorsLen = 1<<10 - 1
	maxSectionLength  = psi.MaxSection - 3 // section_length <= 4093
	crcLen            = 4
)

// gpsEpoch is the origin of event_start_time: 1980-01-06 00:00:00 UTC.
var gpsEpoch = time.Date(1980, time.January, 6, 0, 0, 0, 0, time.UTC)

// GPSToUTC converts an event_start_time to UTC. SCTE 18 counts the leap seconds in the
// value, so no GPS_UTC_offset applies. 0 means "immediate"; callers test for it first.
func GPSToUTC(sec uint32) time.Time { return gpsEpoch.Add(time.Duration(sec) * time.Second) }

// LocationCode is one location of a cable_emergency_alert (FIPS state and county codes, as
// in 47 C.F.R. 11.31(f)).
// Specification: ANSI/SCTE 18 §5.
//
//	state_code           8
//	county_subdivision   4   0 = all or unspecified
//	reserved             2
//	county_code         10   0 = the whole state
type LocationCode struct {
	StateCode         uint8
	CountySubdivision uint8
	CountyCode        uint16
}

// Exception is a service that an alert does not apply to: receivers tuned to it stay tuned.
// Specification: ANSI/SCTE 18 §5.
//
//	in_band_reference                 1
//	reserved                          7
//	if (in_band_reference) {
//	  reserved                        6
//	  exception_major_channel_number 10
//	  reserved                        6
//	  exception_minor_channel_number 10
//	} else {
//	  reserved                       16
//	  exception_OOB_source_ID        16
//	}
type Exception struct {
	InBandReference    bool
	MajorChannelNumber uint16 // in_band_reference == 1
	MinorChannelNumber uint16 // in_band_reference == 1
	OOBSourceID        uint16 // in_band_reference == 0
}

// CableEmergencyAlert is a cable_emergency_alert section (table_id 0xD8). Slices of text
// bytes and descriptors alias the section.
// Specification: ANSI/SCTE 18 §5 (J-STD-042); ATSC A/65 §6.10 for the texts.
//
//	table_id                          8   0xD8
//	section_syntax_indicator          1   1
//	zero                              1
//	reserved                          2
//	section_length                   12   <= 4093
//	table_id_extension               16   0
//	reserved                          2
//	sequence_number                   5
//	current_next_indicator            1   1
//	section_number                    8   0
//	last_section_number               8   0
//	protocol_version                  8   0
//	EAS_event_ID                     16
//	EAS_originator_code              24   ASCII
//	EAS_event_code_length             8
//	EAS_event_code                    8 × EAS_event_code_length, ASCII
//	nature_of_activation_text_length  8
//	nature_of_activation_text()       multiple_string_structure
//	alert_message_time_remaining      8   seconds, 0-120; 0 = indefinite
//	event_start_time                 32   GPS seconds; 0 = immediate
//	event_duration                   16   minutes; 0 = unknown, else 15-6000
//	reserved                         12
//	alert_priority                    4
//	details_OOB_source_ID            16
//	reserved                          6
//	details_major_channel_number     10
//	reserved                          6
//	details_minor_channel_number     10
//	audio_OOB_source_ID              16
//	alert_text_length                16
//	alert_text()                      multiple_string_structure
//	location_code_count               8
//	location_code() × location_code_count          (LocationCode)
//	exception_count                   8
//	exception() × exception_count                  (Exception)
//	reserved                          6
//	descriptors_length               10
//	descriptor() …
//	CRC_32                           32
type CableEmergencyAlert struct {
	SequenceNumber            uint8 // 5 bits, where other tables have version_number
	ProtocolVersion           uint8 // only 0 is defined; Unmarshal rejects others
	EASEventID                uint16
	EASOriginatorCode         string // 3 bytes: "EAS", "CIV", "WXR", "PEP"
	EASEventCode              string // e.g. "RWT"
	NatureOfActivationText    []LangString
	AlertMessageTimeRemaining uint8
	EventStartTime            uint32
	EventDuration             uint16
	AlertPriority             uint8
	DetailsOOBSourceID        uint16 // 0 = none
	DetailsMajorChannelNumber uint16 // 10 bits; major and minor 0 = none
	DetailsMinorChannelNumber uint16 // 10 bits
	AudioOOBSourceID          uint16 // 0 = none
	AlertText                 []LangString
	Locations                 []LocationCode
	Exceptions                []Exception
	Descriptors               []psi.Descriptor // raw; see InBandDetailsChannelDescriptor
}

// ceaParser adds field names and numbers to the length checks of a bitio.Reader.
type ceaParser struct {
	r   bitio.Reader
	err error
}

func (p *ceaParser) bytes(n int, field string) []byte {
	if p.err == nil && n > p.r.Len() {
		p.err = fmt.Errorf("%w: %s %d, %d bytes left", ErrLengthOverrun, field, n, p.r.Len())
	}
	if p.err != nil {
		return nil
	}
	return p.r.Bytes(n)
}

func (p *ceaParser) count(n, each int, field string) int {
	if p.err == nil && n*each > p.r.Len() {
		p.err = fmt.Errorf("%w: %s %d needs %d bytes, %d left", ErrLengthOverrun, field, n, n*each, p.r.Len())
	}
	if p.err != nil {
		return 0
	}
	return n
}

// Unmarshal decodes the section that starts sec (bytes after it are ignored). It does not
// check the CRC_32: the section assembler does (psi.CheckCRC). It reuses c's slices, and
// keeps the strings of a repeated section, so decoding the same section again into the same
// value allocates nothing. On error c is partly overwritten.
func (c *CableEmergencyAlert) Unmarshal(sec []byte) error {
	h, n, err := psi.ParseHeader(sec)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSection, err)
	}
	switch {
	case h.TableID != psi.TableIDSCTE18:
		return fmt.Errorf("%w: 0x%02X, want 0x%02X", ErrTableID, h.TableID, psi.TableIDSCTE18)
	case !h.SectionSyntaxIndicator:
		return fmt.Errorf("%w: section_syntax_indicator is 0", ErrSection)
	case int(h.SectionLength) > maxSectionLength:
		return fmt.Errorf("%w: section_length %d, at most %d", ErrSection, h.SectionLength, maxSectionLength)
	}
	c.SequenceNumber = h.VersionNumber
	var p ceaParser
	p.r.Reset(sec[psi.HeaderLen : n-crcLen])
	return c.unmarshalBody(&p)
}

func (c *CableEmergencyAlert) unmarshalBody(p *ceaParser) error {
	r := &p.r
	c.ProtocolVersion = r.Uint8()
	if r.Err() == nil && c.ProtocolVersion != 0 {
		return fmt.Errorf("%w: %d", ErrProtocolVersion, c.ProtocolVersion)
	}
	c.EASEventID = r.Uint16()
	c.EASOriginatorCode = originator(p.bytes(3, "EAS_originator_code"))
	if code := p.bytes(int(r.Uint8()), "EAS_event_code_length"); c.EASEventCode != string(code) {
		c.EASEventCode = string(code) // a repeated section keeps the string it had
	}
	nat := p.bytes(int(r.Uint8()), "nature_of_activation_text_length")
	c.AlertMessageTimeRemaining = r.Uint8()
	c.EventStartTime = r.Uint32()
	c.EventDuration = r.Uint16()
	r.Skip(12)
	c.AlertPriority = uint8(r.Bits(4))
	c.DetailsOOBSourceID = r.Uint16()
	r.Skip(6)
	c.DetailsMajorChannelNumber = uint16(r.Bits(10))
	r.Skip(6)
	c.DetailsMinorChannelNumber = uint16(r.Bits(10))
	c.AudioOOBSourceID = r.Uint16()
	text := p.bytes(int(r.Uint16()), "alert_text_length")
	c.Locations = c.Locations[:0]
	for range p.count(int(r.Uint8()), ceaLocationLen, "location_code_count") {
		l := LocationCode{StateCode: r.Uint8(), CountySubdivision: uint8(r.Bits(4))}
		r.Skip(2)
		l.CountyCode = uint16(r.Bits(10))
		c.Locations = append(c.Locations, l)
	}
	c.Exceptions = c.Exceptions[:0]
	for range p.count(int(r.Uint8()), ceaExceptionLen, "exception_count") {
		e := Exception{InBandReference: r.Bool()}
		r.Skip(7)
		if e.InBandReference {
			r.Skip(6)
			e.MajorChannelNumber = uint16(r.Bits(10))
			r.Skip(6)
			e.MinorChannelNumber = uint16(r.Bits(10))
		} else {
			r.Skip(16)
			e.OOBSourceID = r.Uint16()
		}
		c.Exceptions = append(c.Exceptions, e)
	}
	r.Skip(6)
	descs := p.bytes(int(r.Bits(10)), "descriptors_length")
	// Bytes between the descriptors and the CRC are ignored.
	if p.err != nil {
		return fmt.Errorf("%w (event 0x%04X)", p.err, c.EASEventID)
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("%w: cable_emergency_alert event 0x%04X: %w", ErrShortBuffer, c.EASEventID, err)
	}
	var err error
	c.NatureOfActivationText, err = unmarshalMSS(c.NatureOfActivationText, nat, "nature_of_activation_text")
	if err != nil {
		return err
	}
	if c.AlertText, err = unmarshalMSS(c.AlertText, text, "alert_text"); err != nil {
		return err
	}
	if c.Descriptors, err = psi.ParseDescriptors(c.Descriptors[:0], descs); err != nil {
		return fmt.Errorf("%w: descriptors: %w", ErrLengthOverrun, err)
	}
	return nil
}

// originator returns the originator code, without allocating for the four defined ones.
func originator(b []byte) string {
	switch string(b) {
	case "EAS":
		return "EAS"
	case "CIV":
		return "CIV"
	case "WXR":
		return "WXR"
	case "PEP":
		return "PEP"
	}
	return string(b)
}
