package dsmcc

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

type sampleRun struct {
	c      *Carousel
	events []Event
	errs   []error
	stats  tsStats
}

func runSample(t *testing.T, name string, lim *Limits, pids ...uint16) *sampleRun {
	t.Helper()
	data := readSample(t, name)
	r := &sampleRun{}
	r.c = New(Config{
		Limits:        lim,
		OnEvent:       func(e Event) { r.events = append(r.events, e) },
		OnDecodeError: func(err error) { r.errs = append(r.errs, err) },
	})
	if len(pids) == 0 {
		pids = []uint16{carouselPID(t, data)}
	}
	r.stats = feedTS(data, onPIDs(pids...), func(_ uint16, sec []byte) { r.c.Section(sec) })
	return r
}

func TestSampleZlibCarousel(t *testing.T) {
	r := runSample(t, "tsduck_test-203.1_oc_zlib_3files.ts", nil, 0x076A)
	require.Empty(t, r.errs)
	require.Equal(t, 5, r.stats.CCBreaks, "the capture has five continuity breaks")
	p := r.c.Progress()
	require.True(t, p.Complete, "%+v", p)
	require.Equal(t, 3, p.ModulesComplete)
	for _, m := range p.ModuleStates {
		require.True(t, m.Compressed)
		require.Equal(t, uint8(125), m.ModuleVersion)
	}
	// Module 1 holds the service gateway: 133 bytes inflate to 294.
	data, v, ok := r.c.ModuleData(0x0A, 1)
	require.True(t, ok)
	require.EqualValues(t, 125, v)
	require.Len(t, data, 294)
	require.Equal(t, readExpectedHashes(t, "tsduck_test-203.1.files.sha256"), treeHashes(t, r.c.Snapshot()))
}

func TestSampleOpenCaster(t *testing.T) {
	r := runSample(t, "opencaster_mhp_tutorial.ts", nil)
	require.Empty(t, r.errs)
	p := r.c.Progress()
	require.True(t, p.Complete, "%+v", p)
	want := readExpectedHashes(t, "opencaster_mhp_tutorial.files.sha256")
	// The README says 47 files; its expected list (from an independent decoder) has 54.
	require.Len(t, want, 54)
	require.Equal(t, want, treeHashes(t, r.c.Snapshot()))
	require.Equal(t, 4, r.c.Progress().ModulesComplete)
	for _, name := range []string{"sample8?parameter=foo", "tv/cineca/apps/yambo/KeyPad$Key.class"} {
		_, err := r.c.Stat(name)
		require.NoError(t, err, name)
	}
	g := r.c.Info().Gateway
	require.EqualValues(t, 1, g.Location.CarouselID)
	require.EqualValues(t, 2, g.Location.ModuleID, "the service gateway is in module 2")
	require.Len(t, g.Location.ObjectKey, 4)
	require.EqualValues(t, 0x0B, g.Tap.AssociationTag)

	// The DII comes after most blocks: without orphan buffering one pass is not enough.
	lim := DefaultLimits()
	lim.MaxOrphanBlocks = 0
	r = runSample(t, "opencaster_mhp_tutorial.ts", &lim)
	require.False(t, r.c.Complete())
	p = r.c.Progress()
	require.Less(t, p.ModulesComplete, 4)
	require.NotEmpty(t, p.MissingFiles)
}

func TestSampleIncompleteCarousels(t *testing.T) {
	data := readSample(t, "tsduck_test-108_rai_dvbt_ait_oc_ste.ts")
	cs := map[uint16]*Carousel{0x0BB9: New(Config{}), 0x0BBA: New(Config{})}
	st := feedTS(data, onPIDs(0x0BB9, 0x0BBA), func(pid uint16, sec []byte) {
		require.NoError(t, cs[pid].Feed(sec))
	})
	require.Positive(t, st.Packets)

	c := cs[0x0BB9]
	p := c.Progress()
	require.False(t, p.Complete)
	require.True(t, p.DSI)
	require.Equal(t, 6, p.Modules, "six zlib modules")
	require.Less(t, p.BlocksReceived, p.Blocks)
	require.Equal(t, []string{"."}, missingPaths(p), "the service gateway's module is missing")
	var missingBlocks int
	for _, m := range p.ModuleStates {
		require.True(t, m.Compressed)
		require.False(t, m.Complete)
		require.EqualValues(t, 0x29, m.AssociationTag)
		for _, br := range m.Missing {
			missingBlocks += int(br.Last-br.First) + 1
		}
	}
	require.Equal(t, p.Blocks-p.BlocksReceived, missingBlocks)
	in := c.Info()
	require.EqualValues(t, 61, in.Gateway.Location.CarouselID)
	require.EqualValues(t, 0x29, in.Gateway.Tap.AssociationTag)
	// The DSI's tap names DII 0x80000002; the DII is 0x80030003: same identification.
	require.Equal(t, TransactionIdentification(in.Gateway.DIITransactionID),
		TransactionIdentification(in.DIIs[0].TransactionID))

	p = cs[0x0BBA].Progress()
	require.False(t, p.Complete)
	require.Equal(t, KindUnknown, p.Kind, "no DSI in the capture")
}

func TestSampleDataCarousel(t *testing.T) {
	data := readSample(t, "tsduck_test-179.2_dsi_datacarousel_gii.ts")
	var events []Event
	c := New(Config{OnEvent: func(e Event) { events = append(events, e) }})
	var errs []error
	feedTS(data, nil, func(_ uint16, sec []byte) { errs = append(errs, c.Feed(sec)) })
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], ErrDataCarousel)
	require.Len(t, events, 1)
	require.Equal(t, EventDataCarousel, events[0].Kind)
	in := c.Info()
	require.Equal(t, KindDataCarousel, in.Kind)
	require.Len(t, in.GroupInfo.Groups, 2)
	require.EqualValues(t, uint32(0x80000002), in.GroupInfo.Groups[0].GroupID)
	require.EqualValues(t, 362592, in.GroupInfo.Groups[0].GroupSize)
	require.EqualValues(t, uint32(0x80000003), in.GroupInfo.Groups[1].GroupID)
	require.EqualValues(t, 74565, in.GroupInfo.Groups[1].GroupSize)

	// The DSI alone: ServiceGatewayInfo says it is a data carousel, not a garbled IOR.
	feedTS(data, nil, func(_ uint16, sec []byte) {
		_, payload, err := ParseSection(sec)
		require.NoError(t, err)
		var d DSI
		require.NoError(t, d.Unmarshal(payload))
		_, err = d.Gateway()
		require.True(t, errors.Is(err, ErrDataCarousel))
		require.True(t, d.IsDataCarousel())
	})
}
