package bitio

// Writer appends big-endian bit fields to a byte slice. Fields need not be byte-aligned;
// byte-level methods require alignment and panic otherwise, as that is a programming error
// in the writer, never a property of input data.
type Writer struct {
	B     []byte
	nbits int // bits used in the last byte of B (0 = aligned)
}

// Bits appends the low n bits of v.
func (w *Writer) Bits(n int, v uint64) {
	for n > 0 {
		if w.nbits == 0 {
			w.B = append(w.B, 0)
		}
		free := 8 - w.nbits
		take := free
		if take > n {
			take = n
		}
		bits := byte(v>>(n-take)) & byte(1<<take-1)
		w.B[len(w.B)-1] |= bits << (free - take)
		w.nbits = (w.nbits + take) % 8
		n -= take
	}
}

// Bool appends one bit.
func (w *Writer) Bool(b bool) {
	if b {
		w.Bits(1, 1)
	} else {
		w.Bits(1, 0)
	}
}

func (w *Writer) mustAlign() {
	if w.nbits != 0 {
		panic("bitio: unaligned byte write")
	}
}

// Uint8 appends a byte.
func (w *Writer) Uint8(v uint8) { w.mustAlign(); w.B = append(w.B, v) }

// Uint16 appends a big-endian uint16.
func (w *Writer) Uint16(v uint16) { w.mustAlign(); w.B = append(w.B, byte(v>>8), byte(v)) }

// Uint24 appends the low 24 bits of v.
func (w *Writer) Uint24(v uint32) { w.mustAlign(); w.B = append(w.B, byte(v>>16), byte(v>>8), byte(v)) }

// Uint32 appends a big-endian uint32.
func (w *Writer) Uint32(v uint32) {
	w.mustAlign()
	w.B = append(w.B, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

// Uint64 appends a big-endian uint64.
func (w *Writer) Uint64(v uint64) { w.Uint32(uint32(v >> 32)); w.Uint32(uint32(v)) }

// Bytes appends p.
func (w *Writer) Bytes(p []byte) { w.mustAlign(); w.B = append(w.B, p...) }

// Len returns the number of bytes written so far (a partial byte counts).
func (w *Writer) Len() int { return len(w.B) }

// PutUint16At overwrites two bytes at offset i (used to patch a length field).
func (w *Writer) PutUint16At(i int, v uint16) { w.B[i], w.B[i+1] = byte(v>>8), byte(v) }
