package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// BIOPMagic is the magic of every BIOP message: "BIOP".
const BIOPMagic = 0x42494F50

// biopHeaderLen is the fixed header up to and including message_size.
const biopHeaderLen = 12

// BIOPMessage is one BIOP message of a module, of any kind. The object-specific parts
// (ObjectInfo, MessageBody) are decoded by DirectoryMessage, FileMessage, StreamMessage
// and StreamEventMessage. Slices alias the input.
// Specification: ETSI TR 101 202 §4.7.4 tables 4.7-4.12.
//
//	magic                        32 ("BIOP")
//	biop_version.major            8 (1)
//	biop_version.minor            8 (0)
//	byte_order                    8 (0 = big endian)
//	message_type                  8 (0)
//	message_size                 32 (bytes after this field)
//	objectKey_length              8
//	objectKey_data_byte           objectKey_length bytes
//	objectKind_length            32 (4)
//	objectKind_data               objectKind_length bytes ("srg\0", "dir\0", "fil\0", "str\0", "ste\0")
//	objectInfo_length            16
//	objectInfo_data_byte          objectInfo_length bytes
//	serviceContextList_count      8
//	serviceContextList
//	messageBody_length           32
//	messageBody                   messageBody_length bytes
type BIOPMessage struct {
	BIOPVersionMajor   uint8
	BIOPVersionMinor   uint8
	ByteOrder          uint8
	MessageType        uint8
	ObjectKey          []byte
	ObjectKind         []byte
	ObjectInfo         []byte
	ServiceContextList []ServiceContext
	MessageBody        []byte
}

// Unmarshal reads one BIOP message from b and returns its length (12 + message_size).
// The fields must fit in message_size; bytes after messageBody are skipped.
func (m *BIOPMessage) Unmarshal(b []byte) (int, error) {
	r := bitio.NewReader(b)
	magic := r.Uint32()
	m.BIOPVersionMajor = r.Uint8()
	m.BIOPVersionMinor = r.Uint8()
	m.ByteOrder = r.Uint8()
	m.MessageType = r.Uint8()
	size := lenField(r.Uint32())
	if err := readErr("BIOP message header", r); err != nil {
		return 0, err
	}
	if magic != BIOPMagic || m.ByteOrder != 0 {
		return 0, fmt.Errorf("%w: magic 0x%08X, byte_order %d", ErrBIOPMagic, magic, m.ByteOrder)
	}
	body := r.Sub(size)
	if err := readErr("BIOP message", r); err != nil {
		return 0, fmt.Errorf("%w: message_size %d, %d bytes left", ErrLengthOverrun, size, len(b)-biopHeaderLen)
	}
	m.ObjectKey = body.Bytes(int(body.Uint8()))
	m.ObjectKind = body.Bytes(lenField(body.Uint32()))
	m.ObjectInfo = body.Bytes(int(body.Uint16()))
	m.ServiceContextList = readServiceContexts(body, m.ServiceContextList)
	m.MessageBody = body.Bytes(lenField(body.Uint32()))
	if err := readErr("BIOP message", body); err != nil {
		return 0, err
	}
	return biopHeaderLen + size, nil
}

// Kind returns the object kind in its short form ("dir", "fil", ...).
func (m *BIOPMessage) Kind() string { return normalizeKind(m.ObjectKind) }

func (m *BIOPMessage) size() int {
	return 1 + len(m.ObjectKey) + 4 + len(m.ObjectKind) + 2 + len(m.ObjectInfo) +
		serviceContextsSize(m.ServiceContextList) + 4 + len(m.MessageBody)
}

// MarshalSize returns the encoded length.
func (m *BIOPMessage) MarshalSize() int { return biopHeaderLen + m.size() }

// MarshalTo encodes m into b. message_size is computed.
func (m *BIOPMessage) MarshalTo(b []byte) (int, error) { return marshalTo(m, "BIOP message", b) }

// Marshal encodes m.
func (m *BIOPMessage) Marshal() ([]byte, error) { return marshal(m, "BIOP message") }

func (m *BIOPMessage) appendTo(w *bitio.Writer) error {
	if err := fits("objectKey_length", len(m.ObjectKey), 8); err != nil {
		return err
	}
	if err := fits("objectInfo_length", len(m.ObjectInfo), 16); err != nil {
		return err
	}
	w.Uint32(BIOPMagic)
	w.Uint8(m.BIOPVersionMajor)
	w.Uint8(m.BIOPVersionMinor)
	w.Uint8(0)
	w.Uint8(m.MessageType)
	w.Uint32(uint32(m.size()))
	w.Uint8(uint8(len(m.ObjectKey)))
	w.Bytes(m.ObjectKey)
	w.Uint32(uint32(len(m.ObjectKind)))
	w.Bytes(m.ObjectKind)
	w.Uint16(uint16(len(m.ObjectInfo)))
	w.Bytes(m.ObjectInfo)
	if err := appendServiceContexts(w, m.ServiceContextList); err != nil {
		return err
	}
	w.Uint32(uint32(len(m.MessageBody)))
	w.Bytes(m.MessageBody)
	return nil
}

// NewBIOPMessage returns a BIOP message (version 1.0) of the given short kind.
func NewBIOPMessage(kind string, key, objectInfo, body []byte) BIOPMessage {
	return BIOPMessage{
		BIOPVersionMajor: 1, ObjectKey: key, ObjectKind: kindBytes(kind),
		ObjectInfo: objectInfo, MessageBody: body,
	}
}
