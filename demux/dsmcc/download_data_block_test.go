package dsmcc

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func normDDB(d *DDB) { d.Header.MessageLength = 0 }

func casesDDB(t testing.TB) []struct {
	name  string
	sec   []byte
	block uint16
	err   error
} {
	big := makeDDB(t, 10, 2, 125, 300, []byte("block data"), 400)
	return []struct {
		name  string
		sec   []byte
		block uint16
		err   error
	}{
		{"block 300", big, 300, nil},
		{"empty block", makeDDB(t, 10, 2, 125, 0, nil, 0), 0, nil},
		{"truncated", append(append([]byte{}, big[:20]...), 0, 0, 0, 0), 0, ErrLengthOverrun},
	}
}

func TestDDB(t *testing.T) {
	for _, tc := range casesDDB(t) {
		t.Run(tc.name, func(t *testing.T) {
			h, payload, err := ParseSection(tc.sec)
			if err == nil {
				var d DDB
				err = d.Unmarshal(payload)
				if err == nil {
					// section_number is only the low 8 bits of blockNumber.
					require.Equal(t, uint8(tc.block), h.SectionNumber)
					require.Equal(t, tc.block, d.BlockNumber)
					require.Equal(t, d.ModuleID, h.TableIDExtension)
					require.Equal(t, d.ModuleVersion&0x1F, h.VersionNumber)
					_, ok := checkRoundTrip(t, payload, (*DDB).Unmarshal, normDDB)
					require.True(t, ok)
				}
			}
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
			} else {
				require.NoError(t, err)
			}
		})
	}
}

func FuzzDDB(f *testing.F) {
	for _, tc := range casesDDB(f) {
		if _, p, err := ParseSection(tc.sec); err == nil {
			f.Add(p)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkRoundTrip(t, b, (*DDB).Unmarshal, normDDB)
	})
}
