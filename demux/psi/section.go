package psi

import "fmt"

// Table IDs Antena knows by name.
// Specification: ISO/IEC 13818-1 table 2-31; ETSI EN 300 468 table 2; ISO/IEC 13818-6;
// ETSI TS 102 809; ANSI/SCTE 18.
const (
	TableIDPAT              = 0x00
	TableIDCAT              = 0x01
	TableIDPMT              = 0x02
	TableIDDSMCCUNMessage   = 0x3B // DSI, DII
	TableIDDSMCCDDB         = 0x3C
	TableIDDSMCCDescriptors = 0x3D // stream descriptors: NPT, stream events
	TableIDNITActual        = 0x40
	TableIDNITOther         = 0x41
	TableIDSDTActual        = 0x42
	TableIDSDTOther         = 0x46
	TableIDAIT              = 0x74
	TableIDSCTE18           = 0xD8
	TableIDStuffing         = 0xFF
)

// Well-known PIDs.
const (
	PIDPAT       = 0x0000
	PIDNIT       = 0x0010
	PIDSDT       = 0x0011
	PIDSCTE18    = 0x1FFB // ATSC base PID, where in-band SCTE-18 alerts travel
	PIDNull      = 0x1FFF
	MaxSectionPS = 1024 // PSI sections: section_length <= 1021
	MaxSection   = 4096 // private and DSM-CC sections: section_length <= 4093
)

// Header is the common header of a section.
// Specification: ISO/IEC 13818-1 §2.4.4.10 (private_section).
//
//	table_id                 8
//	section_syntax_indicator 1
//	private_indicator        1
//	reserved                 2
//	section_length          12
//	-- section_syntax_indicator == 1:
//	table_id_extension      16
//	reserved                 2
//	version_number           5
//	current_next_indicator   1
//	section_number           8
//	last_section_number      8
type Header struct {
	TableID                uint8
	SectionSyntaxIndicator bool
	PrivateIndicator       bool
	SectionLength          uint16
	TableIDExtension       uint16 // section_syntax_indicator == 1
	VersionNumber          uint8  // section_syntax_indicator == 1
	CurrentNextIndicator   bool   // section_syntax_indicator == 1
	SectionNumber          uint8  // section_syntax_indicator == 1
	LastSectionNumber      uint8  // section_syntax_indicator == 1
}

// HeaderLen is the length of a long (syntax indicator 1) section header.
const HeaderLen = 8

// ParseHeader reads the header of the section that starts b. It checks that b holds the
// whole section (3 + section_length bytes) and returns that length.
func ParseHeader(b []byte) (h Header, n int, err error) {
	if len(b) < 3 {
		return h, 0, fmt.Errorf("%w: section header needs 3 bytes, have %d", ErrShortBuffer, len(b))
	}
	h.TableID = b[0]
	h.SectionSyntaxIndicator = b[1]&0x80 != 0
	h.PrivateIndicator = b[1]&0x40 != 0
	h.SectionLength = uint16(b[1]&0x0F)<<8 | uint16(b[2])
	n = 3 + int(h.SectionLength)
	if n > len(b) {
		return h, 0, fmt.Errorf("%w: section_length %d needs %d bytes, have %d",
			ErrShortBuffer, h.SectionLength, n, len(b))
	}
	if !h.SectionSyntaxIndicator {
		return h, n, nil
	}
	if h.SectionLength < 5+4 {
		return h, 0, fmt.Errorf("%w: %d is too short for a long header and CRC", ErrSectionLength, h.SectionLength)
	}
	h.TableIDExtension = uint16(b[3])<<8 | uint16(b[4])
	h.VersionNumber = b[5] >> 1 & 0x1F
	h.CurrentNextIndicator = b[5]&1 != 0
	h.SectionNumber = b[6]
	h.LastSectionNumber = b[7]
	return h, n, nil
}

// Body returns the bytes of a long-header section between the header and the CRC.
// sec must be one whole section as the Assembler delivers it.
func Body(sec []byte) []byte {
	if len(sec) < HeaderLen+4 {
		return nil
	}
	return sec[HeaderLen : len(sec)-4]
}

// CheckCRC verifies the CRC-32 of a whole section (the CRC over the section including its
// CRC field is zero).
func CheckCRC(sec []byte) error {
	if c := CRC32(sec); c != 0 {
		n := len(sec)
		if n < 4 {
			return fmt.Errorf("%w: %d-byte section has no room for a CRC", ErrShortBuffer, n)
		}
		return fmt.Errorf("%w: table 0x%02X, field 0x%08X, computed 0x%08X", ErrCRC, sec[0],
			uint32(sec[n-4])<<24|uint32(sec[n-3])<<16|uint32(sec[n-2])<<8|uint32(sec[n-1]),
			CRC32(sec[:n-4]))
	}
	return nil
}
