package psi

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCRC32CheckValue(t *testing.T) {
	// The check value of CRC-32/MPEG-2.
	require.Equal(t, uint32(0x0376E6E7), CRC32([]byte("123456789")))
}

func TestSectionRoundTrip(t *testing.T) {
	h := Header{TableID: 0x74, TableIDExtension: 0x0009, VersionNumber: 7, CurrentNextIndicator: true,
		SectionNumber: 1, LastSectionNumber: 2}
	sec, err := AppendLongSection(nil, h, []byte{1, 2, 3}, MaxSectionPS)
	require.NoError(t, err)
	require.NoError(t, CheckCRC(sec))
	got, n, err := ParseHeader(sec)
	require.NoError(t, err)
	require.Equal(t, len(sec), n)
	h.SectionSyntaxIndicator = true
	h.SectionLength = uint16(len(sec) - 3)
	require.Equal(t, h, got)
	require.Equal(t, []byte{1, 2, 3}, Body(sec))
	sec[9] ^= 1
	require.ErrorIs(t, CheckCRC(sec), ErrCRC)
}

func TestParseHeaderBounds(t *testing.T) {
	_, _, err := ParseHeader([]byte{0x00, 0xB0})
	require.ErrorIs(t, err, ErrShortBuffer)
	_, _, err = ParseHeader([]byte{0x00, 0xB0, 0x20, 0, 0})
	require.ErrorIs(t, err, ErrShortBuffer)
	_, _, err = ParseHeader([]byte{0x00, 0xB0, 0x02, 0, 0})
	require.ErrorIs(t, err, ErrSectionLength)
}

func TestDescriptorsOverrun(t *testing.T) {
	ds, err := ParseDescriptors(nil, []byte{0x52, 1, 0x0B, 0x14, 5, 1})
	require.ErrorIs(t, err, ErrLengthOverrun)
	require.Equal(t, []Descriptor{{Tag: 0x52, Data: []byte{0x0B}}}, ds)
}
