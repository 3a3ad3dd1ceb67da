package app

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/ait"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/ncl"
)

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
}

const mainWithLib = `local util = require 'lib.util'
event.post('out', {class='user', msg=util.word})`

func TestFolderApp(t *testing.T) {
	h := newHarness(t, Options{Store: openStore(t)})
	dir := t.TempDir()
	writeFile(t, dir, "main.lua", mainWithLib)
	writeFile(t, dir, "lib/util.lua", `persistent.shared.n = (persistent.shared.n or 0) + 1
		return {word = 'v1 ' .. persistent.shared.n}`)
	id := ID{OrganisationID: 0xFFFF, ApplicationID: 1}
	require.NoError(t, h.m.Add(Spec{ID: id, Name: "Local", Dir: dir}))
	h.sync()
	i := h.info(id)
	require.Equal(t, StateSignalled, i.State)
	require.Equal(t, SourceFolder, i.Source)
	require.Equal(t, dir, i.Location)
	require.Equal(t, []Info{i}, h.m.Startable())

	require.NoError(t, h.m.Start(id))
	h.sync()
	require.Equal(t, StateRunning, h.state(id))
	require.Equal(t, []string{"v1 1"}, h.said(id))

	// Hot reload: the folder changed, the app starts again with it.
	writeFile(t, dir, "lib/util.lua", `persistent.shared.n = (persistent.shared.n or 0) + 1
		return {word = 'v2 ' .. persistent.shared.n}`)
	require.NoError(t, h.m.Reload(id))
	h.sync()
	require.Equal(t, []string{"v1 1", "v2 2"}, h.said(id))
	require.Equal(t, 2, h.info(id).Runs)
}

func TestFolderAppErrors(t *testing.T) {
	h := newHarness(t, Options{})
	dir := t.TempDir()
	writeFile(t, dir, "start.ncl", "<html/>")
	require.NoError(t, h.m.Add(Spec{ID: appID(1), Dir: dir, Autostart: true}))
	require.NoError(t, h.m.Add(Spec{ID: appID(2), Dir: dir, Entry: "start.ncl", Autostart: true}))
	h.sync()
	i := h.info(appID(1))
	require.Equal(t, StateFailed, i.State)
	require.ErrorIs(t, i.Err, ErrNoEntry)
	i = h.info(appID(2))
	require.Equal(t, StateFailed, i.State)
	require.ErrorIs(t, i.Err, ncl.ErrNotNCL)
	writeFile(t, dir, "start.java", "class X {}")
	require.NoError(t, h.m.Add(Spec{ID: appID(4), Dir: dir, Entry: "start.java", Autostart: true}))
	h.sync()
	require.ErrorIs(t, h.info(appID(4)).Err, ErrUnsupported)

	require.ErrorIs(t, h.m.Add(Spec{ID: appID(3)}), ErrSpec)
	require.ErrorIs(t, h.m.Add(Spec{ID: appID(3), Dir: dir, URL: "http://127.0.0.1/"}), ErrSpec)
	require.ErrorIs(t, h.m.Add(Spec{ID: appID(3), Dir: dir, Entry: "a\x00.lua"}), ErrSpec)
	require.ErrorIs(t, h.m.Add(Spec{ID: appID(3), URL: "ftp://127.0.0.1/"}), ErrSpec)
}

// fileServer serves files from a map that tests change, and counts GETs.
type fileServer struct {
	mu    sync.Mutex
	files map[string]string
	gets  map[string]int
}

func newFileServer(t *testing.T, files map[string]string) (*fileServer, *httptest.Server) {
	t.Helper()
	fsrv := &fileServer{files: files, gets: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fsrv.mu.Lock()
		defer fsrv.mu.Unlock()
		fsrv.gets[r.URL.Path]++
		body, ok := fsrv.files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if target, ok := strings.CutPrefix(body, "redirect:"); ok {
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	require.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)
	return fsrv, srv
}

func (f *fileServer) set(path, body string) {
	f.mu.Lock()
	f.files[path] = body
	f.mu.Unlock()
}

func (f *fileServer) count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.gets[path]
}

func TestHTTPAppFromSpec(t *testing.T) {
	h := newHarness(t, Options{})
	fsrv, srv := newFileServer(t, map[string]string{
		"/apps/quiz/main.lua":     mainWithLib,
		"/apps/quiz/lib/util.lua": `return {word='over http'}`,
	})
	id := appID(7)
	require.NoError(t, h.m.Add(Spec{ID: id, Name: "Quiz", URL: srv.URL + "/apps/quiz", Autostart: true}))
	h.sync()
	i := h.info(id)
	require.Equal(t, StateRunning, i.State, "%v", i.Err)
	require.Equal(t, SourceHTTP, i.Source)
	require.Equal(t, []string{"over http"}, h.said(id))
	require.Equal(t, 1, fsrv.count("/apps/quiz/main.lua"), "fetched once, then cached")
	require.Equal(t, 1, fsrv.count("/apps/quiz/lib/util.lua"))
	require.Zero(t, fsrv.count("/apps/quiz/lib/util/init.lua"), "require tried no other path")

	// A new version on the server: Reload fetches it.
	fsrv.set("/apps/quiz/lib/util.lua", `return {word='new'}`)
	require.NoError(t, h.m.Reload(id))
	h.sync()
	require.Equal(t, []string{"over http", "new"}, h.said(id))
	require.Equal(t, 2, fsrv.count("/apps/quiz/lib/util.lua"))
}

func TestHTTPAppFromAIT(t *testing.T) {
	h := newHarness(t, Options{})
	fsrv, srv := newFileServer(t, map[string]string{"/hbb/main.lua": mainHello})
	h.m.SignalAIT(aitTable(t, 1,
		aitHTTPApp(1, ait.ControlCodeAutostart, "Web", srv.URL+"/hbb/", "main.lua"),
		aitHTTPApp(2, ait.ControlCodeAutostart, "Gone", srv.URL+"/nothing/", "main.lua")), nil)
	h.sync()
	i := h.info(appID(1))
	require.Equal(t, StateRunning, i.State, "%v", i.Err)
	require.Equal(t, srv.URL+"/hbb/", i.Location)
	require.Equal(t, []string{"hello"}, h.said(appID(1)))
	require.Equal(t, 1, fsrv.count("/hbb/main.lua"))

	i = h.info(appID(2))
	require.Equal(t, StateFailed, i.State)
	require.ErrorIs(t, i.Err, ErrNoEntry)
}

func TestTransportFallsBackToHTTP(t *testing.T) {
	h := newHarness(t, Options{})
	_, srv := newFileServer(t, map[string]string{"/app/main.lua": mainHello})
	a := aitHTTPApp(1, ait.ControlCodeAutostart, "Both", srv.URL+"/app/", "main.lua")
	a.Descriptors = append(a.Descriptors, &ait.TransportProtocolDescriptor{
		ProtocolID: ait.ProtocolObjectCarousel, TransportProtocolLabel: 1, ComponentTag: 0x77})
	a.Descriptors[0] = &ait.ApplicationDescriptor{Visibility: ait.VisibilityVisibleAll,
		TransportProtocolLabels: []uint8{1, 2}}
	h.m.SignalAIT(aitTable(t, 1, a), func(uint8) (uint16, Carousel, bool) { return 0, nil, false })
	h.sync()
	i := h.info(appID(1))
	require.Equal(t, StateRunning, i.State, "%v", i.Err)
	require.Equal(t, SourceHTTP, i.Source)
}

func TestLuaErrorFails(t *testing.T) {
	h := newHarness(t, Options{})
	require.NoError(t, h.m.Add(Spec{ID: appID(1), Name: "Buggy", FS: mapFS(map[string]string{
		"main.lua": "local x = nil\nerror('boom')"}), Autostart: true}))
	h.sync()
	i := h.info(appID(1))
	require.Equal(t, StateFailed, i.State)
	require.ErrorIs(t, i.Err, rlua.ErrRuntime)
	require.Contains(t, i.Err.Error(), "main.lua:2: boom")
	ev, ok := h.lastEvent(appID(1), EventFailed)
	require.True(t, ok)
	require.Contains(t, ev.String(), "Buggy")
	require.Nil(t, h.m.Running(appID(1)))
}
