package dsmcc

import "github.com/antena-tv/antena/internal/bitio"

// FileMessage is a file ("fil") BIOP message. Slices alias the input.
// Specification: ETSI TR 101 202 §4.7.4.3 table 4.9 (DSM::File).
//
//	BIOP message header, objectKey, objectKind "fil\0"
//	objectInfo:  DSM::File::ContentSize  64
//	             descriptor_byte          (the rest of objectInfo, e.g. content_type_descriptor 0x72)
//	serviceContextList
//	messageBody: content_length          32
//	             content_byte             content_length bytes
type FileMessage struct {
	ObjectKey          []byte
	ContentSize        uint64
	Descriptors        []byte
	ServiceContextList []ServiceContext
	Content            []byte
}

const fileInfoFixed = 8

// Unmarshal reads a file BIOP message from b and returns its length.
func (f *FileMessage) Unmarshal(b []byte) (int, error) { return unmarshalObject(f, b) }

// Decode takes the parts of a file from a generic BIOP message.
func (f *FileMessage) Decode(m *BIOPMessage) error {
	if _, err := checkKind(m, KindFile); err != nil {
		return err
	}
	f.ObjectKey, f.ServiceContextList = m.ObjectKey, m.ServiceContextList
	r := bitio.NewReader(m.ObjectInfo)
	f.ContentSize = r.Uint64()
	f.Descriptors = r.Rest()
	if err := readErr("file objectInfo", r); err != nil {
		return err
	}
	r = bitio.NewReader(m.MessageBody)
	f.Content = r.Bytes(lenField(r.Uint32()))
	return readErr("file messageBody", r)
}

// BIOP returns f as a generic BIOP message (version 1.0).
func (f *FileMessage) BIOP() (BIOPMessage, error) {
	var info, body bitio.Writer
	info.Uint64(f.ContentSize)
	info.Bytes(f.Descriptors)
	oi, err := objectInfoBytes(&info, "file")
	if err != nil {
		return BIOPMessage{}, err
	}
	body.Uint32(uint32(len(f.Content)))
	body.Bytes(f.Content)
	m := NewBIOPMessage(KindFile, f.ObjectKey, oi, body.B)
	m.ServiceContextList = f.ServiceContextList
	return m, nil
}

// MarshalSize returns the encoded length (0 when f cannot be encoded).
func (f *FileMessage) MarshalSize() int { return objectSize(f) }

// MarshalTo encodes f into b.
func (f *FileMessage) MarshalTo(b []byte) (int, error) { return objectMarshalTo(f, b) }

// Marshal encodes f.
func (f *FileMessage) Marshal() ([]byte, error) { return objectMarshal(f) }

// ContentSizeOf returns the ContentSize of a file binding's or message's objectInfo.
func ContentSizeOf(objectInfo []byte) (uint64, bool) {
	if len(objectInfo) < fileInfoFixed {
		return 0, false
	}
	return bitio.NewReader(objectInfo).Uint64(), true
}

// FileObjectInfo returns the objectInfo of a file binding: ContentSize and descriptors.
func FileObjectInfo(contentSize uint64, descriptors []byte) []byte {
	var w bitio.Writer
	w.Uint64(contentSize)
	w.Bytes(descriptors)
	return w.B
}
