package dsmcc

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// expectedEvents reads the stream events of a TSDuck tstables dump: per section its
// version, table id extension, event id, NPT and private data.
func expectedEvents(t *testing.T, name string) []StreamEvent {
	t.Helper()
	var out []StreamEvent
	var cur *StreamEvent
	var version, ext uint64
	sc := bufio.NewScanner(bytes.NewReader(readSample(t, filepath.Join("expected", name))))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "Version:"):
			v, _, _ := strings.Cut(strings.TrimPrefix(line, "Version: "), ",")
			version, _ = strconv.ParseUint(v, 10, 8)
		case strings.HasPrefix(line, "Table id extension:"):
			f := strings.Fields(line)
			ext, _ = strconv.ParseUint(strings.TrimPrefix(f[3], "0x"), 16, 16)
		case strings.HasPrefix(line, "Event id:"):
			f := strings.Fields(line)
			id, _ := strconv.ParseUint(strings.TrimPrefix(f[2], "0x"), 16, 16)
			npt, _ := strconv.ParseUint(strings.TrimPrefix(strings.TrimSuffix(f[5], ","), "0x"), 16, 64)
			out = append(out, StreamEvent{EventID: uint16(id), EventNPT: npt, DoItNow: npt == 0,
				TableIDExtension: uint16(ext), Version: uint8(version), PrivateData: []byte{}})
			cur = &out[len(out)-1]
		case cur != nil && len(line) > 6 && line[4] == ':' && strings.HasPrefix(sc.Text(), "        "):
			hexPart := line[6:min(len(line), 6+48)]
			b, err := hex.DecodeString(strings.ReplaceAll(strings.TrimSpace(hexPart), " ", ""))
			require.NoError(t, err, line)
			cur.PrivateData = append(cur.PrivateData, b...)
		}
	}
	return out
}

func TestSampleStreamEvents(t *testing.T) {
	for _, tc := range []struct {
		file, expected string
		pid            uint16
		events         int
	}{
		{"tsduck_test-032.1_irt_hbbtv_streamevents.ts", "tsduck_test-032.1.txt", 0x0194, 4},
		{"tsduck_test-032.2_irt_hbbtv_streamevents.ts", "tsduck_test-032.2.txt", 0x0FA2, 9},
	} {
		t.Run(tc.file, func(t *testing.T) {
			want := expectedEvents(t, tc.expected)
			require.Len(t, want, tc.events)
			se := NewStreamEvents()
			var got []StreamEvent
			feedTS(readSample(t, tc.file), onPIDs(tc.pid), func(_ uint16, sec []byte) {
				evs, err := se.Section(sec)
				require.NoError(t, err)
				got = append(got, evs...)
				// Every section is delivered twice: the repeat fires nothing.
				evs, err = se.Section(sec)
				require.NoError(t, err)
				require.Empty(t, evs)
			})
			require.Equal(t, want, got)
		})
	}
}

func TestSampleStreamEventRAI(t *testing.T) {
	// RAI writes the reserved bits of stream_event_descriptor as 1s: they are ignored.
	se := NewStreamEvents()
	var got []StreamEvent
	feedTS(readSample(t, "tsduck_test-108_rai_dvbt_ait_oc_ste.ts"), onPIDs(0x0C1D), func(_ uint16, sec []byte) {
		evs, err := se.Section(sec)
		require.NoError(t, err)
		got = append(got, evs...)
	})
	require.NotEmpty(t, got)
	for _, e := range got {
		t.Logf("event %d npt %d %q", e.EventID, e.EventNPT, e.PrivateData)
		require.True(t, e.DoItNow)
	}
}
