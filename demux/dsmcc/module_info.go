package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/bitio"
)

// ModuleInfo is the BIOP::ModuleInfo in a DII module entry of an object carousel. Slices
// alias the input.
// Specification: ETSI TR 101 202 §4.7.7.1 table 4.19.
//
//	moduleTimeOut    32
//	blockTimeOut     32
//	minBlockTime     32
//	taps_count        8
//	BIOP::Tap * taps_count   (the first: BIOP_OBJECT_USE, association_tag of the DDB stream)
//	userInfoLength    8
//	userInfo_data_byte       (descriptors: 0x09 compressed_module, 0x70 label, 0x71 caching_priority, ...)
type ModuleInfo struct {
	ModuleTimeOut uint32
	BlockTimeOut  uint32
	MinBlockTime  uint32
	Taps          []Tap
	UserInfo      []byte
}

// Unmarshal reads a ModuleInfo from b and returns its length.
func (m *ModuleInfo) Unmarshal(b []byte) (int, error) {
	r := bitio.NewReader(b)
	m.ModuleTimeOut = r.Uint32()
	m.BlockTimeOut = r.Uint32()
	m.MinBlockTime = r.Uint32()
	m.Taps = readTaps(r, m.Taps)
	m.UserInfo = r.Bytes(int(r.Uint8()))
	return r.Offset(), readErr("BIOP::ModuleInfo", r)
}

// MarshalSize returns the encoded length.
func (m *ModuleInfo) MarshalSize() int { return 12 + tapsSize(m.Taps) + 1 + len(m.UserInfo) }

// MarshalTo encodes m into b.
func (m *ModuleInfo) MarshalTo(b []byte) (int, error) { return marshalTo(m, "BIOP::ModuleInfo", b) }

// Marshal encodes m.
func (m *ModuleInfo) Marshal() ([]byte, error) { return marshal(m, "BIOP::ModuleInfo") }

func (m *ModuleInfo) appendTo(w *bitio.Writer) error {
	if err := fits("userInfoLength", len(m.UserInfo), 8); err != nil {
		return err
	}
	w.Uint32(m.ModuleTimeOut)
	w.Uint32(m.BlockTimeOut)
	w.Uint32(m.MinBlockTime)
	if err := appendTaps(w, m.Taps); err != nil {
		return err
	}
	w.Uint8(uint8(len(m.UserInfo)))
	w.Bytes(m.UserInfo)
	return nil
}

// Compressed returns the compressed_module_descriptor of the user info, if there is one.
func (m *ModuleInfo) Compressed() (CompressedModuleDescriptor, bool, error) {
	it := psi.Descriptors(m.UserInfo)
	for d, ok := it.Next(); ok; d, ok = it.Next() {
		if d.Tag != TagCompressedModule {
			continue
		}
		var c CompressedModuleDescriptor
		if err := c.Unmarshal(d.Data); err != nil {
			return c, false, err
		}
		return c, true, nil
	}
	if err := it.Err(); err != nil {
		return CompressedModuleDescriptor{}, false, fmt.Errorf("%w: ModuleInfo userInfo: %w", ErrLengthOverrun, err)
	}
	return CompressedModuleDescriptor{}, false, nil
}

// ObjectTap returns the association tag of the first BIOP_OBJECT_USE tap: the stream that
// carries the module's DDBs.
func (m *ModuleInfo) ObjectTap() (associationTag uint16, ok bool) {
	for _, t := range m.Taps {
		if t.Use == TapUseBIOPObject {
			return t.AssociationTag, true
		}
	}
	return 0, false
}
