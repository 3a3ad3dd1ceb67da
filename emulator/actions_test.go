package emulator

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/runtime/alert"
)

// probeApp prints settings.system.language on the stream event "lang" and fetches the
// uri of the stream event "get", printing the answer or the error.
const probeApp = `
event.register(function(e)
  if e.class == 'user' and e.type == 'streamevent' then
    if e.name == 'lang' then print('lang=' .. settings.system.language) end
    if e.name == 'get' then event.post{class='http', type='request', method='get', uri=e.data} end
  end
  if e.class == 'http' and e.type == 'response' then
    if e.error then print('http error ' .. e.uri .. ': ' .. e.error)
    elseif e.finished then print('http ' .. e.code .. ' ' .. (e.body or '')) end
  end
end)
`

func probeMachine(t *testing.T, o Options) *Machine {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lua"), []byte(probeApp), 0o644))
	m := newMachine(t, o)
	require.NoError(t, m.Load(dir))
	require.NoError(t, m.Step(Tick))
	require.Equal(t, "running", fmt.Sprint(m.AppStates()[filepath.Base(dir)]))
	return m
}

// waitLog steps (virtual frames, with a real pause for the network goroutines) until a
// log line contains want, for at most 5 s of real time.
func waitLog(t *testing.T, m *Machine, want string) string {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); {
		for _, l := range m.LogLines(DebugLogLines) {
			if strings.Contains(l, want) {
				return l
			}
		}
		require.NoError(t, m.Step(Tick))
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("no log line with %q in %q", want, m.LogLines(DebugLogLines))
	return ""
}

func TestSetLanguage(t *testing.T) {
	m := probeMachine(t, Options{})
	require.Equal(t, "pt", m.Language())
	require.NoError(t, m.FireEvent("lang", ""))
	waitLog(t, m, "lang=pt")
	require.NoError(t, m.SetLanguage("es"))
	require.NoError(t, m.FireEvent("lang", ""))
	waitLog(t, m, "lang=es")
	lang, err := m.CycleLanguage()
	require.NoError(t, err)
	require.Equal(t, "en", lang)
	require.NoError(t, m.FireEvent("lang", ""))
	waitLog(t, m, "lang=en")
	lang, err = m.CycleLanguage()
	require.NoError(t, err)
	require.Equal(t, "pt", lang)
	require.Error(t, m.SetLanguage("fr"))
	require.Contains(t, strings.Join(m.Events(), "\n"), "settings.system.language = es")
}

func TestSetOffline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "hello")
	}))
	defer srv.Close()
	require.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)

	m := probeMachine(t, Options{Offline: true})
	require.True(t, m.Offline())
	require.NoError(t, m.FireEvent("get", srv.URL))
	require.Contains(t, waitLog(t, m, "http error"), "offline")

	require.False(t, m.ToggleOffline())
	require.NoError(t, m.FireEvent("get", srv.URL))
	waitLog(t, m, "http 200 hello")

	m.SetOffline(true)
	require.NoError(t, m.FireEvent("get", srv.URL+"/again"))
	require.Contains(t, waitLog(t, m, "http error "+srv.URL+"/again"), "offline")
	ev := strings.Join(m.Events(), "\n")
	require.Contains(t, ev, "network cut (offline)")
	require.Contains(t, ev, "network restored (online)")
}

func TestToggleWarning(t *testing.T) {
	for _, cfg := range []alert.Config{{}, {Areas: []uint16{0x5A5, 0x15A}}} {
		m := newMachine(t, Options{Alert: cfg})
		require.NoError(t, m.Load("testdata/app"))
		require.NoError(t, m.Step(time.Second))
		before := append([]byte(nil), m.Screenshot().Pix...)

		require.True(t, m.ToggleWarning())
		require.NoError(t, m.Step(time.Second))
		require.Len(t, m.Receiver().Alerts().Active(), 1, "areas %v", cfg.Areas)
		require.NotEqual(t, before, m.Screenshot().Pix, "no overlay")

		require.False(t, m.ToggleWarning())
		require.NoError(t, m.Step(time.Second))
		require.Empty(t, m.Receiver().Alerts().Active())
		require.Equal(t, before, m.Screenshot().Pix, "the overlay stays")
		ev := strings.Join(m.Events(), "\n")
		require.Contains(t, ev, "test warning start")
		require.Contains(t, ev, "test warning end")
	}
}

// A durable POST made while the return channel is cut waits in the outbox and is
// delivered once, with its idempotency key, when the channel comes back.
func TestOutboxDeliveredWhenTheNetworkReturns(t *testing.T) {
	var posts []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		posts = append(posts, r.Method+" "+r.Header.Get("Idempotency-Key"))
		mu.Unlock()
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lua"), []byte(fmt.Sprintf(`
		event.register(function(e)
			if e.class == 'http' then print('http ' .. tostring(e.type) .. ' ' .. tostring(e.durable)) end
		end)
		event.post('out', {class='http', type='request', method='post', uri=%q, body='form', durable=true})
	`, srv.URL+"/submit")), 0o644))
	m := newMachine(t, Options{Offline: true})
	require.NoError(t, m.Load(dir))
	require.NoError(t, m.Step(Tick))
	waitLog(t, m, "http queued true")
	mu.Lock()
	require.Empty(t, posts, "nothing reaches the server while offline")
	mu.Unlock()

	m.SetOffline(false)
	mu.Lock()
	require.Len(t, posts, 1)
	require.True(t, strings.HasPrefix(posts[0], "POST "), posts[0])
	require.Greater(t, len(posts[0]), len("POST "), "an idempotency key is sent")
	mu.Unlock()
	m.SetOffline(true)
	m.SetOffline(false)
	mu.Lock()
	require.Len(t, posts, 1, "delivered once")
	mu.Unlock()
	require.Contains(t, strings.Join(m.Events(), "\n"), "outbox: 1 queued request(s) delivered")
}

// F9 moves the box's area through its configured areas, all of them, and none; F8's
// language reaches the warnings' texts too.
func TestCycleAreaAndAlertLanguage(t *testing.T) {
	m := newMachine(t, Options{Alert: alert.Config{Areas: []uint16{0x5A5, 0x15A}}})
	require.Equal(t, []uint16{0x5A5}, m.CycleArea())
	require.Equal(t, []uint16{0x5A5}, m.Receiver().Alerts().Config().Areas)
	require.Equal(t, []uint16{0x15A}, m.CycleArea())
	require.Equal(t, []uint16{0x5A5, 0x15A}, m.CycleArea())
	require.Empty(t, m.CycleArea())
	require.Empty(t, m.Receiver().Alerts().Config().Areas)
	require.Equal(t, []uint16{0x5A5}, m.CycleArea())
	require.Contains(t, strings.Join(m.Events(), "\n"), "box area = none (every warning)")

	require.NoError(t, m.SetLanguage("es"))
	require.Equal(t, alert.Spanish, m.Receiver().Alerts().Config().Language)
}
