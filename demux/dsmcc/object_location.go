package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// ObjectLocation is the BIOP::ObjectLocation lite component: the carousel, module and key
// of an object. ObjectKey aliases the input.
// Specification: ETSI TR 101 202 §4.7.3.2 table 4.5.
//
//	componentId_tag        32 (0x49534F50)
//	component_data_length   8
//	carouselId             32
//	moduleId               16
//	version.major           8 (1)
//	version.minor           8 (0)
//	objectKey_length        8 (<= 4 in DVB)
//	objectKey_data_byte     objectKey_length bytes
type ObjectLocation struct {
	CarouselID   uint32
	ModuleID     uint16
	VersionMajor uint8
	VersionMinor uint8
	ObjectKey    []byte
}

const objectLocationFixed = 9 // carouselId .. objectKey_length

// Unmarshal reads a whole ObjectLocation component (tag and length included) from b and
// returns its length.
func (l *ObjectLocation) Unmarshal(b []byte) (int, error) {
	r := bitio.NewReader(b)
	if tag := r.Uint32(); r.Err() == nil && tag != TagObjectLocation {
		return 0, fmt.Errorf("%w: componentId_tag 0x%08X is not ObjectLocation", ErrNoObjectLocation, tag)
	}
	data := r.Bytes(int(r.Uint8()))
	if err := readErr("BIOP::ObjectLocation", r); err != nil {
		return 0, err
	}
	return r.Offset(), l.unmarshalData(data)
}

// unmarshalData reads the component data (after tag and length). Bytes after the object key
// are ignored.
func (l *ObjectLocation) unmarshalData(data []byte) error {
	r := bitio.NewReader(data)
	l.CarouselID = r.Uint32()
	l.ModuleID = r.Uint16()
	l.VersionMajor = r.Uint8()
	l.VersionMinor = r.Uint8()
	l.ObjectKey = r.Bytes(int(r.Uint8()))
	return readErr("BIOP::ObjectLocation", r)
}

func (l *ObjectLocation) dataSize() int { return objectLocationFixed + len(l.ObjectKey) }

// MarshalSize returns the encoded length, tag and length included.
func (l *ObjectLocation) MarshalSize() int { return 5 + l.dataSize() }

// MarshalTo encodes l into b.
func (l *ObjectLocation) MarshalTo(b []byte) (int, error) {
	return marshalTo(l, "BIOP::ObjectLocation", b)
}

// Marshal encodes l.
func (l *ObjectLocation) Marshal() ([]byte, error) { return marshal(l, "BIOP::ObjectLocation") }

func (l *ObjectLocation) appendTo(w *bitio.Writer) error {
	if err := fits("component_data_length", l.dataSize(), 8); err != nil {
		return err
	}
	w.Uint32(TagObjectLocation)
	w.Uint8(uint8(l.dataSize()))
	w.Uint32(l.CarouselID)
	w.Uint16(l.ModuleID)
	w.Uint8(l.VersionMajor)
	w.Uint8(l.VersionMinor)
	w.Uint8(uint8(len(l.ObjectKey)))
	w.Bytes(l.ObjectKey)
	return nil
}
