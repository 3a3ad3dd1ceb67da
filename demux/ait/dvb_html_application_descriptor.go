package ait

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// DVBHTMLApplicationDescriptor (tag 0x08) lists the applications of a DVB-HTML application
// set and its parameter.
// Specification: ETSI TS 101 812 §10 (DVB-HTML application descriptor).
//
//	appid_set_length  8
//	application_id   16 × (appid_set_length / 2)
//	parameter_byte    8  (to the end)
type DVBHTMLApplicationDescriptor struct {
	ApplicationIDs []uint16
	Parameter      string
}

// DescriptorTag returns 0x08.
func (*DVBHTMLApplicationDescriptor) DescriptorTag() uint8 { return TagDVBHTMLApplicationDescriptor }

func (d *DVBHTMLApplicationDescriptor) decode(r *bitio.Reader) error {
	n := int(r.Uint8())
	if n%2 != 0 {
		return fmt.Errorf("appid_set_length %d is odd", n)
	}
	ids := r.Sub(n)
	d.ApplicationIDs = nil
	for ids.Len() > 0 {
		d.ApplicationIDs = append(d.ApplicationIDs, ids.Uint16())
	}
	d.Parameter = string(r.Rest())
	return nil
}

func (d *DVBHTMLApplicationDescriptor) encode(e *encoder) {
	start := e.open(8)
	for _, id := range d.ApplicationIDs {
		e.u16(id)
	}
	e.close(start, 8, "appid_set_length")
	e.str(d.Parameter)
}

// DVBHTMLApplicationLocationDescriptor (tag 0x09) locates a DVB-HTML application:
// InitialPath is its first document, under PhysicalRoot.
// Specification: ETSI TS 101 812 §10 (DVB-HTML application location descriptor).
//
//	physical_root_length  8
//	physical_root_byte    8 × physical_root_length
//	initial_path_byte     8  (to the end)
type DVBHTMLApplicationLocationDescriptor struct {
	PhysicalRoot string
	InitialPath  string
}

// DescriptorTag returns 0x09.
func (*DVBHTMLApplicationLocationDescriptor) DescriptorTag() uint8 {
	return TagDVBHTMLApplicationLocationDescriptor
}

func (d *DVBHTMLApplicationLocationDescriptor) decode(r *bitio.Reader) error {
	d.PhysicalRoot = str8(r)
	d.InitialPath = string(r.Rest())
	return nil
}

func (d *DVBHTMLApplicationLocationDescriptor) encode(e *encoder) {
	e.str8(d.PhysicalRoot, "physical_root_length")
	e.str(d.InitialPath)
}

// DVBHTMLApplicationBoundaryDescriptor (tag 0x0A) bounds the documents that belong to a
// DVB-HTML application with a regular expression.
// Specification: ETSI TS 101 812 §10 (DVB-HTML application boundary descriptor).
//
//	label_length             8
//	label_byte               8 × label_length
//	regular_expression_byte  8  (to the end)
type DVBHTMLApplicationBoundaryDescriptor struct {
	Label             string
	RegularExpression string
}

// DescriptorTag returns 0x0A.
func (*DVBHTMLApplicationBoundaryDescriptor) DescriptorTag() uint8 {
	return TagDVBHTMLApplicationBoundaryDescriptor
}

func (d *DVBHTMLApplicationBoundaryDescriptor) decode(r *bitio.Reader) error {
	d.Label = str8(r)
	d.RegularExpression = string(r.Rest())
	return nil
}

func (d *DVBHTMLApplicationBoundaryDescriptor) encode(e *encoder) {
	e.str8(d.Label, "label_length")
	e.str(d.RegularExpression)
}
