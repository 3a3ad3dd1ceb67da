package ait

import (
	"bytes"
	"fmt"

	"github.com/antena-tv/antena/demux/psi"
)

// Status says what Collector.Add did with a section.
type Status uint8

// Collector outcomes.
const (
	// StatusIncomplete: the section was stored; its table still misses sections.
	StatusIncomplete Status = iota
	// StatusComplete: the section completed a table not reported before (a first table, a
	// new version, or changed content under the same version); Add returns it.
	StatusComplete
	// StatusRepeated: the section repeats one of the current complete table, byte for byte.
	// This is the common case on air and costs one comparison.
	StatusRepeated
	// StatusNotApplicable: current_next_indicator is 0 (a table not yet valid); ignored.
	StatusNotApplicable
)

// String returns the status name.
func (s Status) String() string {
	switch s {
	case StatusIncomplete:
		return "incomplete"
	case StatusComplete:
		return "complete"
	case StatusRepeated:
		return "repeated"
	case StatusNotApplicable:
		return "not applicable"
	}
	return fmt.Sprintf("status %d", uint8(s))
}

// Collector gathers the sections of the AIT sub-tables of one PID and reports each table once
// it is complete. Sub-tables are told apart by test_application_flag and application_type.
// A change of version_number or last_section_number restarts a sub-table's collection.
// Sections must be whole and CRC-checked (psi's assembler does that).
//
// Add copies what it keeps; returned Tables alias those copies, which are never modified,
// so a Table stays valid after later calls. The zero value is ready to use; a Collector is
// not safe for concurrent use.
type Collector struct {
	subtables map[uint16]*subtable
}

// maxSubtables bounds the sub-tables one Collector keeps (a PID normally carries one or two),
// so that hostile input cannot make it hold more than maxSubtables × 256 sections.
const maxSubtables = 16

type subtable struct {
	version  uint8
	last     uint8
	raw      [][]byte  // by section_number, nil while missing
	sections []Section // decoded raw
	have     int
	complete bool
	table    *Table
}

// Add feeds one section. It returns the table when this section completes one (StatusComplete)
// and nil otherwise. A malformed section is reported and not stored.
func (c *Collector) Add(sec []byte) (*Table, Status, error) {
	h, n, err := psi.ParseHeader(sec)
	if err != nil {
		return nil, StatusIncomplete, fmt.Errorf("%w: %w", ErrSection, err)
	}
	if h.TableID != psi.TableIDAIT {
		return nil, StatusIncomplete, fmt.Errorf("%w: table_id 0x%02X", ErrTableID, h.TableID)
	}
	if !h.SectionSyntaxIndicator {
		return nil, StatusIncomplete, fmt.Errorf("%w: section_syntax_indicator 0", ErrSection)
	}
	if !h.CurrentNextIndicator {
		return nil, StatusNotApplicable, nil
	}
	sec = sec[:n]
	st := c.subtables[h.TableIDExtension]
	if st != nil && st.version == h.VersionNumber && st.last == h.LastSectionNumber &&
		int(h.SectionNumber) < len(st.raw) && bytes.Equal(st.raw[h.SectionNumber], sec) {
		if st.complete {
			return nil, StatusRepeated, nil
		}
		return nil, StatusIncomplete, nil
	}
	var s Section
	own := append([]byte(nil), sec...)
	if err = s.Unmarshal(own); err != nil {
		return nil, StatusIncomplete, err
	}
	if st == nil || st.version != s.VersionNumber || st.last != s.LastSectionNumber || st.complete {
		// New sub-table, new version, or the content of a complete table changed without a
		// version change (seen on air): start again.
		var prev *Table
		if st != nil {
			prev = st.table // stays the current table until the new one completes
		}
		st = &subtable{version: s.VersionNumber, last: s.LastSectionNumber, table: prev,
			raw: make([][]byte, int(s.LastSectionNumber)+1), sections: make([]Section, int(s.LastSectionNumber)+1)}
		if c.subtables == nil {
			c.subtables = make(map[uint16]*subtable)
		}
		if _, known := c.subtables[h.TableIDExtension]; !known && len(c.subtables) >= maxSubtables {
			return nil, StatusIncomplete, fmt.Errorf("%w: table_id_extension 0x%04X would be sub-table %d, at most %d",
				ErrTooManySubtables, h.TableIDExtension, len(c.subtables)+1, maxSubtables)
		}
		c.subtables[h.TableIDExtension] = st
	}
	if st.raw[s.SectionNumber] == nil {
		st.have++
	}
	st.raw[s.SectionNumber], st.sections[s.SectionNumber] = own, s
	if st.have < len(st.raw) {
		return nil, StatusIncomplete, nil
	}
	st.complete = true
	st.table = NewTable(st.sections)
	return st.table, StatusComplete, nil
}

// Table returns the last complete table (kept while a new version is being collected) of the
// sub-table with the given test flag and
// application type, or nil.
func (c *Collector) Table(test bool, t ApplicationType) *Table {
	key := uint16(t) & applicationTypeMask
	if test {
		key |= testApplicationFlag
	}
	if st := c.subtables[key]; st != nil {
		return st.table
	}
	return nil
}

// Reset forgets every sub-table (after a channel change).
func (c *Collector) Reset() { c.subtables = nil }
