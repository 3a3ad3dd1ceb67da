// Package bitio reads big-endian bit fields from untrusted bytes.
//
// A Reader has a sticky error: once a read runs past the end of its input every later read
// returns zero and Err reports the first overrun. Parsers of broadcast data use it for
// nested, length-prefixed structures, so that a loop over hostile input is straight-line
// code with one error check at the end (the idiom of TSDuck's Buffer). It is written here
// because no maintained Go library offers a bounded, sticky-error bit reader that does not
// allocate; encoding/binary has no bit-level reads.
package bitio

import (
	"errors"
	"fmt"
)

// ErrShortBuffer reports a read past the end of the input.
var ErrShortBuffer = errors.New("bitio: short buffer")

// Reader reads fields MSB-first from b. The zero value reads nothing.
type Reader struct {
	b   []byte
	pos int // in bits
	err error
}

// NewReader returns a Reader over b. Slices it returns alias b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Reset makes r read b from its start and clears the error.
func (r *Reader) Reset(b []byte) { *r = Reader{b: b} }

// Err returns the first overrun, if any.
func (r *Reader) Err() error { return r.err }

// Len returns the whole bytes left to read.
func (r *Reader) Len() int {
	if r.err != nil {
		return 0
	}
	return len(r.b) - (r.pos+7)/8
}

// Offset returns the byte offset of the next read.
func (r *Reader) Offset() int { return r.pos / 8 }

func (r *Reader) fail(need int) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: need %d bits at bit %d, have %d", ErrShortBuffer, need, r.pos, len(r.b)*8-r.pos)
	}
}

// Bits reads n (at most 64) bits.
func (r *Reader) Bits(n int) uint64 {
	if r.err != nil {
		return 0
	}
	if n < 0 || n > 64 || r.pos+n > len(r.b)*8 {
		r.fail(n)
		return 0
	}
	var v uint64
	for n > 0 {
		byteIdx, bitOff := r.pos/8, r.pos%8
		avail := 8 - bitOff
		take := avail
		if take > n {
			take = n
		}
		bits := (uint64(r.b[byteIdx]) >> (avail - take)) & (1<<take - 1)
		v = v<<take | bits
		n -= take
		r.pos += take
	}
	return v
}

// Bool reads one bit.
func (r *Reader) Bool() bool { return r.Bits(1) == 1 }

// Skip passes over n bits.
func (r *Reader) Skip(n int) {
	if r.err != nil {
		return
	}
	if n < 0 || r.pos+n > len(r.b)*8 {
		r.fail(n)
		return
	}
	r.pos += n
}

func (r *Reader) aligned(n int) bool {
	if r.err != nil {
		return false
	}
	if r.pos%8 != 0 || n < 0 || r.pos/8+n > len(r.b) {
		r.fail(n * 8)
		return false
	}
	return true
}

// Uint8 reads a byte-aligned byte.
func (r *Reader) Uint8() uint8 {
	if !r.aligned(1) {
		return 0
	}
	v := r.b[r.pos/8]
	r.pos += 8
	return v
}

// Uint16 reads a byte-aligned big-endian uint16.
func (r *Reader) Uint16() uint16 {
	if !r.aligned(2) {
		return 0
	}
	i := r.pos / 8
	r.pos += 16
	return uint16(r.b[i])<<8 | uint16(r.b[i+1])
}

// Uint24 reads a byte-aligned big-endian 24-bit value.
func (r *Reader) Uint24() uint32 {
	if !r.aligned(3) {
		return 0
	}
	i := r.pos / 8
	r.pos += 24
	return uint32(r.b[i])<<16 | uint32(r.b[i+1])<<8 | uint32(r.b[i+2])
}

// Uint32 reads a byte-aligned big-endian uint32.
func (r *Reader) Uint32() uint32 {
	if !r.aligned(4) {
		return 0
	}
	i := r.pos / 8
	r.pos += 32
	return uint32(r.b[i])<<24 | uint32(r.b[i+1])<<16 | uint32(r.b[i+2])<<8 | uint32(r.b[i+3])
}

// Uint64 reads a byte-aligned big-endian uint64.
func (r *Reader) Uint64() uint64 {
	hi := r.Uint32()
	lo := r.Uint32()
	return uint64(hi)<<32 | uint64(lo)
}

// Bytes returns the next n bytes, aliasing the input. On overrun it returns nil.
func (r *Reader) Bytes(n int) []byte {
	if !r.aligned(n) {
		return nil
	}
	i := r.pos / 8
	r.pos += n * 8
	return r.b[i : i+n : i+n]
}

// Sub returns a Reader over the next n bytes and advances r past them. On overrun the
// returned Reader is empty and r carries the error.
func (r *Reader) Sub(n int) *Reader {
	return &Reader{b: r.Bytes(n)}
}

// Rest returns the remaining bytes (byte-aligned), aliasing the input.
func (r *Reader) Rest() []byte {
	if r.err != nil || r.pos%8 != 0 {
		return nil
	}
	b := r.b[r.pos/8:]
	r.pos = len(r.b) * 8
	return b
}
