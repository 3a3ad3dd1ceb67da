package alert

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/antena-tv/antena/demux"
	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/runtime/gfx"
)

// Options configure a Manager.
type Options struct {
	Config Config
	// Box is the receiver the Manager drives; nil means a box that is always on, on no
	// known channel, and never tunes.
	Box Box
	// Clock is the Manager's clock; nil means the time since New (monotonic).
	Clock Clock
	// Compositor is the screen. The Manager puts its layers on gfx.PlaneAlert; nil means
	// no rendering (Render keeps the books and draws nothing).
	Compositor *gfx.Compositor
	// Notify tells running apps (see AppEvent). It is called like the Box methods: with the
	// Manager's lock held; it must not block and must not call the Manager.
	Notify func(AppEvent)
	// Logger receives a line for every Record; nil means slog.Default().
	Logger *slog.Logger
	// MaxRecords bounds the log Records returns; 0 means DefaultMaxRecords.
	MaxRecords int
}

// Manager is the alert manager (see the package doc). Its methods are safe for concurrent
// use, except Render, which one goroutine (the screen loop) calls.
type Manager struct {
	cfg    Config
	msg    *messages
	box    Box
	clock  Clock
	notify func(AppEvent)
	log    *slog.Logger

	mu        sync.Mutex
	entries   []entry // alerts for this box, in order of raise
	seq       uint64
	version   uint64 // changes whenever what is drawn changes
	minimized bool
	take      takeover
	tmcc      tmccState
	records   recordLog

	r *renderer // owned by the goroutine that calls Render
}

// entry is an alert for this box.
type entry struct {
	a         dalert.Alert // the latest snapshot; owned (demux/alert hands out copies)
	seq       uint64       // order of raise: the later wins a tie of severity
	gen       uint64       // changes with the presented content
	raisedAt  time.Duration
	changedAt time.Duration // raised or last updated: what ActionShown measures from
	deadline  time.Duration // SCTE-18, on the Manager's clock
	expires   bool
	shown     bool // a frame with it was rendered
	dismissed bool // second kind: the viewer closed it
	excepted  bool // SCTE-18: the viewer's channel is one of its exceptions
	notified  bool // apps were told of its start
}

// takeover is what the Manager changed in the box, to undo when the alerts end.
type takeover struct {
	active      bool
	prev        Channel // where the viewer was
	prevStandby bool
	target      Channel // the channel the alerts want (zero: none)
	moved       bool    // the Manager tuned away from prev
	woke        bool    // the Manager brought the box out of standby
}

type tmccState struct {
	on      bool
	waiting bool // the flag woke the box; no warning for it yet
	until   time.Duration
}

// New returns a Manager. It creates its (hidden) layers on o.Compositor.
func New(o Options) (*Manager, error) {
	if o.Config.Language >= languageCount {
		return nil, fmt.Errorf("%w: Language(%d)", ErrLanguage, o.Config.Language)
	}
	for _, a := range o.Config.Areas {
		if a > maxAreaCode {
			return nil, fmt.Errorf("%w: 0x%X is more than 12 bits", ErrAreaCode, a)
		}
	}
	m := &Manager{
		cfg:     o.Config,
		msg:     o.Config.Language.messages(),
		box:     o.Box,
		clock:   o.Clock,
		notify:  o.Notify,
		log:     o.Logger,
		entries: make([]entry, 0, 8),
	}
	m.cfg.Areas = slices.Clone(o.Config.Areas)
	m.cfg.Locations = slices.Clone(o.Config.Locations)
	m.cfg.AreaNames = maps.Clone(o.Config.AreaNames)
	if m.cfg.TMCCWait <= 0 {
		m.cfg.TMCCWait = DefaultTMCCWait
	}
	if m.box == nil {
		m.box = nopBox{}
	}
	if m.clock == nil {
		start := time.Now()
		m.clock = func() time.Duration { return time.Since(start) }
	}
	if m.log == nil {
		m.log = slog.Default()
	}
	n := o.MaxRecords
	if n <= 0 {
		n = DefaultMaxRecords
	}
	m.records = newRecordLog(n)
	if o.Compositor != nil {
		r, err := newRenderer(o.Compositor, &m.cfg)
		if err != nil {
			return nil, err
		}
		m.r = r
	}
	return m, nil
}

// Now returns the Manager's clock.
func (m *Manager) Now() time.Duration { return m.clock() }

// Config returns (a copy of) the configuration in use.
func (m *Manager) Config() Config {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := m.cfg
	c.Areas, c.Locations, c.AreaNames = slices.Clone(c.Areas), slices.Clone(c.Locations), maps.Clone(c.AreaNames)
	return c
}

// SetLanguage changes the language of the warnings' texts (the box's setting changed);
// a warning on screen is redrawn in it at the next Render.
func (m *Manager) SetLanguage(l Language) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cfg.Language, m.msg = l, l.messages()
	m.version++
}

// SetAreas changes the box's area codes (the viewer moved the box, or a developer tries
// another area). Warnings that start from now on are matched against them; one already
// raised stays until it ends.
func (m *Manager) SetAreas(areas []uint16) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cfg.Areas = slices.Clone(areas)
	m.version++
}

// Handle takes one alert event of the Demuxer; its signature is demux.Handlers.Alert's,
// so `demux.Handlers{Alert: m.Handle}` routes them. It decides at once — match, raise,
// update, end — and drives the Box and Notify, but draws nothing: the next Render does.
// It takes the Manager's lock, never the screen's, so it does not wait on a frame being
// composed. A Start or Update of an alert not for this box is recorded and ignored.
func (m *Manager) Handle(info demux.Info, ev dalert.Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.clock()
	k := m.index(&ev.Alert)
	switch ev.Kind {
	case dalert.KindStart, dalert.KindUpdate:
		if why := m.mismatch(&ev.Alert); why != "" {
			if k < 0 {
				m.record(Record{Action: ActionIgnored, Reason: why}, &ev.Alert, info.Packet, now)
				return
			}
			m.finish(k, now, info.Packet, reasonNoLongerHere)
			return
		}
		if k < 0 {
			m.raise(&ev.Alert, now, info.Packet)
			return
		}
		m.update(k, &ev.Alert, now, info.Packet)
	case dalert.KindEnd:
		if k < 0 {
			m.record(Record{Action: ActionIgnored, Reason: reasonNotRaised}, &ev.Alert, info.Packet, now)
			return
		}
		m.finish(k, now, info.Packet, ev.Reason.String())
	}
}

// Reasons recorded (constants: recording allocates nothing).
const (
	reasonArea         = "none of its areas is configured"
	reasonLocation     = "none of its locations is configured"
	reasonNotRaised    = "end of an alert that was not raised"
	reasonNoLongerHere = "no longer for this box"
	reasonExpired      = "expired on the manager's clock"
	reasonException    = "the viewer's channel is an exception"
	reasonChannels     = "channels, locations or exceptions changed"
	reasonTMCCNone     = "no warning for this box: back to standby"
	reasonTMCCWake     = "woke the reception path"
)

// Tick runs the Manager's clock: it ends the SCTE-18 alerts whose time has run out (the
// Demuxer's tracker does the same on stream time; whichever comes first ends it, the other
// is then a no-op), re-checks SCTE-18 exceptions against the viewer's channel, and ends a
// TMCC wait that found nothing. Render calls it; a receiver whose screen loop stops in
// standby calls it from a timer (a few times a second is plenty).
func (m *Manager) Tick(now time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k := 0; k < len(m.entries); {
		if e := &m.entries[k]; e.expires && now >= e.deadline {
			m.finish(k, now, -1, reasonExpired)
			continue
		}
		k++
	}
	m.recheckExceptions(now)
	if m.tmcc.waiting && now >= m.tmcc.until {
		m.tmccGiveUp(now)
	}
}

// EmergencyFlag is the hook for the ISDB TMCC emergency-alarm flag (the tuner calls it
// when the flag changes). On 0→1 a box in standby powers its reception path (Box.Wake)
// and waits, up to Config.TMCCWait, for a warning addressed to it; none (or the flag
// dropping first) puts it back to standby. The flag alone raises nothing: only a 0xFC
// descriptor for this box's area does.
func (m *Manager) EmergencyFlag(on bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if on == m.tmcc.on {
		return
	}
	now := m.clock()
	m.tmcc.on = on
	r := Record{Action: ActionTMCC, Flag: on}
	switch {
	case on && !m.take.active && m.box.Standby():
		m.box.Wake()
		m.tmcc.waiting, m.tmcc.until = true, now+m.cfg.TMCCWait
		r.Reason = reasonTMCCWake
	case !on && m.tmcc.waiting:
		m.record(r, nil, -1, now)
		m.tmccGiveUp(now)
		return
	}
	m.record(r, nil, -1, now)
}

func (m *Manager) tmccGiveUp(now time.Duration) {
	m.tmcc.waiting = false
	if m.take.active || !m.box.Standby() {
		return
	}
	m.box.SetStandby(true)
	m.record(Record{Action: ActionTMCC, Flag: m.tmcc.on, Reason: reasonTMCCNone}, nil, -1, now)
}

// Status is an alert the Manager holds for this box.
type Status struct {
	Alert     dalert.Alert
	RaisedAt  time.Duration
	Shown     bool // a frame with it was rendered
	Dismissed bool
	Excepted  bool // SCTE-18: not shown, the viewer's channel is an exception
}

// Active returns the alerts held for this box, in order of raise.
func (m *Manager) Active() []Status {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Status, len(m.entries))
	for i := range m.entries {
		e := &m.entries[i]
		out[i] = Status{Alert: e.a, RaisedAt: e.raisedAt, Shown: e.shown, Dismissed: e.dismissed, Excepted: e.excepted}
	}
	return out
}

// Records returns the log, oldest first (at most Options.MaxRecords of the latest).
func (m *Manager) Records() []Record {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.records.all()
}

// record completes r from a (may be nil), logs it and keeps it.
func (m *Manager) record(r Record, a *dalert.Alert, packet int64, now time.Duration) {
	if a != nil {
		r.System, r.Level, r.Priority, r.Areas = a.System, a.SignalLevel, a.Priority, a.AreaCodes
		r.ID = a.ServiceID
		if a.System == dalert.SystemSCTE18 {
			r.ID = a.EventID
		}
	}
	r.Packet, r.At = packet, now
	m.records.add(r)
	ctx := context.Background()
	if !m.log.Enabled(ctx, slog.LevelInfo) {
		return
	}
	m.log.LogAttrs(ctx, slog.LevelInfo, "alert", slog.String("record", r.String()))
}
