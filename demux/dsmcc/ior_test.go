package dsmcc

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func casesIOR(t testing.TB) []struct {
	name string
	ior  []byte
	kind string
	err  error
} {
	mk := func(kind string, p BIOPProfileBody) []byte {
		ior, err := NewIOR(kind, p)
		require.NoError(t, err)
		b, err := ior.Marshal()
		require.NoError(t, err)
		return b
	}
	gw := mk(KindServiceGateway, BIOPProfileBody{ObjectLocation: testLoc(2, 0), ConnBinder: testBinder(0x80050002)})
	long := IOR{TypeID: []byte("DSM::Directory\x00"), TaggedProfiles: []TaggedProfile{
		{ProfileIDTag: TagLiteOptions, ProfileData: []byte{1, 2, 3}},
	}}
	longBytes, err := long.Marshal()
	require.NoError(t, err)
	other := mk(KindFile, BIOPProfileBody{ObjectLocation: testLoc(3, 9), ConnBinder: testBinder(1),
		OtherComponents: []LiteComponent{{ComponentIDTag: 0x49534F46, ComponentData: []byte("x")}}})
	return []struct {
		name string
		ior  []byte
		kind string
		err  error
	}{
		{"service gateway", gw, KindServiceGateway, nil},
		{"long type id, lite options only", longBytes, KindDirectory, ErrNoObjectLocation},
		{"extra lite component", other, KindFile, nil},
		{"huge type_id_length", []byte{0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0}, "", ErrShortBuffer},
		{"truncated", gw[:len(gw)-3], "", ErrShortBuffer},
	}
}

func TestIOR(t *testing.T) {
	for _, tc := range casesIOR(t) {
		t.Run(tc.name, func(t *testing.T) {
			var ior IOR
			_, err := ior.Unmarshal(tc.ior)
			if err == nil {
				require.Equal(t, tc.kind, ior.Kind())
				_, ok := checkRoundTrip(t, tc.ior, withN((*IOR).Unmarshal), nil)
				require.True(t, ok)
				_, err = ior.BIOPProfile()
			}
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
		})
	}
	var ior IOR
	_, err := ior.Unmarshal(casesIOR(t)[0].ior)
	require.NoError(t, err)
	p, err := ior.BIOPProfile()
	require.NoError(t, err)
	require.EqualValues(t, testCarouselID, p.ObjectLocation.CarouselID)
	_, tid, timeout, ok := p.ConnBinder.DeliveryPara()
	require.True(t, ok)
	require.EqualValues(t, uint32(0x80050002), tid)
	require.EqualValues(t, uint32(0xFFFFFFFF), timeout)
	for _, x := range []wire{&p.ObjectLocation, &p.ConnBinder} {
		b, err := x.Marshal()
		require.NoError(t, err)
		require.Len(t, b, x.MarshalSize())
	}
	var loc ObjectLocation
	b, _ := p.ObjectLocation.Marshal()
	_, err = loc.Unmarshal(b)
	require.NoError(t, err)
	require.Equal(t, p.ObjectLocation, loc)
}

func FuzzIOR(f *testing.F) {
	for _, tc := range casesIOR(f) {
		f.Add(tc.ior)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ior, ok := checkRoundTrip(t, b, withN((*IOR).Unmarshal), nil)
		if !ok {
			return
		}
		_ = ior.Kind()
		for _, tp := range ior.TaggedProfiles {
			checkRoundTrip(t, tp.ProfileData, withN((*BIOPProfileBody).Unmarshal), nil)
		}
		checkRoundTrip(t, b, withN((*ObjectLocation).Unmarshal), nil)
		checkRoundTrip(t, b, withN((*ConnBinder).Unmarshal), nil)
		checkRoundTrip(t, b, withN((*Tap).Unmarshal), nil)
	})
}
