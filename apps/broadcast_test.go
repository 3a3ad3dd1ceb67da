package apps

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/emulator"
	"github.com/antena-tv/antena/internal/golden"
	"github.com/antena-tv/antena/internal/mux"
	"github.com/antena-tv/antena/runtime/app"
)

// screenAfter runs one shipped app in the emulator, loaded by load, presses keys and
// returns the screen once the OSD's service banner has gone.
func screenAfter(t *testing.T, load func(*emulator.Machine), label string, keys ...string) []byte {
	t.Helper()
	m, err := emulator.New(emulator.Options{Offline: true})
	require.NoError(t, err)
	defer m.Close()
	load(m)
	for end := m.Elapsed() + 10*time.Second; m.AppStates()[label] != app.StateRunning; {
		require.Less(t, m.Elapsed(), end, "%s did not start: %v", label, m.AppStates())
		require.NoError(t, m.Step(emulator.Tick))
	}
	require.NoError(t, m.Step(5*time.Second)) // past the banner
	if len(keys) > 0 {
		require.NoError(t, m.Press(keys...))
		require.NoError(t, m.Step(time.Second))
	}
	return bytes.Clone(m.Screenshot().Pix)
}

// The shipped apps run unchanged from their folder and from a broadcast made of it by
// antena mux: the same keys give the same pixels.
func TestAppsRunFromFolderAndBroadcast(t *testing.T) {
	for _, dir := range []string{"servicos", "escola"} {
		t.Run(dir, func(t *testing.T) {
			const name = "Antena app"
			fromFolder := screenAfter(t, func(m *emulator.Machine) {
				require.NoError(t, m.Load(dir))
			}, dir, "CURSOR_DOWN")
			mx, err := mux.New(mux.Config{FS: os.DirFS(dir), App: mux.App{Name: name}, Cycles: 2})
			require.NoError(t, err)
			var ts bytes.Buffer
			_, err = mx.Run(context.Background(), &ts, mux.RunOptions{})
			require.NoError(t, err)
			fromStream := screenAfter(t, func(m *emulator.Machine) {
				require.NoError(t, m.LoadStream(func() (io.ReadCloser, error) {
					return io.NopCloser(bytes.NewReader(ts.Bytes())), nil
				}, false))
			}, name, "CURSOR_DOWN")
			require.True(t, bytes.Equal(fromFolder, fromStream), "%s draws the same from a folder and from a broadcast", dir)
			// and it is the app that drew, not the video plane's colour bars (191,191,191 at 0,0)
			require.NotEqual(t, []byte{191, 191, 191, 255}, fromFolder[:4])
		})
	}
}

// copyDir copies an app folder into a new temporary one.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	require.NoError(t, os.CopyFS(dst, os.DirFS(src)))
	return dst
}

// A lesson a teacher adds to escola's folder appears on the box without a restart by hand:
// the box reloads the app when its files change, as it does on a new carousel version.
func TestEscolaLessonAddedAppears(t *testing.T) {
	dir := copyDir(t, "escola")
	m, err := emulator.New(emulator.Options{Offline: true})
	require.NoError(t, err)
	defer m.Close()
	require.NoError(t, m.Load(dir))
	label := filepath.Base(dir)
	for end := m.Elapsed() + 10*time.Second; m.AppStates()[label] != app.StateRunning; {
		require.Less(t, m.Elapsed(), end, "escola did not start")
		require.NoError(t, m.Step(emulator.Tick))
	}
	require.NoError(t, m.Step(5*time.Second))
	require.NoError(t, m.Press("RED")) // the first profile: the lesson list
	require.NoError(t, m.Step(time.Second))
	before := bytes.Clone(m.Screenshot().Pix)

	png, err := os.ReadFile("testdata/escola/plantas.png")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "lessons", "plantas.png"), png, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "lessons", "plantas.json"), []byte(`{
	  "title": {"pt": "As plantas", "es": "Las plantas", "en": "Plants"},
	  "image": "plantas.png",
	  "text": {"pt": "As plantas fazem seu alimento com luz, água e ar."},
	  "quiz": [{"q": {"pt": "Do que a planta precisa?"}, "options": [{"pt": "Luz"}, {"pt": "Sal"}], "answer": 1}]
	}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "lessons", "index.json"),
		[]byte(`{"lessons": ["fracoes", "agua", "plantas"]}`), 0o644))
	deadline := time.After(10 * time.Second)
	for m.Apps()[0].Runs < 2 {
		select {
		case <-m.Changed():
		case <-deadline:
			t.Fatal("the app was not reloaded within 10 s of the change")
		}
		require.NoError(t, m.Step(emulator.Tick))
	}
	require.NoError(t, m.Step(5*time.Second))
	require.NoError(t, m.Press("RED"))
	require.NoError(t, m.Step(time.Second))
	after := m.Screenshot().Pix
	require.False(t, bytes.Equal(before, after), "the lesson list changed")
}

// rebuildingWriter collects the stream and, once it holds `at` bytes, lets the test change
// the app folder and rebuild the carousel: the new version goes on the air mid-stream, as
// `antena mux --watch` does when a teacher saves a file.
type rebuildingWriter struct {
	bytes.Buffer
	at      int
	rebuild func()
	done    bool
}

func (w *rebuildingWriter) Write(p []byte) (int, error) {
	n, err := w.Buffer.Write(p)
	if !w.done && w.Len() >= w.at {
		w.done = true
		w.rebuild()
	}
	return n, err
}

// A lesson added through a new carousel version reaches a box that is already showing escola:
// the app manager restarts the app on the new files and the new lesson is listed.
func TestEscolaLessonThroughNewCarouselVersion(t *testing.T) {
	dir := copyDir(t, "escola")
	const name = "Escola"
	mx, err := mux.New(mux.Config{FS: os.DirFS(dir), App: mux.App{Name: name}, Duration: 20 * time.Second})
	require.NoError(t, err)
	png, err := os.ReadFile("testdata/escola/plantas.png")
	require.NoError(t, err)
	w := &rebuildingWriter{at: 1 << 20, rebuild: func() {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "lessons", "plantas.png"), png, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "lessons", "plantas.json"), []byte(
			`{"title": {"pt": "As plantas"}, "image": "plantas.png", "text": {"pt": "Luz, água e ar."},
			  "quiz": [{"q": {"pt": "Do que a planta precisa?"}, "options": [{"pt": "Luz"}, {"pt": "Sal"}], "answer": 1}]}`),
			0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "lessons", "index.json"),
			[]byte(`{"lessons": ["fracoes", "agua", "plantas"]}`), 0o644))
		built, err := mx.Rebuild()
		require.NoError(t, err)
		require.NotNil(t, built)
	}}
	_, err = mx.Run(context.Background(), w, mux.RunOptions{})
	require.NoError(t, err)
	require.True(t, w.done, "the stream reached the rebuild point")

	m, err := emulator.New(emulator.Options{Offline: true})
	require.NoError(t, err)
	defer m.Close()
	require.NoError(t, m.LoadStream(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(w.Bytes())), nil
	}, false))
	for end := m.Elapsed() + 30*time.Second; len(m.Apps()) == 0 || m.Apps()[0].Runs < 2; {
		require.Less(t, m.Elapsed(), end, "the app was not restarted on the new version: %v", m.Apps())
		require.NoError(t, m.Step(emulator.Tick))
	}
	require.Equal(t, app.StateRunning, m.AppStates()[name])
	require.NoError(t, m.Step(5*time.Second))
	require.NoError(t, m.Press("RED"))
	require.NoError(t, m.Step(time.Second))
	golden.Check(t, "escola-broadcast-lesson-added", m.Screenshot())
}
