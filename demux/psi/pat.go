package psi

import "fmt"

// PAT is the program association table.
// Specification: ISO/IEC 13818-1 §2.4.4.3, table 2-30.
//
//	table_id_extension = transport_stream_id
//	{ program_number 16 | reserved 3 | PID 13 (network_PID when program_number == 0) }
type PAT struct {
	TransportStreamID uint16
	VersionNumber     uint8
	Programs          []PATProgram
}

// PATProgram maps a program number to its PMT PID (program 0: the NIT PID).
type PATProgram struct {
	ProgramNumber uint16
	PID           uint16
}

// Unmarshal decodes one whole PAT section.
func (p *PAT) Unmarshal(sec []byte) error {
	h, _, err := ParseHeader(sec)
	if err != nil {
		return err
	}
	if h.TableID != TableIDPAT || !h.SectionSyntaxIndicator {
		return fmt.Errorf("%w: 0x%02X in a PAT", ErrUnexpectedTable, h.TableID)
	}
	body := Body(sec)
	if len(body)%4 != 0 {
		return fmt.Errorf("%w: PAT loop of %d bytes is not a multiple of 4", ErrLengthOverrun, len(body))
	}
	p.TransportStreamID, p.VersionNumber = h.TableIDExtension, h.VersionNumber
	p.Programs = p.Programs[:0]
	for i := 0; i+4 <= len(body); i += 4 {
		p.Programs = append(p.Programs, PATProgram{
			ProgramNumber: uint16(body[i])<<8 | uint16(body[i+1]),
			PID:           uint16(body[i+2]&0x1F)<<8 | uint16(body[i+3]),
		})
	}
	return nil
}

// Marshal encodes the PAT as one section.
func (p *PAT) Marshal() ([]byte, error) {
	body := make([]byte, 0, 4*len(p.Programs))
	for _, pr := range p.Programs {
		body = append(body, byte(pr.ProgramNumber>>8), byte(pr.ProgramNumber), 0xE0|byte(pr.PID>>8)&0x1F, byte(pr.PID))
	}
	return AppendLongSection(nil, Header{TableID: TableIDPAT, TableIDExtension: p.TransportStreamID,
		VersionNumber: p.VersionNumber, CurrentNextIndicator: true}, body, MaxSectionPS)
}
