package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/samples"
)

// expectedSums reads a files.sha256 list: "SUM  /path" lines.
func expectedSums(t *testing.T, name string) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(samples.Dir(t), "expected", name))
	require.NoError(t, err)
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, p, ok := strings.Cut(sc.Text(), "  ")
		if ok {
			out[strings.TrimPrefix(strings.TrimPrefix(p, "."), "/")] = sum
		}
	}
	return out
}

func sumsUnder(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		require.NoError(t, err)
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		s := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(s[:])
		return nil
	}))
	return out
}

func TestCarouselExtractSamples(t *testing.T) {
	for _, tc := range []struct{ stream, sums string }{
		{"tsduck_test-203.1_oc_zlib_3files.ts", "tsduck_test-203.1.files.sha256"},
		{"opencaster_mhp_tutorial.ts", "opencaster_mhp_tutorial.files.sha256"},
	} {
		t.Run(tc.stream, func(t *testing.T) {
			out := t.TempDir()
			code, stdout, stderr := run(t, "carousel", "extract", samples.Path(t, tc.stream), out)
			require.Equal(t, 0, code, stderr)
			require.Contains(t, stdout, "wrote")
			require.Equal(t, expectedSums(t, tc.sums), sumsUnder(t, out))
		})
	}
}

func TestCarouselIncompleteExits3(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := run(t, "carousel", "extract", samples.Path(t, "tsduck_test-108_rai_dvbt_ait_oc_ste.ts"), out)
	require.Equal(t, 3, code)
	require.Contains(t, stdout, "incomplete")
	require.Contains(t, stdout, "missing")
	require.Contains(t, stdout, "module 0x0004")
	require.Contains(t, stderr, "not complete")

	// --pid selects the other carousel; an unknown PID is a usage error.
	code, _, _ = run(t, "carousel", "ls", "--pid", "0x0BBA", samples.Path(t, "tsduck_test-108_rai_dvbt_ait_oc_ste.ts"))
	require.Equal(t, 0, code)
	code, _, stderr = run(t, "carousel", "ls", "--pid", "0x0100", samples.Path(t, "tsduck_test-108_rai_dvbt_ait_oc_ste.ts"))
	require.Equal(t, 2, code)
	require.Contains(t, stderr, "carries no carousel")
}

func TestCarouselLsAndStats(t *testing.T) {
	p := samples.Path(t, "tsduck_test-203.1_oc_zlib_3files.ts")
	code, out, _ := run(t, "carousel", "ls", p)
	require.Equal(t, 0, code)
	require.Contains(t, out, "deja.ttf")
	require.Regexp(t, `deja\.ttf\s+756072\s+module 0x0002 v125`, out)
	code, out, _ = run(t, "carousel", "stats", p)
	require.Equal(t, 0, code)
	require.Contains(t, out, "complete at packet")
	require.Regexp(t, `module 0x0001 v125 .*cycle median \d+ packets`, out)

	code, out, _ = run(t, "carousel", "ls", samples.Path(t, "tsduck_test-179.2_dsi_datacarousel_gii.ts"))
	require.Equal(t, 0, code)
	require.Contains(t, out, "data carousel")
	require.Contains(t, out, "group 0x80000002: 362592 bytes")

	code, _, _ = run(t, "carousel", "frobnicate", p)
	require.Equal(t, 2, code)
	code, _, _ = run(t, "carousel", "extract", p)
	require.Equal(t, 2, code)
}

func TestInspectStreamEventsSample(t *testing.T) {
	code, out, _ := run(t, "inspect", "--events", samples.Path(t, "tsduck_test-032.1_irt_hbbtv_streamevents.ts"))
	require.Equal(t, 0, code)
	var n int
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &ev))
		if ev["type"] == "stream_event" {
			n++
			require.Equal(t, float64(1), ev["event_id"])
			require.Contains(t, ev, "private_data_hex")
			require.True(t, strings.HasPrefix(ev["private_data"].(string), "Test Message"))
		}
	}
	require.Equal(t, 4, n)
}
