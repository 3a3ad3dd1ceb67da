package ait

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
)

// makeAITBytes is makeAIT for fuzz seeds.
func makeAITBytes(version uint8, n int) [][]byte {
	var out [][]byte
	for i := range n {
		s := aitSection(version, i, n)
		b, err := s.Marshal()
		if err != nil {
			panic(err)
		}
		out = append(out, b)
	}
	return out
}

func aitSection(version uint8, i, n int) Section {
	s := Section{
		ApplicationType: ApplicationTypeHbbTV, VersionNumber: version, CurrentNextIndicator: true,
		SectionNumber: uint8(i), LastSectionNumber: uint8(n - 1),
		Applications: []Application{
			{OrganisationID: 1, ApplicationID: uint16(i), ApplicationControlCode: ControlCodePresent},
		},
	}
	if i == 0 {
		s.CommonDescriptors = []Descriptor{&TransportProtocolDescriptor{ProtocolID: ProtocolObjectCarousel, ComponentTag: 9}}
	}
	return s
}

// makeAIT returns the marshalled sections of an HbbTV table of the given version with n
// applications, one application per section.
func makeAIT(t *testing.T, version uint8, n int) [][]byte {
	t.Helper()
	return makeAITBytes(version, n)
}

func TestCollectorMultiSection(t *testing.T) {
	v1 := makeAIT(t, 1, 3)
	var c Collector
	tb, st, err := c.Add(v1[2])
	require.NoError(t, err)
	require.Nil(t, tb)
	require.Equal(t, StatusIncomplete, st)
	require.Nil(t, c.Table(false, ApplicationTypeHbbTV))

	_, st, _ = c.Add(v1[2]) // repeat of a stored section of an incomplete table
	require.Equal(t, StatusIncomplete, st)
	_, st, _ = c.Add(v1[0])
	require.Equal(t, StatusIncomplete, st)

	tb, st, err = c.Add(v1[1])
	require.NoError(t, err)
	require.Equal(t, StatusComplete, st)
	require.Equal(t, uint8(1), tb.VersionNumber)
	require.Equal(t, ApplicationTypeHbbTV, tb.ApplicationType)
	require.Len(t, tb.Applications, 3)
	for i, a := range tb.Applications {
		require.Equal(t, uint16(i), a.ApplicationID, "applications in section order")
	}
	require.Len(t, tb.CommonDescriptors, 1)
	require.Same(t, tb, c.Table(false, ApplicationTypeHbbTV))

	for _, s := range v1 {
		tb, st, err = c.Add(s)
		require.NoError(t, err)
		require.Nil(t, tb)
		require.Equal(t, StatusRepeated, st)
	}

	// A new version: collected again; the old table stays current until it completes.
	v2 := makeAIT(t, 2, 2)
	_, st, _ = c.Add(v2[0])
	require.Equal(t, StatusIncomplete, st)
	require.Equal(t, uint8(1), c.Table(false, ApplicationTypeHbbTV).VersionNumber)
	tb, st, _ = c.Add(v2[1])
	require.Equal(t, StatusComplete, st)
	require.Equal(t, uint8(2), tb.VersionNumber)
	require.Len(t, tb.Applications, 2)

	c.Reset()
	require.Nil(t, c.Table(false, ApplicationTypeHbbTV))
}

func TestCollectorChangeWithoutVersion(t *testing.T) {
	a := gingaNCLSection
	b := gingaNCLSection
	b.Applications = []Application{{OrganisationID: 0x10, ApplicationID: 2, ApplicationControlCode: ControlCodeKill}}
	var c Collector
	tb, st, err := c.Add(mustMarshal(t, &a))
	require.NoError(t, err)
	require.Equal(t, StatusComplete, st)
	require.Equal(t, uint16(1), tb.Applications[0].ApplicationID)
	tb, st, err = c.Add(mustMarshal(t, &b))
	require.NoError(t, err)
	require.Equal(t, StatusComplete, st)
	require.Equal(t, uint16(2), tb.Applications[0].ApplicationID)
}

func TestCollectorSubtables(t *testing.T) {
	ginga := gingaNCLSection
	test := gingaNCLSection
	test.TestApplicationFlag = true
	test.VersionNumber = 9
	hbbtv := makeAIT(t, 0, 1)[0]
	var c Collector
	for _, b := range [][]byte{mustMarshal(t, &ginga), mustMarshal(t, &test), hbbtv} {
		_, st, err := c.Add(b)
		require.NoError(t, err)
		require.Equal(t, StatusComplete, st)
	}
	require.Equal(t, uint8(3), c.Table(false, ApplicationTypeGingaNCL).VersionNumber)
	require.Equal(t, uint8(9), c.Table(true, ApplicationTypeGingaNCL).VersionNumber)
	require.Equal(t, uint8(0), c.Table(false, ApplicationTypeHbbTV).VersionNumber)
}

func TestCollectorIgnoresNextAndBadSections(t *testing.T) {
	next := gingaNCLSection
	next.CurrentNextIndicator = false
	var c Collector
	tb, st, err := c.Add(mustMarshal(t, &next))
	require.NoError(t, err)
	require.Nil(t, tb)
	require.Equal(t, StatusNotApplicable, st)

	_, _, err = c.Add([]byte{0x74})
	require.ErrorIs(t, err, ErrSection)
	_, _, err = c.Add(append([]byte{0x42}, mustMarshal(t, &gingaNCLSection)[1:]...))
	require.ErrorIs(t, err, ErrTableID)
	for _, e := range casesSectionError {
		if _, st, err := c.Add(e.b); st != StatusNotApplicable {
			require.Error(t, err, e.name)
		}
	}
	require.Nil(t, c.Table(false, ApplicationTypeGingaNCL))
}

// TestCollectorOwnsItsCopies: a Table stays valid after the caller reuses its buffer.
func TestCollectorOwnsItsCopies(t *testing.T) {
	buf := mustMarshal(t, &gingaNCLSection)
	var c Collector
	tb, _, err := c.Add(buf)
	require.NoError(t, err)
	for i := range buf {
		buf[i] = 0
	}
	require.Equal(t, "Meu Jogo", tb.Applications[0].Name())
}

// TestCollectorRepeatedDoesNotAllocate: the repetition of an unchanged table, the common
// case on air, costs no allocation.
func TestCollectorRepeatedDoesNotAllocate(t *testing.T) {
	secs := makeAIT(t, 4, 3)
	var c Collector
	for _, s := range secs {
		_, _, err := c.Add(s)
		require.NoError(t, err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if _, st, _ := c.Add(secs[1]); st != StatusRepeated {
			t.Fatal(st)
		}
	})
	require.Zero(t, allocs)
}

func TestStatusString(t *testing.T) {
	require.Equal(t, "incomplete", StatusIncomplete.String())
	require.Equal(t, "complete", StatusComplete.String())
	require.Equal(t, "repeated", StatusRepeated.String())
	require.Equal(t, "not applicable", StatusNotApplicable.String())
	require.Equal(t, "status 9", Status(9).String())
}

func TestCollectorBoundsSubtables(t *testing.T) {
	var c Collector
	for i := range maxSubtables + 1 {
		s := Section{ApplicationType: ApplicationType(0x100 + i), CurrentNextIndicator: true}
		_, st, err := c.Add(mustMarshal(t, &s))
		if i < maxSubtables {
			require.NoError(t, err)
			require.Equal(t, StatusComplete, st)
		} else {
			require.ErrorIs(t, err, ErrTooManySubtables)
		}
	}
	require.NotNil(t, c.Table(false, 0x100))
}

// FuzzCollectorAdd feeds the sections found back to back in the input: no panic, and every
// table reported holds what its sections held.
func FuzzCollectorAdd(f *testing.F) {
	seed := func(secs ...[]byte) []byte {
		var b []byte
		for _, s := range secs {
			b = append(b, s...)
		}
		return b
	}
	secs := makeAITBytes(1, 3)
	f.Add(seed(secs...))
	f.Add(seed(secs[2], secs[0], secs[1], secs[1]))
	f.Add(seed(append(makeAITBytes(2, 2), secs...)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		var c Collector
		for len(b) > 0 {
			h, n, err := psi.ParseHeader(b)
			if err != nil {
				return
			}
			tb, st, err := c.Add(b[:n])
			b = b[n:]
			if err != nil {
				continue
			}
			if st == StatusComplete {
				require.NotNil(t, tb)
				require.Equal(t, h.VersionNumber, tb.VersionNumber)
				require.Same(t, tb, c.Table(h.TableIDExtension&0x8000 != 0, ApplicationType(h.TableIDExtension&0x7FFF)))
			} else {
				require.Nil(t, tb)
			}
		}
	})
}
