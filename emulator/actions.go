package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"sync/atomic"

	"github.com/antena-tv/antena/demux"
	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/runtime/alert"
	"github.com/antena-tv/antena/runtime/nclua"
)

// ErrOffline is the error of a request or connection made while the return channel is
// cut (SetOffline).
var ErrOffline = errors.New("network is unreachable (emulator offline)")

// Languages are the values SetLanguage accepts and CycleLanguage goes through, in turn.
var Languages = []string{"pt", "es", "en"}

// switchable is the emulator's return channel: any host, unless cut.
type switchable struct {
	off  *atomic.Bool
	base http.RoundTripper
	dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

func (s *switchable) RoundTrip(r *http.Request) (*http.Response, error) {
	if s.off.Load() {
		if r.Body != nil {
			_ = r.Body.Close()
		}
		return nil, ErrOffline
	}
	return s.base.RoundTrip(r)
}

func (s *switchable) Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if s.off.Load() {
		return nil, &net.OpError{Op: "dial", Net: network, Err: ErrOffline}
	}
	return s.dial(ctx, network, addr)
}

// network returns the apps' Network: every host is allowed, and the transport and the
// dialer fail with ErrOffline while off is set, so that the return channel can be cut
// and restored while apps run.
func network(off *atomic.Bool) nclua.Network {
	d := &net.Dialer{}
	s := &switchable{off: off, base: http.DefaultTransport.(*http.Transport).Clone(), dial: d.DialContext}
	return nclua.Network{Allow: []string{"*"}, Transport: s, Dial: s.Dial}
}

// Offline reports whether the return channel is cut.
func (m *Machine) Offline() bool { return m.offline.Load() }

// SetOffline cuts (true) or restores (false) the return channel: while it is cut, the
// apps' http requests and tcp connections fail with ErrOffline. Requests in flight are
// not cut. When it comes back, the durable requests queued in the outbox are sent, each
// once.
func (m *Machine) SetOffline(off bool) {
	if m.offline.Swap(off) == off {
		return
	}
	m.dbg.event("network %s", map[bool]string{true: "cut (offline)", false: "restored (online)"}[off])
	if !off && m.outbox != nil {
		n, err := m.outbox.Flush(context.Background())
		if err != nil {
			m.log.Warn("outbox", "err", err)
		}
		if n > 0 || err != nil {
			m.dbg.event("outbox: %d queued request(s) delivered", n)
		}
	}
}

// ToggleOffline cuts or restores the return channel and reports whether it is now cut.
func (m *Machine) ToggleOffline() bool {
	m.SetOffline(!m.Offline())
	return m.Offline()
}

// Language returns the apps' settings.system.language.
func (m *Machine) Language() string { return m.lang }

// SetLanguage sets settings.system.language ("pt", "es" or "en") for every running app
// and runs them until idle. Apps started later see the language of Options.Language
// (the runtime's settings are fixed at New), and the alert overlay keeps
// Options.Alert.Language: the alert manager has no setter.
func (m *Machine) SetLanguage(lang string) error {
	if !slices.Contains(Languages, lang) {
		return fmt.Errorf("emulator: language %q: want one of %v", lang, Languages)
	}
	m.lang = lang
	for _, a := range m.Apps() {
		if ra := m.rx.Apps().Running(a.ID); ra != nil {
			if err := ra.SetSetting("system.language", lang); err != nil {
				return err
			}
		}
	}
	if l, err := alert.ParseLanguage(lang); err == nil {
		m.rx.Alerts().SetLanguage(l) // the warnings' texts follow the box's language
	}
	m.dbg.event("settings.system.language = %s", lang)
	return m.sync()
}

// SetAreas sets the box's area codes: warnings that start from now on are matched against
// them (none: every warning is shown).
func (m *Machine) SetAreas(areas []uint16) {
	m.rx.Alerts().SetAreas(areas)
	m.dbg.event("box area = %s", areaList(areas))
}

// CycleArea moves the box's area through the areas it was configured with: each one
// alone, then all of them, then none (every warning shown), and round again. It returns
// the areas now in use.
func (m *Machine) CycleArea() []uint16 {
	if m.areaChoices == nil {
		all := m.rx.Alerts().Config().Areas
		for _, a := range all {
			m.areaChoices = append(m.areaChoices, []uint16{a})
		}
		if len(all) > 1 {
			m.areaChoices = append(m.areaChoices, all)
		}
		m.areaChoices = append(m.areaChoices, []uint16{})
	}
	next := m.areaChoices[m.areaNext%len(m.areaChoices)]
	m.areaNext++
	m.SetAreas(next)
	return next
}

func areaList(areas []uint16) string {
	if len(areas) == 0 {
		return "none (every warning)"
	}
	s := ""
	for i, a := range areas {
		if i > 0 {
			s += ","
		}
		s += fmt.Sprintf("0x%03X", a)
	}
	return s
}

// CycleLanguage sets the next language of Languages (pt → es → en → pt) and returns it.
func (m *Machine) CycleLanguage() (string, error) {
	i := slices.Index(Languages, m.lang)
	next := Languages[(i+1)%len(Languages)]
	return next, m.SetLanguage(next)
}

// Warning reports whether the test warning of ToggleWarning is on.
func (m *Machine) Warning() bool { return m.testAlert != nil }

// ToggleWarning starts an ISDB test warning (first-kind start signal, on the selected
// service) for the box's first area, or area 0 when the box has none (a box without
// areas shows any warning), or ends the one it started. It reports whether the warning
// is now on. The alert manager acts at once; the overlay shows from the next frame.
func (m *Machine) ToggleWarning() bool {
	ev := dalert.Event{Kind: dalert.KindStart}
	if m.testAlert == nil {
		var area uint16
		if as := m.rx.Alerts().Config().Areas; len(as) > 0 {
			area = as[0]
		}
		m.testAlert = &dalert.Alert{System: dalert.SystemISDB, ServiceID: m.rx.Service(),
			SignalLevel: dalert.SignalLevelFirstKind, AreaCodes: []uint16{area}}
		ev.Alert = *m.testAlert
		m.dbg.event("test warning start: area 0x%03X", area)
	} else {
		ev = dalert.Event{Kind: dalert.KindEnd, Reason: dalert.ReasonSignalled, Alert: *m.testAlert}
		m.testAlert = nil
		m.dbg.event("test warning end")
	}
	m.rx.Alerts().Handle(demux.Info{Packet: -1}, ev)
	return m.testAlert != nil
}
