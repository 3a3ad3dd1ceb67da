package app

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/antena-tv/antena/demux/ait"
)

// Service is the service (program) the viewer is watching.
type Service struct {
	ID uint16 // service_id (program_number)
	// Scope is the persistent.service scope of the apps started from now
	// on (default the decimal service id; e.g. "onid.tsid.sid").
	Scope string
	// Channel is the persistent.channel scope (default "default").
	Channel string
}

// SetService tells the manager that the viewer changed service. Apps bound
// to the old service (service_bound_flag) stop (ErrServiceChanged); apps
// not running are forgotten with the old service's AIT; unbound running
// apps go on until the new service's AIT of their application type
// arrives, and stop then if it does not list them. Apps added with Add are
// not affected. It returns without waiting.
func (m *Manager) SetService(s Service) {
	m.service.Store(uint32(s.ID) + 1)
	m.post(func() { m.onService(s) })
}

func (m *Manager) onService(s Service) {
	if s == m.svc {
		return
	}
	m.svc = s
	for _, rec := range m.apps {
		switch {
		case rec.fromSpec:
		case rec.run != nil && rec.info.ServiceBound:
			m.drop(rec, ErrServiceChanged)
		case rec.run != nil:
			rec.carried = true
		default:
			m.drop(rec, ErrServiceChanged)
		}
	}
	m.tables = map[tableKey]map[ID]bool{}
}

// Spec describes an app the host gives directly, not through an AIT: an
// app folder in the emulator, an app on a local disk, an app at a URL.
type Spec struct {
	ID   ID
	Name string
	// Entry is its entry file, relative to the files' root. The default is
	// main.lua, or main.ncl for files (FS, Dir) that have a main.ncl and no
	// main.lua.
	Entry string
	// Files: exactly one of FS, Dir and URL.
	FS  fs.FS  // any file system
	Dir string // a directory (os.DirFS)
	URL string // an HTTP base URL: Entry is fetched from URL+Entry
	// Autostart starts it as soon as it is added (else it is PRESENT: listed
	// by Startable, started by Start).
	Autostart bool
}

// LocalApp tells whether path is an app on disk and returns where its files
// are and its entry: a folder (Entry "": its default), or a .ncl document
// or .lua script run from its folder. ok is false for anything else (a
// stream file, say); err is set when path cannot be read.
func LocalApp(path string) (dir, entry string, ok bool, err error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", "", false, err
	}
	if st.IsDir() {
		return path, "", true, nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ncl", ".lua":
		return filepath.Dir(path), filepath.Base(path), true, nil
	}
	return "", "", false, nil
}

// defaultEntry is main.lua, or main.ncl when only that is there.
func defaultEntry(s Spec) string {
	fsys := s.FS
	if s.Dir != "" {
		fsys = os.DirFS(s.Dir)
	}
	if fsys != nil {
		if _, err := fs.Stat(fsys, "main.lua"); err != nil {
			if _, err := fs.Stat(fsys, "main.ncl"); err == nil {
				return "main.ncl"
			}
		}
	}
	return "main.lua"
}

// Add adds (or replaces, if not running) an app given by the host. It
// returns without waiting.
func (m *Manager) Add(s Spec) error {
	if s.Entry == "" {
		s.Entry = defaultEntry(s)
	}
	entry := cleanEntry(s.Entry)
	if entry == "" {
		return fmt.Errorf("%w: entry %q", ErrSpec, s.Entry)
	}
	var src source
	n := 0
	if s.FS != nil {
		n++
		src = &folderSource{fsys: s.FS}
	}
	if s.Dir != "" {
		n++
		src = &folderSource{fsys: os.DirFS(s.Dir), dir: s.Dir}
	}
	if s.URL != "" {
		n++
		hs, err := newHTTPSource(s.URL, m.opts.HTTP)
		if err != nil {
			return err
		}
		src = hs
	}
	if n != 1 {
		return fmt.Errorf("%w: give exactly one of FS, Dir and URL", ErrSpec)
	}
	code := ait.ControlCodePresent
	if s.Autostart {
		code = ait.ControlCodeAutostart
	}
	info := Info{ID: s.ID, Name: s.Name, ControlCode: code, Visibility: ait.VisibilityVisibleAll, Entry: entry}
	m.post(func() {
		if old := m.apps[s.ID]; old != nil {
			if old.run != nil || old.info.State == StateLoading {
				m.log.Warn("Add: app is running; not replaced", "id", s.ID)
				return
			}
			delete(m.apps, s.ID)
		}
		rec := &record{info: info, src: src, fromSpec: true}
		m.apps[s.ID] = rec
		m.publish(rec, EventSignalled, nil, Progress{})
		if s.Autostart {
			rec.autoDone = true
			m.startApp(rec, false)
		}
	})
	return nil
}

// Remove stops an app added with Add (or any app) and forgets it.
func (m *Manager) Remove(id ID) error {
	if _, ok := m.App(id); !ok {
		return fmt.Errorf("%w: %v", ErrNotFound, id)
	}
	m.post(func() {
		if rec := m.apps[id]; rec != nil {
			m.drop(rec, ErrStoppedByHost)
		}
	})
	return nil
}

// Start starts an app the viewer picked (see Startable). It returns at
// once; the events tell when it runs or why it could not.
func (m *Manager) Start(id ID) error {
	i, ok := m.App(id)
	if !ok {
		return fmt.Errorf("%w: %v", ErrNotFound, id)
	}
	if err := unsupported(i.Type, i.Entry); err != nil {
		m.post(func() { // records the failure: state and event
			if rec := m.apps[id]; rec != nil && rec.run == nil {
				m.startApp(rec, true)
			}
		})
		return err
	}
	if !i.Startable() && i.State != StateRunning && i.State != StateLoading {
		return fmt.Errorf("%w: %v is %v", ErrNotStartable, id, i.ControlCode)
	}
	m.post(func() {
		if rec := m.apps[id]; rec != nil {
			m.startApp(rec, true)
		}
	})
	return nil
}

// Stop stops a running (or loading) app. The viewer's stop is not undone
// by AUTOSTART until the service is selected again.
func (m *Manager) Stop(id ID) error {
	if _, ok := m.App(id); !ok {
		return fmt.Errorf("%w: %v", ErrNotFound, id)
	}
	m.post(func() {
		if rec := m.apps[id]; rec != nil {
			m.halt(rec, ErrStoppedByHost, false)
		}
	})
	return nil
}

// Reload starts a running app again with fresh files (the emulator's hot
// reload; an HTTP app fetches its files again). An app that is not
// running is left alone.
func (m *Manager) Reload(id ID) error {
	if _, ok := m.App(id); !ok {
		return fmt.Errorf("%w: %v", ErrNotFound, id)
	}
	m.post(func() {
		if rec := m.apps[id]; rec != nil && rec.run != nil {
			rec.restart = true
			m.stopRun(rec.run, ErrUpdated, false)
		}
	})
	return nil
}

// Focus gives the remote-control keys to a running app.
func (m *Manager) Focus(id ID) error {
	i, ok := m.App(id)
	if !ok {
		return fmt.Errorf("%w: %v", ErrNotFound, id)
	}
	if i.State != StateRunning {
		return fmt.Errorf("%w: %v is %v", ErrNotStartable, id, i.State)
	}
	m.post(func() {
		if rec := m.apps[id]; rec != nil && rec.run != nil && !rec.run.ended {
			m.setFocus(rec.run)
		}
	})
	return nil
}
