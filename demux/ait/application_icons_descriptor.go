package ait

import "github.com/antena-tv/antena/internal/bitio"

// ApplicationIconsDescriptor (tag 0x0B) locates an application's icons: IconLocator is a
// directory, IconFlags a bit set of the sizes present.
// Specification: ETSI TS 102 809 §5.3.5 (application icons descriptor).
//
//	icon_locator_length   8
//	icon_locator_byte     8 × icon_locator_length
//	icon_flags           16
//	reserved_future_use   8  (to the end)
type ApplicationIconsDescriptor struct {
	IconLocator       string
	IconFlags         uint16
	ReservedFutureUse []byte // aliases the section after Unmarshal
}

// DescriptorTag returns 0x0B.
func (*ApplicationIconsDescriptor) DescriptorTag() uint8 { return TagApplicationIconsDescriptor }

func (d *ApplicationIconsDescriptor) decode(r *bitio.Reader) error {
	d.IconLocator = str8(r)
	d.IconFlags = r.Uint16()
	d.ReservedFutureUse = nilIfEmpty(r.Rest())
	return nil
}

func (d *ApplicationIconsDescriptor) encode(e *encoder) {
	e.str8(d.IconLocator, "icon_locator_length")
	e.u16(d.IconFlags)
	e.bytes(d.ReservedFutureUse)
}
