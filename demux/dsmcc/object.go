package dsmcc

import "fmt"

// objectKey identifies an object within a carousel: module ids are unique in a carousel
// (TR 101 202 §4.7.2), object keys within a module.
type objectKey struct {
	moduleID uint16
	key      string
}

func (k objectKey) String() string { return fmt.Sprintf("module 0x%04X key %X", k.moduleID, k.key) }

// object is one decoded BIOP message of a completed module. Its slices alias the module's
// data, which never changes.
type object struct {
	key           objectKey
	kind          string
	downloadID    uint32
	moduleVersion uint8
	dir           *DirectoryMessage
	file          *FileMessage
	stream        *StreamMessage
	streamEvent   *StreamEventMessage
}

// parseObjects splits a module's data into BIOP messages. It stops at the first message
// that does not parse and returns the objects before it with the error; at most max
// objects are returned.
func parseObjects(m *module, limit int) ([]*object, error) {
	var objs []*object
	data := m.data
	for off := 0; off < len(data); {
		if len(objs) >= limit {
			return objs, fmt.Errorf("%w: module 0x%04X has more than %d objects (MaxObjects)", ErrLimit, m.key.moduleID, limit)
		}
		var msg BIOPMessage
		n, err := msg.Unmarshal(data[off:])
		if err != nil {
			return objs, fmt.Errorf("module 0x%04X v%d offset %d: %w", m.key.moduleID, m.version, off, err)
		}
		off += n
		o, err := newObject(&msg, m)
		if err != nil {
			return objs, fmt.Errorf("module 0x%04X v%d object %X: %w", m.key.moduleID, m.version, msg.ObjectKey, err)
		}
		if o != nil {
			objs = append(objs, o)
		}
	}
	return objs, nil
}

// newObject decodes a BIOP message of a known kind. Messages of other kinds are skipped
// (nil, nil).
func newObject(msg *BIOPMessage, m *module) (*object, error) {
	o := &object{
		key:  objectKey{moduleID: m.key.moduleID, key: string(msg.ObjectKey)},
		kind: msg.Kind(), downloadID: m.key.downloadID, moduleVersion: m.version,
	}
	var err error
	switch o.kind {
	case KindServiceGateway, KindDirectory:
		o.dir = &DirectoryMessage{}
		err = o.dir.Decode(msg)
	case KindFile:
		o.file = &FileMessage{}
		err = o.file.Decode(msg)
	case KindStream:
		o.stream = &StreamMessage{}
		err = o.stream.Decode(msg)
	case KindStreamEvent:
		o.streamEvent = &StreamEventMessage{}
		err = o.streamEvent.Decode(msg)
	default:
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return o, nil
}
