// Package apps holds the apps Antena ships. Its tests check that each app runs under the
// same runtime a box uses, and measure how long each takes to draw its first frame.
package apps

import (
	"image"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
)

// shipped lists the app folders of this directory.
func shipped(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "testdata" {
			if _, err := os.Stat(e.Name() + "/main.lua"); err == nil {
				out = append(out, e.Name())
			}
		}
	}
	require.NotEmpty(t, out)
	return out
}

// startToFirstFlush starts an app and returns when its global canvas is first flushed.
func startToFirstFlush(t testing.TB, dir string) (*nclua.App, <-chan struct{}) {
	t.Helper()
	flushed := make(chan struct{}, 1)
	app, err := nclua.New(nclua.Options{
		Name:  dir,
		FS:    os.DirFS(dir),
		Clock: rlua.NewVirtualClock(time.Unix(0, 0)),
		OnFlush: func([]image.Rectangle) {
			select {
			case flushed <- struct{}{}:
			default:
			}
		},
	})
	require.NoError(t, err)
	app.Start()
	return app, flushed
}

func TestAppsStartAndDraw(t *testing.T) {
	for _, dir := range shipped(t) {
		t.Run(dir, func(t *testing.T) {
			app, flushed := startToFirstFlush(t, dir)
			defer app.Stop()
			select {
			case <-flushed:
			case <-app.Done():
				t.Fatalf("%s stopped before drawing: %v", dir, app.Err())
			case <-time.After(30 * time.Second):
				t.Fatalf("%s did not draw within 30 s", dir)
			}
			require.NoError(t, app.Sync())
			require.Nil(t, app.Err())
		})
	}
}

// BenchmarkStartToFirstFrame measures, for each shipped app, the time from creating it
// (a new Lua state, the four modules, a 1280x720 canvas) to the first flush of its global
// canvas.
func BenchmarkStartToFirstFrame(b *testing.B) {
	for _, dir := range shipped(b) {
		b.Run(dir, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				app, flushed := startToFirstFlush(b, dir)
				select {
				case <-flushed:
				case <-app.Done():
					b.Fatalf("%s stopped: %v", dir, app.Err())
				}
				app.Stop()
				<-app.Done()
			}
		})
	}
}
