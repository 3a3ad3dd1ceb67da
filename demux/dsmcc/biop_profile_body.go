package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// Component tags of a BIOPProfileBody.
// Specification: ETSI TR 101 202 §4.7.3.2.
const (
	TagObjectLocation = 0x49534F50 // TAG_ObjectLocation
	TagConnBinder     = 0x49534F40 // TAG_ConnBinder
)

// BIOPProfileBody is the TAG_BIOP profile of an IOR: where the object is (ObjectLocation)
// and how to reach its module (ConnBinder). Components other than the first ObjectLocation
// and ConnBinder are kept in OtherComponents.
// Specification: ETSI TR 101 202 §4.7.3.2 table 4.5.
//
//	profile_data_byte_order  8 (0 = big endian)
//	liteComponents_count     8
//	{ componentId_tag       32
//	  component_data_length  8
//	  component_data_byte    component_data_length bytes } * liteComponents_count
type BIOPProfileBody struct {
	ProfileDataByteOrder uint8
	ObjectLocation       ObjectLocation
	ConnBinder           ConnBinder
	OtherComponents      []LiteComponent
}

// LiteComponent is a lite component other than ObjectLocation and ConnBinder (for example
// a ServiceLocation). ComponentData aliases the input.
type LiteComponent struct {
	ComponentIDTag uint32
	ComponentData  []byte
}

// Unmarshal reads a BIOPProfileBody from the profile data b and returns its length. Both
// an ObjectLocation and a ConnBinder are required.
func (p *BIOPProfileBody) Unmarshal(b []byte) (int, error) {
	r := bitio.NewReader(b)
	p.ProfileDataByteOrder = r.Uint8()
	n := int(r.Uint8())
	p.OtherComponents = p.OtherComponents[:0]
	var haveLoc, haveBinder bool
	for i := 0; i < n && r.Err() == nil; i++ {
		tag := r.Uint32()
		data := r.Bytes(int(r.Uint8()))
		if r.Err() != nil {
			break
		}
		var err error
		switch {
		case tag == TagObjectLocation && !haveLoc:
			haveLoc = true
			err = p.ObjectLocation.unmarshalData(data)
		case tag == TagConnBinder && !haveBinder:
			haveBinder = true
			err = p.ConnBinder.unmarshalData(data)
		default:
			p.OtherComponents = append(p.OtherComponents, LiteComponent{ComponentIDTag: tag, ComponentData: data})
		}
		if err != nil {
			return 0, err
		}
	}
	if err := readErr("BIOPProfileBody", r); err != nil {
		return 0, err
	}
	if !haveLoc || !haveBinder {
		return 0, fmt.Errorf("%w: ObjectLocation %t, ConnBinder %t", ErrNoObjectLocation, haveLoc, haveBinder)
	}
	return r.Offset(), nil
}

// MarshalSize returns the encoded length.
func (p *BIOPProfileBody) MarshalSize() int {
	n := 2 + 5 + p.ObjectLocation.dataSize() + 5 + p.ConnBinder.dataSize()
	for _, c := range p.OtherComponents {
		n += 5 + len(c.ComponentData)
	}
	return n
}

// MarshalTo encodes p into b.
func (p *BIOPProfileBody) MarshalTo(b []byte) (int, error) { return marshalTo(p, "BIOPProfileBody", b) }

// Marshal encodes p.
func (p *BIOPProfileBody) Marshal() ([]byte, error) { return marshal(p, "BIOPProfileBody") }

func (p *BIOPProfileBody) appendTo(w *bitio.Writer) error {
	if err := fits("liteComponents_count", 2+len(p.OtherComponents), 8); err != nil {
		return err
	}
	w.Uint8(p.ProfileDataByteOrder)
	w.Uint8(uint8(2 + len(p.OtherComponents)))
	if err := p.ObjectLocation.appendTo(w); err != nil {
		return err
	}
	if err := p.ConnBinder.appendTo(w); err != nil {
		return err
	}
	for _, c := range p.OtherComponents {
		if err := fits("component_data_length", len(c.ComponentData), 8); err != nil {
			return err
		}
		w.Uint32(c.ComponentIDTag)
		w.Uint8(uint8(len(c.ComponentData)))
		w.Bytes(c.ComponentData)
	}
	return nil
}
