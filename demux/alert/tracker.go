package alert

import (
	"slices"
	"time"
)

// DefaultMaxSCTE18 bounds the SCTE-18 alerts a Tracker keeps active at once when
// Tracker.MaxSCTE18 is 0.
const DefaultMaxSCTE18 = 16

// tombstones is how many ended SCTE-18 events a Tracker remembers, so that repeats of
// their sections do not start them again.
const tombstones = 64

// Tracker turns per-section observations of emergency signalling into Start, Update and
// End events. It is a deterministic state machine: no goroutines, no clock of its own, no
// maps (events come out in a fixed order). It is not safe for concurrent use; the
// demultiplexer's goroutine owns it. The zero value is ready to use.
//
// Every method returns the events of that call in a slice that the Tracker reuses: it is
// valid until the next call. The Alert in each Event is a copy the caller may keep. When
// nothing changes, ObserveISDB, ObserveSCTE18 and Expire allocate nothing.
//
// # ISDB (emergency_information_descriptor)
//
// A warning's identity is its service_id. The caller passes, for every NEW version of a
// PMT (per program) or NIT (actual) section, the entries of the 0xFC descriptors of its
// first loop (possibly none: AppendEmergencyInformation gives them), with the Source of
// that section. The same warning repeated, or carried by the PMT and the NIT at once, is
// one alert.
//   - Start: the first section that carries start_end_flag 1 for a service_id that has no
//     active alert.
//   - End (ReasonSignalled): the first section, from any source, that carries
//     start_end_flag 0 for it. The other sources' earlier assertions are dropped with it:
//     only a later section with start_end_flag 1 starts it again, as a new alert.
//   - End (ReasonWithdrawn): a source that drops the descriptor (or the entry) no longer
//     asserts the warning; when no source asserts it any more, it ends. So a PMT v3 that
//     simply omits the descriptor ends a warning that only the PMT carried. Pass nil infos
//     when a source disappears (program removed from the PAT).
//   - Update: an active warning's signal_level or area codes (compared in order) differ in
//     a new section that asserts it. The content is that of the latest asserting section.
//     A source joining or leaving is not an Update (Alert.Sources shows it).
//
// Start, end, start again are two alerts. Within one section, when several entries share a
// service_id the last one counts. Events of one observation come in this order: explicit
// ends, withdrawals, then starts and updates in the order of the entries. The ISDB state is
// bounded by the number of sources (programs of the PAT, NIT sections) times the entries of
// one section.
//
// # SCTE-18 (cable_emergency_alert)
//
// An alert's identity is its EAS_event_ID, and sequence_number is its version (SCTE 18:
// receivers discard duplicates by sequence_number).
//   - A section whose (EAS_event_ID, sequence_number) was already seen is nothing: no
//     event, and it does not refresh the expiry (it is a retransmission of the same
//     message). The Tracker remembers the numbers seen per event — about the last 16 of
//     the 5-bit cycle — so two copies of one alert that carry their own numbers (the two
//     samples, on PIDs 0x1FFC and 0x1FFB, carry 6 and 5) cause one Update, not a
//     flip-flop at every repetition.
//   - A new sequence_number for an active event is an Update (SCTE 18 changes
//     sequence_number when any field changes) and refreshes the expiry.
//   - A new EAS_event_ID is a Start. Remembered ended events (the last 64) are not started
//     again by repeats of their last sections; a new sequence_number starts them anew.
//   - alert_priority 0 is a test message, which SCTE 18 tells receivers to discard: such
//     sections produce no event unless AcceptTests is set.
//
// Expiry. alert_message_time_remaining (0-120 s) counts from the reception of the section
// (SCTE 18: "the time the last bit of the CRC was received"); 0 means an alert message
// period of indefinite duration. The Tracker sets Alert.Deadline = now + remaining when
// remaining > 0; when it is 0 and event_duration (minutes) is not, Deadline = now +
// duration, so an "indefinite" message still ends with its event; when both are 0 the
// alert has no deadline and ends only by Reset or eviction. Expire(now) ends (ReasonExpired)
// the alerts whose deadline has passed; ObserveSCTE18 does the same first. now is the
// caller's monotonic clock (any origin, never going backwards — e.g. time since boot, or
// an unwrapped PCR), the same for every call.
//
// event_start_time (GPS seconds, 0 = immediate) is kept in Alert.EventStartTime and not
// acted on: the Tracker has no GPS clock, and SCTE 18 defines the message period from
// reception, so an alert whose event starts in the future is reported at once and its
// duration-based deadline counts from reception. The presentation layer may convert it
// with GPSToUTC and show "from …".
//
// At most MaxSCTE18 (default DefaultMaxSCTE18) SCTE-18 alerts are active at once; a new
// one beyond that ends the least recently refreshed one (ReasonEvicted), which bounds the
// memory a hostile stream can make the Tracker hold.
type Tracker struct {
	// Languages lists ISO 639-2 codes in order of preference for the SCTE-18 texts.
	Languages []string
	// AcceptTests makes SCTE-18 test messages (alert_priority 0) produce events.
	AcceptTests bool
	// MaxSCTE18 bounds the active SCTE-18 alerts; 0 means DefaultMaxSCTE18.
	MaxSCTE18 int

	events   []Event
	isdb     []*Alert      // active ISDB alerts, in order of start
	sources  []*isdbSource // sources that assert at least one warning
	scte     []*scteAlert  // active SCTE-18 alerts, in order of start
	tombs    [tombstones]tomb
	tombNext int
}

// isdbSource is what one source asserted in its latest observed section.
type isdbSource struct {
	src      Source
	services []uint16 // service_ids with start_end_flag 1
}

// ObserveISDB takes the emergency information entries of a new section of src (see
// Tracker) and returns the resulting events. infos is not retained.
func (t *Tracker) ObserveISDB(src Source, infos []EmergencyInformation) []Event {
	t.events = t.events[:0]
	// 1. Explicit ends.
	for i := range infos {
		in := &infos[i]
		if in.StartEndFlag || overridden(infos, i) {
			continue
		}
		if k := t.isdbIndex(in.ServiceID); k >= 0 {
			t.endISDB(k, ReasonSignalled)
			t.purge(in.ServiceID)
		}
	}
	// 2. Withdrawals: what src asserted before and no longer does.
	ss := t.source(src)
	if ss != nil {
		for _, sid := range ss.services {
			if asserts(infos, sid) {
				continue
			}
			if k := t.isdbIndex(sid); k >= 0 {
				a := t.isdb[k]
				a.Sources = slices.DeleteFunc(a.Sources, func(s Source) bool { return s == src })
				if len(a.Sources) == 0 {
					t.endISDB(k, ReasonWithdrawn)
				}
			}
		}
	}
	// 3. Starts and updates.
	for i := range infos {
		in := &infos[i]
		if !in.StartEndFlag || overridden(infos, i) {
			continue
		}
		k := t.isdbIndex(in.ServiceID)
		if k < 0 {
			a := &Alert{System: SystemISDB, ServiceID: in.ServiceID, SignalLevel: in.SignalLevel,
				AreaCodes: slices.Clone(in.AreaCodes), Sources: []Source{src}}
			t.isdb = append(t.isdb, a)
			t.emit(KindStart, ReasonNone, a)
			continue
		}
		a := t.isdb[k]
		if !slices.Contains(a.Sources, src) {
			a.Sources = append(a.Sources, src)
		}
		if a.SignalLevel != in.SignalLevel || !slices.Equal(a.AreaCodes, in.AreaCodes) {
			a.SignalLevel = in.SignalLevel
			a.AreaCodes = append(a.AreaCodes[:0], in.AreaCodes...)
			t.emit(KindUpdate, ReasonNone, a)
		}
	}
	t.record(src, ss, infos)
	return t.events
}

// overridden reports whether a later entry of infos has the same service_id.
func overridden(infos []EmergencyInformation, i int) bool {
	for j := i + 1; j < len(infos); j++ {
		if infos[j].ServiceID == infos[i].ServiceID {
			return true
		}
	}
	return false
}

// asserts reports whether the last entry of infos for sid has start_end_flag 1.
func asserts(infos []EmergencyInformation, sid uint16) bool {
	for i := len(infos) - 1; i >= 0; i-- {
		if infos[i].ServiceID == sid {
			return infos[i].StartEndFlag
		}
	}
	return false
}

func (t *Tracker) isdbIndex(sid uint16) int {
	return slices.IndexFunc(t.isdb, func(a *Alert) bool { return a.ServiceID == sid })
}

func (t *Tracker) source(src Source) *isdbSource {
	for _, s := range t.sources {
		if s.src == src {
			return s
		}
	}
	return nil
}

func (t *Tracker) endISDB(k int, r Reason) {
	t.emit(KindEnd, r, t.isdb[k])
	t.isdb = slices.Delete(t.isdb, k, k+1)
}

// purge forgets every source's assertion of sid (its alert has been ended explicitly).
func (t *Tracker) purge(sid uint16) {
	for _, s := range t.sources {
		s.services = slices.DeleteFunc(s.services, func(v uint16) bool { return v == sid })
	}
	t.sources = slices.DeleteFunc(t.sources, func(s *isdbSource) bool { return len(s.services) == 0 })
}

// record remembers the service_ids src asserts now. ss is src's state before step 1
// (possibly purged since).
func (t *Tracker) record(src Source, ss *isdbSource, infos []EmergencyInformation) {
	if ss != nil && !slices.Contains(t.sources, ss) {
		ss = nil // purged: all it asserted was ended explicitly
	}
	if ss == nil {
		n := 0
		for i := range infos {
			if infos[i].StartEndFlag && !overridden(infos, i) {
				n++
			}
		}
		if n == 0 {
			return
		}
		ss = &isdbSource{src: src, services: make([]uint16, 0, n)}
		t.sources = append(t.sources, ss)
	}
	ss.services = ss.services[:0]
	for i := range infos {
		if infos[i].StartEndFlag && !overridden(infos, i) {
			ss.services = append(ss.services, infos[i].ServiceID)
		}
	}
	if len(ss.services) == 0 {
		t.sources = slices.DeleteFunc(t.sources, func(s *isdbSource) bool { return s == ss })
	}
}

func (t *Tracker) emit(k Kind, r Reason, a *Alert) {
	t.events = append(t.events, Event{Kind: k, Reason: r, Alert: a.clone()})
}

// Reset ends every active alert (ReasonReset) and forgets the ISDB sources, as on a
// retune or when the receiver stops watching the multiplex. Remembered ended SCTE-18
// events stay remembered: event IDs are plant-wide.
func (t *Tracker) Reset() []Event {
	t.events = t.events[:0]
	for len(t.isdb) > 0 {
		t.endISDB(0, ReasonReset)
	}
	t.sources = t.sources[:0]
	for len(t.scte) > 0 {
		t.endSCTE18(0, ReasonReset)
	}
	return t.events
}

// Active returns copies of the active alerts: ISDB ones in order of start, then SCTE-18
// ones in order of start.
func (t *Tracker) Active() []Alert {
	out := make([]Alert, 0, len(t.isdb)+len(t.scte))
	for _, a := range t.isdb {
		out = append(out, a.clone())
	}
	for _, s := range t.scte {
		out = append(out, s.a.clone())
	}
	return out
}

// Expire ends the SCTE-18 alerts whose deadline is at or before now (see Tracker).
func (t *Tracker) Expire(now time.Duration) []Event {
	t.events = t.events[:0]
	t.expire(now)
	return t.events
}
