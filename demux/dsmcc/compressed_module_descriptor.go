package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// TagCompressedModule is the tag of the compressed_module_descriptor in a ModuleInfo's
// userInfo.
const TagCompressedModule = 0x09

// CompressedModuleDescriptor says that a module is a zlib (RFC 1950) stream. The
// compression_method byte differs between encoders (0x08 OpenCaster, 0x78 in broadcast
// streams) and is not checked.
// Specification: ETSI TR 101 202 §4.7.7.1 table 4.20 (descriptor data, without tag and length).
//
//	compression_method  8
//	original_size      32
type CompressedModuleDescriptor struct {
	CompressionMethod uint8
	OriginalSize      uint32
}

const compressedModuleLen = 5

// Unmarshal reads the descriptor data b (after tag and length).
func (c *CompressedModuleDescriptor) Unmarshal(b []byte) error {
	if len(b) < compressedModuleLen {
		return fmt.Errorf("%w: compressed_module_descriptor needs %d bytes, have %d",
			ErrShortBuffer, compressedModuleLen, len(b))
	}
	r := bitio.NewReader(b)
	c.CompressionMethod = r.Uint8()
	c.OriginalSize = r.Uint32()
	return nil
}

// MarshalSize returns the encoded length of the descriptor data.
func (c *CompressedModuleDescriptor) MarshalSize() int { return compressedModuleLen }

// MarshalTo encodes the descriptor data into b.
func (c *CompressedModuleDescriptor) MarshalTo(b []byte) (int, error) {
	return marshalTo(c, "compressed_module_descriptor", b)
}

// Marshal encodes the descriptor data.
func (c *CompressedModuleDescriptor) Marshal() ([]byte, error) {
	return marshal(c, "compressed_module_descriptor")
}

func (c *CompressedModuleDescriptor) appendTo(w *bitio.Writer) error {
	w.Uint8(c.CompressionMethod)
	w.Uint32(c.OriginalSize)
	return nil
}
