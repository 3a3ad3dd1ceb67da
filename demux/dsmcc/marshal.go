package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// marshaler is implemented by every wire structure: MarshalSize gives the exact encoded
// length and appendTo writes it, failing when a variable part does not fit its length field.
type marshaler interface {
	MarshalSize() int
	appendTo(w *bitio.Writer) error
}

// marshalTo encodes m into b, which must hold MarshalSize bytes.
func marshalTo(m marshaler, what string, b []byte) (int, error) {
	n := m.MarshalSize()
	if len(b) < n {
		return 0, fmt.Errorf("%w: %s needs %d bytes, have %d", ErrShortBuffer, what, n, len(b))
	}
	w := bitio.Writer{B: b[:0:n]}
	if err := m.appendTo(&w); err != nil {
		return 0, err
	}
	if len(w.B) != n {
		// MarshalSize and appendTo disagree: a bug in this package.
		return 0, fmt.Errorf("%w: %s wrote %d bytes, MarshalSize says %d", ErrFieldOverflow, what, len(w.B), n)
	}
	return n, nil
}

// marshal encodes m into a new slice.
func marshal(m marshaler, what string) ([]byte, error) {
	b := make([]byte, m.MarshalSize())
	if len(b) == 0 {
		return b, nil
	}
	n, err := marshalTo(m, what, b)
	if err != nil {
		return nil, err
	}
	return b[:n], nil
}

// fits checks that n fits a length field of the given bits.
func fits(what string, n, bits int) error {
	if n < 0 || uint64(n) >= 1<<uint(bits) {
		return fmt.Errorf("%w: %s is %d, field has %d bits", ErrFieldOverflow, what, n, bits)
	}
	return nil
}
