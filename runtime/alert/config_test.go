package alert

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	dalert "github.com/antena-tv/antena/demux/alert"
)

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig(strings.NewReader(`
# Antena alert configuration
area = 0x5A5, 0x15A   # two areas
area = 3367 0x5A5     # decimal, and a repeat
area-name = 0x5A5 Petrópolis
language = pt-BR
scte18-location = 42/101
scte18-location = 42/91/3
tmcc-wait = 45s
`))
	require.NoError(t, err)
	require.Equal(t, Config{
		Areas:     []uint16{0x5A5, 0x15A, 0xD27},
		AreaNames: map[uint16]string{0x5A5: "Petrópolis"},
		Language:  Portuguese,
		Locations: []dalert.LocationCode{
			{StateCode: 42, CountyCode: 101},
			{StateCode: 42, CountyCode: 91, CountySubdivision: 3},
		},
		TMCCWait: 45 * time.Second,
	}, c)
	require.Equal(t, "0x5A5,0x15A,0xD27", c.UserLocation())
	back, err := ParseAreas(c.UserLocation())
	require.NoError(t, err)
	require.Equal(t, c.Areas, back)

	empty, err := ParseConfig(strings.NewReader("\n# nothing\n"))
	require.NoError(t, err)
	require.Equal(t, Config{}, empty)
	require.Equal(t, "", empty.UserLocation())
}

func TestParseConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		in, msg string
		is      error
	}{
		{"area = 0x5A5Z", `line 1: area: alert: bad area code: "0x5A5Z" is not a number`, ErrAreaCode},
		{"\narea = 0x1000", `line 2: area: alert: bad area code: "0x1000" is more than 12 bits`, ErrAreaCode},
		{"area =", "line 1: area: alert: bad area code: no area code given", ErrAreaCode},
		{"area-name = 0x5A5", "no name after 0x5A5", ErrAreaCode},
		{"language = fr", `alert: unsupported language: "fr" (want pt, es or en)`, ErrLanguage},
		{"language = pt\nlanguage = es", "line 2: language: given twice", ErrConfig},
		{"scte18-location = 42", `"42": want state/county`, ErrLocation},
		{"scte18-location = 42/1000", `county "1000" is not a number from 0 to 999`, ErrLocation},
		{"tmcc-wait = soon", `"soon" is not a positive duration`, ErrConfig},
		{"areas = 1", "line 1: areas: unknown key", ErrConfig},
		{"area 0x5A5", `line 1: "area 0x5A5": want key = value`, ErrConfig},
	} {
		_, err := ParseConfig(strings.NewReader(tc.in))
		require.ErrorIs(t, err, ErrConfig, tc.in)
		require.ErrorIs(t, err, tc.is, tc.in)
		require.ErrorContains(t, err, tc.msg, tc.in)
	}
}

func TestParseLanguage(t *testing.T) {
	for in, want := range map[string]Language{
		"pt": Portuguese, "POR": Portuguese, "pt-BR": Portuguese, "português": Portuguese,
		"es": Spanish, "spa": Spanish, "es-419": Spanish, "es_AR": Spanish,
		"en": English, "eng": English, "en-US": English, "English": English,
	} {
		got, err := ParseLanguage(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	require.Equal(t, "es", Spanish.String())
	require.Equal(t, "spa", Spanish.ISO6392())
}

func TestChannelMatches(t *testing.T) {
	for _, tc := range []struct {
		a, b Channel
		want bool
	}{
		{Channel{ServiceID: 1}, Channel{ServiceID: 1, RFChannel: 20}, true},
		{Channel{ServiceID: 1, RFChannel: 21}, Channel{ServiceID: 1, RFChannel: 20}, false},
		{Channel{RFChannel: 20}, Channel{RFChannel: 20}, false}, // a multiplex is not a service
		{Channel{Major: 15, Minor: 20}, Channel{Major: 15, Minor: 20, OOBSourceID: 9}, true},
		{Channel{Major: 15, Minor: 20}, Channel{Major: 15, Minor: 21}, false},
		{Channel{OOBSourceID: 9}, Channel{ServiceID: 9}, false},
		{Channel{}, Channel{}, false},
	} {
		require.Equal(t, tc.want, tc.a.Matches(tc.b), "%v ~ %v", tc.a, tc.b)
		require.Equal(t, tc.want, tc.b.Matches(tc.a), "%v ~ %v", tc.b, tc.a)
	}
}

func TestLocationCovers(t *testing.T) {
	box := dalert.LocationCode{StateCode: 42, CountyCode: 101, CountySubdivision: 2}
	require.True(t, locationCovers(dalert.LocationCode{StateCode: 42, CountyCode: 101}, box))
	require.True(t, locationCovers(dalert.LocationCode{StateCode: 42}, box))
	require.True(t, locationCovers(dalert.LocationCode{}, box))
	require.True(t, locationCovers(dalert.LocationCode{StateCode: 42, CountyCode: 101, CountySubdivision: 2}, box))
	require.False(t, locationCovers(dalert.LocationCode{StateCode: 42, CountyCode: 101, CountySubdivision: 3}, box))
	require.False(t, locationCovers(dalert.LocationCode{StateCode: 42, CountyCode: 91}, box))
	require.False(t, locationCovers(dalert.LocationCode{StateCode: 6, CountyCode: 101}, box))
}
