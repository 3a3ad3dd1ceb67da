package psi

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// casesTables are whole tables built field by field; they drive the round-trip tests and
// seed the fuzz targets.
var casesPAT = []PAT{
	{TransportStreamID: 1, VersionNumber: 3, Programs: []PATProgram{{0, 0x10}, {1, 0x100}, {0xE760, 0x1F0}}},
	{TransportStreamID: 0xFFFF},
}

var casesPMT = []PMT{
	{ProgramNumber: 0xE760, VersionNumber: 2, PCRPID: 0x111,
		ProgramInfo: []Descriptor{{Tag: TagEmergencyInformation, Data: []byte{0xE7, 0x60, 0xBF, 0x06, 0x5A, 0x5F, 0x15, 0xAF, 0xD2, 0x7F}}},
		Streams: []PMTStream{
			{StreamType: 0x1B, ElementaryPID: 0x111},
			{StreamType: 0x0B, ElementaryPID: 0x7D3, Descriptors: []Descriptor{
				{Tag: TagStreamIdentifier, Data: []byte{0x0B}},
				{Tag: TagCarouselIdentifier, Data: []byte{0, 0, 0, 1, 0}},
				{Tag: TagDataBroadcastID, Data: []byte{0x00, 0xF0}},
				{Tag: TagAssociationTag, Data: []byte{0, 0x0B, 0, 0, 0}}}},
			{StreamType: 0x05, ElementaryPID: 0x7D1, Descriptors: []Descriptor{
				{Tag: TagApplicationSignalling, Data: []byte{0x00, 0x09, 0xE1}}}},
		}},
}

var casesNIT = []NIT{
	{TableID: TableIDNITActual, NetworkID: 0x7FE0, VersionNumber: 2,
		NetworkDescriptors: []Descriptor{{Tag: TagNetworkName, Data: []byte("EWBS-TEST")}},
		TransportStreams: []NITTransportStream{{TransportStreamID: 1, OriginalNetworkID: 0x7FE0,
			Descriptors: []Descriptor{{Tag: 0x41, Data: []byte{0xE7, 0x60, 0x01}}}}}},
}

var casesSDT = []SDT{
	{TableID: TableIDSDTActual, TransportStreamID: 1, OriginalNetworkID: 2, VersionNumber: 4,
		Services: []SDTService{{ServiceID: 0xE760, EITPresentFollowingFlag: true, RunningStatus: 4,
			Descriptors: []Descriptor{{Tag: TagService, Data: []byte{0x01, 3, 'A', 'B', 'C', 4, 'T', 'V', ' ', '1'}}}}}},
}

func TestTablesRoundTrip(t *testing.T) {
	for _, c := range casesPAT {
		b, err := c.Marshal()
		require.NoError(t, err)
		require.NoError(t, CheckCRC(b))
		var got PAT
		require.NoError(t, got.Unmarshal(b))
		require.Equal(t, c, got)
	}
	for _, c := range casesPMT {
		b, err := c.Marshal()
		require.NoError(t, err)
		var got PMT
		require.NoError(t, got.Unmarshal(b))
		require.Equal(t, c, got)
		d, ok := Find(got.Streams[1].Descriptors, TagStreamIdentifier)
		require.True(t, ok)
		tag, err := StreamIdentifier(d)
		require.NoError(t, err)
		require.Equal(t, uint8(0x0B), tag)
		as, err := ParseApplicationSignalling(got.Streams[2].Descriptors[0])
		require.NoError(t, err)
		require.Equal(t, []ApplicationSignalling{{ApplicationType: 9, AITVersionNumber: 1}}, as)
	}
	for _, c := range casesNIT {
		b, err := c.Marshal()
		require.NoError(t, err)
		var got NIT
		require.NoError(t, got.Unmarshal(b))
		require.Equal(t, c, got)
	}
	for _, c := range casesSDT {
		b, err := c.Marshal()
		require.NoError(t, err)
		var got SDT
		require.NoError(t, got.Unmarshal(b))
		require.Equal(t, c, got)
		var sd ServiceDescriptor
		require.NoError(t, sd.Unmarshal(got.Services[0].Descriptors[0].Data))
		require.Equal(t, "TV 1", string(sd.ServiceName))
		require.Equal(t, "ABC", string(sd.ServiceProviderName))
	}
}

func TestTablesRejectOverruns(t *testing.T) {
	b, err := casesPMT[0].Marshal()
	require.NoError(t, err)
	// program_info_length claims more than the section holds
	bad := append([]byte{}, b...)
	bad[10], bad[11] = 0xFF, 0xFF
	var p PMT
	require.Error(t, p.Unmarshal(bad))
	// a PAT handed to the PMT decoder
	pat, _ := casesPAT[0].Marshal()
	require.ErrorIs(t, p.Unmarshal(pat), ErrUnexpectedTable)
}

// roundTrip checks the fuzz property: if Unmarshal accepts b, Marshal succeeds and decoding
// its output gives the same value.
func roundTrip[T any, P interface {
	*T
	Unmarshal([]byte) error
	Marshal() ([]byte, error)
}](t *testing.T, b []byte) {
	var v T
	if P(&v).Unmarshal(b) != nil {
		return
	}
	out, err := P(&v).Marshal()
	if err != nil {
		return // e.g. a section that only fits 4096 bytes while PSI allows 1024
	}
	var w T
	require.NoError(t, P(&w).Unmarshal(out))
	require.Equal(t, v, w)
}

func FuzzPAT(f *testing.F) {
	for _, c := range casesPAT {
		b, _ := c.Marshal()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { roundTrip[PAT](t, b) })
}

func FuzzPMT(f *testing.F) {
	for _, c := range casesPMT {
		b, _ := c.Marshal()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { roundTrip[PMT](t, b) })
}

func FuzzNIT(f *testing.F) {
	for _, c := range casesNIT {
		b, _ := c.Marshal()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { roundTrip[NIT](t, b) })
}

func FuzzSDT(f *testing.F) {
	for _, c := range casesSDT {
		b, _ := c.Marshal()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { roundTrip[SDT](t, b) })
}

func FuzzDescriptorDecoders(f *testing.F) {
	f.Add([]byte{0, 0x0B, 0, 0, 3, 1, 2, 3, 9})
	f.Add([]byte{0, 9, 0xE1})
	f.Fuzz(func(t *testing.T, b []byte) {
		var c CarouselIdentifier
		_ = c.Unmarshal(b)
		var a AssociationTag
		_ = a.Unmarshal(b)
		var s ServiceDescriptor
		_ = s.Unmarshal(b)
		_, _ = ParseApplicationSignalling(Descriptor{Tag: TagApplicationSignalling, Data: b})
		_, _, _ = DataBroadcastID(Descriptor{Data: b})
		_, _, _ = DataComponent(Descriptor{Data: b})
		_, _ = StreamIdentifier(Descriptor{Data: b})
		_, _ = ParseDescriptors(nil, b)
	})
}
