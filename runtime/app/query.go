package app

import (
	"cmp"
	"slices"

	"github.com/antena-tv/antena/demux/ait"
)

// Apps returns every app the manager knows, sorted by ID.
func (m *Manager) Apps() []Info {
	m.pubMu.RLock()
	out := make([]Info, 0, len(m.pub))
	for _, i := range m.pub {
		out = append(out, i)
	}
	m.pubMu.RUnlock()
	slices.SortFunc(out, func(a, b Info) int {
		return cmp.Or(cmp.Compare(a.ID.OrganisationID, b.ID.OrganisationID),
			cmp.Compare(a.ID.ApplicationID, b.ID.ApplicationID))
	})
	return out
}

// Startable returns the apps the viewer may start now (PRESENT apps, and
// AUTOSTART ones that ended), sorted by ID: the list the OSD offers.
// Apps signalled NOT_VISIBLE to users are left out.
func (m *Manager) Startable() []Info {
	var out []Info
	for _, i := range m.Apps() {
		if i.Startable() && (i.Type == 0 || i.Visibility == ait.VisibilityVisibleAll) {
			out = append(out, i)
		}
	}
	return out
}

// App returns what the manager knows of one app.
func (m *Manager) App(id ID) (Info, bool) {
	m.pubMu.RLock()
	defer m.pubMu.RUnlock()
	i, ok := m.pub[id]
	return i, ok
}

// Running returns the Program of a running app (an *nclua.App or an NCL
// *player.Player), or nil.
func (m *Manager) Running(id ID) Program {
	m.pubMu.RLock()
	defer m.pubMu.RUnlock()
	return m.pubRun[id]
}

// publish copies rec's Info for the query methods and emits an event.
// Manager goroutine.
func (m *Manager) publish(rec *record, kind EventKind, err error, p Progress) {
	info := rec.snapshot(m.focus)
	m.pubMu.Lock()
	if kind == EventRemoved {
		delete(m.pub, info.ID)
	} else {
		m.pub[info.ID] = info
	}
	if r := rec.run; r != nil && kind != EventRemoved {
		m.pubRun[info.ID] = r.app
	} else {
		delete(m.pubRun, info.ID)
	}
	m.pubMu.Unlock()
	if kind != 0 && m.opts.OnEvent != nil {
		m.opts.OnEvent(Event{Kind: kind, App: info, Err: err, Progress: p})
	}
}
