package alert

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
)

// cea returns a minimal alert section value for the Tracker.
func cea(id uint16, seq uint8, remaining uint8) *CableEmergencyAlert {
	return &CableEmergencyAlert{EASEventID: id, SequenceNumber: seq, EASOriginatorCode: "EAS",
		EASEventCode: "TOR", AlertPriority: PriorityMaximum, AlertMessageTimeRemaining: remaining}
}

func TestTrackerSCTE18Lifecycle(t *testing.T) {
	var tr Tracker
	s := time.Second
	type step struct {
		at   time.Duration
		c    *CableEmergencyAlert // nil: Expire
		want []string
	}
	for i, st := range []step{
		{0, cea(1, 4, 10), []string{"start 0001"}},
		{1 * s, cea(1, 4, 10), []string{}},              // repeat: nothing, deadline stays 10 s
		{9 * s, nil, []string{}},                        // not yet
		{9 * s, cea(1, 5, 10), []string{"update 0001"}}, // new sequence: update, deadline 19 s
		{10 * s, nil, []string{}},                       // refreshed
		{12 * s, cea(2, 5, 3), []string{"start 0002"}},  // another event: a second alert
		{15 * s, nil, []string{"end 0002 expired"}},
		{18 * s, cea(1, 4, 10), []string{}},                  // an old number of an active event: nothing
		{19 * s, cea(2, 5, 3), []string{"end 0001 expired"}}, // expiry first; a repeat of ended 2: nothing
		{20 * s, cea(2, 6, 3), []string{"start 0002"}},       // a new number of an ended event: starts anew
		{30 * s, nil, []string{"end 0002 expired"}},
		{31 * s, nil, []string{}},
	} {
		var evs []Event
		if st.c == nil {
			evs = tr.Expire(st.at)
		} else {
			evs = tr.ObserveSCTE18(st.c, st.at)
		}
		require.Equal(t, st.want, summary(evs), "step %d at %v", i, st.at)
	}
}

func TestTrackerSCTE18Deadline(t *testing.T) {
	var tr Tracker
	c := cea(1, 0, 0)
	c.EventDuration = 15
	evs := tr.ObserveSCTE18(c, time.Hour)
	require.True(t, evs[0].Alert.Expires)
	require.Equal(t, time.Hour+15*time.Minute, evs[0].Alert.Deadline) // indefinite message, 15-minute event

	c = cea(2, 0, 0) // indefinite message, unknown duration: no deadline
	c.EventStartTime = 1_400_000_000
	evs = tr.ObserveSCTE18(c, time.Hour)
	require.Equal(t, []string{"start 0002"}, summary(evs)) // a future start is reported at once
	require.False(t, evs[0].Alert.Expires)
	require.Equal(t, uint32(1_400_000_000), evs[0].Alert.EventStartTime)
	require.Equal(t, []string{"end 0001 expired"}, summary(tr.Expire(100*time.Hour)))
	require.Len(t, tr.Active(), 1)
}

func TestTrackerSCTE18Tests(t *testing.T) {
	var tr Tracker
	c := cea(1, 0, 10)
	c.AlertPriority = PriorityTest
	require.Empty(t, tr.ObserveSCTE18(c, 0))
	require.Empty(t, tr.ObserveSCTE18(nil, 0))
	tr.AcceptTests = true
	require.Equal(t, []string{"start 0001"}, summary(tr.ObserveSCTE18(c, 0)))
}

func TestTrackerSCTE18Eviction(t *testing.T) {
	tr := Tracker{MaxSCTE18: 2}
	tr.ObserveSCTE18(cea(1, 0, 0), 0)
	tr.ObserveSCTE18(cea(2, 0, 0), time.Second)
	tr.ObserveSCTE18(cea(1, 1, 0), 2*time.Second) // 1 is now the most recently refreshed
	require.Equal(t, []string{"end 0002 evicted", "start 0003"}, summary(tr.ObserveSCTE18(cea(3, 0, 0), 3*time.Second)))
	var ids []uint16
	for _, a := range tr.Active() {
		ids = append(ids, a.EventID)
	}
	require.Equal(t, []uint16{1, 3}, ids)
}

func TestTrackerSCTE18SequenceWrap(t *testing.T) {
	var tr Tracker
	require.Equal(t, []string{"start 0001"}, summary(tr.ObserveSCTE18(cea(1, 0, 0), 0)))
	for n := 1; n <= 40; n++ { // sequence_number runs 1…31, 0…8: every change is an update
		require.Equal(t, []string{"update 0001"}, summary(tr.ObserveSCTE18(cea(1, uint8(n%32), 0), 0)), "n=%d", n)
		require.Empty(t, tr.ObserveSCTE18(cea(1, uint8(n%32), 0), 0), "repeat n=%d", n)
	}
}

func TestTrackerSCTE18Content(t *testing.T) {
	tr := Tracker{Languages: []string{"spa"}}
	c := casesCableEmergencyAlert[0].want
	evs := tr.ObserveSCTE18(&c, 5*time.Second)
	require.Len(t, evs, 1)
	require.Equal(t, Alert{
		System:             SystemSCTE18,
		EventID:            0x1234,
		SequenceNumber:     9,
		Originator:         "CIV",
		EventCode:          "TOR",
		Priority:           PriorityHigh,
		Text:               "¡Cúbrase!",
		TextLang:           "spa",
		NatureOfActivation: "Tornado",
		SecondsRemaining:   120,
		EventStartTime:     0x4B9A3D80,
		EventDuration:      60,
		Locations:          []LocationCode{{StateCode: 48, CountySubdivision: 5, CountyCode: 201}},
		Exceptions: []Exception{
			{InBandReference: true, MajorChannelNumber: 12, MinorChannelNumber: 2},
			{OOBSourceID: 0x125D},
		},
		ExceptionChannels: []RFProgram{{RFChannel: 6, ProgramNumber: 100}},
		Details:           DetailsChannel{Major: 12, Minor: 1, InBand: true, RFChannel: 15, ProgramNumber: 20},
		Deadline:          125 * time.Second,
		Expires:           true,
	}, evs[0].Alert)

	// Malformed optional descriptors are skipped; the first valid details descriptor counts.
	c.SequenceNumber = 10
	c.Descriptors = []psi.Descriptor{
		{Tag: DescriptorTagInBandDetailsChannel, Data: []byte{0x01}},
		{Tag: DescriptorTagInBandExceptionChannels, Data: []byte{0x05}},
		{Tag: DescriptorTagInBandDetailsChannel, Data: []byte{0x02, 0x00, 0x03}},
		{Tag: DescriptorTagInBandDetailsChannel, Data: []byte{0x04, 0x00, 0x05}},
	}
	tr.Languages = nil
	evs = tr.ObserveSCTE18(&c, 6*time.Second)
	require.Equal(t, KindUpdate, evs[0].Kind)
	require.Equal(t, "Take cover", evs[0].Alert.Text)
	require.Empty(t, evs[0].Alert.ExceptionChannels)
	require.Equal(t, DetailsChannel{Major: 12, Minor: 1, InBand: true, RFChannel: 2, ProgramNumber: 3},
		evs[0].Alert.Details)
}

func TestTrackerSCTE18NoAllocs(t *testing.T) {
	var tr Tracker
	c := casesCableEmergencyAlert[0].want
	require.Len(t, tr.ObserveSCTE18(&c, 0), 1)
	allocs := testing.AllocsPerRun(100, func() {
		if len(tr.ObserveSCTE18(&c, time.Second)) != 0 || len(tr.Expire(2*time.Second)) != 0 {
			panic("unexpected event")
		}
	})
	require.Zero(t, allocs)
}
