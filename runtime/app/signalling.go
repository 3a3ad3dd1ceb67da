package app

import (
	"fmt"
	"strings"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/dsmcc"
)

// tableKey identifies an AIT sub-table.
type tableKey struct {
	test bool
	typ  ait.ApplicationType
}

// transport is one transport of a signalled app, resolved on the caller's
// goroutine (the demux goroutine, where the PMT's tags live).
type transport struct {
	proto    ait.ProtocolID
	tag      uint8
	pid      uint16
	resolved bool // the component tag names a PID of the PMT
	remote   bool // carousel on another service: not supported
	c        Carousel
	base     string // HTTP URL base (the app's entry is appended)
}

// CarouselResolver maps the component_tag of an object-carousel transport
// to the PID that carries it (from the PMT) and the carousel acquired
// there, if any yet (c may be nil). It is called by SignalAIT on the
// caller's goroutine.
type CarouselResolver func(componentTag uint8) (pid uint16, c Carousel, ok bool)

// signalled is one app of an AIT, copied out of the table.
type signalled struct {
	info       Info
	transports []transport
}

// SignalAIT hands the manager a new version of an AIT sub-table (the
// Demuxer reports each version once). It copies what it needs, resolving
// carousel transports with resolve (which may be nil: no carousel), and
// returns without waiting: call it from the demux goroutine.
func (m *Manager) SignalAIT(t *ait.Table, resolve CarouselResolver) {
	if t == nil || (t.TestApplicationFlag && !m.opts.TestApplications) {
		return
	}
	key := tableKey{t.TestApplicationFlag, t.ApplicationType}
	apps := make([]signalled, 0, len(t.Applications))
	for i := range t.Applications {
		a := &t.Applications[i]
		s := signalled{info: Info{
			ID: ID{a.OrganisationID, a.ApplicationID}, Name: a.Name("por", "spa", "eng"), Type: t.ApplicationType,
			ControlCode: a.ApplicationControlCode, Entry: cleanEntry(a.Entry()),
		}}
		if ad := a.ApplicationDescriptor(); ad != nil {
			s.info.ServiceBound, s.info.Visibility, s.info.Priority = ad.ServiceBoundFlag, ad.Visibility,
				ad.ApplicationPriority
		} else {
			s.info.Visibility = ait.VisibilityVisibleAll
		}
		for _, tp := range a.Transports(t.CommonDescriptors) {
			tr := transport{proto: tp.ProtocolID}
			switch tp.ProtocolID {
			case ait.ProtocolObjectCarousel:
				tr.tag, tr.remote = tp.ComponentTag, tp.RemoteConnection
				if !tr.remote && resolve != nil {
					tr.pid, tr.c, tr.resolved = resolve(tp.ComponentTag)
				}
			case ait.ProtocolHTTP:
				tr.base = tp.URL()
			}
			s.transports = append(s.transports, tr)
		}
		apps = append(apps, s)
	}
	m.post(func() { m.onAIT(key, apps) })
}

// onAIT applies a new AIT version. Manager goroutine.
func (m *Manager) onAIT(key tableKey, apps []signalled) {
	prev := m.tables[key]
	cur := make(map[ID]bool, len(apps))
	for i := range apps {
		s := &apps[i]
		id := s.info.ID
		if cur[id] {
			continue // listed twice: the first wins
		}
		cur[id] = true
		rec := m.apps[id]
		if rec != nil && rec.gone && !rec.fromSpec {
			// Signalled again while it stops: keep it, and start it again if
			// it is to autostart.
			rec.gone = false
			rec.restart = rec.run != nil && s.info.ControlCode == ait.ControlCodeAutostart
			rec.autoDone = rec.restart
		}
		if rec != nil && rec.fromSpec {
			m.log.Warn("AIT signals an app the host added; ignored", "id", id)
			continue
		}
		if rec == nil {
			rec = &record{info: s.info, transports: s.transports, table: key}
			rec.info.State = StateSignalled
			m.apps[id] = rec
			m.publish(rec, EventSignalled, nil, Progress{})
		} else {
			changed := rec.info.ControlCode != s.info.ControlCode
			m.update(rec, s, key)
			if changed {
				m.publish(rec, EventSignalled, nil, Progress{})
			} else {
				m.publish(rec, 0, nil, Progress{})
			}
		}
		m.control(rec)
	}
	for id := range prev {
		if rec := m.apps[id]; rec != nil && !cur[id] && !rec.fromSpec {
			m.drop(rec, ErrNotSignalled)
		}
	}
	for id, rec := range m.apps {
		if rec.carried && rec.table == key && !cur[id] {
			m.drop(rec, ErrNotSignalled)
		}
	}
	m.tables[key] = cur
}

// update takes the new signalling of a known app. A running app keeps its
// source; the others take the new transports.
func (m *Manager) update(rec *record, s *signalled, key tableKey) {
	old := rec.info
	rec.info = s.info
	rec.info.State, rec.info.Err, rec.info.Runs = old.State, old.Err, old.Runs
	rec.table, rec.carried = key, false
	if old.ControlCode != s.info.ControlCode {
		rec.autoDone = false
	}
	rec.transports = s.transports
	if rec.run == nil && rec.info.State != StateLoading {
		rec.src = nil
	}
}

// control acts on an app's control code.
func (m *Manager) control(rec *record) {
	switch rec.info.ControlCode {
	case ait.ControlCodeAutostart:
		if !rec.autoDone && rec.run == nil && rec.info.State != StateLoading {
			rec.autoDone = true
			m.startApp(rec, false)
		}
	case ait.ControlCodeKill:
		m.halt(rec, ErrKilled, false)
	case ait.ControlCodeDestroy:
		m.halt(rec, ErrDestroyed, true)
	default: // PRESENT, PREFETCH, DISABLED, REMOTE, PLAYBACK_AUTOSTART: no autostart
		if rec.info.State == StateLoading && !rec.byViewer {
			m.cancelLoading(rec, StateSignalled, nil)
		}
	}
}

// halt stops a running or loading app for a reason.
func (m *Manager) halt(rec *record, reason error, graceful bool) {
	switch {
	case rec.run != nil:
		rec.restart = false
		m.stopRun(rec.run, reason, graceful)
	case rec.info.State == StateLoading:
		m.cancelLoading(rec, StateStopped, reason)
	}
}

// drop stops an app that is no longer signalled and forgets it.
func (m *Manager) drop(rec *record, reason error) {
	rec.gone, rec.restart = true, false
	if rec.run != nil {
		m.stopRun(rec.run, reason, false)
		return
	}
	if rec.info.State == StateLoading {
		rec.want = false
		rec.setState(StateStopped, reason)
	}
	m.forget(rec)
}

// pickSource chooses the first usable transport, in the AIT's order of
// preference: an object carousel whose component is in the PMT, or an
// HTTP URL.
func (m *Manager) pickSource(rec *record) {
	for _, t := range rec.transports {
		switch {
		case t.proto == ait.ProtocolObjectCarousel && t.resolved:
			c := t.c
			if c == nil {
				c = m.carousels[t.pid]
			}
			rec.src = &carouselSource{tag: t.tag, pid: t.pid, c: c}
			return
		case t.proto == ait.ProtocolHTTP && t.base != "":
			s, err := newHTTPSource(t.base, m.opts.HTTP)
			if err != nil {
				m.log.Warn("unusable HTTP transport", "app", rec.info.Label(), "err", err)
				continue
			}
			rec.src = s
			return
		}
	}
}

func describeTransports(ts []transport) string {
	if len(ts) == 0 {
		return "no transport_protocol_descriptor"
	}
	var parts []string
	for _, t := range ts {
		switch {
		case t.proto == ait.ProtocolObjectCarousel && t.remote:
			parts = append(parts, fmt.Sprintf("carousel component 0x%02X on another service (not supported)", t.tag))
		case t.proto == ait.ProtocolObjectCarousel:
			parts = append(parts, fmt.Sprintf("carousel component 0x%02X not in the PMT", t.tag))
		case t.proto == ait.ProtocolHTTP:
			parts = append(parts, fmt.Sprintf("HTTP %q unusable", t.base))
		default:
			parts = append(parts, t.proto.String()+" (not supported)")
		}
	}
	return strings.Join(parts, "; ")
}

// CarouselEvent hands the manager a change of the carousel on a PID. It
// returns without waiting: call it from the demux goroutine.
func (m *Manager) CarouselEvent(pid uint16, c Carousel, e dsmcc.Event) {
	switch e.Kind {
	case dsmcc.EventFileAdded, dsmcc.EventFileChanged, dsmcc.EventFileRemoved, dsmcc.EventModuleComplete,
		dsmcc.EventCarouselComplete, dsmcc.EventCarouselReplaced:
	default:
		return
	}
	kind := e.Kind
	m.post(func() { m.onCarousel(pid, c, kind) })
}

func (m *Manager) onCarousel(pid uint16, c Carousel, kind dsmcc.EventKind) {
	if c != nil {
		m.carousels[pid] = c
	}
	for _, rec := range m.apps {
		s, ok := rec.src.(*carouselSource)
		if !ok || s.pid != pid {
			continue
		}
		if s.c == nil {
			s.c = c
		}
		if s.c == nil {
			continue
		}
		switch {
		case rec.run != nil:
			if kind != dsmcc.EventModuleComplete {
				m.carouselChanged(rec, s)
			}
		case rec.info.State == StateLoading:
			if kind == dsmcc.EventModuleComplete {
				m.publish(rec, EventLoading, nil, s.progress(rec.info.Entry))
			}
			m.check(rec)
		}
	}
}
