// Package dvbtext decodes the text strings of DVB signalling (service names, event texts,
// AIT application names) into Go strings.
//
// A DVB string may start with a character-table selector; without one, the default table
// applies. Decode understands:
//
//	first byte(s)     table
//	(none, >= 0x20)   default table 00: ISO/IEC 6937 Latin with the euro sign at 0xA4; the
//	                  non-spacing diacritical marks 0xC1-0xCF combine with the following letter
//	                  into precomposed Unicode (0xC2 'e' -> 'é')
//	0x01-0x0B         ISO/IEC 8859-5, -6, -7, -8, -9, -10, -11, (0x08 reserved), -13, -14, -15
//	0x10 n1 n2        ISO/IEC 8859-n, n = n1<<8 | n2 in 1..15 (not 12)
//	0x11              ISO/IEC 10646 Basic Multilingual Plane, UCS-2 big-endian
//	0x14              Big5 subset of ISO/IEC 10646, coded like 0x11
//	0x15              UTF-8
//	0x12, 0x13        KS X 1001 and GB-2312: not decoded (ASCII kept, other bytes U+FFFD)
//	0x1F id           encoding_type_id (compressed text): not decoded, gives U+FFFD
//
// DVB control codes 0x80-0x9F (0xE080-0xE09F in the two-byte and UTF-8 tables) are dropped,
// except 0x8A (CR/LF), which becomes "\n". C0 control bytes other than TAB and LF are dropped too
// (broadcasters pad with NUL). Bytes a table leaves unassigned decode to U+FFFD.
//
// The ISO 8859 tables are written out here (iso8859.go, from the Unicode Consortium's
// MAPPINGS/ISO8859 files) because golang.org/x/text is not a dependency of the module and the
// tables are 2.7 KB; ISO 6937 exists in no Go library we could use.
//
// Specification: ETSI EN 300 468 annex A (coding of text characters), tables A.3 and A.4, and
// figure A.1.
package dvbtext

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Character-table selectors: the first byte of a DVB string when it is below 0x20.
// Specification: ETSI EN 300 468 table A.3.
const (
	SelectorISO8859_5      = 0x01
	SelectorISO8859_15     = 0x0B
	SelectorISO8859        = 0x10 // followed by a 16-bit ISO 8859 part number
	SelectorUCS2           = 0x11
	SelectorKSX1001        = 0x12
	SelectorGB2312         = 0x13
	SelectorBig5           = 0x14
	SelectorUTF8           = 0x15
	SelectorEncodingTypeID = 0x1F // followed by encoding_type_id
)

const (
	controlFirst  = 0x80 // DVB single-byte control codes 0x80-0x9F
	controlLast   = 0x9F
	controlCRLF   = 0x8A
	control16Base = 0xE000 // two-byte and UTF-8 tables: control code c is U+E000+c
	upperFirst    = 0xA0   // first byte of a table's upper half
	markFirst     = 0xC0   // ISO 6937 non-spacing marks are 0xC1-0xCF
	markLast      = 0xCF
)

// Decode returns the text of the DVB string b.
func Decode(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if isPlainASCII(b) {
		return string(b)
	}
	sel := b[0]
	switch {
	case sel >= 0x20:
		return decodeISO6937(b)
	case sel >= SelectorISO8859_5 && sel <= SelectorISO8859_15:
		// 0x01 is ISO 8859-5 ... 0x0B is ISO 8859-15 (0x08 would be the never published -12).
		return decode8859(int(sel)+4, b[1:])
	case sel == SelectorISO8859:
		if len(b) < 3 {
			return ""
		}
		return decode8859(int(b[1])<<8|int(b[2]), b[3:])
	case sel == SelectorUCS2 || sel == SelectorBig5:
		return decodeUCS2(b[1:])
	case sel == SelectorUTF8:
		return decodeUTF8(b[1:])
	case sel == SelectorKSX1001 || sel == SelectorGB2312:
		return decodeASCIIOnly(b[1:])
	case sel == SelectorEncodingTypeID:
		return string(utf8.RuneError)
	default: // reserved selectors: skip, read the rest with the default table
		return decodeISO6937(b[1:])
	}
}

// isPlainASCII reports whether b is printable ASCII only, which every table decodes alike.
func isPlainASCII(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7E {
			return false
		}
	}
	return true
}

// appendControl handles a byte below 0x20 or in 0x7F-0x9F, which is the same in every
// single-byte table. It returns false for any other byte.
func appendControl(s *strings.Builder, c byte) bool {
	switch {
	case c == '\t' || c == '\n':
		s.WriteByte(c)
	case c == controlCRLF:
		s.WriteByte('\n')
	case c < 0x20 || (c >= 0x7F && c <= controlLast):
		// other C0 and DVB control codes (emphasis on/off, user-defined) are dropped
	default:
		return false
	}
	return true
}

func decode8859(part int, b []byte) string {
	if part <= 0 || part >= len(iso8859) || iso8859[part] == nil {
		return decodeASCIIOnly(b)
	}
	t := iso8859[part]
	var s strings.Builder
	s.Grow(len(b) + len(b)/2)
	for _, c := range b {
		switch {
		case appendControl(&s, c):
		case c < controlFirst:
			s.WriteByte(c)
		default:
			writeCode(&s, t[c-upperFirst])
		}
	}
	return s.String()
}

func writeCode(s *strings.Builder, cp uint16) {
	if cp == 0 {
		s.WriteRune(utf8.RuneError)
		return
	}
	s.WriteRune(rune(cp))
}

func decodeISO6937(b []byte) string {
	var s strings.Builder
	s.Grow(len(b) + len(b)/2)
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case appendControl(&s, c):
		case c < controlFirst:
			s.WriteByte(c)
		case c > markFirst && c <= markLast:
			i += writeMark(&s, iso6937Marks[c-markFirst], b[i+1:])
		default:
			writeCode(&s, iso6937[c-upperFirst])
		}
	}
	return s.String()
}

// writeMark writes a non-spacing mark and the letter after it (in next) as one character
// where Unicode has a precomposed one. It returns how many bytes of next it used.
func writeMark(s *strings.Builder, m mark, next []byte) int {
	if m.combining == 0 {
		s.WriteRune(utf8.RuneError)
		return 0
	}
	if len(next) == 0 || next[0] == ' ' {
		s.WriteRune(m.spacing)
		return min(len(next), 1)
	}
	c := next[0]
	if i := strings.IndexByte(m.base, c); i >= 0 {
		s.WriteRune(m.composed[i])
		return 1
	}
	if c > ' ' && c < 0x7F {
		// A base with no precomposed form: Unicode writes the mark after its base.
		s.WriteByte(c)
		s.WriteRune(m.combining)
		return 1
	}
	s.WriteRune(m.spacing)
	return 0
}

func decodeUCS2(b []byte) string {
	var s strings.Builder
	s.Grow(len(b))
	for i := 0; i+1 < len(b); i += 2 {
		r := rune(b[i])<<8 | rune(b[i+1])
		if utf16.IsSurrogate(r) && i+3 < len(b) {
			// UCS-2 has no surrogates, but UTF-16 text is common and decodes the same way.
			r2 := rune(b[i+2])<<8 | rune(b[i+3])
			if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
				s.WriteRune(dec)
				i += 2
				continue
			}
		}
		writeRune(&s, r)
	}
	return s.String()
}

func decodeUTF8(b []byte) string {
	var s strings.Builder
	s.Grow(len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		writeRune(&s, r)
	}
	return s.String()
}

// writeRune writes r of a two-byte or UTF-8 table, dropping control codes.
func writeRune(s *strings.Builder, r rune) {
	switch {
	case r == control16Base+controlCRLF || r == controlCRLF || r == '\n':
		s.WriteByte('\n')
	case r == '\t':
		s.WriteByte('\t')
	case r < 0x20 || (r >= 0x7F && r <= controlLast),
		r >= control16Base+controlFirst && r <= control16Base+controlLast:
		// dropped
	case utf16.IsSurrogate(r):
		s.WriteRune(utf8.RuneError)
	default:
		s.WriteRune(r)
	}
}

func decodeASCIIOnly(b []byte) string {
	var s strings.Builder
	s.Grow(len(b))
	for _, c := range b {
		switch {
		case appendControl(&s, c):
		case c < controlFirst:
			s.WriteByte(c)
		default:
			s.WriteRune(utf8.RuneError)
		}
	}
	return s.String()
}

// Encode returns s as a DVB string: unchanged when it is printable ASCII (the default table
// codes it alike), otherwise as UTF-8 behind the 0x15 selector. A "\n" becomes the DVB
// CR/LF control code. Decode(Encode(s)) == s for valid UTF-8 without other control characters.
func Encode(s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n') || c > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			if s[i] == '\n' {
				b = append(b, controlCRLF)
			} else {
				b = append(b, s[i])
			}
		}
		return b
	}
	b := make([]byte, 1, len(s)+1)
	b[0] = SelectorUTF8
	for _, r := range s {
		if r == '\n' {
			r = control16Base + controlCRLF
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}
