package emulator

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
	"github.com/antena-tv/antena/internal/golden"
	"github.com/antena-tv/antena/internal/mux"
	"github.com/antena-tv/antena/runtime/app"
)

// muxApp builds the broadcast of an app folder with internal/mux, as `antena mux` does.
func muxApp(t testing.TB, dir, name string, cycles int) ([]byte, *mux.Summary) {
	t.Helper()
	mx, err := mux.New(mux.Config{FS: os.DirFS(dir), App: mux.App{Name: name}, Cycles: cycles})
	require.NoError(t, err)
	var buf bytes.Buffer
	sum, err := mx.Run(context.Background(), &buf, mux.RunOptions{})
	require.NoError(t, err)
	return buf.Bytes(), sum
}

func newMachine(t testing.TB, o Options) *Machine {
	t.Helper()
	m, err := New(o)
	require.NoError(t, err)
	t.Cleanup(func() { _ = m.Close() })
	return m
}

func loadBytes(t testing.TB, m *Machine, b []byte) {
	t.Helper()
	require.NoError(t, m.LoadStream(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(b)), nil
	}, false))
}

// stepUntil steps a frame at a time until cond holds, for at most limit of virtual time.
func stepUntil(t testing.TB, m *Machine, limit time.Duration, cond func() bool) {
	t.Helper()
	for end := m.Elapsed() + limit; !cond(); {
		require.Less(t, m.Elapsed(), end, "not reached in %v", limit)
		require.NoError(t, m.Step(Tick))
	}
}

func running(m *Machine, label string) func() bool {
	return func() bool { return m.AppStates()[label] == app.StateRunning }
}

// End to end: a stream muxed from an app, through the box, the app starts, a key moves
// its square.
func TestStreamAppAnswersKeys(t *testing.T) {
	b, sum := muxApp(t, "testdata/app", "Test", 2)
	m := newMachine(t, Options{})
	loadBytes(t, m, b)
	stepUntil(t, m, 2*sum.CycleTime+time.Second, running(m, "Test"))
	require.NoError(t, m.Step(6*Tick)) // let the loading banner go
	require.Equal(t, uint16(1), m.Receiver().Service())
	require.NoError(t, m.Step(5*time.Second)) // the service banner times out
	golden.Check(t, "stream-start", m.Screenshot())
	require.NoError(t, m.Press("CURSOR_DOWN"))
	require.NoError(t, m.Step(Tick))
	golden.Check(t, "stream-key", m.Screenshot())
}

// The same app from a folder, then hot reload: a change to main.lua shows on the next
// screenshot.
func TestFolderAndHotReload(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/app/main.lua")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lua"), src, 0o644))
	m := newMachine(t, Options{})
	require.NoError(t, m.Load(dir))
	require.NoError(t, m.Step(Tick))
	require.Equal(t, app.StateRunning, m.AppStates()[filepath.Base(dir)])
	require.NoError(t, m.Press("CURSOR_DOWN"))
	require.NoError(t, m.Step(Tick))
	golden.Check(t, "stream-key", m.Screenshot()) // exactly what the broadcast shows

	changed := bytes.Replace(src, []byte("255, 204, 0, 255"), []byte("0, 200, 80, 255"), 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lua"), changed, 0o644))
	select {
	case <-m.Changed():
	case <-time.After(5 * time.Second):
		t.Fatal("no file notification within 5 s")
	}
	require.NoError(t, m.Step(Tick))
	golden.Check(t, "folder-reloaded", m.Screenshot())
	require.Equal(t, 2, m.Apps()[0].Runs)
}

// A stream event reaches the app (as a user event, see the package doc).
func TestFireEvent(t *testing.T) {
	m := newMachine(t, Options{})
	require.NoError(t, m.Load("testdata/app"))
	require.NoError(t, m.Step(Tick))
	require.NoError(t, m.FireEvent("go", "x"))
	require.NoError(t, m.Step(Tick))
	px := m.Screenshot().RGBAAt(1050, 150)
	require.Equal(t, uint8(255), px.A)
	require.Greater(t, px.G, px.R)
}

// pat returns the packets of a PAT version with the given programs.
func pat(t testing.TB, version uint8, programs ...uint16) []byte {
	p := psi.PAT{TransportStreamID: 1, VersionNumber: version}
	for _, n := range programs {
		p.Programs = append(p.Programs, psi.PATProgram{ProgramNumber: n, PID: 0x100 + n})
	}
	sec, err := p.Marshal()
	require.NoError(t, err)
	pk := &ts.Packetizer{PID: psi.PIDPAT, CC: 9} // not a repeat of the mux's last packet
	out := pk.AppendSection(nil, sec)
	null := make([]byte, ts.PacketSize) // null packets after it confirm the sync
	null[0], null[1], null[2], null[3] = 0x47, 0x1F, 0xFF, 0x10
	return append(out, append(null, null...)...)
}

// A runaway app is stopped by the watchdog; the box goes on answering keys: the OSD says
// why it stopped, and CHANNEL_UP changes service.
func TestRunawayAppStopped(t *testing.T) {
	b, sum := muxApp(t, "testdata/runaway", "Runaway", 1)
	m := newMachine(t, Options{Deadline: 200 * time.Millisecond})
	loadBytes(t, m, b)
	stepUntil(t, m, 2*sum.CycleTime+time.Second, running(m, "Runaway"))
	stepUntil(t, m, 10*time.Second, func() bool { return m.feeder.Done() })
	// A second service appears in a new PAT version.
	_, err := m.Receiver().Write(pat(t, 7, 1, 2))
	require.NoError(t, err)
	require.NoError(t, m.Step(5*time.Second))

	require.NoError(t, m.Press("RED"))
	stepUntil(t, m, 5*time.Second, func() bool { return m.AppStates()["Runaway"] == app.StateFailed })
	require.Contains(t, m.Receiver().LastStop(), "Runaway stopped")
	require.NoError(t, m.Step(Tick))
	golden.Check(t, "runaway-stopped", m.Screenshot())

	require.NoError(t, m.Press("CHANNEL_UP"))
	require.NoError(t, m.Step(Tick))
	require.Equal(t, uint16(2), m.Receiver().Service())
	golden.Check(t, "runaway-zapped", m.Screenshot())
}

// The ISDB warning of the synthetic sample: the overlay comes and goes.
func TestISDBWarningSample(t *testing.T) {
	path := filepath.Join("../../shared/samples", "synthetic_isdb_ewbs_0xFC.ts")
	if _, err := os.Stat(path); err != nil {
		t.Skip("sample absent:", err)
	}
	m := newMachine(t, Options{})
	require.NoError(t, m.Load(path))
	a := m.Receiver().Alerts()
	stepUntil(t, m, time.Second, func() bool { return len(a.Active()) > 0 })
	golden.Check(t, "isdb-warning", m.Screenshot()) // the frame of the step that raised it
	shown := false
	for _, r := range a.Records() {
		shown = shown || r.Action.String() == "shown"
	}
	require.True(t, shown, "the warning reached the screen: %v", a.Records())
	stepUntil(t, m, time.Second, func() bool { return len(a.Active()) == 0 })
	require.NoError(t, m.Step(Tick))
	golden.Check(t, "isdb-warning-ended", m.Screenshot())
}

// The same keys give the same pixels.
func TestDeterministic(t *testing.T) {
	shot := func() []byte {
		m := newMachine(t, Options{})
		require.NoError(t, m.Load("../apps/showcase"))
		require.NoError(t, m.Step(time.Second))
		require.NoError(t, m.Press("CURSOR_DOWN", "ENTER"))
		require.NoError(t, m.Step(time.Second))
		return m.Screenshot().Pix
	}
	require.Equal(t, shot(), shot())
}

// The two real SCTE-18 sections play with the crawl shown at once (priority 15 also tunes to
// the details channel) and removed when their time remaining (34 s and 29 s) runs out on the
// box's clock.
func TestSCTE18Samples(t *testing.T) {
	for _, tc := range []struct {
		file      string
		remaining time.Duration
	}{{"tsduck_test-050.eas1_scte18.ts", 34 * time.Second}, {"tsduck_test-050.eas2_scte18.ts", 29 * time.Second}} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("../../shared/samples", tc.file)
			if _, err := os.Stat(path); err != nil {
				t.Skip("sample absent:", err)
			}
			m := newMachine(t, Options{})
			require.NoError(t, m.Load(path))
			a := m.Receiver().Alerts()
			stepUntil(t, m, time.Second, func() bool { return len(a.Active()) > 0 })
			raisedAt := m.Elapsed()
			frame := m.Screenshot()
			// the crawl band near the bottom of the frame is the alert's dark red, over what
			// is otherwise the green colour bar
			c := frame.RGBAAt(500, 650)
			require.Greater(t, int(c.R), 100, "crawl shown: %v", c)
			require.Less(t, int(c.G), 40, "crawl shown: %v", c)
			stepUntil(t, m, tc.remaining+2*time.Second, func() bool { return len(a.Active()) == 0 })
			ended := m.Elapsed() - raisedAt
			require.InDelta(t, tc.remaining.Seconds(), ended.Seconds(), 0.1, "expired after its time remaining")
			require.NoError(t, m.Step(Tick))
			c = m.Screenshot().RGBAAt(500, 650)
			require.Greater(t, int(c.G), 150, "crawl removed, the green bar is back: %v", c)
		})
	}
}

// An NCL document given as a file runs as an app: its media drawn, the
// arrows move the focus, the script in its region counts the YELLOW keys.
func TestNCLDocument(t *testing.T) {
	m := newMachine(t, Options{})
	require.NoError(t, m.Load("testdata/ncl/main.ncl"))
	require.NoError(t, m.Step(Tick))
	require.Equal(t, app.StateRunning, m.AppStates()["ncl"])
	require.NoError(t, m.Press("CURSOR_DOWN", "YELLOW", "YELLOW"))
	require.NoError(t, m.Step(Tick))
	golden.Check(t, "ncl-document", m.Screenshot())
}
