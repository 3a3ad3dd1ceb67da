package ait

import "github.com/antena-tv/antena/internal/bitio"

// DVBJApplicationDescriptor (tag 0x03) holds the parameters passed to a DVB-J (or Ginga-J)
// application.
// Specification: ETSI TS 101 812 §10 (DVB-J application descriptor); ABNT NBR 15606-4.
//
//	for each parameter:
//	  parameter_length  8
//	  parameter_byte    8 × parameter_length
type DVBJApplicationDescriptor struct {
	Parameters []string
}

// DescriptorTag returns 0x03.
func (*DVBJApplicationDescriptor) DescriptorTag() uint8 { return TagDVBJApplicationDescriptor }

func (d *DVBJApplicationDescriptor) decode(r *bitio.Reader) error {
	d.Parameters = decodeParameters(r)
	return nil
}

func (d *DVBJApplicationDescriptor) encode(e *encoder) { encodeParameters(e, d.Parameters) }

// DVBJApplicationLocationDescriptor (tag 0x04) locates a DVB-J (or Ginga-J) application's
// classes: InitialClass is the Xlet class to start.
// Specification: ETSI TS 101 812 §10 (DVB-J application location descriptor).
//
//	base_directory_length       8
//	base_directory_byte         8 × base_directory_length
//	classpath_extension_length  8
//	classpath_extension_byte    8 × classpath_extension_length
//	initial_class_byte          8  (to the end)
type DVBJApplicationLocationDescriptor struct {
	BaseDirectory      string
	ClasspathExtension string
	InitialClass       string
}

// DescriptorTag returns 0x04.
func (*DVBJApplicationLocationDescriptor) DescriptorTag() uint8 {
	return TagDVBJApplicationLocationDescriptor
}

func (d *DVBJApplicationLocationDescriptor) decode(r *bitio.Reader) error {
	d.BaseDirectory, d.ClasspathExtension, d.InitialClass = decodeLocation(r)
	return nil
}

func (d *DVBJApplicationLocationDescriptor) encode(e *encoder) {
	encodeLocation(e, d.BaseDirectory, d.ClasspathExtension, d.InitialClass)
}

// decodeParameters reads a list of 8-bit-length-prefixed strings to the end of r.
func decodeParameters(r *bitio.Reader) []string {
	var ps []string
	for r.Len() > 0 {
		ps = append(ps, str8(r))
	}
	return ps
}

func encodeParameters(e *encoder, ps []string) {
	for _, p := range ps {
		e.str8(p, "parameter_length")
	}
}

// decodeLocation reads the base directory / classpath extension / initial class layout that
// the DVB-J and Ginga-NCL location descriptors share.
func decodeLocation(r *bitio.Reader) (base, classpath, initial string) {
	base = str8(r)
	classpath = str8(r)
	return base, classpath, string(r.Rest())
}

func encodeLocation(e *encoder, base, classpath, initial string) {
	e.str8(base, "base_directory_length")
	e.str8(classpath, "classpath_extension_length")
	e.str(initial)
}
