package dsmcc

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func casesBIOP(t testing.TB) []struct {
	name string
	msg  []byte
	kind string
	err  error
} {
	ste := StreamEventMessage{
		ObjectKey: key(5), Info: StreamInfo{ADescription: []byte("d"), ASeconds: -1, Data: 1},
		EventNames: [][]byte{[]byte("start\x00"), []byte("stop\x00")},
		Taps:       []Tap{{Use: TapUseStrEvent, AssociationTag: 0x0D}}, EventIDs: []uint16{1, 2},
		ServiceContextList: []ServiceContext{{ContextID: 1, ContextData: []byte{9}}},
	}
	steMsg, err := ste.Marshal()
	require.NoError(t, err)
	str := StreamMessage{
		ObjectKey: key(6), Taps: []Tap{{Use: TapUseBIOPProgram, AssociationTag: 1}}, Descriptors: []byte{1, 0},
	}
	strMsg, err := str.Marshal()
	require.NoError(t, err)
	dir := dirMsg(t, false, 2, bind(t, "a", KindFile, 1, 1), bind(t, "b", KindDirectory, 1, 2))
	bad := append([]byte("BIOX"), dir[4:]...)
	return []struct {
		name string
		msg  []byte
		kind string
		err  error
	}{
		{"file", fileMsg(t, 1, []byte("content")), KindFile, nil},
		{"directory", dir, KindDirectory, nil},
		{"service gateway", dirMsg(t, true, 0), KindServiceGateway, nil},
		{"stream event", steMsg, KindStreamEvent, nil},
		{"stream", strMsg, KindStream, nil},
		{"bad magic", bad, "", ErrBIOPMagic},
		{"message_size overrun", dir[:len(dir)-1], "", ErrLengthOverrun},
	}
}

// checkTyped round-trips the typed form of a BIOP message.
func checkTyped(t testing.TB, b []byte, kind string) {
	t.Helper()
	switch kind {
	case KindFile:
		checkRoundTrip(t, b, withN((*FileMessage).Unmarshal), nil)
	case KindDirectory, KindServiceGateway:
		checkRoundTrip(t, b, withN((*DirectoryMessage).Unmarshal), nil)
	case KindStream:
		checkRoundTrip(t, b, withN((*StreamMessage).Unmarshal), nil)
	case KindStreamEvent:
		checkRoundTrip(t, b, withN((*StreamEventMessage).Unmarshal), nil)
	}
}

func TestBIOPMessage(t *testing.T) {
	for _, tc := range casesBIOP(t) {
		t.Run(tc.name, func(t *testing.T) {
			var m BIOPMessage
			n, err := m.Unmarshal(tc.msg)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, len(tc.msg), n)
			require.Equal(t, tc.kind, m.Kind())
			_, ok := checkRoundTrip(t, tc.msg, withN((*BIOPMessage).Unmarshal), nil)
			require.True(t, ok)
			checkTyped(t, tc.msg, tc.kind)
		})
	}
	var ste StreamEventMessage
	_, err := ste.Unmarshal(casesBIOP(t)[3].msg)
	require.NoError(t, err)
	require.Equal(t, map[string]uint16{"start": 1, "stop": 2}, ste.Events())
	var f FileMessage
	_, err = f.Unmarshal(casesBIOP(t)[1].msg)
	require.ErrorIs(t, err, ErrObjectKind)
}

func TestBindingName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want []string
		err  error
	}{
		{"a.txt\x00", []string{"a.txt"}, nil},
		{"no-nul", []string{"no-nul"}, nil},
		{"x/y?$z\x00", []string{"x", "y?$z"}, nil},
		{"..\x00", nil, ErrBadName},
		{".\x00", nil, ErrBadName},
		{"\x00", nil, ErrBadName},
		{"a//b\x00", nil, ErrBadName},
		{"/abs\x00", nil, ErrBadName},
		{"a/../../x\x00", nil, ErrBadName},
		{"n\x00ul\x00", nil, ErrBadName},
	} {
		b := Binding{Name: []NameComponent{{ID: []byte(tc.name), Kind: kindBytes(KindFile)}}}
		got, err := bindingName(&b)
		if tc.err != nil {
			require.ErrorIs(t, err, tc.err, "%q", tc.name)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tc.want, got)
	}
}

func FuzzBIOPMessage(f *testing.F) {
	for _, tc := range casesBIOP(f) {
		f.Add(tc.msg)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, ok := checkRoundTrip(t, b, withN((*BIOPMessage).Unmarshal), nil)
		if !ok {
			return
		}
		checkTyped(t, b, m.Kind())
		var d DirectoryMessage
		if d.Decode(m) == nil {
			for i := range d.Bindings {
				_, _ = bindingName(&d.Bindings[i])
				_, _ = d.Bindings[i].IOR.BIOPProfile()
			}
		}
	})
}
