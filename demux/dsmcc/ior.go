package dsmcc

import (
	"bytes"
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// Profile tags of an IOR.
// Specification: ETSI TR 101 202 §4.7.3.
const (
	TagBIOP        = 0x49534F06 // TAG_BIOP: BIOPProfileBody
	TagLiteOptions = 0x49534F05 // TAG_LITE_OPTIONS: LiteOptionsProfileBody
)

// IOR is an Interoperable Object Reference (IOP::IOR). TypeID and profile data alias the
// input.
// Specification: ETSI TR 101 202 §4.7.3.1 table 4.4.
//
//	type_id_length          32
//	type_id_byte            type_id_length bytes (e.g. "dir\0", or "DSM::Directory")
//	taggedProfiles_count    32
//	{ profileId_tag         32
//	  profile_data_length   32
//	  profile_data_byte     profile_data_length bytes } * taggedProfiles_count
type IOR struct {
	TypeID         []byte
	TaggedProfiles []TaggedProfile
}

// TaggedProfile is one IOP::TaggedProfile of an IOR.
type TaggedProfile struct {
	ProfileIDTag uint32
	ProfileData  []byte
}

// Unmarshal reads an IOR from b and returns its length.
func (x *IOR) Unmarshal(b []byte) (int, error) {
	r := bitio.NewReader(b)
	x.read(r)
	return r.Offset(), readErr("IOP::IOR", r)
}

func (x *IOR) read(r *bitio.Reader) {
	x.TypeID = r.Bytes(lenField(r.Uint32()))
	n := r.Uint32()
	x.TaggedProfiles = x.TaggedProfiles[:0]
	for i := uint32(0); i < n && r.Err() == nil; i++ {
		tag := r.Uint32()
		data := r.Bytes(lenField(r.Uint32()))
		if r.Err() == nil {
			x.TaggedProfiles = append(x.TaggedProfiles, TaggedProfile{ProfileIDTag: tag, ProfileData: data})
		}
	}
}

// lenField converts a 32-bit length field to int; a value no input can hold becomes -1,
// which makes the bounded read fail.
func lenField(v uint32) int {
	if v > 1<<30 {
		return -1
	}
	return int(v)
}

// MarshalSize returns the encoded length.
func (x *IOR) MarshalSize() int {
	n := 8 + len(x.TypeID)
	for _, p := range x.TaggedProfiles {
		n += 8 + len(p.ProfileData)
	}
	return n
}

// MarshalTo encodes x into b.
func (x *IOR) MarshalTo(b []byte) (int, error) { return marshalTo(x, "IOP::IOR", b) }

// Marshal encodes x.
func (x *IOR) Marshal() ([]byte, error) { return marshal(x, "IOP::IOR") }

func (x *IOR) appendTo(w *bitio.Writer) error {
	w.Uint32(uint32(len(x.TypeID)))
	w.Bytes(x.TypeID)
	w.Uint32(uint32(len(x.TaggedProfiles)))
	for _, p := range x.TaggedProfiles {
		w.Uint32(p.ProfileIDTag)
		w.Uint32(uint32(len(p.ProfileData)))
		w.Bytes(p.ProfileData)
	}
	return nil
}

// BIOPProfile decodes the first TAG_BIOP profile of the IOR.
func (x *IOR) BIOPProfile() (BIOPProfileBody, error) {
	var p BIOPProfileBody
	for _, tp := range x.TaggedProfiles {
		if tp.ProfileIDTag != TagBIOP {
			continue
		}
		if _, err := p.Unmarshal(tp.ProfileData); err != nil {
			return p, err
		}
		return p, nil
	}
	return p, fmt.Errorf("%w: type_id %q, %d profiles", ErrNoObjectLocation, x.TypeID, len(x.TaggedProfiles))
}

// Kind returns the object kind the IOR's type_id names, in the short form ("srg", "dir",
// "fil", "str", "ste"), or the type_id without its NUL terminator when it is not one of
// those.
func (x *IOR) Kind() string { return normalizeKind(x.TypeID) }

// Object kinds, in the short form DVB carousels use.
// Specification: ETSI TR 101 202 table 4.4 note (type_id aliases).
const (
	KindServiceGateway = "srg"
	KindDirectory      = "dir"
	KindFile           = "fil"
	KindStream         = "str"
	KindStreamEvent    = "ste"
)

var longKinds = map[string]string{
	"dsm::servicegateway": KindServiceGateway,
	"dsm::directory":      KindDirectory,
	"dsm::file":           KindFile,
	"dsm::stream":         KindStream,
	"biop::streamevent":   KindStreamEvent,
	"dsm::streamevent":    KindStreamEvent,
}

// normalizeKind maps a type_id or objectKind to its short form. Kinds compare
// case-insensitively (libdsmcc does, as some encoders write upper case).
func normalizeKind(b []byte) string {
	b = bytes.TrimRight(b, "\x00")
	s := string(bytes.ToLower(b))
	switch s {
	case KindServiceGateway, KindDirectory, KindFile, KindStream, KindStreamEvent:
		return s
	}
	if k, ok := longKinds[s]; ok {
		return k
	}
	return string(b)
}

// kindBytes returns the wire form of a short kind ("dir" -> "dir\x00").
func kindBytes(kind string) []byte { return append([]byte(kind), 0) }

// NewIOR returns an IOR of the given kind with one BIOP profile.
func NewIOR(kind string, p BIOPProfileBody) (IOR, error) {
	data, err := p.Marshal()
	if err != nil {
		return IOR{}, err
	}
	return IOR{TypeID: kindBytes(kind), TaggedProfiles: []TaggedProfile{{ProfileIDTag: TagBIOP, ProfileData: data}}}, nil
}
