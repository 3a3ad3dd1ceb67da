package alert

import (
	"fmt"
	"strings"
	"time"

	dalert "github.com/antena-tv/antena/demux/alert"
)

// Action is what a Record reports.
type Action uint8

// Actions.
const (
	ActionRaised     Action = iota + 1 // an alert for this box: shown, tuned, woken as needed
	ActionUpdated                      // a raised alert's content changed: shown again
	ActionEnded                        // a raised alert ended: overlay removed, state restored
	ActionIgnored                      // an alert not for this box (area, location), or the end of one
	ActionExcepted                     // an SCTE-18 alert not shown: the viewer's channel is an exception
	ActionShown                        // the first frame with the alert was rendered
	ActionDismissed                    // the viewer closed a second-kind warning
	ActionTMCC                         // the TMCC emergency flag changed
	ActionTuneFailed                   // Box.Tune refused a request
)

// String returns the action in words.
func (a Action) String() string {
	switch a {
	case ActionRaised:
		return "raised"
	case ActionUpdated:
		return "updated"
	case ActionEnded:
		return "ended"
	case ActionIgnored:
		return "ignored"
	case ActionExcepted:
		return "excepted"
	case ActionShown:
		return "shown"
	case ActionDismissed:
		return "dismissed"
	case ActionTMCC:
		return "tmcc"
	case ActionTuneFailed:
		return "tune-failed"
	}
	return fmt.Sprintf("Action(%d)", uint8(a))
}

// Record is one entry of the Manager's log.
type Record struct {
	Action   Action
	System   dalert.System      // "" for ActionTMCC
	ID       uint16             // service_id (ISDB) or EAS_event_ID (SCTE-18)
	Level    dalert.SignalLevel // ISDB
	Priority uint8              // SCTE-18 alert_priority as sent
	Areas    []uint16           // ISDB area codes of the alert; shared, do not modify
	Reason   string             // why it was ignored or ended, or what failed
	// Packet is demux Info.Packet of the section that caused the record, -1 when the
	// record does not come from a section (expiry on the Manager's clock, keys, frames).
	Packet int64
	// At is the Manager's clock when it happened. For ActionEnded, RaisedAt is when the
	// alert was raised (At-RaisedAt: how long it was on); for ActionShown, when it was
	// raised or last updated (At-RaisedAt: how long it took to reach the screen).
	At, RaisedAt time.Duration
	Channel      Channel // ActionRaised, ActionUpdated: the channel tuned to (zero: none)
	Woke         bool    // ActionRaised: the box was brought out of standby
	Flag         bool    // ActionTMCC: the flag's new state
}

// String gives a one-line summary.
func (r Record) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v %s", r.At, r.Action)
	switch r.System {
	case dalert.SystemISDB:
		fmt.Fprintf(&b, " isdb service 0x%04X %s areas %03X", r.ID, r.Level, r.Areas)
	case dalert.SystemSCTE18:
		fmt.Fprintf(&b, " scte18 event 0x%04X priority %d", r.ID, r.Priority)
	}
	if r.Action == ActionTMCC {
		fmt.Fprintf(&b, " flag %t", r.Flag)
	}
	if r.Packet >= 0 {
		fmt.Fprintf(&b, " packet %d", r.Packet)
	}
	if r.Action == ActionEnded || r.Action == ActionShown {
		fmt.Fprintf(&b, " after %v", r.At-r.RaisedAt)
	}
	if !r.Channel.IsZero() {
		fmt.Fprintf(&b, " channel %s", r.Channel)
	}
	if r.Woke {
		b.WriteString(" woke")
	}
	if r.Reason != "" {
		b.WriteString(" (" + r.Reason + ")")
	}
	return b.String()
}

// DefaultMaxRecords is how many records a Manager keeps when Options.MaxRecords is 0.
const DefaultMaxRecords = 256

// recordLog is a ring of the latest records.
type recordLog struct {
	buf  []Record
	next int
	full bool
}

func newRecordLog(n int) recordLog { return recordLog{buf: make([]Record, n)} }

func (l *recordLog) add(r Record) {
	l.buf[l.next] = r
	l.next++
	if l.next == len(l.buf) {
		l.next, l.full = 0, true
	}
}

// all returns the records, oldest first.
func (l *recordLog) all() []Record {
	if !l.full {
		return append([]Record(nil), l.buf[:l.next]...)
	}
	out := make([]Record, 0, len(l.buf))
	out = append(out, l.buf[l.next:]...)
	return append(out, l.buf[:l.next]...)
}
