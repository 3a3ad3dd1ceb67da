package mux

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/samples"
	"github.com/antena-tv/antena/internal/tsgen"
)

// ffmpegBase makes a short real H.264/AAC transport stream with ffmpeg's test sources;
// muxrate "" leaves it variable-rate without null packets, "2M" makes it constant-rate
// with null packets. The test is skipped when ffmpeg is absent.
func ffmpegBase(t *testing.T, seconds string, muxrate string) []byte {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg not installed (apt-get install -y ffmpeg)")
	}
	out := filepath.Join(t.TempDir(), "base.ts")
	args := []string{"-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
		"-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000", "-t", seconds,
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-c:a", "aac", "-b:a", "64k"}
	if muxrate != "" {
		args = append(args, "-muxrate", muxrate)
	}
	cmd := exec.Command("ffmpeg", append(args, "-f", "mpegts", out)...)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Skipf("ffmpeg cannot make the base stream: %v %s", err, msg)
	}
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	return data
}

// ffprobeClean runs ffprobe and ffmpeg (decoding every frame) on a stream and requires
// that they report no error. Skipped when ffprobe is absent.
func ffprobeClean(t *testing.T, data []byte) {
	t.Helper()
	if _, err := exec.LookPath("ffprobe"); err != nil {
		t.Skip("ffprobe not installed (apt-get install -y ffmpeg)")
	}
	p := filepath.Join(t.TempDir(), "out.ts")
	require.NoError(t, os.WriteFile(p, data, 0o644))
	out, err := exec.Command("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name",
		"-of", "compact", p).CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.NotContains(t, string(out), "rror")
	require.Contains(t, string(out), "codec_name=h264")
	require.Contains(t, string(out), "codec_name=aac")
	out, err = exec.Command("ffmpeg", "-v", "error", "-i", p, "-f", "null", "-").CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Empty(t, strings.TrimSpace(string(out)), "ffmpeg decode")
}

// checkInput checks an output muxed into base: every packet of the base's programs is
// there, in order and unchanged; the PMT has the new components at the next version; the
// carousel is complete.
func checkInput(t *testing.T, base, out []byte, m *Mux, fsys fstest.MapFS) *tsCheck {
	t.Helper()
	in := readTS(base)
	var pmt psi.PMT
	require.NoError(t, pmt.Unmarshal(in.sections[m.Service().PMTPID][0].sec))
	keep := []uint16{}
	for _, s := range pmt.Streams {
		keep = append(keep, s.ElementaryPID)
	}
	in = readTS(base, keep...)
	c := readTS(out, keep...)
	c.requireClean(t, pmt.PCRPID)
	for _, pid := range keep {
		require.Equal(t, len(in.pidSeq[pid]), len(c.pidSeq[pid]), "PID 0x%04X packets", pid)
		for i := range in.pidSeq[pid] {
			require.True(t, bytes.Equal(in.pidSeq[pid][i], c.pidSeq[pid][i]), "PID 0x%04X packet %d", pid, i)
		}
	}
	var got psi.PMT
	require.NoError(t, got.Unmarshal(c.sections[m.Service().PMTPID][0].sec))
	require.Equal(t, (pmt.VersionNumber+1)&0x1F, got.VersionNumber)
	require.Equal(t, pmt.PCRPID, got.PCRPID)
	require.Len(t, got.Streams, len(pmt.Streams)+2)
	for i, s := range pmt.Streams {
		require.Equal(t, s.ElementaryPID, got.Streams[i].ElementaryPID)
		require.Equal(t, s.StreamType, got.Streams[i].StreamType)
	}
	car := c.acquire(t, m.Service().CarouselPID)
	require.True(t, car.Complete(), "progress %+v", car.Progress())
	requireSameFiles(t, fsys, car.Snapshot())
	checkSignalling(t, out, c, m)
	return c
}

func runInput(t *testing.T, base []byte, cfg Config) ([]byte, *Summary, *Mux) {
	t.Helper()
	cfg.Input, cfg.InputSize = bytes.NewReader(base), int64(len(base))
	return runMux(t, cfg)
}

func TestInputFFmpeg(t *testing.T) {
	fsys := genFolder(21, 10, 2, func(r *rand.Rand) int { return r.IntN(4000) })
	for _, tc := range []struct {
		name, muxrate string
		inserted      bool
	}{
		{"variable rate, no null packets", "", true},
		{"constant rate with null packets", "3M", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := ffmpegBase(t, "3", tc.muxrate)
			out, sum, m := runInput(t, base, Config{FS: fsys, CarouselRate: 500_000})
			checkInput(t, base, out, m, fsys)
			t.Logf("input %d packets at %d bit/s, %d nulls used, %d inserted, output %d bit/s",
				sum.InputPackets, sum.InputRate, sum.NullsReplaced, sum.Inserted, sum.MuxRate)
			if tc.inserted {
				require.Positive(t, sum.Inserted)
			} else {
				require.Zero(t, sum.Inserted)
				require.Equal(t, len(base), len(out), "the input's null packets suffice: same size")
			}
			require.Positive(t, sum.Cycles)
			ffprobeClean(t, out)
		})
	}
}

// TestInputEWBS: an ISDB warning in a real stream, with a NIT made for it.
func TestInputEWBS(t *testing.T) {
	base := ffmpegBase(t, "3", "2M")
	w, err := ParseEWBS("start@1s,end@2s,area=0x5A5")
	require.NoError(t, err)
	out, _, _ := runInput(t, base, Config{FS: app, EWBS: []EWBS{w}, CarouselRate: 200_000})
	evs := demuxAlerts(t, out)
	require.Len(t, evs, 2)
	near(t, time.Second, evs[0].at, "start")
	near(t, 2*time.Second, evs[1].at, "end")
	ffprobeClean(t, out)
}

// TestInputGen muxes into antena gen's synthetic stream (random payloads, no ffmpeg
// needed): with enough null packets, and with too few (the rate goes up).
func TestInputGen(t *testing.T) {
	fsys := genFolder(22, 10, 2, func(r *rand.Rand) int { return r.IntN(4000) })
	for _, tc := range []struct {
		name     string
		cfg      tsgen.Config
		inserted bool
		rate     int64
	}{
		// 30 Mbit/s, 90% video: about 1.8 Mbit/s of null packets.
		{"enough nulls", tsgen.Config{Seed: 1}, false, 1_000_000},
		{"few nulls", tsgen.Config{Seed: 2}, true, 3_000_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var base bytes.Buffer
			_, err := tsgen.New(tc.cfg).WriteTo(&base, 4_000_000)
			require.NoError(t, err)
			out, sum, m := runInput(t, base.Bytes(), Config{FS: fsys, CarouselRate: tc.rate})
			checkInput(t, base.Bytes(), out, m, fsys)
			require.Equal(t, tc.inserted, sum.Inserted > 0, "inserted %d", sum.Inserted)
			require.NotEqual(t, uint16(tsgen.DataPID), m.Service().CarouselPID)
			// The carousel keeps its rate (± 5%) over the whole run.
			c := readTS(out)
			d := c.pcrTime(tsgen.VideoPID, c.packets-1)
			got := float64(c.payload[m.Service().CarouselPID]*188*8) / d.Seconds()
			require.InEpsilon(t, float64(tc.rate), got, 0.05, "carousel rate %.0f", got)
		})
	}
}

func TestInputErrors(t *testing.T) {
	_, err := New(Config{FS: app, Input: bytes.NewReader(nil)})
	require.ErrorIs(t, err, ErrInput)
	_, err = New(Config{FS: app, Input: bytes.NewReader(bytes.Repeat([]byte{0x47, 0x1F, 0xFF, 0x10}, 47*100))})
	require.ErrorIs(t, err, ErrInput)
	var base bytes.Buffer
	_, err = tsgen.New(tsgen.Config{MuxRate: 4_000_000}).WriteTo(&base, 500_000)
	require.NoError(t, err)
	_, err = New(Config{FS: app, Input: bytes.NewReader(base.Bytes()), Service: Service{ProgramNumber: 7}})
	require.ErrorIs(t, err, ErrInput)
	_, err = New(Config{FS: app, Input: bytes.NewReader(base.Bytes()), Service: Service{CarouselPID: tsgen.VideoPID}})
	require.ErrorIs(t, err, ErrConfig)
}

// TestInputRAISample muxes into a real DVB-T multiplex (7 programs, two AITs and two
// carousels a program, NIT on PID 0x0010 not listed in the PAT): the program's streams
// are kept, the PIDs and component tags chosen are free, and the EWBS descriptor goes in
// the input's own NIT (next versions), which the PAT now lists.
func TestInputRAISample(t *testing.T) {
	base, err := os.ReadFile(samples.Path(t, "tsduck_test-108_rai_dvbt_ait_oc_ste.ts"))
	require.NoError(t, err)
	w, err := ParseEWBS("start@0.4,end@0.9,area=0x5A5")
	require.NoError(t, err)
	fsys := fstest.MapFS{"main.ncl": {Data: []byte("<ncl/>")}}
	out, sum, m := runInput(t, base, Config{FS: fsys, EWBS: []EWBS{w}, CarouselRate: 500_000})
	checkInput(t, base, out, m, fsys)
	require.Positive(t, sum.Cycles)
	in := readTS(base)
	c := readTS(out)
	var nits []psi.NIT
	for _, s := range c.sections[psi.PIDNIT] {
		var n psi.NIT
		require.NoError(t, n.Unmarshal(s.sec))
		if len(nits) == 0 || nits[len(nits)-1].VersionNumber != n.VersionNumber {
			nits = append(nits, n)
		}
	}
	var inNIT psi.NIT
	require.NoError(t, inNIT.Unmarshal(in.sections[psi.PIDNIT][0].sec))
	require.Len(t, nits, 3)
	for i, n := range nits {
		require.Equal(t, inNIT.NetworkID, n.NetworkID)
		require.Equal(t, (inNIT.VersionNumber+1+uint8(i))&0x1F, n.VersionNumber)
		_, has := psi.Find(n.NetworkDescriptors, psi.TagEmergencyInformation)
		require.Equal(t, i > 0, has)
	}
	evs := demuxAlerts(t, out)
	require.Len(t, evs, 2)
}

// TestInputWriteSize: with packets inserted, every Write still carries at most 7 packets
// (one UDP datagram of 1316 bytes).
func TestInputWriteSize(t *testing.T) {
	var base bytes.Buffer
	_, err := tsgen.New(tsgen.Config{Seed: 4}).WriteTo(&base, 2_000_000)
	require.NoError(t, err)
	m, err := New(Config{FS: app, Input: bytes.NewReader(base.Bytes()), CarouselRate: 5_000_000})
	require.NoError(t, err)
	w := &maxWriter{}
	sum, err := m.Run(context.Background(), w, RunOptions{})
	require.NoError(t, err)
	require.Positive(t, sum.Inserted)
	require.LessOrEqual(t, w.max, 7*188)
	require.Zero(t, w.total%188)
}

type maxWriter struct{ max, total int }

func (w *maxWriter) Write(b []byte) (int, error) {
	w.max, w.total = max(w.max, len(b)), w.total+len(b)
	return len(b), nil
}
