package player

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"testing"
	"testing/fstest"
	"time"

	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/ncl"
	"github.com/antena-tv/antena/runtime/nclua"
)

// FuzzPlayer plays arbitrary bytes as the entry document, beside the
// testdata files (images, texts, scripts, connector bases), presses keys
// and lets time pass: the player may refuse the document or stop a
// script, but it never panics (a panic inside it would stop it with
// ErrPanic) and never keeps itself busy for ever.
func FuzzPlayer(f *testing.F) {
	base := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("testdata"), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || path.Dir(p) == "golden" {
			return err
		}
		b, err := fs.ReadFile(os.DirFS("testdata"), p)
		if err != nil {
			return err
		}
		base[p] = &fstest.MapFile{Data: b}
		if path.Ext(p) == ".ncl" {
			f.Add(path.Dir(p), b)
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, dir string, doc []byte) {
		if !fs.ValidPath(dir) {
			dir = "."
		}
		fsys := fstest.MapFS{path.Join(dir, "fuzz.ncl"): {Data: doc}}
		for k, v := range base {
			fsys[k] = v
		}
		sub, err := fs.Sub(fsys, dir)
		if err != nil {
			return
		}
		p, err := New(Options{FS: sub, Main: "fuzz.ncl", Width: 320, Height: 180,
			ParseLimits: ncl.Limits{MaxFileSize: 64 << 10, MaxElements: 2000, MaxDepth: 32, MaxImportDepth: 4},
			Lua:         nclua.Options{Clock: rlua.NewVirtualClock(time.Unix(0, 0)), Logger: slog.New(slog.DiscardHandler), Deadline: 50 * time.Millisecond}})
		if err != nil {
			return
		}
		defer func() {
			p.Stop()
			<-p.Done()
		}()
		if p.Start() != nil {
			return
		}
		for _, k := range []string{"ENTER", "CURSOR_DOWN", "RED", "BACK"} {
			_ = p.Send(nclua.KeyEvent("press", k))
			_ = p.Send(nclua.KeyEvent("release", k))
		}
		synced := make(chan error, 1)
		go func() { synced <- p.Sync() }()
		select {
		case err := <-synced:
			if err != nil && !errors.Is(err, rlua.ErrBusy) {
				t.Fatalf("sync: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("the player is still busy after 20 s")
		}
		if se := p.Err(); se != nil && errors.Is(se, rlua.ErrPanic) {
			t.Fatalf("the player panicked: %v\n%s", se, se.Traceback)
		}
	})
}
