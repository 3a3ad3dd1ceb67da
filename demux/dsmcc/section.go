package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/demux/psi"
)

// SectionHeader is the header of a DSM-CC section. Unlike other private sections, a DSM-CC
// section has the long header whatever its section_syntax_indicator; the indicator only
// says whether the last 4 bytes are a CRC_32 (1, checked by psi.Assembler) or a checksum (0,
// not checked here).
// Specification: ISO/IEC 13818-6 §9.2.2 table 9-2.
//
//	table_id                   8 (0x3A-0x3F)
//	section_syntax_indicator   1
//	private_indicator          1
//	reserved                   2
//	dsmcc_section_length      12
//	table_id_extension        16 (0x3B: low 16 bits of transactionId; 0x3C: moduleId; 0x3D: eventId or 0)
//	reserved                   2
//	version_number             5 (0x3C: moduleVersion & 0x1F)
//	current_next_indicator     1
//	section_number             8 (0x3C: blockNumber & 0xFF)
//	last_section_number        8
//	payload
//	CRC_32 or checksum        32
type SectionHeader = psi.Header

// ParseSection splits a whole DSM-CC section into its header and payload (between the
// header and the CRC or checksum). The payload aliases sec.
func ParseSection(sec []byte) (SectionHeader, []byte, error) {
	if len(sec) < psi.HeaderLen+4 {
		return SectionHeader{}, nil, fmt.Errorf("%w: DSM-CC section needs %d bytes, have %d",
			ErrShortBuffer, psi.HeaderLen+4, len(sec))
	}
	h := SectionHeader{
		TableID:                sec[0],
		SectionSyntaxIndicator: sec[1]&0x80 != 0,
		PrivateIndicator:       sec[1]&0x40 != 0,
		SectionLength:          uint16(sec[1]&0x0F)<<8 | uint16(sec[2]),
		TableIDExtension:       uint16(sec[3])<<8 | uint16(sec[4]),
		VersionNumber:          sec[5] >> 1 & 0x1F,
		CurrentNextIndicator:   sec[5]&1 != 0,
		SectionNumber:          sec[6],
		LastSectionNumber:      sec[7],
	}
	n := 3 + int(h.SectionLength)
	if n > len(sec) || n < psi.HeaderLen+4 {
		return h, nil, fmt.Errorf("%w: dsmcc_section_length %d, section has %d bytes",
			ErrLengthOverrun, h.SectionLength, len(sec))
	}
	if h.TableID < 0x3A || h.TableID > 0x3F {
		return h, nil, fmt.Errorf("%w: 0x%02X is not a DSM-CC section", ErrUnexpectedTable, h.TableID)
	}
	return h, sec[psi.HeaderLen : n-4 : n-4], nil
}

// AppendDSISection appends a 0x3B section carrying d (table_id_extension: the low 16 bits
// of its transactionId, version 0, section 0 of 0).
func AppendDSISection(dst []byte, d *DSI) ([]byte, error) {
	msg, err := d.Marshal()
	if err != nil {
		return dst, err
	}
	return appendSection(dst, psi.TableIDDSMCCUNMessage, uint16(d.Header.TransactionID), 0, 0, msg)
}

// AppendDIISection appends a 0x3B section carrying d (table_id_extension: the low 16 bits
// of its transactionId, version 0, section 0 of 0).
func AppendDIISection(dst []byte, d *DII) ([]byte, error) {
	msg, err := d.Marshal()
	if err != nil {
		return dst, err
	}
	return appendSection(dst, psi.TableIDDSMCCUNMessage, uint16(d.Header.TransactionID), 0, 0, msg)
}

// AppendDDBSection appends a 0x3C section carrying d (table_id_extension moduleId,
// version moduleVersion & 0x1F, section_number blockNumber & 0xFF). lastBlock is the
// number of the module's last block (last_section_number is its low 8 bits).
func AppendDDBSection(dst []byte, d *DDB, lastBlock uint16) ([]byte, error) {
	msg, err := d.Marshal()
	if err != nil {
		return dst, err
	}
	h := psi.Header{
		TableID: psi.TableIDDSMCCDDB, TableIDExtension: d.ModuleID, VersionNumber: d.ModuleVersion & 0x1F,
		CurrentNextIndicator: true, SectionNumber: uint8(d.BlockNumber), LastSectionNumber: uint8(lastBlock),
	}
	return psi.AppendLongSection(dst, h, msg, psi.MaxSection)
}

func appendSection(dst []byte, tid uint8, ext uint16, ver, num uint8, payload []byte) ([]byte, error) {
	h := psi.Header{
		TableID: tid, TableIDExtension: ext, VersionNumber: ver, CurrentNextIndicator: true,
		SectionNumber: num, LastSectionNumber: num,
	}
	return psi.AppendLongSection(dst, h, payload, psi.MaxSection)
}
