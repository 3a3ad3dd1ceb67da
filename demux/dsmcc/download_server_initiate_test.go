package dsmcc

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func payloadOf(t testing.TB, sec []byte) []byte {
	t.Helper()
	_, p, err := ParseSection(sec)
	require.NoError(t, err)
	return p
}

func normDSI(d *DSI) { d.Header.MessageLength = 0 }

// casesDSI: DSI messages (section payloads).
func casesDSI(t testing.TB) []struct {
	name string
	msg  []byte
	err  error
} {
	gii := GroupInfoIndication{Groups: []GroupInfo{
		{GroupID: 0x80000002, GroupSize: 1000, GroupCompatibility: []byte{0, 0}},
	}}
	giiBytes, err := gii.Marshal()
	require.NoError(t, err)
	dc := DSI{Header: header(MessageIDDSI, 0x80000000), PrivateData: giiBytes}
	dcBytes, err := dc.Marshal()
	require.NoError(t, err)
	oc := payloadOf(t, makeDSI(t, 0x80050000, 2, 0, 0x80050002))
	return []struct {
		name string
		msg  []byte
		err  error
	}{
		{"object carousel", oc, nil},
		{"data carousel", dcBytes, ErrDataCarousel},
		{"short", oc[:20], ErrLengthOverrun},
		{"not dsmcc", append([]byte{0x12}, oc[1:]...), ErrMessageHeader},
		{"DII id", append(append([]byte{}, oc[:2]...), append([]byte{0x10, 0x02}, oc[4:]...)...), ErrUnexpectedMsg},
	}
}

func TestDSI(t *testing.T) {
	for _, tc := range casesDSI(t) {
		t.Run(tc.name, func(t *testing.T) {
			var d DSI
			err := d.Unmarshal(tc.msg)
			if err == nil {
				_, err = d.Gateway()
			}
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				if tc.err != ErrDataCarousel {
					return
				}
			} else {
				require.NoError(t, err)
			}
			_, ok := checkRoundTrip(t, tc.msg, (*DSI).Unmarshal, normDSI)
			require.True(t, ok)
		})
	}
	var d DSI
	require.NoError(t, d.Unmarshal(casesDSI(t)[0].msg))
	g, err := d.Gateway()
	require.NoError(t, err)
	require.EqualValues(t, 2, g.Location.ModuleID)
	require.True(t, g.HasTap)
	require.EqualValues(t, uint32(0x80050002), g.DIITransactionID)
	require.EqualValues(t, testTag, g.Tap.AssociationTag)
	require.False(t, d.IsDataCarousel())
}

func FuzzDSI(f *testing.F) {
	for _, tc := range casesDSI(f) {
		f.Add(tc.msg)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, ok := checkRoundTrip(t, b, (*DSI).Unmarshal, normDSI)
		if !ok {
			return
		}
		_, _ = d.Gateway()
		_ = d.IsDataCarousel()
		checkRoundTrip(t, d.PrivateData, withN((*ServiceGatewayInfo).Unmarshal), nil)
		checkRoundTrip(t, d.PrivateData, withN((*GroupInfoIndication).Unmarshal), nil)
	})
}
