package mux

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/antena-tv/antena/demux/dsmcc"
)

// DefaultDebounce is how long the folder must stay quiet after a change before Watch
// rebuilds the carousel (editors write a file in several steps).
const DefaultDebounce = 300 * time.Millisecond

// Watch follows dir (the folder of Config.FS) with fsnotify, sub-folders included, and
// rebuilds the carousel after every change once the folder has been quiet for debounce
// (0: DefaultDebounce). A rebuilt carousel that differs goes on the air at the next
// section boundary of a running Run, its changed modules first, so receivers have it
// within one carousel cycle; the stream is not interrupted. A rebuild that fails (a file
// half written, too large) leaves the carousel on the air as it is; its error goes to
// OnRebuild. Watch returns when ctx is cancelled, or when the watch cannot be set up.
func (m *Mux) Watch(ctx context.Context, dir string, debounce time.Duration) error {
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := watchTree(w, dir); err != nil {
		return err
	}
	if m.watchReady != nil {
		m.watchReady()
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					_ = watchTree(w, ev.Name) // a folder that vanished at once is no matter
				}
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if m.OnRebuild != nil {
				m.OnRebuild(nil, err)
			}
		case <-timer.C:
			m.Rebuild()
		}
	}
}

// watchTree adds dir and every folder under it to w.
func watchTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.Add(p)
		}
		return nil
	})
}

// Rebuild builds the carousel again from Config.FS and, when it changed, hands it to the
// running Run (replacing one not yet on the air). It is what Watch calls; call it from one
// goroutine at a time.
func (m *Mux) Rebuild() (*dsmcc.BuiltCarousel, error) {
	c, err := m.builder.Build(m.cfg.FS)
	if err == nil {
		if _, serr := fs.Stat(m.cfg.FS, m.cfg.App.Entry); serr != nil {
			err = serr // the AIT would name a file the carousel no longer has
			c = nil
		}
	}
	if m.OnRebuild != nil {
		m.OnRebuild(c, err)
	}
	if err != nil || !c.Changed {
		return c, err
	}
	for {
		select {
		case m.updates <- c:
			return c, nil
		default:
			select {
			case <-m.updates: // a rebuild not yet on the air: this one replaces it
			default:
			}
		}
	}
}
