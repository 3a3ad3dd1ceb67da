package alert

import (
	"fmt"
	"slices"
	"time"
)

// System names the signalling an Alert came from.
type System string

// Systems.
const (
	SystemISDB   System = "isdb"   // ARIB/ISDB-Tb emergency_information_descriptor (EWBS)
	SystemSCTE18 System = "scte18" // cable_emergency_alert
)

// Table names the kind of table that carried an ISDB warning.
type Table uint8

// Tables that carry emergency_information_descriptor.
const (
	TablePMT Table = iota + 1 // program_info (first) loop
	TableNIT                  // first (network descriptors) loop
)

// Source identifies one carrier of ISDB warnings: the PMT of one program, or one section
// of the NIT (actual) of one network, on one PID.
type Source struct {
	Table         Table
	ID            uint16 // program_number for TablePMT, network_id for TableNIT
	PID           uint16
	SectionNumber uint8 // TableNIT: every NIT section has its own first loop; 0 for a PMT
}

// String describes the source, e.g. "PMT of program 0xE760 on PID 0x01F0".
func (s Source) String() string {
	switch s.Table {
	case TablePMT:
		return fmt.Sprintf("PMT of program 0x%04X on PID 0x%04X", s.ID, s.PID)
	case TableNIT:
		return fmt.Sprintf("NIT of network 0x%04X section %d on PID 0x%04X", s.ID, s.SectionNumber, s.PID)
	}
	return fmt.Sprintf("table %d id 0x%04X on PID 0x%04X", s.Table, s.ID, s.PID)
}

// Kind is what happened to an alert.
type Kind uint8

// Kinds of Event.
const (
	KindStart  Kind = iota + 1 // a new alert: present it
	KindUpdate                 // an active alert's content changed: refresh it (re-alert)
	KindEnd                    // the alert is over: remove it
)

// String returns "start", "update" or "end".
func (k Kind) String() string {
	switch k {
	case KindStart:
		return "start"
	case KindUpdate:
		return "update"
	case KindEnd:
		return "end"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Reason says why an alert ended.
type Reason uint8

// Reasons of a KindEnd event (ReasonNone for Start and Update).
const (
	ReasonNone      Reason = iota
	ReasonSignalled        // ISDB: a section carried start_end_flag 0 for it
	ReasonWithdrawn        // ISDB: no source carries the warning any more
	ReasonExpired          // SCTE-18: its time ran out (see Tracker.Expire)
	ReasonEvicted          // SCTE-18: too many alerts at once; the least recently refreshed went
	ReasonReset            // Tracker.Reset (retune, standby)
)

// String returns the reason in words.
func (r Reason) String() string {
	switch r {
	case ReasonNone:
		return "none"
	case ReasonSignalled:
		return "signalled"
	case ReasonWithdrawn:
		return "withdrawn"
	case ReasonExpired:
		return "expired"
	case ReasonEvicted:
		return "evicted"
	case ReasonReset:
		return "reset"
	}
	return fmt.Sprintf("Reason(%d)", uint8(r))
}

// DetailsChannel is where an SCTE-18 alert's details are: a virtual channel number
// (in-band SI), an out-of-band source ID, and the in-band details channel descriptor.
type DetailsChannel struct {
	OOBSourceID   uint16 // 0 = none
	Major, Minor  uint16 // 0.0 = none
	InBand        bool   // an in-band details channel descriptor (0x00) was present
	RFChannel     uint8  // InBand: details_RF_channel
	ProgramNumber uint16 // InBand: details_program_number
}

// Alert is one emergency warning as the receiver sees it. It owns its memory: nothing in
// it aliases a section.
type Alert struct {
	System System

	// ISDB (System == SystemISDB). The identity is ServiceID.
	ServiceID   uint16      // the service that broadcasts the warning: tune to it
	SignalLevel SignalLevel // 1st- or 2nd-kind start signal
	AreaCodes   []uint16    // 12-bit area codes; match them against the configured area
	Sources     []Source    // the tables that currently carry it, in order of arrival

	// SCTE-18 (System == SystemSCTE18). The identity is EventID.
	EventID            uint16
	SequenceNumber     uint8  // of the section the content comes from
	Originator         string // EAS_originator_code
	EventCode          string // EAS_event_code
	Priority           uint8  // alert_priority as sent; see EffectivePriority
	Text               string // alert_text in the preferred language (Tracker.Languages), else the first
	TextLang           string
	TextUndecoded      bool   // part of the chosen alert text could not be decoded (see LangString)
	NatureOfActivation string // nature_of_activation_text, same language choice
	SecondsRemaining   uint8  // alert_message_time_remaining; 0 = indefinite
	EventStartTime     uint32 // GPS seconds (GPSToUTC); 0 = immediate
	EventDuration      uint16 // minutes; 0 = unknown
	Locations          []LocationCode
	Exceptions         []Exception
	ExceptionChannels  []RFProgram // from in-band exception channels descriptors (0x01)
	Details            DetailsChannel
	AudioOOBSourceID   uint16
	// Deadline is the caller's clock value at which the alert expires when Expires is set
	// (see Tracker for the rule).
	Deadline time.Duration
	Expires  bool
}

// clone returns a deep copy of a.
func (a *Alert) clone() Alert {
	c := *a
	c.AreaCodes = cloneNonEmpty(a.AreaCodes)
	c.Sources = cloneNonEmpty(a.Sources)
	c.Locations = cloneNonEmpty(a.Locations)
	c.Exceptions = cloneNonEmpty(a.Exceptions)
	c.ExceptionChannels = cloneNonEmpty(a.ExceptionChannels)
	return c
}

func cloneNonEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// Event is a change of an alert. Alert is a snapshot that the receiver may keep.
type Event struct {
	Kind   Kind
	Reason Reason // KindEnd only
	Alert  Alert
}

// String gives a one-line summary for logs.
func (e Event) String() string {
	a := &e.Alert
	var s string
	if a.System == SystemISDB {
		s = fmt.Sprintf("isdb %s service 0x%04X %s areas %03X", e.Kind, a.ServiceID, a.SignalLevel, a.AreaCodes)
	} else {
		s = fmt.Sprintf("scte18 %s event 0x%04X seq %d %s/%s priority %d", e.Kind, a.EventID, a.SequenceNumber,
			a.Originator, a.EventCode, a.Priority)
	}
	if e.Kind == KindEnd {
		s += " (" + e.Reason.String() + ")"
	}
	return s
}
