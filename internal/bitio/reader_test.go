package bitio

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReaderFields(t *testing.T) {
	r := NewReader([]byte{0b1010_1100, 0x12, 0x34, 0x56, 0x78, 0x9A, 0xFF})
	require.Equal(t, uint64(0b101), r.Bits(3))
	require.False(t, r.Bool())
	require.Equal(t, uint64(0b1100), r.Bits(4))
	require.Equal(t, uint16(0x1234), r.Uint16())
	require.Equal(t, uint32(0x56789A), r.Uint24())
	require.Equal(t, 1, r.Len())
	sub := r.Sub(1)
	require.Equal(t, uint8(0xFF), sub.Uint8())
	require.NoError(t, r.Err())
	require.Equal(t, uint8(0), r.Uint8())
	require.True(t, errors.Is(r.Err(), ErrShortBuffer))
	// sticky: later reads keep returning zero and the first error
	first := r.Err()
	require.Equal(t, uint32(0), r.Uint32())
	require.Equal(t, first, r.Err())
}

func TestReaderUnalignedByteReadFails(t *testing.T) {
	r := NewReader([]byte{1, 2})
	r.Bits(3)
	require.Nil(t, r.Bytes(1))
	require.Error(t, r.Err())
}

func TestWriterRoundTrip(t *testing.T) {
	var w Writer
	w.Bits(3, 0b101)
	w.Bool(true)
	w.Bits(4, 0b1100)
	w.Uint16(0x1234)
	w.Bits(33, 0x1_2345_6789)
	w.Bits(7, 0x7F)
	w.Uint32(0xDEADBEEF)
	r := NewReader(w.B)
	require.Equal(t, uint64(0b101), r.Bits(3))
	require.True(t, r.Bool())
	require.Equal(t, uint64(0b1100), r.Bits(4))
	require.Equal(t, uint16(0x1234), r.Uint16())
	require.Equal(t, uint64(0x1_2345_6789), r.Bits(33))
	require.Equal(t, uint64(0x7F), r.Bits(7))
	require.Equal(t, uint32(0xDEADBEEF), r.Uint32())
	require.NoError(t, r.Err())
	require.Equal(t, 0, r.Len())
}

func FuzzReader(f *testing.F) {
	f.Add([]byte{1, 2, 3}, uint8(5))
	f.Fuzz(func(t *testing.T, b []byte, n uint8) {
		r := NewReader(b)
		for i := 0; i < 10; i++ {
			r.Bits(int(n % 65))
			_ = r.Bytes(int(n % 7))
			_ = r.Sub(int(n % 3)).Uint16()
		}
		if r.Len() < 0 {
			t.Fatal("negative length")
		}
	})
}
