package apps

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	lua "github.com/yuin/gopher-lua"

	"github.com/antena-tv/antena/apps/internal/refservice"
	"github.com/antena-tv/antena/internal/golden"
	"github.com/antena-tv/antena/runtime/nclua"
	"github.com/antena-tv/antena/runtime/store"
)

const validCPF = "52998224725"

func digits(s string) []string { return strings.Split(s, "") }

func servicosOpts(t testing.TB, url string, netw nclua.Network) nclua.Options {
	return nclua.Options{
		Name:    "servicos",
		FS:      appFS(t, "servicos", map[string][]byte{"config.json": []byte(`{"service_url": "` + url + `", "id_rule": "cpf"}`)}),
		Network: netw,
	}
}

func refServer(t *testing.T) (*refservice.Service, *httptest.Server) {
	svc := refservice.New(refservice.Benefit{ID: validCPF, Status: "active", Benefit: "Bolsa Família",
		NextPayment: "2026-03-18"})
	srv := httptest.NewServer(svc) // 127.0.0.1 only
	t.Cleanup(srv.Close)
	return svc, srv
}

func TestServicosLookupOnline(t *testing.T) {
	_, srv := refServer(t)
	h := startApp(t, servicosOpts(t, srv.URL, nclua.Network{Allow: []string{"127.0.0.1"},
		Transport: srv.Client().Transport}), nil)
	defer h.stop()
	golden.Check(t, "servicos-home", h.app.Frame())
	h.keys(t, "RED") // the privacy notice comes first
	golden.Check(t, "servicos-privacy", h.app.Frame())
	h.keys(t, "GREEN")
	h.keys(t, digits("52998224724")...) // a wrong check digit
	h.keys(t, "GREEN")
	golden.Check(t, "servicos-lookup-invalid", h.app.Frame())
	h.keys(t, "RED", "5", "GREEN")
	golden.Check(t, "servicos-lookup-online", h.app.Frame())
}

func TestServicosLookupOfflineQueued(t *testing.T) {
	svc, srv := refServer(t)
	_ = svc
	db, err := store.Open(filepath.Join(t.TempDir(), "antena.db"), nil)
	require.NoError(t, err)
	defer db.Close()
	down := &downTransport{up: make(chan struct{}), rt: srv.Client().Transport}
	outbox := nclua.NewOutbox(db, down, time.Second, nil)
	opts := servicosOpts(t, srv.URL, nclua.Network{Allow: []string{"127.0.0.1"}, Transport: down, Outbox: outbox})
	opts.Store = db
	h := startApp(t, opts, nil)
	defer h.stop()
	h.keys(t, "RED", "GREEN")
	h.keys(t, digits(validCPF)...)
	h.keys(t, "GREEN")
	golden.Check(t, "servicos-lookup-offline", h.app.Frame())
	h.keys(t, "GREEN") // keep it and send it later
	golden.Check(t, "servicos-lookup-queued", h.app.Frame())
	pending, err := db.Pending()
	require.NoError(t, err)
	require.Len(t, pending, 1)
	require.Equal(t, srv.URL+"/benefit", pending[0].URL)

	close(down.up)
	n, err := outbox.Flush(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	h.settle(t)
	golden.Check(t, "servicos-lookup-delivered", h.app.Frame())
}

// TestServicosFormInterruptedThenQueued types part of a form, loses the app (channel change,
// power cut) with a letter not yet committed, finds the draft in a new run, submits offline,
// and sees the submission delivered exactly once when the network comes back.
func TestServicosFormInterruptedThenQueued(t *testing.T) {
	svc, srv := refServer(t)
	path := filepath.Join(t.TempDir(), "antena.db")
	db, err := store.Open(path, nil)
	require.NoError(t, err)
	down := &downTransport{up: make(chan struct{}), rt: srv.Client().Transport}
	outbox := nclua.NewOutbox(db, down, time.Second, nil)
	opts := servicosOpts(t, srv.URL, nclua.Network{Allow: []string{"127.0.0.1"}, Transport: down, Outbox: outbox})
	opts.Store = db

	h := startApp(t, opts, nil)
	h.keys(t, "GREEN", "GREEN") // the form, through the privacy notice
	h.keys(t, "2")              // A
	h.advance(t, 1300*time.Millisecond)
	h.keys(t, "6", "6", "2") // N (two taps), then A still pending
	golden.Check(t, "servicos-form-typing", h.app.Frame())
	h.stop() // the viewer changes channel: no BACK, no commit
	require.NoError(t, db.Close())

	db, err = store.Open(path, nil)
	require.NoError(t, err)
	defer db.Close()
	outbox = nclua.NewOutbox(db, down, time.Second, nil)
	opts.Store, opts.Network.Outbox = db, outbox
	h = startApp(t, opts, nil)
	defer h.stop()
	h.keys(t, "GREEN") // privacy already accepted: straight to the form
	golden.Check(t, "servicos-form-restored", h.app.Frame())
	h.keys(t, "CURSOR_DOWN")
	h.keys(t, digits(validCPF)...)
	h.keys(t, "CURSOR_DOWN", "CURSOR_RIGHT", "CURSOR_DOWN", "CURSOR_RIGHT", "CURSOR_RIGHT")
	h.keys(t, "GREEN") // submit while offline
	golden.Check(t, "servicos-form-queued", h.app.Frame())
	require.Zero(t, svc.Requests())

	close(down.up) // the return channel is back
	n, err := outbox.Flush(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	n, err = outbox.Flush(context.Background())
	require.NoError(t, err)
	require.Zero(t, n, "delivered once")
	h.settle(t)
	golden.Check(t, "servicos-form-receipt", h.app.Frame())
	require.Equal(t, 1, svc.Requests())
	got := svc.Appointments()
	require.Len(t, got, 1)
	require.Equal(t, refservice.Appointment{Name: "ANA", ID: validCPF, Centre: "UBS Centro", Day: "tue",
		Receipt: "AG-000001"}, got[0])

	// The receipt is kept, the draft is gone; erasing from the privacy menu removes both.
	ns, err := db.Namespace("servicos", 0)
	require.NoError(t, err)
	receipts, ok, err := ns.Get(store.Service("default"), "receipts")
	require.NoError(t, err)
	require.True(t, ok)
	require.Contains(t, receipts.(store.Table).Get(1.0).(store.Table).Get("receipt"), "AG-000001")
	_, ok, _ = ns.Get(store.Service("default"), "draft")
	require.False(t, ok)
	h.keys(t, "BACK", "BLUE", "RED", "GREEN")
	golden.Check(t, "servicos-erased", h.app.Frame())
	for _, k := range []string{"receipts", "privacy", "draft", "lookup", "queued"} {
		_, ok, err := ns.Get(store.Service("default"), k)
		require.NoError(t, err)
		require.False(t, ok, k)
	}
}

// TestServicosDataUpdate: a new carousel version restarts the app, which shows the new data.
func TestServicosDataUpdate(t *testing.T) {
	opts := servicosOpts(t, "http://127.0.0.1:1", nclua.Network{})
	opts.FS = appFS(t, "servicos", map[string][]byte{"data/notices.json": []byte(`{"updated": "2026-03-09",
	  "items": [{"title": {"pt": "Campanha de vacinação prorrogada"}, "body": {"pt": "Até 15 de abril."}}]}`)})
	h := startApp(t, opts, nil)
	defer h.stop()
	h.keys(t, "YELLOW")
	golden.Check(t, "servicos-notices-updated", h.app.Frame())
}

func TestServicosMultitapAndIDRule(t *testing.T) {
	h := startApp(t, servicosOpts(t, "http://127.0.0.1:1", nclua.Network{}), nil)
	defer h.stop()
	var err error
	h.lua(t, func(L *lua.LState) {
		err = L.DoString(`
			local id = require 'idnumber'
			assert(id.cpf('52998224725') and id.cpf('11144477735') and id.cpf('12345678909'))
			assert(not id.cpf('52998224724') and not id.cpf('11111111111') and not id.cpf('5299822472'))
			assert(id.format('cpf', '5299822') == '529.982.2')
			assert(id.mask('52998224725') == '*********25')
			assert(id.digits('1234567') and not id.digits('12345'))`)
	})
	require.NoError(t, err)
}

func TestAppsTextSizeInEveryLanguage(t *testing.T) {
	walks := map[string][][]string{
		"servicos": {{"CURSOR_DOWN", "ENTER", "BACK"}, {"YELLOW"}, {"CURSOR_DOWN", "CURSOR_DOWN", "ENTER"},
			{"RED", "GREEN", "1", "GREEN"}, {"GREEN", "GREEN", "2"}, {"BLUE", "RED"}},
		"escola": {{"ENTER", "ENTER", "GREEN", "RED", "ENTER", "RED", "ENTER", "RED", "ENTER"},
			{"BLUE", "CURSOR_DOWN", "ENTER"}},
	}
	for dir, ws := range walks {
		for _, l := range []string{"pt", "es", "en"} {
			t.Run(dir+"-"+l, func(t *testing.T) {
				for _, w := range ws {
					h := startApp(t, nclua.Options{Name: dir, FS: os.DirFS(dir), Settings: lang(l)}, nil)
					h.keys(t, w...)
					minSize, calls := h.minFont(t)
					require.Positive(t, calls)
					require.GreaterOrEqual(t, minSize, 24.0)
					h.stop()
				}
			})
		}
	}
	h := startApp(t, nclua.Options{Name: "servicos", FS: os.DirFS("servicos"), Settings: lang("en")}, nil)
	golden.Check(t, "servicos-home-en", h.app.Frame())
	h.stop()
	h = startApp(t, nclua.Options{Name: "servicos", FS: os.DirFS("servicos"), Settings: lang("es")}, nil)
	h.keys(t, "GREEN")
	golden.Check(t, "servicos-privacy-es", h.app.Frame())
	h.stop()
}
