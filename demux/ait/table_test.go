package ait

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
)

func TestTableSectionsRoundTrip(t *testing.T) {
	tb := &Table{ApplicationType: ApplicationTypeHbbTV, VersionNumber: 7, CurrentNextIndicator: true,
		CommonDescriptors: []Descriptor{&TransportProtocolDescriptor{ProtocolID: ProtocolHTTP, TransportProtocolLabel: 1,
			URLs: []URL{{URLBase: "https://tv.example/"}}}}}
	for i := range 40 {
		tb.Applications = append(tb.Applications, Application{
			OrganisationID: 0x3C0, ApplicationID: uint16(i), ApplicationControlCode: ControlCodePresent,
			Descriptors: []Descriptor{
				&ApplicationNameDescriptor{Names: []ApplicationName{
					{ISO639LanguageCode: "por", Name: []byte(fmt.Sprint("App ", i))},
				}},
				&SimpleApplicationLocationDescriptor{InitialPath: strings.Repeat("p", 40) + ".html"},
			},
		})
	}
	raws, err := tb.MarshalSections()
	require.NoError(t, err)
	require.Greater(t, len(raws), 2)
	var c Collector
	var got *Table
	for i, r := range raws {
		require.LessOrEqual(t, len(r), psi.MaxSectionPS)
		var s Section
		require.NoError(t, s.Unmarshal(r))
		require.Equal(t, uint8(i), s.SectionNumber)
		require.Equal(t, uint8(len(raws)-1), s.LastSectionNumber)
		if i > 0 {
			require.Empty(t, s.CommonDescriptors)
		}
		got, _, err = c.Add(r)
		require.NoError(t, err)
	}
	require.Equal(t, tb, got)
	require.Equal(t, "https://tv.example/"+strings.Repeat("p", 40)+".html",
		got.Applications[39].URL(got.CommonDescriptors))
	require.Same(t, &got.Applications[3], got.Application(0x3C0, 3))
	require.Nil(t, got.Application(0x3C0, 99))
}

func TestTableSectionsEdges(t *testing.T) {
	empty := &Table{ApplicationType: ApplicationTypeGingaNCL}
	secs, err := empty.Sections()
	require.NoError(t, err)
	require.Len(t, secs, 1)
	require.Equal(t, &Table{ApplicationType: ApplicationTypeGingaNCL}, NewTable(secs))
	require.Equal(t, &Table{}, NewTable(nil))

	huge := &Table{Applications: []Application{{Descriptors: make([]Descriptor, 0, 8)}}}
	for range 5 {
		huge.Applications[0].Descriptors = append(huge.Applications[0].Descriptors,
			&SimpleApplicationLocationDescriptor{InitialPath: strings.Repeat("x", 250)})
	}
	_, err = huge.Sections()
	require.ErrorIs(t, err, ErrTooLarge)

	common := &Table{}
	for range 5 {
		common.CommonDescriptors = append(common.CommonDescriptors, &RawDescriptor{Tag: 0x80, Data: make([]byte, 250)})
	}
	_, err = common.Sections()
	require.ErrorIs(t, err, ErrTooLarge)

	bad := &Table{CommonDescriptors: []Descriptor{&IPSignallingDescriptor{PlatformID: 1 << 30}}}
	_, err = bad.MarshalSections()
	require.ErrorIs(t, err, ErrField)
	bad = &Table{Applications: []Application{{Descriptors: []Descriptor{nil}}}}
	_, err = bad.Sections()
	require.ErrorIs(t, err, ErrField)
	bad = &Table{VersionNumber: 40}
	_, err = bad.MarshalSections()
	require.ErrorIs(t, err, ErrField)
}
