package emulator

import (
	"time"

	"github.com/antena-tv/antena/demux"
	dalert "github.com/antena-tv/antena/demux/alert"
)

// Warning is a synthetic ISDB emergency warning the emulator raises at Start and ends at
// End (0: never) of its virtual time, through the alert manager, as if the Demuxer had
// found a 0xFC descriptor.
type Warning struct {
	Start, End time.Duration
	ServiceID  uint16             // 0: the selected service
	Level      dalert.SignalLevel // first kind by default
	Areas      []uint16
}

type scheduled struct {
	w              Warning
	started, ended bool
}

// Warn schedules a synthetic warning.
func (m *Machine) Warn(w Warning) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.alerts = append(m.alerts, scheduled{w: w})
}

func (m *Machine) pendingAlerts() []scheduled {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []scheduled
	for _, s := range m.alerts {
		if !s.started || (s.w.End > 0 && !s.ended) {
			out = append(out, s)
		}
	}
	return out
}

// fireAlerts raises and ends the scheduled warnings that are due.
func (m *Machine) fireAlerts() {
	m.mu.Lock()
	var evs []dalert.Event
	for i := range m.alerts {
		s := &m.alerts[i]
		a := dalert.Alert{System: dalert.SystemISDB, ServiceID: s.w.ServiceID, SignalLevel: s.w.Level,
			AreaCodes: s.w.Areas}
		if a.ServiceID == 0 {
			a.ServiceID = m.rx.Service()
		}
		if !s.started && m.elapsed >= s.w.Start {
			s.started = true
			evs = append(evs, dalert.Event{Kind: dalert.KindStart, Alert: a})
		}
		if s.started && !s.ended && s.w.End > 0 && m.elapsed >= s.w.End {
			s.ended = true
			evs = append(evs, dalert.Event{Kind: dalert.KindEnd, Reason: dalert.ReasonSignalled, Alert: a})
		}
	}
	m.mu.Unlock()
	for _, e := range evs {
		m.rx.Alerts().Handle(demux.Info{Packet: -1}, e)
	}
}
