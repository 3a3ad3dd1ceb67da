package alert

import (
	"slices"
	"time"

	dalert "github.com/antena-tv/antena/demux/alert"
)

// index returns the position of a's entry, or -1. ISDB alerts are known by service_id,
// SCTE-18 ones by EAS_event_ID, as in demux/alert.
func (m *Manager) index(a *dalert.Alert) int {
	for i := range m.entries {
		e := &m.entries[i].a
		if e.System != a.System {
			continue
		}
		if a.System == dalert.SystemISDB && e.ServiceID == a.ServiceID ||
			a.System == dalert.SystemSCTE18 && e.EventID == a.EventID {
			return i
		}
	}
	return -1
}

// raise adds an alert for this box and presents it.
func (m *Manager) raise(a *dalert.Alert, now time.Duration, packet int64) {
	m.seq++
	m.entries = append(m.entries, entry{a: *a, seq: m.seq, gen: m.seq, raisedAt: now, changedAt: now})
	e := &m.entries[len(m.entries)-1]
	setDeadline(e, now)
	e.excepted = excepted(a, m.viewerChannel())
	if e.excepted {
		m.record(Record{Action: ActionExcepted, Reason: reasonException}, a, packet, now)
		return
	}
	m.present(len(m.entries)-1, ActionRaised, now, packet)
}

// update applies an Update to a held alert. A change of what is shown presents it again
// (panel reopened, dismissal undone, tone, apps told); a change of channels, locations or
// exceptions only re-applies them (retune, exception check; apps told); a repetition (a
// new SCTE-18 sequence_number, same content) only refreshes the expiry.
func (m *Manager) update(k int, a *dalert.Alert, now time.Duration, packet int64) {
	e := &m.entries[k]
	shows, acts := !samePresentation(&e.a, a), !sameHandling(&e.a, a)
	e.a = *a
	setDeadline(e, now)
	if !shows && !acts {
		return
	}
	was := e.excepted
	e.excepted = excepted(a, m.viewerChannel())
	if shows {
		m.seq++
		e.gen, e.dismissed, e.shown, e.changedAt = m.seq, false, false, now
	}
	switch {
	case e.excepted:
		m.version++
		m.record(Record{Action: ActionExcepted, Reason: reasonException}, a, packet, now)
		m.settle(now)
	case was:
		m.present(k, ActionRaised, now, packet)
	case shows:
		m.present(k, ActionUpdated, now, packet)
	default:
		m.version++
		_, tuned := m.settle(now)
		m.record(Record{Action: ActionUpdated, Channel: tuned, Reason: reasonChannels}, a, packet, now)
		m.tell(e, "update", "")
	}
}

// present shows entry k (raised, updated, or no longer excepted): the panel reopens, the
// box is woken and tuned as the alerts require, the tone plays, apps are told.
func (m *Manager) present(k int, act Action, now time.Duration, packet int64) {
	m.minimized = false
	m.version++
	m.tmcc.waiting = false
	woke, tuned := m.settle(now)
	e := &m.entries[k]
	r := Record{Action: act, Woke: woke, Channel: tuned}
	if t, ok := tuneTarget(&e.a); ok && t == m.take.target {
		r.Channel = t
	}
	m.record(r, &e.a, packet, now)
	if !m.box.Standby() {
		m.box.PlayTone()
	}
	action := "start"
	if e.notified { // an update, or shown again after an exception: apps already know it
		action = "update"
	}
	e.notified = true
	m.tell(e, action, "")
}

// finish ends entry k: its overlay goes, and when no alert is left the box returns to
// the viewer's channel and standby state.
func (m *Manager) finish(k int, now time.Duration, packet int64, reason string) {
	e := m.entries[k]
	m.entries = slices.Delete(m.entries, k, k+1)
	m.version++
	m.settle(now)
	m.record(Record{Action: ActionEnded, Reason: reason, RaisedAt: e.raisedAt}, &e.a, packet, now)
	if e.notified {
		m.tell(&e, "end", reason)
	}
}

// tell posts an AppEvent to the apps.
func (m *Manager) tell(e *entry, action, reason string) {
	if m.notify == nil {
		return
	}
	a := &e.a
	ev := AppEvent{Action: action, System: string(a.System), Language: m.cfg.Language.String(), Reason: reason}
	if a.System == dalert.SystemISDB {
		ev.ID, ev.Level, ev.Areas = a.ServiceID, levelIndex(a.SignalLevel)+1, a.AreaCodes
		ev.Message = m.msg.title
		ev.Dismissable = a.SignalLevel == dalert.SignalLevelSecondKind
	} else {
		ev.ID, ev.Priority, ev.Text, ev.Message = a.EventID, a.Priority, a.Text, m.msg.crawlLabel
		ev.Dismissable = false
	}
	if t, ok := tuneTarget(a); ok && m.take.moved && t == m.take.target {
		ev.Service = t.ServiceID
	}
	m.notify(ev)
}

// recheckExceptions follows the viewer: an SCTE-18 alert is hidden while the viewer's
// channel is one of its exceptions and presented when it no longer is.
func (m *Manager) recheckExceptions(now time.Duration) {
	var cur Channel
	known := false
	for k := range m.entries {
		e := &m.entries[k]
		if e.a.System != dalert.SystemSCTE18 {
			continue
		}
		if !known {
			cur, known = m.viewerChannel(), true
		}
		x := excepted(&e.a, cur)
		if x == e.excepted {
			continue
		}
		e.excepted = x
		if x {
			m.version++
			m.record(Record{Action: ActionExcepted, Reason: reasonException}, &e.a, -1, now)
			m.settle(now)
			continue
		}
		m.present(k, ActionRaised, now, -1)
	}
}

// settle makes the box match the held alerts: with some shown, it remembers where the
// viewer was, wakes the box if one of them wakes it, and tunes to the channel of the most
// severe one that has a channel (back to the viewer's when none has); with none shown, it
// restores the viewer's channel and standby state. It returns whether it woke the box and
// the channel it tuned to in this call.
func (m *Manager) settle(now time.Duration) (woke bool, tuned Channel) {
	var target *entry
	live, wake := false, false
	for k := range m.entries {
		e := &m.entries[k]
		if e.excepted {
			continue
		}
		live = true
		wake = wake || wakes(&e.a)
		if _, ok := tuneTarget(&e.a); ok && (target == nil || outranks(e, target)) {
			target = e
		}
	}
	t := &m.take
	if !live {
		m.restore(now)
		return false, Channel{}
	}
	if !t.active {
		*t = takeover{active: true, prev: m.box.CurrentChannel(), prevStandby: m.box.Standby()}
	}
	if wake && m.box.Standby() {
		m.box.Wake()
		m.box.SetStandby(false)
		t.woke, woke = true, true
	}
	var want Channel
	if target != nil {
		want, _ = tuneTarget(&target.a)
	}
	if want == t.target {
		return woke, Channel{}
	}
	if t.moved && want.Matches(t.target) { // the same service, better named: already asked for
		t.target = want
		return woke, Channel{}
	}
	t.target = want
	switch {
	case !want.IsZero() && (t.moved || !m.box.CurrentChannel().Matches(want)):
		if m.tune(want, now) {
			t.moved, tuned = true, want
		}
	case want.IsZero() && t.moved:
		m.tuneBack(now)
	}
	return woke, tuned
}

// restore undoes the takeover once no alert is shown. When the viewer has zapped away
// (possible after dismissing a second-kind warning), the box stays where the viewer put
// it and stays on.
func (m *Manager) restore(now time.Duration) {
	t := &m.take
	if !t.active {
		return
	}
	cur := m.box.CurrentChannel()
	stayed := cur.IsZero() || cur.Matches(t.prev) || t.moved && cur.Matches(t.target)
	if stayed && t.moved {
		m.tuneBack(now)
	}
	if stayed && t.woke {
		m.box.SetStandby(true)
	}
	*t = takeover{}
}

// tuneBack returns to the viewer's channel.
func (m *Manager) tuneBack(now time.Duration) {
	t := &m.take
	if !t.prev.IsZero() {
		m.tune(t.prev, now)
	}
	t.moved = false
}

// tune asks the box to tune and records a refusal.
func (m *Manager) tune(ch Channel, now time.Duration) bool {
	if err := m.box.Tune(ch); err != nil {
		m.record(Record{Action: ActionTuneFailed, Channel: ch, Reason: err.Error()}, nil, -1, now)
		return false
	}
	return true
}
