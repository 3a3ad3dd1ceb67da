package psi

import "fmt"

// AppendLongSection appends a whole section with a long header (section_syntax_indicator 1),
// the body and its CRC-32 to dst. h.SectionLength is computed; PrivateIndicator is written as
// given. It fails when the section would exceed max bytes (MaxSectionPS or MaxSection).
func AppendLongSection(dst []byte, h Header, body []byte, maxLen int) ([]byte, error) {
	n := HeaderLen + len(body) + 4
	if n > maxLen {
		return dst, fmt.Errorf("%w: table 0x%02X would be %d bytes, at most %d", ErrSectionLength, h.TableID, n, maxLen)
	}
	start := len(dst)
	sl := n - 3
	b1 := byte(0x80 | 0x30 | byte(sl>>8)) // ssi=1, reserved bits set
	if h.PrivateIndicator {
		b1 |= 0x40
	}
	cni := byte(0)
	if h.CurrentNextIndicator {
		cni = 1
	}
	dst = append(dst, h.TableID, b1, byte(sl),
		byte(h.TableIDExtension>>8), byte(h.TableIDExtension),
		0xC0|(h.VersionNumber&0x1F)<<1|cni, h.SectionNumber, h.LastSectionNumber)
	dst = append(dst, body...)
	crc := CRC32(dst[start:])
	return append(dst, byte(crc>>24), byte(crc>>16), byte(crc>>8), byte(crc)), nil
}

// AppendShortSection appends a section with section_syntax_indicator 0 (no long header, no
// CRC) to dst.
func AppendShortSection(dst []byte, tableID uint8, private bool, body []byte) ([]byte, error) {
	if len(body) > MaxSection-3 {
		return dst, fmt.Errorf("%w: table 0x%02X body %d bytes", ErrSectionLength, tableID, len(body))
	}
	b1 := byte(0x30 | byte(len(body)>>8))
	if private {
		b1 |= 0x40
	}
	dst = append(dst, tableID, b1, byte(len(body)))
	return append(dst, body...), nil
}
