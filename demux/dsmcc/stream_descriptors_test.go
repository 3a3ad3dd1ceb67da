package dsmcc

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func casesStreamDescriptors() []struct {
	name string
	tag  uint8
	data []byte
	err  error
} {
	return []struct {
		name string
		tag  uint8
		data []byte
		err  error
	}{
		// eventId 1, reserved 0 (IRT), eventNPT 0, "Test Message 1" (sample 032.1).
		{"stream event, reserved 0", TagStreamEvent,
			append([]byte{0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0}, "Test Message 1"...), nil},
		// reserved bits 1 (RAI), eventNPT 0x1_0000_0001.
		{"stream event, reserved 1", TagStreamEvent, []byte{0x00, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1}, nil},
		{"stream event, short", TagStreamEvent, []byte{0, 1, 0}, ErrShortBuffer},
		{"NPT reference", TagNPTReference, []byte{0x81, 0xFE, 0x00, 0x00, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFE, 0, 0, 0, 0x2A,
			0x00, 0x01, 0x00, 0x01}, nil},
		{"NPT reference, short", TagNPTReference, make([]byte, 17), ErrShortBuffer},
		{"NPT endpoint", TagNPTEndpoint, []byte{0xFF, 0xFE, 0, 0, 0, 0x10, 0xFF, 0xFF, 0xFF, 0xFE, 0, 0, 0x20, 0}, nil},
		{"stream mode", TagStreamMode, []byte{6, 0xFF}, nil},
		{"stream mode, short", TagStreamMode, []byte{6}, ErrShortBuffer},
	}
}

// checkStreamDescriptor round-trips the descriptor data of one tag.
func checkStreamDescriptor(t testing.TB, tag uint8, b []byte) error {
	t.Helper()
	var err error
	switch tag {
	case TagNPTReference:
		_, ok := checkRoundTrip(t, b, (*NPTReferenceDescriptor).Unmarshal, nil)
		err = okErr(ok, (&NPTReferenceDescriptor{}).Unmarshal(b))
	case TagNPTEndpoint:
		_, ok := checkRoundTrip(t, b, (*NPTEndpointDescriptor).Unmarshal, nil)
		err = okErr(ok, (&NPTEndpointDescriptor{}).Unmarshal(b))
	case TagStreamMode:
		_, ok := checkRoundTrip(t, b, (*StreamModeDescriptor).Unmarshal, nil)
		err = okErr(ok, (&StreamModeDescriptor{}).Unmarshal(b))
	case TagStreamEvent:
		_, ok := checkRoundTrip(t, b, (*StreamEventDescriptor).Unmarshal, nil)
		err = okErr(ok, (&StreamEventDescriptor{}).Unmarshal(b))
	}
	return err
}

func okErr(ok bool, err error) error {
	if ok {
		return nil
	}
	return err
}

func TestStreamDescriptors(t *testing.T) {
	for _, tc := range casesStreamDescriptors() {
		t.Run(tc.name, func(t *testing.T) {
			err := checkStreamDescriptor(t, tc.tag, tc.data)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
		})
	}
	var e StreamEventDescriptor
	require.NoError(t, e.Unmarshal(casesStreamDescriptors()[1].data))
	require.EqualValues(t, 2, e.EventID)
	require.EqualValues(t, uint64(0x1_0000_0001), e.EventNPT)
	var r NPTReferenceDescriptor
	require.NoError(t, r.Unmarshal(casesStreamDescriptors()[3].data))
	require.Equal(t, NPTReferenceDescriptor{PostDiscontinuityIndicator: true, ContentID: 1, STCReference: 0x100,
		NPTReference: 0x2A, ScaleNumerator: 1, ScaleDenominator: 1}, r)
	var ep NPTEndpointDescriptor
	require.NoError(t, ep.Unmarshal(casesStreamDescriptors()[5].data))
	require.Equal(t, NPTEndpointDescriptor{StartNPT: 0x10, StopNPT: 0x2000}, ep)
}

func FuzzStreamDescriptors(f *testing.F) {
	for _, tc := range casesStreamDescriptors() {
		f.Add(tc.tag, tc.data)
	}
	f.Fuzz(func(t *testing.T, tag uint8, b []byte) {
		_ = checkStreamDescriptor(t, TagNPTReference+tag%4, b)
		// The same bytes as a whole 0x3D section body.
		sec, err := appendSection(nil, 0x3D, 1, 0, 0, b)
		if err != nil {
			return
		}
		se := NewStreamEvents()
		_, _ = se.Section(sec)
		_ = se.Advance(uint64(len(b)) * 1_000_000)
	})
}
