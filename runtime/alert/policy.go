package alert

import (
	"slices"
	"time"

	dalert "github.com/antena-tv/antena/demux/alert"
)

// mismatch returns why a is not for this box, or "" when it is.
//
// ISDB: one of its area codes is one of the box's, or the box has none configured, or the
// warning lists no area at all (a warning that names no area is taken as for everyone:
// showing it to a box it does not concern is the lesser harm). SCTE-18: one of its
// location codes covers one of the box's locations (state 0 is every state, county 0 the
// whole state, subdivision 0 the whole county, on either side), or the box has none
// configured, or the alert lists none.
func (m *Manager) mismatch(a *dalert.Alert) string {
	switch a.System {
	case dalert.SystemISDB:
		if len(m.cfg.Areas) == 0 || len(a.AreaCodes) == 0 {
			return ""
		}
		for _, c := range a.AreaCodes {
			if containsArea(m.cfg.Areas, c) {
				return ""
			}
		}
		return reasonArea
	case dalert.SystemSCTE18:
		if len(m.cfg.Locations) == 0 || len(a.Locations) == 0 {
			return ""
		}
		for _, l := range a.Locations {
			for _, b := range m.cfg.Locations {
				if locationCovers(l, b) {
					return ""
				}
			}
		}
		return reasonLocation
	}
	return reasonArea
}

// locationCovers reports whether the alert location l covers the box location b.
func locationCovers(l, b dalert.LocationCode) bool {
	return (l.StateCode == 0 || l.StateCode == b.StateCode) &&
		(l.CountyCode == 0 || l.CountyCode == b.CountyCode) &&
		(l.CountySubdivision == 0 || b.CountySubdivision == 0 || l.CountySubdivision == b.CountySubdivision)
}

// severity orders alerts for the screen and the tuner: ISDB first kind, SCTE-18
// priority 15, ISDB second kind, then SCTE-18 priorities 11, 7, 3 and tests.
func severity(a *dalert.Alert) int {
	if a.System == dalert.SystemISDB {
		if a.SignalLevel == dalert.SignalLevelSecondKind {
			return 4
		}
		return 6
	}
	switch dalert.EffectivePriority(a.Priority) {
	case dalert.PriorityMaximum:
		return 5
	case dalert.PriorityHigh:
		return 3
	case dalert.PriorityMedium:
		return 2
	case dalert.PriorityLow:
		return 1
	}
	return 0
}

// outranks reports whether e comes before o: more severe, or as severe and raised later.
func outranks(e, o *entry) bool {
	se, so := severity(&e.a), severity(&o.a)
	return se > so || se == so && e.seq > o.seq
}

// wakes reports whether a brings the box out of standby: every ISDB warning, and SCTE-18
// alerts of priority 11 and 15 (SCTE 18: "processed unconditionally"). A lower-priority
// crawl raised in standby is kept and drawn, but does not light the screen.
func wakes(a *dalert.Alert) bool {
	return a.System == dalert.SystemISDB || dalert.EffectivePriority(a.Priority) >= dalert.PriorityHigh
}

// tuneTarget returns the channel a makes the box switch to: an ISDB warning's service;
// an SCTE-18 priority-15 alert's details channel, when it names one.
func tuneTarget(a *dalert.Alert) (Channel, bool) {
	if a.System == dalert.SystemISDB {
		return Channel{ServiceID: a.ServiceID}, a.ServiceID != 0
	}
	if dalert.EffectivePriority(a.Priority) != dalert.PriorityMaximum {
		return Channel{}, false
	}
	d := &a.Details
	ch := Channel{Major: d.Major, Minor: d.Minor, OOBSourceID: d.OOBSourceID}
	if d.InBand {
		ch.RFChannel, ch.ServiceID = d.RFChannel, d.ProgramNumber
	}
	return ch, !ch.IsZero()
}

// holds reports whether e keeps the keys: a warning on screen that the viewer may not
// leave (ISDB not dismissed; SCTE-18 priority 15 with a details channel to hold).
func holds(e *entry) bool {
	if e.excepted {
		return false
	}
	if e.a.System == dalert.SystemISDB {
		return !e.dismissed
	}
	_, ok := tuneTarget(&e.a)
	return ok
}

// viewerChannel is the channel the viewer chose: where the box was before the Manager
// tuned away, else where it is.
func (m *Manager) viewerChannel() Channel {
	if m.take.active && m.take.moved {
		return m.take.prev
	}
	return m.box.CurrentChannel()
}

// excepted reports whether the viewer's channel is one of a's SCTE-18 exceptions.
func excepted(a *dalert.Alert, cur Channel) bool {
	if a.System != dalert.SystemSCTE18 || cur.IsZero() {
		return false
	}
	for _, x := range a.Exceptions {
		ch := Channel{OOBSourceID: x.OOBSourceID}
		if x.InBandReference {
			ch = Channel{Major: x.MajorChannelNumber, Minor: x.MinorChannelNumber}
		}
		if ch.Matches(cur) {
			return true
		}
	}
	for _, x := range a.ExceptionChannels {
		if (Channel{RFChannel: x.RFChannel, ServiceID: x.ProgramNumber}).Matches(cur) {
			return true
		}
	}
	return false
}

// setDeadline sets an SCTE-18 alert's expiry on the Manager's clock, by the rule of
// demux/alert's Tracker: alert_message_time_remaining, else event_duration, else none.
func setDeadline(e *entry, now time.Duration) {
	a := &e.a
	switch {
	case a.System != dalert.SystemSCTE18:
		e.expires = false
	case a.SecondsRemaining > 0:
		e.deadline, e.expires = now+time.Duration(a.SecondsRemaining)*time.Second, true
	case a.EventDuration > 0:
		e.deadline, e.expires = now+time.Duration(a.EventDuration)*time.Minute, true
	default:
		e.expires = false
	}
}

// samePresentation reports whether b shows like a: ISDB level and areas; SCTE-18
// priority, texts, codes.
func samePresentation(a, b *dalert.Alert) bool {
	if a.System == dalert.SystemISDB {
		return a.SignalLevel == b.SignalLevel && slices.Equal(a.AreaCodes, b.AreaCodes)
	}
	return a.Priority == b.Priority && a.Text == b.Text && a.NatureOfActivation == b.NatureOfActivation &&
		a.EventCode == b.EventCode && a.Originator == b.Originator
}

// sameHandling reports whether b makes the box act like a: SCTE-18 details and audio
// channels, locations and exceptions (ISDB: nothing beyond the presentation).
func sameHandling(a, b *dalert.Alert) bool {
	if a.System == dalert.SystemISDB {
		return true
	}
	return a.Details == b.Details && a.AudioOOBSourceID == b.AudioOOBSourceID &&
		slices.Equal(a.Locations, b.Locations) && slices.Equal(a.Exceptions, b.Exceptions) &&
		slices.Equal(a.ExceptionChannels, b.ExceptionChannels)
}
