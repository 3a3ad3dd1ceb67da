package alert

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
)

// wantEAS returns the field-by-field contents of the two real SCTE-18 sections of
// tsduck_test-050, as TSDuck decodes them (expected/tsduck_test-050.eas.tstables.txt).
func wantEAS(t *testing.T) (eas1, eas2 CableEmergencyAlert) {
	t.Helper()
	nature := []LangString{{
		Lang: "eng", Text: "REQUIRED WEEKLY TEST",
		Segments: []Segment{{CompressionType: 0, Mode: 0, Bytes: []byte("REQUIRED WEEKLY TEST")}},
	}}
	locations := []LocationCode{
		{StateCode: 42, CountySubdivision: 0, CountyCode: 91},
		{StateCode: 42, CountySubdivision: 0, CountyCode: 101},
	}
	oob := []uint16{
		0x125D, 0x3B73, 0x2A51, 0x6017, 0x1262, 0x2A50, 0x321D, 0x36A6, 0x5EE0, 0x1268,
		0x2EC1, 0x46EB, 0x4D9E, 0x4D87, 0x1269, 0x2EB1, 0x126A, 0x2A4F, 0x2FE3, 0x126C,
		0x3B72, 0x6100, 0x2CD6, 0x661C, 0x1F62, 0x49DC, 0x64C7, 0x31FA, 0x4B28, 0x629B,
	}
	var exceptions []Exception
	for _, id := range oob {
		exceptions = append(exceptions, Exception{InBandReference: false, OOBSourceID: id})
	}
	eas1 = CableEmergencyAlert{
		SequenceNumber:            6,
		ProtocolVersion:           0,
		EASEventID:                0x0A75,
		EASOriginatorCode:         "EAS",
		EASEventCode:              "RWT",
		NatureOfActivationText:    nature,
		AlertMessageTimeRemaining: 34,
		EventStartTime:            0, // immediate
		EventDuration:             15,
		AlertPriority:             15,
		DetailsOOBSourceID:        0x2613,
		DetailsMajorChannelNumber: 0,
		DetailsMinorChannelNumber: 0,
		AudioOOBSourceID:          0,
		AlertText:                 nil,
		Locations:                 locations,
		Exceptions:                exceptions,
		Descriptors:               nil,
	}
	eas2 = eas1
	eas2.SequenceNumber = 5
	eas2.AlertMessageTimeRemaining = 29
	eas2.DetailsMajorChannelNumber = 15
	eas2.DetailsMinorChannelNumber = 20
	eas2.Exceptions = nil
	eas2.Descriptors = []psi.Descriptor{{Tag: DescriptorTagInBandDetailsChannel, Data: []byte{
		0x0F,       // details_RF_channel 15
		0x00, 0x14, // details_program_number 20
	}}}
	return eas1, eas2
}

type easSample struct {
	file string
	pid  uint16
}

var easSamples = []easSample{
	{"tsduck_test-050.eas1_scte18.ts", 0x1FFC},
	{"tsduck_test-050.eas2_scte18.ts", 0x1FFB},
}

// easSection extracts the one cable_emergency_alert section of a sample.
func easSection(t *testing.T, s easSample) []byte {
	t.Helper()
	secs := sectionsFromTS(t, readSample(t, s.file), s.pid)
	require.Len(t, secs, 1, s.file)
	require.NoError(t, psi.CheckCRC(secs[0].data), s.file)
	return secs[0].data
}

func TestCableEmergencyAlertSamples(t *testing.T) {
	eas1, eas2 := wantEAS(t)
	var dump strings.Builder
	for i, want := range []CableEmergencyAlert{eas1, eas2} {
		s := easSamples[i]
		sec := easSection(t, s)
		var got CableEmergencyAlert
		require.NoError(t, got.Unmarshal(sec), s.file)
		require.Equal(t, want, got, s.file)

		// Reserved bits are 1s in these sections too: re-encoding gives the same bytes.
		b, err := got.Marshal()
		require.NoError(t, err)
		require.Equal(t, sec, b, s.file)

		var det InBandDetailsChannelDescriptor
		if len(got.Descriptors) > 0 {
			require.NoError(t, det.Unmarshal(got.Descriptors[0].Data))
			require.Equal(t, InBandDetailsChannelDescriptor{DetailsRFChannel: 15, DetailsProgramNumber: 20}, det)
		}
		dump.WriteString(tsduckDump(&got, s.pid, len(sec)))
	}
	expected := readSample(t, "expected/tsduck_test-050.eas.tstables.txt")
	require.Equal(t, string(expected), dump.String())
}

// tsduckDump renders c the way `tstables` of TSDuck does, for the fields present in the
// samples (the rendering of other fields — alert text, in-band exceptions, other
// descriptors — is a guess and is not compared against TSDuck).
func tsduckDump(c *CableEmergencyAlert, pid uint16, size int) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	b.WriteString("\n")
	p("* Cable Emergency Alert (ATSC), TID 0xD8 (216), PID 0x%04X (%d)", pid, pid)
	p("  Version: %d, sections: 1, total size: %d bytes", c.SequenceNumber, size)
	p("  - Section 0:")
	p("    Protocol version: 0x%02X (%d)", c.ProtocolVersion, c.ProtocolVersion)
	p("    EAS event id: 0x%04X (%d)", c.EASEventID, c.EASEventID)
	p("    Originator code: %q, event code: %q", c.EASOriginatorCode, c.EASEventCode)
	mss := func(name string, ss []LangString) {
		p("    %s: Number of strings: %d", name, len(ss))
		for _, s := range ss {
			p("      Language: %q, text: %q", s.Lang, s.Text)
		}
	}
	mss("Nature of activation", c.NatureOfActivationText)
	start := "immediate"
	if c.EventStartTime != 0 {
		start = GPSToUTC(c.EventStartTime).Format("2006/01/02 15:04:05")
	}
	p("    Remaining: %d seconds, start time: %s, duration: %d minutes",
		c.AlertMessageTimeRemaining, start, c.EventDuration)
	p("    Alert priority: %d", c.AlertPriority)
	p("    Details: OOB id: 0x%04X (%d), major.minor: %d.%d", c.DetailsOOBSourceID, c.DetailsOOBSourceID,
		c.DetailsMajorChannelNumber, c.DetailsMinorChannelNumber)
	p("    Audio: OOB id: 0x%04X (%d)", c.AudioOOBSourceID, c.AudioOOBSourceID)
	if len(c.AlertText) > 0 {
		mss("Alert text", c.AlertText)
	}
	p("    Number of locations: %d", len(c.Locations))
	for _, l := range c.Locations {
		sub := fmt.Sprintf("0x%X", l.CountySubdivision)
		if l.CountySubdivision == 0 {
			sub = "All or unspecified (0x0)"
		}
		p("      State code: %d, county: %d, subdivision: %s", l.StateCode, l.CountyCode, sub)
	}
	p("    Number of exceptions: %d", len(c.Exceptions))
	for _, e := range c.Exceptions {
		if e.InBandReference {
			p("      In-band: true, exception major.minor: %d.%d", e.MajorChannelNumber, e.MinorChannelNumber)
		} else {
			p("      In-band: false, exception OOB id: 0x%04X (%d)", e.OOBSourceID, e.OOBSourceID)
		}
	}
	for i, d := range c.Descriptors {
		var det InBandDetailsChannelDescriptor
		if d.Tag == DescriptorTagInBandDetailsChannel && det.Unmarshal(d.Data) == nil {
			p("    - Descriptor %d: SCTE 18 EAS In-Band Details Channel (0x00, 0), %d bytes", i, len(d.Data))
			p("      RF channel: %d, program number: 0x%04X (%d)", det.DetailsRFChannel,
				det.DetailsProgramNumber, det.DetailsProgramNumber)
			continue
		}
		p("    - Descriptor %d: tag 0x%02X, %d bytes: % X", i, d.Tag, len(d.Data), d.Data)
	}
	b.WriteString("\n")
	return b.String()
}

// TestTrackerSCTE18Samples feeds the two real sections to a Tracker: the out-of-band copy
// (sequence 6) starts the alert, the in-band copy (sequence 5) updates it with the in-band
// details channel; repeats are nothing; the time remaining of the latest runs out.
func TestTrackerSCTE18Samples(t *testing.T) {
	var c1, c2 CableEmergencyAlert
	require.NoError(t, c1.Unmarshal(easSection(t, easSamples[0])))
	require.NoError(t, c2.Unmarshal(easSection(t, easSamples[1])))
	var tr Tracker

	evs := tr.ObserveSCTE18(&c1, 0)
	require.Len(t, evs, 1)
	require.Equal(t, KindStart, evs[0].Kind)
	a := evs[0].Alert
	require.Equal(t, SystemSCTE18, a.System)
	require.Equal(t, uint16(0x0A75), a.EventID)
	require.Equal(t, uint8(6), a.SequenceNumber)
	require.Equal(t, "EAS", a.Originator)
	require.Equal(t, "RWT", a.EventCode)
	require.Equal(t, uint8(15), a.Priority)
	require.Equal(t, "REQUIRED WEEKLY TEST", a.NatureOfActivation)
	require.Equal(t, "", a.Text) // alert_text_length is 0 in both sections
	require.Equal(t, uint8(34), a.SecondsRemaining)
	require.Equal(t, uint32(0), a.EventStartTime)
	require.Equal(t, uint16(15), a.EventDuration)
	require.Len(t, a.Locations, 2)
	require.Len(t, a.Exceptions, 30)
	require.Equal(t, DetailsChannel{OOBSourceID: 0x2613}, a.Details)
	require.True(t, a.Expires)
	require.Equal(t, 34*time.Second, a.Deadline)

	require.Empty(t, tr.ObserveSCTE18(&c1, time.Second)) // a repeat

	evs = tr.ObserveSCTE18(&c2, 2*time.Second)
	require.Len(t, evs, 1)
	require.Equal(t, KindUpdate, evs[0].Kind)
	a = evs[0].Alert
	require.Equal(t, uint8(5), a.SequenceNumber)
	require.Equal(t, DetailsChannel{OOBSourceID: 0x2613, Major: 15, Minor: 20, InBand: true, RFChannel: 15,
		ProgramNumber: 20}, a.Details)
	require.Empty(t, a.Exceptions)
	require.Equal(t, 31*time.Second, a.Deadline) // 2 s + 29 s

	require.Empty(t, tr.ObserveSCTE18(&c1, 3*time.Second)) // both numbers seen: no flip-flop
	require.Empty(t, tr.Expire(31*time.Second-1))
	evs = tr.Expire(31 * time.Second)
	require.Len(t, evs, 1)
	require.Equal(t, KindEnd, evs[0].Kind)
	require.Equal(t, ReasonExpired, evs[0].Reason)
	require.Empty(t, tr.Active())

	// A looping stream repeats the same sections: the ended alert does not come back.
	require.Empty(t, tr.ObserveSCTE18(&c2, 40*time.Second))
	require.Empty(t, tr.ObserveSCTE18(&c1, 41*time.Second))
}
