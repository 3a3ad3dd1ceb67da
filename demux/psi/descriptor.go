package psi

import "fmt"

// Descriptor is one tag-length-value descriptor. Data aliases the section.
// Specification: ISO/IEC 13818-1 §2.6.
type Descriptor struct {
	Tag  uint8
	Data []byte
}

// Descriptors iterates over a descriptor loop without allocating:
//
//	it := psi.Descriptors(loop)
//	for d, ok := it.Next(); ok; d, ok = it.Next() { ... }
//	if err := it.Err(); err != nil { ... }
type DescriptorIter struct {
	b   []byte
	err error
}

// Descriptors returns an iterator over the descriptor loop b.
func Descriptors(b []byte) DescriptorIter { return DescriptorIter{b: b} }

// Next returns the next descriptor. It returns false at the end of the loop or when a
// descriptor_length overruns the loop (then Err says so).
func (it *DescriptorIter) Next() (Descriptor, bool) {
	if len(it.b) == 0 || it.err != nil {
		return Descriptor{}, false
	}
	if len(it.b) < 2 {
		it.err = fmt.Errorf("%w: %d stray byte(s) in a descriptor loop", ErrLengthOverrun, len(it.b))
		return Descriptor{}, false
	}
	tag, n := it.b[0], int(it.b[1])
	if 2+n > len(it.b) {
		it.err = fmt.Errorf("%w: descriptor 0x%02X length %d, loop has %d", ErrLengthOverrun, tag, n, len(it.b)-2)
		return Descriptor{}, false
	}
	d := Descriptor{Tag: tag, Data: it.b[2 : 2+n : 2+n]}
	it.b = it.b[2+n:]
	return d, true
}

// Err returns the error that ended the loop early, if any.
func (it *DescriptorIter) Err() error { return it.err }

// ParseDescriptors returns all descriptors of loop b, appended to dst.
func ParseDescriptors(dst []Descriptor, b []byte) ([]Descriptor, error) {
	it := Descriptors(b)
	for d, ok := it.Next(); ok; d, ok = it.Next() {
		dst = append(dst, d)
	}
	return dst, it.Err()
}

// AppendDescriptor appends a descriptor with the given tag and data to b.
func AppendDescriptor(b []byte, tag uint8, data []byte) []byte {
	if len(data) > 255 {
		panic("psi: descriptor data over 255 bytes")
	}
	b = append(b, tag, byte(len(data)))
	return append(b, data...)
}
