package alert

import (
	"slices"
	"time"
)

// scteAlert is an active SCTE-18 alert and the sequence numbers seen for its event.
type scteAlert struct {
	a         Alert
	seen      uint32 // bit n: sequence_number n was seen
	refreshed time.Duration
}

// tomb remembers an ended SCTE-18 event.
type tomb struct {
	id   uint16
	seen uint32
	used bool
}

// markSeen records seq and forgets the number half a cycle ahead of it, so that after
// sequence_number wraps (mod 32) a number seen long ago counts as new again.
func markSeen(seen uint32, seq uint8) uint32 {
	return (seen | 1<<seq) &^ (1 << ((seq + 16) & maxSequenceNumber))
}

// ObserveSCTE18 takes a decoded cable_emergency_alert received at now (the caller's
// monotonic clock) and returns the resulting events (see Tracker): first the expiries due
// at now, then the section's Start or Update, if any. c is not retained.
func (t *Tracker) ObserveSCTE18(c *CableEmergencyAlert, now time.Duration) []Event {
	t.events = t.events[:0]
	t.expire(now)
	if c == nil || (c.AlertPriority == PriorityTest && !t.AcceptTests) {
		return t.events
	}
	seq := c.SequenceNumber & maxSequenceNumber
	bit := uint32(1) << seq
	if k := t.scteIndex(c.EASEventID); k >= 0 {
		s := t.scte[k]
		if s.seen&bit != 0 {
			return t.events
		}
		s.seen = markSeen(s.seen, seq)
		t.fillSCTE18(s, c, now)
		t.emit(KindUpdate, ReasonNone, &s.a)
		return t.events
	}
	var seen uint32
	if k := t.tombIndex(c.EASEventID); k >= 0 {
		if t.tombs[k].seen&bit != 0 {
			return t.events
		}
		seen = t.tombs[k].seen
		t.tombs[k] = tomb{}
	}
	if len(t.scte) >= t.maxSCTE18() {
		t.endSCTE18(t.leastRecentlyRefreshed(), ReasonEvicted)
	}
	s := &scteAlert{seen: markSeen(seen, seq)}
	t.fillSCTE18(s, c, now)
	t.scte = append(t.scte, s)
	t.emit(KindStart, ReasonNone, &s.a)
	return t.events
}

func (t *Tracker) maxSCTE18() int {
	if t.MaxSCTE18 > 0 {
		return t.MaxSCTE18
	}
	return DefaultMaxSCTE18
}

func (t *Tracker) scteIndex(id uint16) int {
	return slices.IndexFunc(t.scte, func(s *scteAlert) bool { return s.a.EventID == id })
}

func (t *Tracker) tombIndex(id uint16) int {
	for i := range t.tombs {
		if t.tombs[i].used && t.tombs[i].id == id {
			return i
		}
	}
	return -1
}

func (t *Tracker) leastRecentlyRefreshed() int {
	k := 0
	for i, s := range t.scte {
		if s.refreshed < t.scte[k].refreshed {
			k = i
		}
	}
	return k
}

// fillSCTE18 copies the content of c into s's alert, reusing its memory (the snapshots
// already handed out are copies).
func (t *Tracker) fillSCTE18(s *scteAlert, c *CableEmergencyAlert, now time.Duration) {
	a := &s.a
	a.System = SystemSCTE18
	a.EventID = c.EASEventID
	a.SequenceNumber = c.SequenceNumber
	a.Originator = c.EASOriginatorCode
	a.EventCode = c.EASEventCode
	a.Priority = c.AlertPriority
	text, _ := PreferredText(c.AlertText, t.Languages)
	a.Text, a.TextLang, a.TextUndecoded = text.Text, text.Lang, text.Undecoded
	nat, _ := PreferredText(c.NatureOfActivationText, t.Languages)
	a.NatureOfActivation = nat.Text
	a.SecondsRemaining = c.AlertMessageTimeRemaining
	a.EventStartTime = c.EventStartTime
	a.EventDuration = c.EventDuration
	a.Locations = append(a.Locations[:0], c.Locations...)
	a.Exceptions = append(a.Exceptions[:0], c.Exceptions...)
	a.AudioOOBSourceID = c.AudioOOBSourceID
	a.Details = DetailsChannel{OOBSourceID: c.DetailsOOBSourceID,
		Major: c.DetailsMajorChannelNumber, Minor: c.DetailsMinorChannelNumber}
	a.ExceptionChannels = a.ExceptionChannels[:0]
	var exc InBandExceptionChannelsDescriptor
	for _, d := range c.Descriptors {
		switch d.Tag {
		case DescriptorTagInBandDetailsChannel:
			var det InBandDetailsChannelDescriptor
			if !a.Details.InBand && det.Unmarshal(d.Data) == nil { // the first valid one counts
				a.Details.InBand = true
				a.Details.RFChannel, a.Details.ProgramNumber = det.DetailsRFChannel, det.DetailsProgramNumber
			}
		case DescriptorTagInBandExceptionChannels:
			if exc.Unmarshal(d.Data) == nil { // a malformed optional descriptor is skipped
				a.ExceptionChannels = append(a.ExceptionChannels, exc.Channels...)
			}
		}
	}
	s.refreshed = now
	switch {
	case c.AlertMessageTimeRemaining > 0:
		a.Deadline, a.Expires = now+time.Duration(c.AlertMessageTimeRemaining)*time.Second, true
	case c.EventDuration > 0:
		a.Deadline, a.Expires = now+time.Duration(c.EventDuration)*time.Minute, true
	default:
		a.Deadline, a.Expires = 0, false
	}
}

func (t *Tracker) expire(now time.Duration) {
	for k := 0; k < len(t.scte); {
		if a := &t.scte[k].a; a.Expires && now >= a.Deadline {
			t.endSCTE18(k, ReasonExpired)
			continue
		}
		k++
	}
}

func (t *Tracker) endSCTE18(k int, r Reason) {
	s := t.scte[k]
	t.emit(KindEnd, r, &s.a)
	i := t.tombIndex(s.a.EventID)
	if i < 0 {
		i = t.tombNext
		t.tombNext = (t.tombNext + 1) % tombstones
	}
	t.tombs[i] = tomb{id: s.a.EventID, seen: s.seen, used: true}
	t.scte = slices.Delete(t.scte, k, k+1)
}
