package demux

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/internal/samples"
)

type alertAt struct {
	packet int64
	ev     alert.Event
}

func runAlerts(t *testing.T, data []byte, chunk int) []alertAt {
	t.Helper()
	var got []alertAt
	d := New(Handlers{Alert: func(i Info, e alert.Event) { got = append(got, alertAt{i.Packet, e}) }}, Options{Sniff: true})
	for off := 0; off < len(data); off += chunk {
		_, _ = d.Write(data[off:min(off+chunk, len(data))])
	}
	d.Flush()
	return got
}

// firstPMTVersion finds, independently of the Demuxer, the index of the first packet on pid
// whose section (a PMT in one packet) has the given version.
func firstPMTVersion(data []byte, pid uint16, version uint8) int64 {
	for i := 0; i+188 <= len(data); i += 188 {
		p := data[i : i+188]
		if uint16(p[1]&0x1F)<<8|uint16(p[2]) != pid || p[1]&0x40 == 0 {
			continue
		}
		sec := p[5+int(p[4]):]
		if sec[0] == 0x02 && (sec[5]>>1)&0x1F == version {
			return int64(i / 188)
		}
	}
	return -1
}

func TestSyntheticISDBWarning(t *testing.T) {
	data := samples.Read(t, "synthetic_isdb_ewbs_0xFC.ts")
	start := firstPMTVersion(data, 0x01F0, 2)
	end := firstPMTVersion(data, 0x01F0, 3)
	require.Positive(t, start)
	require.Greater(t, end, start)
	// The alert is raised at the packet that completes the section, whatever the read size.
	for _, chunk := range []int{1, 188, 1000, len(data)} {
		got := runAlerts(t, data, chunk)
		require.Len(t, got, 2, "chunk %d: %v", chunk, got)
		require.Equal(t, alert.KindStart, got[0].ev.Kind)
		require.Equal(t, start, got[0].packet)
		a := got[0].ev.Alert
		require.Equal(t, alert.SystemISDB, a.System)
		require.Equal(t, uint16(0xE760), a.ServiceID)
		require.Equal(t, alert.SignalLevelFirstKind, a.SignalLevel)
		require.Equal(t, []uint16{0x5A5, 0x15A, 0xD27}, a.AreaCodes)
		require.Equal(t, alert.KindEnd, got[1].ev.Kind)
		require.Equal(t, end, got[1].packet)
	}
}

func TestSCTE18Samples(t *testing.T) {
	for _, tc := range []struct {
		name      string
		remaining uint8
	}{{"tsduck_test-050.eas1_scte18.ts", 34}, {"tsduck_test-050.eas2_scte18.ts", 29}} {
		got := runAlerts(t, samples.Read(t, tc.name), 188)
		require.Len(t, got, 1, tc.name)
		a := got[0].ev.Alert
		require.Equal(t, alert.KindStart, got[0].ev.Kind)
		require.Equal(t, alert.SystemSCTE18, a.System)
		require.Equal(t, uint16(0x0A75), a.EventID)
		require.Equal(t, "EAS", a.Originator)
		require.Equal(t, "RWT", a.EventCode)
		require.Equal(t, uint8(15), a.Priority)
		require.Equal(t, tc.remaining, a.SecondsRemaining)
		require.Len(t, a.Locations, 2)
	}
}

func TestAITSamples(t *testing.T) {
	data := samples.Read(t, "tsduck_test-018_mediaset_ait.ts")
	apps := map[uint16]ait.ControlCode{}
	d := New(Handlers{AIT: func(i Info, tb *ait.Table) {
		require.Equal(t, ait.ApplicationType(1), tb.ApplicationType)
		for _, a := range tb.Applications {
			apps[a.ApplicationID] = a.ApplicationControlCode
		}
	}}, Options{})
	_, _ = d.ReadFrom(bytes.NewReader(data))
	require.Equal(t, map[uint16]ait.ControlCode{0x1AB5: 2, 0x1AB6: 1, 0x1AB7: 2}, apps)

	data = samples.Read(t, "tsduck_test-108_rai_dvbt_ait_oc_ste.ts")
	types := map[uint16]ait.ApplicationType{}
	var errs []error
	d = New(Handlers{
		AIT:         func(i Info, tb *ait.Table) { types[i.PID] = tb.ApplicationType },
		DecodeError: func(_ Info, err error) { errs = append(errs, err) },
	}, Options{})
	_, _ = d.ReadFrom(bytes.NewReader(data))
	require.Equal(t, ait.ApplicationType(0x0001), types[0x07D1])
	require.Equal(t, ait.ApplicationType(0x0010), types[0x07D2])
	require.Equal(t, KindAIT, d.Kind(0x07D1))
}
