package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/samples"
	"github.com/antena-tv/antena/internal/tsgen"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = runMain(args, &o, &e)
	return code, o.String(), e.String()
}

func TestInspectJSONMediaset(t *testing.T) {
	path := samples.Path(t, "tsduck_test-018_mediaset_ait.ts")
	code, out, _ := run(t, "inspect", "--json", path)
	require.Equal(t, 0, code)
	var r Report
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	require.Equal(t, int64(100), r.Packets)
	require.Len(t, r.Services, 20)
	require.Equal(t, "Italia 1", r.Services[0].Name)
	require.Len(t, r.Applications, 3)
	launcher := r.Applications[1]
	require.Equal(t, "Launcher SAT", launcher.Name)
	require.Equal(t, uint8(1), launcher.ControlCode)
	require.Equal(t, "object_carousel", launcher.Transport.Protocol)
	require.Equal(t, uint8(0x0A), *launcher.Transport.ComponentTag)
	require.Equal(t, uint16(0x1E9E), *launcher.Transport.PID)
	require.Equal(t, "bd.BDXlet", launcher.Entry)
	http := r.Applications[0]
	require.Equal(t, "http", http.Transport.Protocol)
	require.Equal(t, "http://mhp.dgtv.mediaset.it/appl/ProgrammiTvSat/", http.Transport.URL)
}

func TestInspectEventsSyntheticEWBS(t *testing.T) {
	path := samples.Path(t, "synthetic_isdb_ewbs_0xFC.ts")
	code, out, _ := run(t, "inspect", "--events", path)
	require.Equal(t, 0, code)
	var types []string
	var start, end map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var ev map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &ev))
		require.Contains(t, ev, "packet")
		typ := ev["type"].(string)
		types = append(types, typ)
		switch typ {
		case "alert_start":
			start = ev
		case "alert_end":
			end = ev
		}
	}
	require.Contains(t, types, "pat")
	require.Contains(t, types, "pmt")
	require.Contains(t, types, "nit")
	require.Equal(t, float64(10), start["packet"])
	require.Equal(t, "isdb", start["system"])
	require.Equal(t, float64(0xE760), start["service_id"])
	require.Equal(t, float64(0), start["signal_level"])
	require.Equal(t, []any{float64(0x5A5), float64(0x15A), float64(0xD27)}, start["area_codes"])
	require.Equal(t, float64(19), end["packet"])
}

func TestInspectEventsSCTE18(t *testing.T) {
	path := samples.Path(t, "tsduck_test-050.eas1_scte18.ts")
	code, out, _ := run(t, "inspect", "--events", path)
	require.Equal(t, 0, code)
	var ev map[string]any
	require.NoError(t, json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &ev))
	require.Equal(t, "alert_start", ev["type"])
	require.Equal(t, "scte18", ev["system"])
	require.Equal(t, "RWT", ev["event_code"])
	require.Equal(t, "EAS", ev["originator"])
	require.Equal(t, float64(15), ev["priority"])
	require.Equal(t, float64(34), ev["seconds_remaining"])
	require.Contains(t, ev, "text")
}

func TestInspectTextAndBadInput(t *testing.T) {
	dir := t.TempDir()
	// A generated mux, cut short, with garbage in the middle: read, counted, exit 0.
	var b bytes.Buffer
	_, err := tsgen.New(tsgen.Config{Seed: 3}).WriteTo(&b, 400*188)
	require.NoError(t, err)
	data := b.Bytes()
	bad := append(append(append([]byte{}, data[:100*188+50]...), bytes.Repeat([]byte{0x47, 0}, 300)...), data[200*188:len(data)-77]...)
	p := filepath.Join(dir, "bad.ts")
	require.NoError(t, os.WriteFile(p, bad, 0o644))
	code, out, _ := run(t, "inspect", p)
	require.Equal(t, 0, code)
	require.Contains(t, out, "services (1)")
	require.Contains(t, out, "sync losses")
	require.Regexp(t, `errors: [1-9]\d* sync losses`, out)

	code, _, errOut := run(t, "inspect", filepath.Join(dir, "missing.ts"))
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "missing.ts")
	code, _, _ = run(t, "inspect")
	require.Equal(t, 2, code)
	code, _, _ = run(t, "inspect", "--bogus", p)
	require.Equal(t, 2, code)
	code, _, _ = run(t, "nosuchcommand")
	require.Equal(t, 2, code)
}

func TestInspectAllSamplesNoErrors(t *testing.T) {
	dir := samples.Dir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.ts"))
	require.NotEmpty(t, files)
	for _, f := range files {
		code, out, _ := run(t, "inspect", "--json", f)
		require.Equal(t, 0, code, f)
		var r Report
		require.NoError(t, json.Unmarshal([]byte(out), &r), f)
		require.Zero(t, r.Errors.CRCErrors, f)
		require.Zero(t, r.Errors.SyncLosses, f)
	}
}
