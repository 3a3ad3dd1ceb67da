package dsmcc

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func normDII(d *DII) { d.Header.MessageLength = 0 }

// casesDII: DII messages (section payloads).
func casesDII(t testing.TB) []struct {
	name    string
	msg     []byte
	modules int
	err     error
} {
	plain := plainMod(1, 5, []byte("module one"))
	z := zlibMod(t, 2, 125, []byte("compressed module"))
	two := payloadOf(t, makeDII(t, 0x80030003, 61, 4066, plain, z))
	return []struct {
		name    string
		msg     []byte
		modules int
		err     error
	}{
		{"two modules", two, 2, nil},
		{"no module", payloadOf(t, makeDII(t, 0x80030003, 61, 4066)), 0, nil},
		{"truncated", two[:40], 0, ErrLengthOverrun},
		{"header only", two[:12], 0, ErrLengthOverrun},
		{"short header", two[:11], 0, ErrShortBuffer},
	}
}

func TestDII(t *testing.T) {
	for _, tc := range casesDII(t) {
		t.Run(tc.name, func(t *testing.T) {
			var d DII
			err := d.Unmarshal(tc.msg)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Len(t, d.Modules, tc.modules)
			_, ok := checkRoundTrip(t, tc.msg, (*DII).Unmarshal, normDII)
			require.True(t, ok)
		})
	}
	var d DII
	require.NoError(t, d.Unmarshal(casesDII(t)[0].msg))
	require.EqualValues(t, 61, d.DownloadID)
	require.Equal(t, 1, d.Blocks(d.Modules[0].ModuleSize))
	var mi ModuleInfo
	_, err := mi.Unmarshal(d.Modules[1].ModuleInfo)
	require.NoError(t, err)
	cd, ok, err := mi.Compressed()
	require.NoError(t, err)
	require.True(t, ok)
	require.EqualValues(t, len("compressed module"), cd.OriginalSize)
	tag, ok := mi.ObjectTap()
	require.True(t, ok)
	require.EqualValues(t, testTag, tag)
	require.EqualValues(t, 1, TransactionIdentification(d.Header.TransactionID))
	require.EqualValues(t, 3, TransactionVersion(d.Header.TransactionID))
}

func FuzzDII(f *testing.F) {
	for _, tc := range casesDII(f) {
		f.Add(tc.msg)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, ok := checkRoundTrip(t, b, (*DII).Unmarshal, normDII)
		if !ok {
			return
		}
		for _, m := range d.Modules {
			mi, ok := checkRoundTrip(t, m.ModuleInfo, withN((*ModuleInfo).Unmarshal), nil)
			if ok {
				_, _, _ = mi.Compressed()
			}
		}
	})
}
