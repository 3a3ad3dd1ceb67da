package ait

import "github.com/antena-tv/antena/internal/bitio"

// IPSignallingDescriptor (tag 0x11) names the IP/MAC platform whose INT gives the IP
// streams of the application's MPE transports.
// Specification: ETSI TS 102 809 §5.3.5 (IP signalling descriptor).
//
//	platform_id  24
type IPSignallingDescriptor struct {
	PlatformID uint32 // 24 bits
}

// DescriptorTag returns 0x11.
func (*IPSignallingDescriptor) DescriptorTag() uint8 { return TagIPSignallingDescriptor }

func (d *IPSignallingDescriptor) decode(r *bitio.Reader) error {
	d.PlatformID = r.Uint24()
	return nil
}

func (d *IPSignallingDescriptor) encode(e *encoder) { e.u24(d.PlatformID, "platform_id") }

// SimpleApplicationLocationDescriptor (tag 0x15) gives the entry point of an HbbTV (or other
// web) application, relative to the URL base of its transport, e.g. "index.html?x=1".
// Specification: ETSI TS 102 809 §5.3.5 (simple application location descriptor).
//
//	initial_path_bytes  8  (to the end)
type SimpleApplicationLocationDescriptor struct {
	InitialPath string
}

// DescriptorTag returns 0x15.
func (*SimpleApplicationLocationDescriptor) DescriptorTag() uint8 {
	return TagSimpleApplicationLocationDescriptor
}

func (d *SimpleApplicationLocationDescriptor) decode(r *bitio.Reader) error {
	d.InitialPath = string(r.Rest())
	return nil
}

func (d *SimpleApplicationLocationDescriptor) encode(e *encoder) { e.str(d.InitialPath) }

// ApplicationUsageDescriptor (tag 0x16) says what an application is for (e.g. 0x01 digital
// teletext in HbbTV).
// Specification: ETSI TS 102 809 §5.3.5 (application usage descriptor).
//
//	usage_type  8
type ApplicationUsageDescriptor struct {
	UsageType uint8
}

// DescriptorTag returns 0x16.
func (*ApplicationUsageDescriptor) DescriptorTag() uint8 { return TagApplicationUsageDescriptor }

func (d *ApplicationUsageDescriptor) decode(r *bitio.Reader) error {
	d.UsageType = r.Uint8()
	return nil
}

func (d *ApplicationUsageDescriptor) encode(e *encoder) { e.u8(d.UsageType) }

// SimpleApplicationBoundaryDescriptor (tag 0x17) lists URL prefixes that stay inside the
// application (HbbTV).
// Specification: ETSI TS 102 809 §5.3.5 (simple application boundary descriptor).
//
//	boundary_extension_count      8
//	for each extension:
//	  boundary_extension_length   8
//	  boundary_extension_byte     8 × boundary_extension_length
type SimpleApplicationBoundaryDescriptor struct {
	BoundaryExtensions []string
}

// DescriptorTag returns 0x17.
func (*SimpleApplicationBoundaryDescriptor) DescriptorTag() uint8 {
	return TagSimpleApplicationBoundaryDescriptor
}

func (d *SimpleApplicationBoundaryDescriptor) decode(r *bitio.Reader) error {
	n := int(r.Uint8())
	d.BoundaryExtensions = nil
	for i := 0; i < n && r.Err() == nil; i++ {
		d.BoundaryExtensions = append(d.BoundaryExtensions, str8(r))
	}
	return nil
}

func (d *SimpleApplicationBoundaryDescriptor) encode(e *encoder) {
	if len(d.BoundaryExtensions) > 0xFF {
		e.fail("boundary_extension_count %d exceeds 255", len(d.BoundaryExtensions))
		return
	}
	e.u8(uint8(len(d.BoundaryExtensions)))
	for _, x := range d.BoundaryExtensions {
		e.str8(x, "boundary_extension_length")
	}
}

// PrivateDataSpecifierDescriptor (tag 0x5F) says whose private descriptors follow it.
// Specification: ETSI EN 300 468 §6.2.31.
//
//	private_data_specifier  32
type PrivateDataSpecifierDescriptor struct {
	PrivateDataSpecifier uint32
}

// DescriptorTag returns 0x5F.
func (*PrivateDataSpecifierDescriptor) DescriptorTag() uint8 {
	return TagPrivateDataSpecifierDescriptor
}

func (d *PrivateDataSpecifierDescriptor) decode(r *bitio.Reader) error {
	d.PrivateDataSpecifier = r.Uint32()
	return nil
}

func (d *PrivateDataSpecifierDescriptor) encode(e *encoder) { e.u32(d.PrivateDataSpecifier) }
