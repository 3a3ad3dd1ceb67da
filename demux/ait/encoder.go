package ait

import "fmt"

// encoder appends wire fields to b and keeps the first error (a field that does not fit its
// width), so that writers are straight-line code like readers.
type encoder struct {
	b   []byte
	err error
}

func (e *encoder) fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf("%w: "+format, append([]any{ErrField}, args...)...)
	}
}

func (e *encoder) u8(v uint8)   { e.b = append(e.b, v) }
func (e *encoder) u16(v uint16) { e.b = append(e.b, byte(v>>8), byte(v)) }

func (e *encoder) u24(v uint32, field string) {
	if v > 0xFFFFFF {
		e.fail("%s 0x%X exceeds 24 bits", field, v)
	}
	e.b = append(e.b, byte(v>>16), byte(v>>8), byte(v))
}

func (e *encoder) u32(v uint32) { e.b = append(e.b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v)) }

// bytes appends v as it is (a field that runs to the end of its container).
func (e *encoder) bytes(v []byte) { e.b = append(e.b, v...) }
func (e *encoder) str(v string)   { e.b = append(e.b, v...) }

// str8 appends an 8-bit length and v.
func (e *encoder) str8(v, field string) {
	if len(v) > 0xFF {
		e.fail("%s is %d bytes, at most 255", field, len(v))
		return
	}
	e.b = append(e.b, byte(len(v)))
	e.b = append(e.b, v...)
}

// bytes8 appends an 8-bit length and v.
func (e *encoder) bytes8(v []byte, field string) { e.str8(string(v), field) }

// open reserves a length field of bits (8 or 12) in front of what follows; close fills it in.
// A 12-bit length is preceded by four reserved bits written as 1.
func (e *encoder) open(bits int) int {
	start := len(e.b)
	if bits == 8 {
		e.b = append(e.b, 0)
	} else {
		e.b = append(e.b, 0xF0, 0)
	}
	return start
}

func (e *encoder) close(start, bits int, field string) {
	if bits == 8 {
		n := len(e.b) - start - 1
		if n > 0xFF {
			e.fail("%s %d exceeds 255", field, n)
		}
		e.b[start] = byte(n)
		return
	}
	n := len(e.b) - start - 2
	if n > 0xFFF {
		e.fail("%s %d exceeds 4095", field, n)
	}
	e.b[start] |= byte(n>>8) & 0x0F
	e.b[start+1] = byte(n)
}
