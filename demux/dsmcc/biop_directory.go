package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// Binding types of a directory binding.
const (
	BindingTypeNObject  = 0x01 // nobject: a leaf (file, stream, stream event)
	BindingTypeNContext = 0x02 // ncontext: a directory
)

// DirectoryMessage is a directory ("dir") or service gateway ("srg") BIOP message: its
// bindings. Slices alias the input.
// Specification: ETSI TR 101 202 §4.7.4.2 table 4.8 (DSM::Directory) and §4.7.4.1.
//
//	BIOP message header, objectKey, objectKind "dir\0" or "srg\0", objectInfo, serviceContextList
//	messageBody:
//	bindings_count                 16
//	{ BIOP::Name
//	    nameComponents_count        8 (1)
//	    { id_length                 8
//	      id_data_byte              id_length bytes (NUL-terminated)
//	      kind_length               8
//	      kind_data_byte            kind_length bytes ("dir\0", "fil\0", ...) } * nameComponents_count
//	  bindingType                   8 (1 nobject, 2 ncontext)
//	  IOP::IOR
//	  objectInfo_length            16
//	  objectInfo_data_byte          objectInfo_length bytes (fil: ContentSize 64 + descriptors) } * bindings_count
type DirectoryMessage struct {
	ObjectKey []byte
	// ServiceGateway is true for "srg", false for "dir".
	ServiceGateway     bool
	ObjectInfo         []byte
	ServiceContextList []ServiceContext
	Bindings           []Binding
}

// Binding is one name-to-object binding of a directory.
type Binding struct {
	Name        []NameComponent
	BindingType uint8
	IOR         IOR
	ObjectInfo  []byte
}

// NameComponent is one component of a BIOP::Name. ID includes its NUL terminator as sent.
type NameComponent struct {
	ID   []byte
	Kind []byte
}

// Unmarshal reads a directory BIOP message from b and returns its length.
func (d *DirectoryMessage) Unmarshal(b []byte) (int, error) { return unmarshalObject(d, b) }

// Decode takes the parts of a directory from a generic BIOP message. Bytes after the last
// binding are ignored.
func (d *DirectoryMessage) Decode(m *BIOPMessage) error {
	k, err := checkKind(m, KindDirectory, KindServiceGateway)
	if err != nil {
		return err
	}
	d.ObjectKey, d.ObjectInfo, d.ServiceContextList = m.ObjectKey, m.ObjectInfo, m.ServiceContextList
	d.ServiceGateway = k == KindServiceGateway
	r := bitio.NewReader(m.MessageBody)
	n := int(r.Uint16())
	d.Bindings = d.Bindings[:0]
	for i := 0; i < n && r.Err() == nil; i++ {
		var bd Binding
		nc := int(r.Uint8())
		for j := 0; j < nc && r.Err() == nil; j++ {
			id := r.Bytes(int(r.Uint8()))
			bd.Name = append(bd.Name, NameComponent{ID: id, Kind: r.Bytes(int(r.Uint8()))})
		}
		bd.BindingType = r.Uint8()
		bd.IOR.read(r)
		bd.ObjectInfo = r.Bytes(int(r.Uint16()))
		d.Bindings = append(d.Bindings, bd)
	}
	return readErr("directory message", r)
}

// bodySize returns the length of the message body.
func (d *DirectoryMessage) bodySize() int {
	n := 2
	for i := range d.Bindings {
		b := &d.Bindings[i]
		n++
		for _, c := range b.Name {
			n += 2 + len(c.ID) + len(c.Kind)
		}
		n += 1 + b.IOR.MarshalSize() + 2 + len(b.ObjectInfo)
	}
	return n
}

// BIOP returns d as a generic BIOP message (version 1.0).
func (d *DirectoryMessage) BIOP() (BIOPMessage, error) {
	w := bitio.Writer{B: make([]byte, 0, d.bodySize())}
	if err := d.appendBody(&w); err != nil {
		return BIOPMessage{}, err
	}
	kind := KindDirectory
	if d.ServiceGateway {
		kind = KindServiceGateway
	}
	m := NewBIOPMessage(kind, d.ObjectKey, d.ObjectInfo, w.B)
	m.ServiceContextList = d.ServiceContextList
	return m, nil
}

// MarshalSize returns the encoded length (0 when d cannot be encoded).
func (d *DirectoryMessage) MarshalSize() int { return objectSize(d) }

// MarshalTo encodes d into b.
func (d *DirectoryMessage) MarshalTo(b []byte) (int, error) { return objectMarshalTo(d, b) }

// Marshal encodes d.
func (d *DirectoryMessage) Marshal() ([]byte, error) { return objectMarshal(d) }

func (d *DirectoryMessage) appendBody(w *bitio.Writer) error {
	if err := fits("bindings_count", len(d.Bindings), 16); err != nil {
		return err
	}
	w.Uint16(uint16(len(d.Bindings)))
	for i := range d.Bindings {
		b := &d.Bindings[i]
		if len(b.Name) > 0xFF || len(b.ObjectInfo) > 0xFFFF {
			return fmt.Errorf("%w: binding %d: %d name components, objectInfo %d bytes",
				ErrFieldOverflow, i, len(b.Name), len(b.ObjectInfo))
		}
		w.Uint8(uint8(len(b.Name)))
		for _, c := range b.Name {
			if len(c.ID) > 0xFF || len(c.Kind) > 0xFF {
				return fmt.Errorf("%w: binding %d: id %d, kind %d bytes", ErrFieldOverflow, i, len(c.ID), len(c.Kind))
			}
			w.Uint8(uint8(len(c.ID)))
			w.Bytes(c.ID)
			w.Uint8(uint8(len(c.Kind)))
			w.Bytes(c.Kind)
		}
		w.Uint8(b.BindingType)
		if err := b.IOR.appendTo(w); err != nil {
			return err
		}
		w.Uint16(uint16(len(b.ObjectInfo)))
		w.Bytes(b.ObjectInfo)
	}
	return nil
}

// NewBinding returns a one-component binding of name (written NUL-terminated) to an object
// of the given kind at loc, reached through binder.
func NewBinding(name, kind string, loc ObjectLocation, binder ConnBinder, objectInfo []byte) (Binding, error) {
	bt := uint8(BindingTypeNObject)
	if kind == KindDirectory {
		bt = BindingTypeNContext
	}
	ior, err := NewIOR(kind, BIOPProfileBody{ObjectLocation: loc, ConnBinder: binder})
	if err != nil {
		return Binding{}, err
	}
	return Binding{
		Name:        []NameComponent{{ID: append([]byte(name), 0), Kind: kindBytes(kind)}},
		BindingType: bt, IOR: ior, ObjectInfo: objectInfo,
	}, nil
}
