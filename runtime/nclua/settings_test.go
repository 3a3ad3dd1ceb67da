package nclua

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/runtime/store"
)

func TestLuaSettings(t *testing.T) {
	RunLuaTestFile(t, "test_settings.lua", Options{Width: 64, Height: 48, Settings: Settings{
		"system":  {"language": "es"},
		"service": {"currentFocus": "menu"},
	}})
}

func TestSetSetting(t *testing.T) {
	ta := newTestApp(t, map[string]string{"main.lua": ""}, Options{})
	require.NoError(t, ta.SetSetting("service.currentFocus", "btn2"))
	require.NoError(t, ta.SetSetting("service.currentKeyMaster", 3))
	require.NoError(t, ta.Sync())
	require.Equal(t, "btn2 3", ta.run(t, "return settings.service.currentFocus .. ' ' .. settings.service.currentKeyMaster").String())
	require.ErrorIs(t, ta.SetSetting("nodot", 1), ErrSetting)
}

func TestLuaPersistentInMemory(t *testing.T) {
	RunLuaTestFile(t, "test_persistent.lua", Options{})
}

func TestLuaPersistentStore(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "antena.db"), nil)
	require.NoError(t, err)
	defer db.Close()
	RunLuaTestFile(t, "test_persistent.lua", Options{Store: db})
}

func TestPersistentSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "antena.db")
	db, err := store.Open(path, nil)
	require.NoError(t, err)
	opts := Options{Name: "quiz", Store: db, ServiceID: "1.2.3"}
	ta := newTestApp(t, map[string]string{"main.lua": `
		persistent.shared.best = 10
		persistent.service.last = {round = 3, names = {'a', 'b'}}
	`}, opts)
	ta.Stop()
	<-ta.Done()
	require.NoError(t, db.Close())

	db, err = store.Open(path, nil)
	require.NoError(t, err)
	defer db.Close()
	opts.Store = db
	tb := newTestApp(t, map[string]string{"main.lua": ""}, opts)
	require.Equal(t, "10 3 b", tb.run(t,
		"return persistent.shared.best .. ' ' .. persistent.service.last.round .. ' ' .. persistent.service.last.names[2]").String())
	// Another service sees its own service scope; shared is the app's everywhere.
	opts.ServiceID = "9.9.9"
	tc := newTestApp(t, map[string]string{"main.lua": ""}, opts)
	require.Equal(t, "10 nil", tc.run(t, "return persistent.shared.best .. ' ' .. tostring(persistent.service.last)").String())
	// Another app sees nothing of quiz's.
	opts.Name = "other"
	td := newTestApp(t, map[string]string{"main.lua": ""}, opts)
	require.Equal(t, "nil", td.run(t, "return tostring(persistent.shared.best)").String())
}
