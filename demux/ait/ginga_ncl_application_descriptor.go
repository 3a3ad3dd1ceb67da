package ait

import "github.com/antena-tv/antena/internal/bitio"

// GingaNCLApplicationDescriptor (tag 0x06 in an AIT of application_type 0x0009) holds the
// parameters passed to a Ginga-NCL application. In DVB, tag 0x06 is another descriptor.
// Specification: ABNT NBR 15606-3 (same layout as the DVB-J application descriptor).
//
//	for each parameter:
//	  parameter_length  8
//	  parameter_byte    8 × parameter_length
type GingaNCLApplicationDescriptor struct {
	Parameters []string
}

// DescriptorTag returns 0x06.
func (*GingaNCLApplicationDescriptor) DescriptorTag() uint8 { return TagGingaNCLApplicationDescriptor }

func (d *GingaNCLApplicationDescriptor) decode(r *bitio.Reader) error {
	d.Parameters = decodeParameters(r)
	return nil
}

func (d *GingaNCLApplicationDescriptor) encode(e *encoder) { encodeParameters(e, d.Parameters) }

// GingaNCLApplicationLocationDescriptor (tag 0x07 in an AIT of application_type 0x0009)
// locates a Ginga-NCL application: InitialClass is the NCL document to start, e.g.
// "main.ncl", relative to BaseDirectory.
// Specification: ABNT NBR 15606-3 (layout as in OpenCaster MHP/Descriptors.py and demuxfs ait.c).
//
//	base_directory_length       8
//	base_directory_byte         8 × base_directory_length
//	classpath_extension_length  8
//	classpath_extension_byte    8 × classpath_extension_length
//	initial_class_byte          8  (to the end)
type GingaNCLApplicationLocationDescriptor struct {
	BaseDirectory      string
	ClasspathExtension string
	InitialClass       string
}

// DescriptorTag returns 0x07.
func (*GingaNCLApplicationLocationDescriptor) DescriptorTag() uint8 {
	return TagGingaNCLApplicationLocationDescriptor
}

func (d *GingaNCLApplicationLocationDescriptor) decode(r *bitio.Reader) error {
	d.BaseDirectory, d.ClasspathExtension, d.InitialClass = decodeLocation(r)
	return nil
}

func (d *GingaNCLApplicationLocationDescriptor) encode(e *encoder) {
	encodeLocation(e, d.BaseDirectory, d.ClasspathExtension, d.InitialClass)
}
