package ait

import (
	"fmt"

	"github.com/antena-tv/antena/demux/psi"
)

// Table is a whole AIT sub-table: every section of one application_type, test flag and
// version, with the common descriptors and applications of all sections in section order.
// Specification: ETSI TS 102 809 §5.3.4.
type Table struct {
	TestApplicationFlag  bool
	ApplicationType      ApplicationType
	VersionNumber        uint8
	CurrentNextIndicator bool
	CommonDescriptors    []Descriptor
	Applications         []Application
}

// NewTable joins the sections of one sub-table, given in section_number order.
func NewTable(sections []Section) *Table {
	if len(sections) == 0 {
		return &Table{}
	}
	s0 := &sections[0]
	t := &Table{
		TestApplicationFlag:  s0.TestApplicationFlag,
		ApplicationType:      s0.ApplicationType,
		VersionNumber:        s0.VersionNumber,
		CurrentNextIndicator: s0.CurrentNextIndicator,
	}
	for i := range sections {
		t.CommonDescriptors = append(t.CommonDescriptors, sections[i].CommonDescriptors...)
		t.Applications = append(t.Applications, sections[i].Applications...)
	}
	return t
}

// Application returns the application with the given identifier, or nil.
func (t *Table) Application(organisationID uint32, applicationID uint16) *Application {
	for i := range t.Applications {
		if a := &t.Applications[i]; a.OrganisationID == organisationID && a.ApplicationID == applicationID {
			return a
		}
	}
	return nil
}

// sectionRoom is what a section has for its two loops: 1024 bytes less the header, the two
// loop lengths and the CRC.
const sectionRoom = psi.MaxSectionPS - psi.HeaderLen - 2*loopHeaderLen - 4

// Sections splits t into as few sections as fit 1024 bytes each: the common descriptors go
// in section 0, applications fill the sections in order.
func (t *Table) Sections() ([]Section, error) {
	var e encoder
	e.loop(t.CommonDescriptors)
	if e.err != nil {
		return nil, e.err
	}
	used := len(e.b)
	if used > sectionRoom {
		return nil, fmt.Errorf("%w: common descriptors take %d bytes, a section has %d", ErrTooLarge, used, sectionRoom)
	}
	cur := t.section(t.CommonDescriptors)
	var out []Section
	for i := range t.Applications {
		e.b = e.b[:0]
		e.application(&t.Applications[i])
		if e.err != nil {
			return nil, e.err
		}
		n := len(e.b)
		if used+n > sectionRoom && len(cur.Applications) > 0 {
			out = append(out, cur)
			cur, used = t.section(nil), 0
		}
		if used+n > sectionRoom {
			return nil, fmt.Errorf("%w: application 0x%08X/0x%04X takes %d bytes, %d left in its section",
				ErrTooLarge, t.Applications[i].OrganisationID, t.Applications[i].ApplicationID, n, sectionRoom-used)
		}
		cur.Applications = append(cur.Applications, t.Applications[i])
		used += n
	}
	out = append(out, cur)
	if len(out) > 256 {
		return nil, fmt.Errorf("%w: table needs %d sections, at most 256", ErrTooLarge, len(out))
	}
	for i := range out {
		out[i].SectionNumber = uint8(i)
		out[i].LastSectionNumber = uint8(len(out) - 1)
	}
	return out, nil
}

func (t *Table) section(common []Descriptor) Section {
	return Section{
		TestApplicationFlag:  t.TestApplicationFlag,
		ApplicationType:      t.ApplicationType,
		VersionNumber:        t.VersionNumber,
		CurrentNextIndicator: t.CurrentNextIndicator,
		CommonDescriptors:    common,
	}
}

// MarshalSections returns the sections of t (see Sections), each with its CRC_32.
func (t *Table) MarshalSections() ([][]byte, error) {
	secs, err := t.Sections()
	if err != nil {
		return nil, err
	}
	out := make([][]byte, len(secs))
	for i := range secs {
		if out[i], err = secs[i].Marshal(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
