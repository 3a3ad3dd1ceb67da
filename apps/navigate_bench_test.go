package apps

import (
	"image"
	"os"
	"testing"
	"time"

	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
)

// BenchmarkNavigateFrame measures, for servicos and escola, the time from a key press
// (CURSOR_DOWN or CURSOR_UP on the home / lesson list) to the flush of the redrawn frame.
func BenchmarkNavigateFrame(b *testing.B) {
	for _, c := range []struct{ dir, enter string }{{"servicos", ""}, {"escola", "ENTER"}} {
		b.Run(c.dir, func(b *testing.B) {
			flushed := make(chan struct{}, 1)
			app, err := nclua.New(nclua.Options{Name: c.dir, FS: os.DirFS(c.dir),
				Clock: rlua.NewVirtualClock(time.Unix(0, 0)),
				OnFlush: func([]image.Rectangle) {
					select {
					case flushed <- struct{}{}:
					default:
					}
				}})
			if err != nil {
				b.Fatal(err)
			}
			defer app.Stop()
			_ = app.Start()
			<-flushed
			if c.enter != "" {
				_ = app.Send(nclua.KeyEvent("press", c.enter))
				<-flushed
			}
			keys := []string{"CURSOR_DOWN", "CURSOR_UP"}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				_ = app.Send(nclua.KeyEvent("press", keys[i%2]))
				<-flushed
				i++
			}
		})
	}
}
