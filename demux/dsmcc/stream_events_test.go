package dsmcc

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
)

// makeStreamSection returns a 0x3D section with the given descriptors.
func makeStreamSection(t *testing.T, ext uint16, version uint8, descs ...[]byte) []byte {
	t.Helper()
	var body []byte
	for _, d := range descs {
		body = append(body, d...)
	}
	sec, err := appendSection(nil, psi.TableIDDSMCCDescriptors, ext, version, 0, body)
	require.NoError(t, err)
	return sec
}

type descMarshaler interface{ Marshal() ([]byte, error) }

func desc(t *testing.T, tag uint8, d descMarshaler) []byte {
	t.Helper()
	b, err := d.Marshal()
	require.NoError(t, err)
	return psi.AppendDescriptor(nil, tag, b)
}

func TestStreamEventsDoItNow(t *testing.T) {
	se := NewStreamEvents()
	se.SetNames(map[string]uint16{"start": 1, "stop": 2})
	goEvent := desc(t, TagStreamEvent, &StreamEventDescriptor{EventID: 1, PrivateData: []byte("go")})
	sec := makeStreamSection(t, 1, 0, goEvent)
	evs, err := se.Section(sec)
	require.NoError(t, err)
	require.Equal(t, []StreamEvent{
		{EventID: 1, Name: "start", DoItNow: true, PrivateData: []byte("go"), TableIDExtension: 1},
	}, evs)
	evs, err = se.Section(sec)
	require.NoError(t, err)
	require.Empty(t, evs, "a repeated section fires once")
	evs, err = se.Section(makeStreamSection(t, 1, 1, goEvent))
	require.NoError(t, err)
	require.Len(t, evs, 1, "a new version fires again")
}

func TestStreamEventsScheduled(t *testing.T) {
	const pcrPerTick = 300 // one 90 kHz tick in 27 MHz units
	se := NewStreamEvents()
	ev := func(id uint16, npt uint64) []byte {
		return desc(t, TagStreamEvent, &StreamEventDescriptor{EventID: id, EventNPT: npt})
	}
	// Events at NPT 9000 and 18000, before any NPT reference.
	evs, err := se.Section(makeStreamSection(t, 0, 0, ev(2, 18000), ev(1, 9000)))
	require.NoError(t, err)
	require.Empty(t, evs)
	require.Empty(t, se.Advance(0), "no NPT reference yet")
	// NPT 0 at STC 1,000,000, normal speed.
	ref := &NPTReferenceDescriptor{STCReference: 1_000_000, NPTReference: 0, ScaleNumerator: 1, ScaleDenominator: 1}
	_, err = se.Section(makeStreamSection(t, 0, 1, desc(t, TagNPTReference, ref)))
	require.NoError(t, err)
	npt, ok := se.NPT((1_000_000 + 4500) * pcrPerTick)
	require.True(t, ok)
	require.EqualValues(t, 4500, npt)
	require.Empty(t, se.Advance((1_000_000+8999)*pcrPerTick))
	due := se.Advance((1_000_000 + 9000) * pcrPerTick)
	require.Len(t, due, 1)
	require.EqualValues(t, 1, due[0].EventID)
	require.False(t, due[0].DoItNow)
	require.Len(t, se.Advance((1_000_000+30000)*pcrPerTick), 1)
	require.Zero(t, se.Pending())
}

func TestStreamEventsNPTWrap(t *testing.T) {
	se := NewStreamEvents()
	// STC_Reference just before the 33-bit wrap; NPT 1000 there; half speed.
	ref := &NPTReferenceDescriptor{STCReference: mask33 - 100, NPTReference: 1000, ScaleNumerator: 1, ScaleDenominator: 2}
	_, err := se.Section(makeStreamSection(t, 0, 0, desc(t, TagNPTReference, ref)))
	require.NoError(t, err)
	npt, ok := se.NPT(99 * 300) // STC wrapped: 200 ticks after the reference
	require.True(t, ok)
	require.EqualValues(t, 1100, npt)
	npt, _ = se.NPT((mask33 - 300) * 300) // 200 ticks before
	require.EqualValues(t, 900, npt)
	// A paused NPT (scale 0/0) stays at NPT_Reference.
	ref.ScaleNumerator, ref.ScaleDenominator = 0, 0
	_, err = se.Section(makeStreamSection(t, 0, 1, desc(t, TagNPTReference, ref)))
	require.NoError(t, err)
	npt, _ = se.NPT(12345 * 300)
	require.EqualValues(t, 1000, npt)
}

func TestStreamEventsBadDescriptors(t *testing.T) {
	se := NewStreamEvents()
	evs, err := se.Section(makeStreamSection(t, 5, 0,
		[]byte{TagStreamEvent, 3, 0, 1, 2},
		desc(t, TagStreamEvent, &StreamEventDescriptor{EventID: 9}),
		[]byte{TagNPTReference, 1, 0}))
	require.ErrorIs(t, err, ErrShortBuffer)
	require.Len(t, evs, 1, "the good descriptor still fires")
	_, err = se.Section(makeStreamSection(t, 6, 0, []byte{TagStreamEvent, 200, 0}))
	require.ErrorIs(t, err, ErrLengthOverrun)
	sec, err := appendSection(nil, 0x3C, 0, 0, 0, nil)
	require.NoError(t, err)
	_, err = se.Section(sec)
	require.ErrorIs(t, err, ErrUnexpectedTable)
}

func TestStreamEventObjectNames(t *testing.T) {
	// A carousel with a stream event object: the tracker gets its names from the tree.
	ste := StreamEventMessage{
		ObjectKey:  key(5),
		Info:       StreamInfo{Data: 1},
		EventNames: [][]byte{[]byte("start\x00"), []byte("stop\x00")},
		Taps:       []Tap{{Use: TapUseStrEvent, AssociationTag: 0x0D}},
		EventIDs:   []uint16{1, 2},
	}
	steMsg, err := ste.Marshal()
	require.NoError(t, err)
	srg := plainMod(1, 1, dirMsg(t, true, 1, bind(t, "events", KindStreamEvent, 1, 5)), steMsg)
	c := New(Config{})
	feedAll(t, c, makeDSI(t, testDSITID, 1, 1, testDIITID), makeDII(t, testDIITID, testCarouselID, 200, srg))
	feedAll(t, c, makeDDBs(t, testCarouselID, 200, srg)...)
	require.True(t, c.Complete())
	objs := c.Snapshot().StreamEvents()
	require.Len(t, objs, 1)
	require.Equal(t, "events", objs[0].Path)
	require.Equal(t, map[string]uint16{"start": 1, "stop": 2}, objs[0].Events)
	require.True(t, objs[0].HasTap)
	require.EqualValues(t, 0x0D, objs[0].AssociationTag)
	fi, err := c.Stat("events")
	require.NoError(t, err)
	require.False(t, fi.Mode().IsRegular())

	se := NewStreamEvents()
	se.SetNames(objs[0].Events)
	evs, err := se.Section(makeStreamSection(t, 2, 0, desc(t, TagStreamEvent, &StreamEventDescriptor{EventID: 2})))
	require.NoError(t, err)
	require.Equal(t, "stop", evs[0].Name)
}
