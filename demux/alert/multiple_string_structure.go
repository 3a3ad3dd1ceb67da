package alert

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/antena-tv/antena/internal/bitio"
)

// Values of compression_type and mode in a multiple_string_structure segment.
// Specification: ATSC A/65 §6.10 (compression_type and mode tables).
const (
	CompressionNone     = 0x00 // no compression
	CompressionHuffman1 = 0x01 // Huffman, A/65 Annex C (not decoded here)
	CompressionHuffman2 = 0x02 // Huffman, A/65 Annex C, second table set (not decoded here)
	ModeLatin1          = 0x00 // Unicode code page 0x00: ASCII and ISO 8859-1 (Latin-1)
	ModeSCSU            = 0x3E // Standard Compression Scheme for Unicode (not decoded here)
	ModeUTF16           = 0x3F // UTF-16, big-endian
	maxSegmentBytes     = 255
	maxMSSCount         = 255 // number_strings, number_segments
	langLen             = 3
	mssStringFixedLen   = langLen + 1 // ISO_639_language_code, number_segments
	mssSegmentFixedLen  = 3           // compression_type, mode, number_bytes
)

// codePageMode reports whether mode selects a Unicode code page: each byte is the low
// byte of a character whose high byte is mode (A/65 §6.10 mode table: 0x00-0x06, 0x09-0x10,
// 0x20-0x27, 0x30-0x33).
func codePageMode(mode uint8) bool {
	return mode <= 0x06 || (mode >= 0x09 && mode <= 0x10) || (mode >= 0x20 && mode <= 0x27) ||
		(mode >= 0x30 && mode <= 0x33)
}

// Segment is one segment of a string of a multiple_string_structure. Bytes aliases the
// section.
// Specification: ATSC A/65 §6.10.
type Segment struct {
	CompressionType uint8
	Mode            uint8
	Bytes           []byte // compressed_string_byte
}

// LangString is one string of a multiple_string_structure: a language and its text.
// Specification: ATSC A/65 §6.10.
//
//	number_strings                8
//	for (i = 0; i < number_strings; i++) {
//	  ISO_639_language_code      24
//	  number_segments             8
//	  for (j = 0; j < number_segments; j++) {
//	    compression_type          8
//	    mode                      8
//	    number_bytes              8
//	    compressed_string_byte    8 × number_bytes
//	  }
//	}
//
// Text is decoded from segments with compression_type 0 and mode 0x00 (Latin-1), another
// code-page mode (the mode is the high byte of each character) or 0x3F (UTF-16). A segment
// that is Huffman-compressed (compression_type 1 or 2: the A/65 Annex C tables are not
// implemented), SCSU, in a reserved or private mode, or UTF-16 of odd length, is NOT an
// error: it contributes nothing to Text (an odd UTF-16 segment loses only its last byte)
// and sets Undecoded. Its bytes stay in Segments.
type LangString struct {
	Lang      string // ISO_639_language_code, 3 bytes
	Text      string
	Undecoded bool
	// Segments are the segments as received. Marshal writes them when non-nil; when nil it
	// encodes Text (one code page if Text fits one, else UTF-16), splitting it into
	// segments of at most 255 bytes.
	Segments []Segment
}

// PreferredText returns the first string whose language is the earliest in langs (ISO
// 639-2 codes in order of preference, compared case-insensitively), else the first string.
// ok is false when ss is empty.
func PreferredText(ss []LangString, langs []string) (s LangString, ok bool) {
	for _, l := range langs {
		for i := range ss {
			if strings.EqualFold(ss[i].Lang, l) {
				return ss[i], true
			}
		}
	}
	if len(ss) == 0 {
		return LangString{}, false
	}
	return ss[0], true
}

// unmarshalMSS decodes the multiple_string_structure b into dst[:0], reusing its memory.
// b is bounded by the length field that precedes the structure; bytes after the last
// string are ignored. An empty b is an absent structure (no strings).
func unmarshalMSS(dst []LangString, b []byte, field string) ([]LangString, error) {
	dst = dst[:0]
	if len(b) == 0 {
		return dst, nil
	}
	var r bitio.Reader
	r.Reset(b)
	n := int(r.Uint8())
	for i := range n {
		if r.Len() < mssStringFixedLen {
			return dst, fmt.Errorf("%w: %s: string %d of %d needs %d bytes, have %d",
				ErrLengthOverrun, field, i, n, mssStringFixedLen, r.Len())
		}
		var s *LangString
		var prev string // the text this element held, reused when unchanged (a repeated section)
		dst, s, prev = growLangStrings(dst)
		s.Lang = lang(r.Bytes(langLen))
		nseg := int(r.Uint8())
		for j := range nseg {
			if r.Len() < mssSegmentFixedLen {
				return dst, fmt.Errorf("%w: %s: string %d segment %d needs %d bytes, have %d",
					ErrLengthOverrun, field, i, j, mssSegmentFixedLen, r.Len())
			}
			seg := Segment{CompressionType: r.Uint8(), Mode: r.Uint8()}
			nb := int(r.Uint8())
			if nb > r.Len() {
				return dst, fmt.Errorf("%w: %s: string %d segment %d number_bytes %d, %d bytes left",
					ErrLengthOverrun, field, i, j, nb, r.Len())
			}
			seg.Bytes = r.Bytes(nb)
			s.Segments = append(s.Segments, seg)
		}
		s.Text, s.Undecoded = decodeSegments(s.Segments, prev)
	}
	if err := r.Err(); err != nil { // unreachable: every read above is bounded
		return dst, fmt.Errorf("%w: %s: %w", ErrShortBuffer, field, err)
	}
	return dst, nil
}

func growLangStrings(dst []LangString) ([]LangString, *LangString, string) {
	if len(dst) < cap(dst) {
		dst = dst[:len(dst)+1]
	} else {
		dst = append(dst, LangString{})
	}
	s := &dst[len(dst)-1]
	prev := s.Text
	*s = LangString{Segments: s.Segments[:0]}
	return dst, s, prev
}

// lang returns the language code, without allocating for the common ones.
func lang(b []byte) string {
	switch string(b) {
	case "eng":
		return "eng"
	case "spa":
		return "spa"
	case "fra":
		return "fra"
	case "fre":
		return "fre"
	case "por":
		return "por"
	}
	return string(b)
}

// decodeSegments decodes segs. It returns prev rather than a new string when the text is
// the same (a repeated section decoded into a reused value allocates nothing).
func decodeSegments(segs []Segment, prev string) (text string, undecoded bool) {
	if len(segs) == 1 && segs[0].CompressionType == CompressionNone && segs[0].Mode == ModeLatin1 &&
		isASCII(segs[0].Bytes) {
		if prev == string(segs[0].Bytes) { // compared without allocating
			return prev, false
		}
		return string(segs[0].Bytes), false // the common case: one allocation
	}
	same, i := true, 0
	undecoded = decodeRunes(segs, func(r rune) {
		if !same {
			return
		}
		pr, n := utf8.DecodeRuneInString(prev[i:])
		same = n > 0 && pr == r
		i += n
	})
	if same && i == len(prev) {
		return prev, undecoded
	}
	var sb strings.Builder
	decodeRunes(segs, func(r rune) { sb.WriteRune(r) })
	return sb.String(), undecoded
}

// decodeRunes calls emit for each character of the decodable segments (a lone UTF-16
// surrogate gives U+FFFD) and reports whether some segment could not be decoded.
func decodeRunes(segs []Segment, emit func(rune)) (undecoded bool) {
	for _, seg := range segs {
		if seg.CompressionType != CompressionNone {
			undecoded = true
			continue
		}
		switch {
		case codePageMode(seg.Mode):
			hi := rune(seg.Mode) << 8
			for _, c := range seg.Bytes {
				emit(hi | rune(c))
			}
		case seg.Mode == ModeUTF16:
			b := seg.Bytes
			if len(b)%2 != 0 {
				undecoded = true
				b = b[:len(b)-1]
			}
			for i := 0; i < len(b); i += 2 {
				u := rune(b[i])<<8 | rune(b[i+1])
				if !utf16.IsSurrogate(u) {
					emit(u)
					continue
				}
				r := utf8.RuneError
				if i+3 < len(b) {
					if r = utf16.DecodeRune(u, rune(b[i+2])<<8|rune(b[i+3])); r != utf8.RuneError {
						i += 2
					}
				}
				emit(r)
			}
		default:
			undecoded = true
		}
	}
	return undecoded
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// mssSize returns the encoded size of ss, 0 for no strings (an absent structure).
func mssSize(ss []LangString) int {
	if len(ss) == 0 {
		return 0
	}
	n := 1
	for i := range ss {
		n += mssStringFixedLen
		if ss[i].Segments != nil {
			for _, seg := range ss[i].Segments {
				n += mssSegmentFixedLen + len(seg.Bytes)
			}
			continue
		}
		mode, units := textMode(ss[i].Text)
		forEachTextSegment(ss[i].Text, mode, units, func(_ string, nb int) { n += mssSegmentFixedLen + nb })
	}
	return n
}

// writeMSS writes ss; it writes nothing for no strings.
func writeMSS(w *bitio.Writer, ss []LangString, field string) error {
	if len(ss) == 0 {
		return nil
	}
	if len(ss) > maxMSSCount {
		return fmt.Errorf("%w: %s: %d strings, at most %d", ErrTooLong, field, len(ss), maxMSSCount)
	}
	w.Uint8(uint8(len(ss)))
	for i := range ss {
		s := &ss[i]
		if len(s.Lang) != langLen {
			return fmt.Errorf("%w: %s: string %d language %q is not 3 bytes", ErrFieldRange, field, i, s.Lang)
		}
		w.Bytes([]byte(s.Lang))
		if s.Segments != nil {
			if err := writeSegments(w, s.Segments, field, i); err != nil {
				return err
			}
			continue
		}
		if err := writeText(w, s.Text, field, i); err != nil {
			return err
		}
	}
	return nil
}

func writeSegments(w *bitio.Writer, segs []Segment, field string, i int) error {
	if len(segs) > maxMSSCount {
		return fmt.Errorf("%w: %s: string %d has %d segments, at most %d", ErrTooLong, field, i, len(segs), maxMSSCount)
	}
	w.Uint8(uint8(len(segs)))
	for j, seg := range segs {
		if len(seg.Bytes) > maxSegmentBytes {
			return fmt.Errorf("%w: %s: string %d segment %d is %d bytes, at most %d",
				ErrTooLong, field, i, j, len(seg.Bytes), maxSegmentBytes)
		}
		w.Uint8(seg.CompressionType)
		w.Uint8(seg.Mode)
		w.Uint8(uint8(len(seg.Bytes)))
		w.Bytes(seg.Bytes)
	}
	return nil
}

func writeText(w *bitio.Writer, text string, field string, i int) error {
	mode, units := textMode(text)
	nseg := 0
	forEachTextSegment(text, mode, units, func(string, int) { nseg++ })
	if nseg > maxMSSCount {
		return fmt.Errorf("%w: %s: string %d needs %d segments, at most %d", ErrTooLong, field, i, nseg, maxMSSCount)
	}
	w.Uint8(uint8(nseg))
	forEachTextSegment(text, mode, units, func(part string, nb int) {
		w.Uint8(CompressionNone)
		w.Uint8(mode)
		w.Uint8(uint8(nb))
		for _, r := range part {
			if mode != ModeUTF16 {
				w.Uint8(byte(r))
				continue
			}
			if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
				w.Uint16(uint16(r1))
				w.Uint16(uint16(r2))
			} else {
				w.Uint16(uint16(r))
			}
		}
	})
	return nil
}

// textMode picks the encoding of text: the code page shared by all its characters, else
// UTF-16. units is the bytes per character (1 for a code page, 2 for UTF-16).
func textMode(text string) (mode uint8, units int) {
	first := true
	for _, r := range text {
		hi := r >> 8
		if r > 0xFFFF || !codePageMode(uint8(hi)) || (!first && uint8(hi) != mode) {
			return ModeUTF16, 2
		}
		mode, first = uint8(hi), false
	}
	return mode, 1
}

// forEachTextSegment cuts text into runs of at most 255 encoded bytes, never inside a
// character (a UTF-16 surrogate pair stays in one segment).
func forEachTextSegment(text string, mode uint8, units int, fn func(part string, nbytes int)) {
	start, nb := 0, 0
	for i, r := range text {
		size := units
		if mode == ModeUTF16 && r > 0xFFFF {
			size = 4
		}
		if nb+size > maxSegmentBytes {
			fn(text[start:i], nb)
			start, nb = i, 0
		}
		nb += size
	}
	if nb > 0 {
		fn(text[start:], nb)
	}
}
