package psi

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// PMT is the program map table of one program. Descriptor data aliases the section.
// Specification: ISO/IEC 13818-1 §2.4.4.8, table 2-33.
//
//	table_id_extension = program_number
//	reserved 3 | PCR_PID 13 | reserved 4 | program_info_length 12 | descriptors
//	{ stream_type 8 | reserved 3 | elementary_PID 13 | reserved 4 | ES_info_length 12 | descriptors }
type PMT struct {
	ProgramNumber uint16
	VersionNumber uint8
	PCRPID        uint16
	ProgramInfo   []Descriptor
	Streams       []PMTStream
}

// PMTStream is one elementary stream of a program.
type PMTStream struct {
	StreamType    uint8
	ElementaryPID uint16
	Descriptors   []Descriptor
}

// Unmarshal decodes one whole PMT section.
func (p *PMT) Unmarshal(sec []byte) error {
	h, _, err := ParseHeader(sec)
	if err != nil {
		return err
	}
	if h.TableID != TableIDPMT || !h.SectionSyntaxIndicator {
		return fmt.Errorf("%w: 0x%02X in a PMT", ErrUnexpectedTable, h.TableID)
	}
	p.ProgramNumber, p.VersionNumber = h.TableIDExtension, h.VersionNumber
	r := bitio.NewReader(Body(sec))
	r.Skip(3)
	p.PCRPID = uint16(r.Bits(13))
	r.Skip(4)
	info := r.Bytes(int(r.Bits(12)))
	if r.Err() != nil {
		return fmt.Errorf("%w: PMT program_info: %w", ErrLengthOverrun, r.Err())
	}
	if p.ProgramInfo, err = ParseDescriptors(p.ProgramInfo[:0], info); err != nil {
		return err
	}
	p.Streams = p.Streams[:0]
	for r.Len() > 0 {
		var s PMTStream
		s.StreamType = r.Uint8()
		r.Skip(3)
		s.ElementaryPID = uint16(r.Bits(13))
		r.Skip(4)
		es := r.Bytes(int(r.Bits(12)))
		if r.Err() != nil {
			return fmt.Errorf("%w: PMT stream %d: %w", ErrLengthOverrun, len(p.Streams), r.Err())
		}
		if s.Descriptors, err = ParseDescriptors(nil, es); err != nil {
			return err
		}
		p.Streams = append(p.Streams, s)
	}
	return nil
}

// Marshal encodes the PMT as one section.
func (p *PMT) Marshal() ([]byte, error) {
	var w bitio.Writer
	w.Bits(3, 7)
	w.Bits(13, uint64(p.PCRPID))
	w.Bits(4, 0xF)
	info := appendDescriptors(nil, p.ProgramInfo)
	w.Bits(12, uint64(len(info)))
	w.Bytes(info)
	for _, s := range p.Streams {
		w.Uint8(s.StreamType)
		w.Bits(3, 7)
		w.Bits(13, uint64(s.ElementaryPID))
		w.Bits(4, 0xF)
		es := appendDescriptors(nil, s.Descriptors)
		w.Bits(12, uint64(len(es)))
		w.Bytes(es)
	}
	return AppendLongSection(nil, Header{TableID: TableIDPMT, TableIDExtension: p.ProgramNumber,
		VersionNumber: p.VersionNumber, CurrentNextIndicator: true}, w.B, MaxSectionPS)
}

func appendDescriptors(b []byte, ds []Descriptor) []byte {
	for _, d := range ds {
		b = AppendDescriptor(b, d.Tag, d.Data)
	}
	return b
}

// Find returns the first descriptor with the tag.
func Find(ds []Descriptor, tag uint8) (Descriptor, bool) {
	for _, d := range ds {
		if d.Tag == tag {
			return d, true
		}
	}
	return Descriptor{}, false
}
