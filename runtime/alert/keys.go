package alert

import (
	"time"

	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/hardware"
)

// FilterKey is the first stop of every remote-control key: the receiver calls it before
// routing the key anywhere (zapping, menus, apps) and drops the key when it returns true.
//
// While a warning holds the screen — an ISDB warning not dismissed, or an SCTE-18
// priority-15 alert on its details channel — keys are filtered:
//
//   - VOLUME_UP, VOLUME_DOWN and MUTE pass (returns false): the viewer must be able to
//     hear the warning.
//   - INFO is taken: on press it reduces the panel to a banner at the top of the screen,
//     so the warning service's own picture shows, or brings the panel back. The warning
//     stays on screen either way.
//   - ENTER (OK), BACK and EXIT are taken: on press they dismiss a second-kind warning
//     (the panel goes, keys are free again; the box stays on the warning's service until
//     the viewer zaps, and an update of the warning shows it again). They do nothing to a
//     first-kind warning, nor to an SCTE-18 priority-15 alert: only their end removes them.
//   - Every other key is taken and does nothing: no zapping, no menu, no app.
//
// Presses and releases are filtered alike; only presses (not auto-repeats) act. With no
// warning holding the screen (none, all dismissed, or only SCTE-18 crawls below priority
// 15) every key passes.
func (m *Manager) FilterKey(ev hardware.KeyEvent) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.holding() {
		return false
	}
	act := ev.Pressed && !ev.Repeat
	switch ev.Key {
	case hardware.KeyVolumeUp, hardware.KeyVolumeDown, hardware.KeyMute:
		return false
	case hardware.KeyInfo:
		if act {
			m.minimized = !m.minimized
			m.version++
		}
	case hardware.KeyEnter, hardware.KeyBack, hardware.KeyExit:
		if act {
			m.dismiss(m.clock())
		}
	}
	return true
}

// Holding reports whether a warning holds the screen and the keys (see FilterKey).
func (m *Manager) Holding() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.holding()
}

func (m *Manager) holding() bool {
	for k := range m.entries {
		if holds(&m.entries[k]) {
			return true
		}
	}
	return false
}

// dismiss closes the second-kind warning on the panel, if that is what it shows.
func (m *Manager) dismiss(now time.Duration) {
	k := m.panelEntry()
	if k < 0 {
		return
	}
	e := &m.entries[k]
	if e.a.SignalLevel != dalert.SignalLevelSecondKind {
		return
	}
	e.dismissed = true
	m.minimized = false
	m.version++
	m.record(Record{Action: ActionDismissed, RaisedAt: e.raisedAt}, &e.a, -1, now)
}

// panelEntry returns the ISDB warning the panel shows: the most severe not dismissed,
// the latest of equals; -1 when none.
func (m *Manager) panelEntry() int {
	best := -1
	for k := range m.entries {
		e := &m.entries[k]
		if e.a.System != dalert.SystemISDB || e.dismissed {
			continue
		}
		if best < 0 || outranks(e, &m.entries[best]) {
			best = k
		}
	}
	return best
}

// crawlEntry returns the SCTE-18 alert the crawl shows: the highest priority not
// excepted, the latest of equals; -1 when none.
func (m *Manager) crawlEntry() int {
	best := -1
	for k := range m.entries {
		e := &m.entries[k]
		if e.a.System != dalert.SystemSCTE18 || e.excepted {
			continue
		}
		if best < 0 || outranks(e, &m.entries[best]) {
			best = k
		}
	}
	return best
}
