package apps

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/golden"
	"github.com/antena-tv/antena/runtime/nclua"
	"github.com/antena-tv/antena/runtime/store"
)

// TestEscolaLessonAdded: a teacher adds a lesson file, its image and its id to the index; the
// new carousel version restarts the app, and the lesson is listed and opens.
func TestEscolaLessonAdded(t *testing.T) {
	png, err := os.ReadFile("testdata/escola/plantas.png")
	require.NoError(t, err)
	fsys := appFS(t, "escola", map[string][]byte{
		"lessons/index.json":  []byte(`{"lessons": ["fracoes", "agua", "plantas"]}`),
		"lessons/plantas.png": png,
		"lessons/plantas.json": []byte(`{"title": {"pt": "As plantas", "es": "Las plantas", "en": "Plants"},
		  "image": "plantas.png",
		  "text": {"pt": "As plantas fazem seu alimento com luz, água e ar."},
		  "quiz": [{"question": {"pt": "Do que a planta precisa?"}, "options": [{"pt": "Luz"}, {"pt": "Escuro"}], "answer": 1}]}`),
	})
	h := startApp(t, nclua.Options{Name: "escola", FS: os.DirFS("escola")}, nil)
	h.keys(t, "ENTER")
	golden.Check(t, "escola-lessons", h.app.Frame())
	h.stop()

	h = startApp(t, nclua.Options{Name: "escola", FS: fsys}, nil) // the restart on the new version
	defer h.stop()
	h.keys(t, "ENTER")
	golden.Check(t, "escola-lessons-added", h.app.Frame())
	h.keys(t, "CURSOR_DOWN", "CURSOR_DOWN", "ENTER")
	golden.Check(t, "escola-lesson-plantas", h.app.Frame())

	// A broken or missing lesson is skipped, never fatal.
	fsys["lessons/index.json"].Data = []byte(`{"lessons": ["fracoes", "missing", "broken"]}`)
	fsys["lessons/broken.json"] = &fstest.MapFile{Data: []byte(`{"title": `)}
	h2 := startApp(t, nclua.Options{Name: "escola", FS: fsys}, nil)
	defer h2.stop()
	h2.keys(t, "ENTER", "CURSOR_DOWN", "ENTER")
	require.Nil(t, h2.app.Err())
}

// TestEscolaQuizScorePerProfile takes a quiz to the end as profile 2 and finds the score kept
// for profile 2 only after a restart; with send_scores the score goes through the outbox.
func TestEscolaQuizScorePerProfile(t *testing.T) {
	var got atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Add(1)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "antena.db")
	db, err := store.Open(path, nil)
	require.NoError(t, err)
	defer db.Close()
	down := &downTransport{up: make(chan struct{}), rt: srv.Client().Transport}
	outbox := nclua.NewOutbox(db, down, time.Second, nil)
	opts := nclua.Options{Name: "escola", Store: db,
		FS: appFS(t, "escola", map[string][]byte{"config.json": []byte(`{"send_scores": true,
		  "scores_url": "` + srv.URL + `/scores", "school": "EM-0001"}`)}),
		Network: nclua.Network{Allow: []string{"127.0.0.1"}, Transport: down, Outbox: outbox}}

	h := startApp(t, opts, nil)
	h.keys(t, "GREEN", "ENTER") // profile 2, first lesson
	golden.Check(t, "escola-lesson", h.app.Frame())
	h.keys(t, "GREEN") // the quiz
	h.keys(t, "GREEN") // 5: right
	golden.Check(t, "escola-quiz-right", h.app.Frame())
	h.keys(t, "ENTER", "RED") // 1/4: wrong, the answer is shown
	golden.Check(t, "escola-quiz-wrong", h.app.Frame())
	h.keys(t, "ENTER", "CURSOR_UP", "ENTER", "ENTER") // 3/4 with arrows and OK: right
	golden.Check(t, "escola-quiz-result", h.app.Frame())
	h.stop()

	h = startApp(t, opts, nil)
	defer h.stop()
	golden.Check(t, "escola-profiles-after", h.app.Frame())
	h.keys(t, "ENTER")
	golden.Check(t, "escola-lessons-profile2", h.app.Frame())

	ns, err := db.Namespace("escola", 0)
	require.NoError(t, err)
	v, ok, err := ns.Get(store.Service("default"), "profile2")
	require.NoError(t, err)
	require.True(t, ok)
	s := v.(store.Table).Get("fracoes").(store.Table)
	require.Equal(t, 2.0, s.Get("best"))
	require.Equal(t, 3.0, s.Get("total"))
	_, ok, _ = ns.Get(store.Service("default"), "profile1")
	require.False(t, ok, "other profiles untouched")

	require.Zero(t, got.Load())
	close(down.up)
	n, err := outbox.Flush(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Equal(t, int32(1), got.Load())
}

func TestEscolaLanguages(t *testing.T) {
	h := startApp(t, nclua.Options{Name: "escola", FS: os.DirFS("escola"), Settings: lang("es")}, nil)
	golden.Check(t, "escola-profiles-es", h.app.Frame())
	h.stop()
	h = startApp(t, nclua.Options{Name: "escola", FS: os.DirFS("escola"), Settings: lang("en")}, nil)
	h.keys(t, "ENTER", "CURSOR_DOWN", "ENTER")
	golden.Check(t, "escola-lesson-en", h.app.Frame())
	h.stop()
}
