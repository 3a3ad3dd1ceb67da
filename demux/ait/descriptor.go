package ait

import (
	"fmt"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/bitio"
)

// Descriptor tags of the AIT's private tag space. 0x06 and 0x07 depend on the region: in
// DVB 0x06 is the application_recording_descriptor (kept raw here) and 0x07 is unused; in
// ISDB-Tb they are the Ginga-NCL descriptors, which this package decodes in tables whose
// application_type is Ginga-NCL (0x0009).
// Specification: ETSI TS 102 809 §5.3.5; ABNT NBR 15606-3.
const (
	TagApplicationDescriptor                      = 0x00
	TagApplicationNameDescriptor                  = 0x01
	TagTransportProtocolDescriptor                = 0x02
	TagDVBJApplicationDescriptor                  = 0x03 // also Ginga-J
	TagDVBJApplicationLocationDescriptor          = 0x04 // also Ginga-J
	TagExternalApplicationAuthorisationDescriptor = 0x05
	TagApplicationRecordingDescriptor             = 0x06 // DVB (not decoded)
	TagGingaNCLApplicationDescriptor              = 0x06 // ISDB-Tb
	TagGingaNCLApplicationLocationDescriptor      = 0x07 // ISDB-Tb
	TagDVBHTMLApplicationDescriptor               = 0x08
	TagDVBHTMLApplicationLocationDescriptor       = 0x09
	TagDVBHTMLApplicationBoundaryDescriptor       = 0x0A
	TagApplicationIconsDescriptor                 = 0x0B
	TagPrefetchDescriptor                         = 0x0C
	TagDIILocationDescriptor                      = 0x0D
	TagApplicationStorageDescriptor               = 0x10
	TagIPSignallingDescriptor                     = 0x11
	TagSimpleApplicationLocationDescriptor        = 0x15
	TagApplicationUsageDescriptor                 = 0x16
	TagSimpleApplicationBoundaryDescriptor        = 0x17
	TagPrivateDataSpecifierDescriptor             = 0x5F
)

// Descriptor is one descriptor of an AIT descriptor loop. Unmarshal yields a pointer to one
// of this package's *Descriptor types for every tag it decodes, and a *RawDescriptor for
// the others; a loop keeps the order of the wire. Build a loop from the same pointer types;
// Marshal writes each one (reserved bits as 1).
type Descriptor interface {
	// DescriptorTag returns the descriptor_tag.
	DescriptorTag() uint8
	// encode appends the descriptor's payload (what follows descriptor_length).
	encode(e *encoder)
}

// RawDescriptor is a descriptor this package does not decode, kept as it is.
// Data aliases the section after Unmarshal.
// Specification: ISO/IEC 13818-1 §2.6.
type RawDescriptor struct {
	Tag  uint8
	Data []byte
}

// DescriptorTag returns d.Tag.
func (d *RawDescriptor) DescriptorTag() uint8 { return d.Tag }
func (d *RawDescriptor) encode(e *encoder)    { e.bytes(d.Data) }

// decoder is implemented by every descriptor type this package decodes.
type decoder interface {
	Descriptor
	decode(r *bitio.Reader) error
}

// newDescriptor returns an empty descriptor of the type that decodes tag in a table of
// application type t, or nil if tag stays raw.
func newDescriptor(tag uint8, t ApplicationType) decoder {
	switch tag {
	case TagApplicationDescriptor:
		return &ApplicationDescriptor{}
	case TagApplicationNameDescriptor:
		return &ApplicationNameDescriptor{}
	case TagTransportProtocolDescriptor:
		return &TransportProtocolDescriptor{}
	case TagDVBJApplicationDescriptor:
		return &DVBJApplicationDescriptor{}
	case TagDVBJApplicationLocationDescriptor:
		return &DVBJApplicationLocationDescriptor{}
	case TagExternalApplicationAuthorisationDescriptor:
		return &ExternalApplicationAuthorisationDescriptor{}
	case TagGingaNCLApplicationDescriptor:
		if t == ApplicationTypeGingaNCL {
			return &GingaNCLApplicationDescriptor{}
		}
	case TagGingaNCLApplicationLocationDescriptor:
		if t == ApplicationTypeGingaNCL {
			return &GingaNCLApplicationLocationDescriptor{}
		}
	case TagDVBHTMLApplicationDescriptor:
		return &DVBHTMLApplicationDescriptor{}
	case TagDVBHTMLApplicationLocationDescriptor:
		return &DVBHTMLApplicationLocationDescriptor{}
	case TagDVBHTMLApplicationBoundaryDescriptor:
		return &DVBHTMLApplicationBoundaryDescriptor{}
	case TagApplicationIconsDescriptor:
		return &ApplicationIconsDescriptor{}
	case TagPrefetchDescriptor:
		return &PrefetchDescriptor{}
	case TagDIILocationDescriptor:
		return &DIILocationDescriptor{}
	case TagApplicationStorageDescriptor:
		return &ApplicationStorageDescriptor{}
	case TagIPSignallingDescriptor:
		return &IPSignallingDescriptor{}
	case TagSimpleApplicationLocationDescriptor:
		return &SimpleApplicationLocationDescriptor{}
	case TagApplicationUsageDescriptor:
		return &ApplicationUsageDescriptor{}
	case TagSimpleApplicationBoundaryDescriptor:
		return &SimpleApplicationBoundaryDescriptor{}
	case TagPrivateDataSpecifierDescriptor:
		return &PrivateDataSpecifierDescriptor{}
	}
	return nil
}

// DecodeDescriptor decodes one descriptor of an AIT of application type t (t matters for
// tags 0x06 and 0x07 only). Results alias data. Bytes after the last field a descriptor
// defines are ignored, as receivers must for future extensions.
func DecodeDescriptor(tag uint8, data []byte, t ApplicationType) (Descriptor, error) {
	return decodeDescriptor(new(bitio.Reader), tag, data, t, loopName{})
}

// loopName names a descriptor loop in errors, lazily: the common loop or an application's.
type loopName struct {
	kind           loopKind
	organisationID uint32
	applicationID  uint16
}

type loopKind uint8

const (
	loopUnnamed loopKind = iota
	loopCommon
	loopApplication
)

func (l loopName) prefix() string {
	switch l.kind {
	case loopCommon:
		return "common descriptors: "
	case loopApplication:
		return fmt.Sprintf("application 0x%08X/0x%04X: ", l.organisationID, l.applicationID)
	}
	return ""
}

// decodeDescriptor is DecodeDescriptor with a reader to reuse (an interface call makes it
// escape, so loops share one) and the loop's name for errors (zero: no name).
func decodeDescriptor(r *bitio.Reader, tag uint8, data []byte, t ApplicationType, where loopName) (Descriptor, error) {
	d := newDescriptor(tag, t)
	if d == nil {
		return &RawDescriptor{Tag: tag, Data: nilIfEmpty(data)}, nil
	}
	r.Reset(data)
	err := d.decode(r)
	if err == nil {
		err = r.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s%T (tag 0x%02X, %d bytes): %w", ErrDescriptor, where.prefix(), d, tag, len(data), err)
	}
	return d, nil
}

// decodeLoop decodes the descriptor loop b into dst[:0], using r.
func decodeLoop(r *bitio.Reader, dst []Descriptor, b []byte, t ApplicationType, where loopName) ([]Descriptor, error) {
	n := 0
	it := psi.Descriptors(b)
	for _, ok := it.Next(); ok; _, ok = it.Next() {
		n++
	}
	if err := it.Err(); err != nil {
		return dst[:0], fmt.Errorf("%w: %s%w", ErrLength, where.prefix(), err)
	}
	if n == 0 {
		return nil, nil
	}
	dst = dst[:0]
	if cap(dst) < n {
		dst = make([]Descriptor, 0, n)
	}
	it = psi.Descriptors(b)
	for raw, ok := it.Next(); ok; raw, ok = it.Next() {
		d, err := decodeDescriptor(r, raw.Tag, raw.Data, t, where)
		if err != nil {
			return dst, err
		}
		dst = append(dst, d)
	}
	return dst, nil
}

// AppendDescriptor appends d with its tag and length to b: the raw form of the descriptor.
func AppendDescriptor(b []byte, d Descriptor) ([]byte, error) {
	e := encoder{b: b}
	e.descriptor(d)
	if e.err != nil {
		return b, e.err
	}
	return e.b, nil
}

func (e *encoder) descriptor(d Descriptor) {
	if d == nil {
		e.fail("nil descriptor")
		return
	}
	tag := d.DescriptorTag()
	e.u8(tag)
	start := e.open(8)
	d.encode(e)
	if n := len(e.b) - start - 1; n > 0xFF {
		e.fail("descriptor 0x%02X payload is %d bytes, at most 255", tag, n)
		return
	}
	e.close(start, 8, "descriptor_length")
}

func (e *encoder) loop(ds []Descriptor) {
	for _, d := range ds {
		e.descriptor(d)
	}
}

// nilIfEmpty returns nil for an empty slice, so that decoded values compare equal whether a
// field was absent on the wire or built as nil.
func nilIfEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

// str8 reads an 8-bit length and that many bytes as a string.
func str8(r *bitio.Reader) string { return string(r.Bytes(int(r.Uint8()))) }

// bytes8 reads an 8-bit length and that many bytes.
func bytes8(r *bitio.Reader) []byte { return nilIfEmpty(r.Bytes(int(r.Uint8()))) }
