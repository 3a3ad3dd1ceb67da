package mux

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/dsmcc"
)

// maxEventData is the private data a stream_event_descriptor holds: 255 - 10.
const maxEventData = 245

// ParseStreamTime reads a stream time: a Go duration ("90s", "1m30s", "250ms") or a
// number of seconds ("12", "12.5"). It must not be negative.
func ParseStreamTime(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("%w: empty time", ErrSyntax)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 0 || math.IsNaN(f) || f > 1e9 {
			return 0, fmt.Errorf("%w: time %q out of range", ErrSyntax, s)
		}
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%w: time %q: want seconds (12.5) or a duration (1m30s)", ErrSyntax, s)
	}
	return d, nil
}

// ParseRate reads a bit rate: "1M", "1.5M", "500k", "2000000", optionally followed by
// "bit/s" or "bps" (k, M, G are powers of 1000).
func ParseRate(s string) (int64, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(strings.TrimSuffix(t, "bit/s"), "bps")
	mult := 1.0
	if n := len(t); n > 0 {
		switch t[n-1] {
		case 'k', 'K':
			mult, t = 1e3, t[:n-1]
		case 'm', 'M':
			mult, t = 1e6, t[:n-1]
		case 'g', 'G':
			mult, t = 1e9, t[:n-1]
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f <= 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%w: rate %q: want a number of bit/s such as 1M or 500k", ErrSyntax, s)
	}
	r := f * mult
	if r < minRate || r > maxRate {
		return 0, fmt.Errorf("%w: rate %q out of range (%dk to %dM bit/s)", ErrSyntax, s, minRate/1000, maxRate/1_000_000)
	}
	return int64(math.Round(r)), nil
}

// ParseUint reads a number that fits bits: decimal or 0x hexadecimal.
func ParseUint(s string, bits int) (uint64, error) {
	v, err := strconv.ParseUint(strings.TrimSpace(s), 0, bits)
	if err != nil {
		return 0, fmt.Errorf("%w: %q is not a number of at most %d bits", ErrSyntax, s, bits)
	}
	return v, nil
}

// ParseEvent reads NAME@T[:DATA]: the event NAME at stream time T, with the private data
// DATA (the rest of the string, bytes as given).
func ParseEvent(s string) (Event, error) {
	name, rest, ok := strings.Cut(s, "@")
	if !ok {
		return Event{}, fmt.Errorf("%w: event %q: want NAME@T[:DATA]", ErrSyntax, s)
	}
	ts, data, _ := strings.Cut(rest, ":")
	at, err := ParseStreamTime(ts)
	if err != nil {
		return Event{}, fmt.Errorf("event %q: %w", s, err)
	}
	e := Event{Name: name, At: at, Data: []byte(data)}
	return e, e.check()
}

func (e *Event) check() error {
	switch {
	case e.Name == "" || len(e.Name) > dsmcc.MaxNameLen || strings.IndexByte(e.Name, 0) >= 0 || !utf8.ValidString(e.Name):
		return fmt.Errorf("%w: event name %q (1-%d bytes of UTF-8, no NUL)", ErrSyntax, e.Name, dsmcc.MaxNameLen)
	case len(e.Data) > maxEventData:
		return fmt.Errorf("%w: event %q data is %d bytes, at most %d", ErrSyntax, e.Name, len(e.Data), maxEventData)
	case e.At < 0:
		return fmt.Errorf("%w: event %q at a negative time", ErrSyntax, e.Name)
	}
	return nil
}

// ParseEWBS reads an ISDB emergency warning:
//
//	start@T[,end@T][,area=CODE]...[,level=1|2][,service=ID]
//
// CODE is a 12-bit area code (0x5A5); level 1 is the first-kind start signal (the
// default), 2 the second kind; service is the service_id of the warning (default: the
// service).
func ParseEWBS(s string) (EWBS, error) {
	var w EWBS
	haveStart := false
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		k, v, at := cutKey(f)
		var err error
		switch {
		case k == "start" && at:
			w.Start, err = ParseStreamTime(v)
			haveStart = true
		case k == "end" && at:
			w.End, err = ParseStreamTime(v)
			if err == nil && w.End == 0 {
				err = fmt.Errorf("%w: end@0", ErrSyntax)
			}
		case k == "area" && !at:
			var a uint64
			if a, err = ParseUint(v, 12); err == nil {
				w.AreaCodes = append(w.AreaCodes, uint16(a))
			}
		case k == "level" && !at:
			switch v {
			case "1":
				w.SignalLevel = alert.SignalLevelFirstKind
			case "2":
				w.SignalLevel = alert.SignalLevelSecondKind
			default:
				err = fmt.Errorf("%w: level %q: want 1 (first kind) or 2 (second kind)", ErrSyntax, v)
			}
		case k == "service" && !at:
			var id uint64
			id, err = ParseUint(v, 16)
			w.ServiceID = uint16(id)
		default:
			err = fmt.Errorf("%w: %q: want start@T, end@T, area=CODE, level=1|2 or service=ID", ErrSyntax, f)
		}
		if err != nil {
			return EWBS{}, fmt.Errorf("ewbs %q: %w", s, err)
		}
	}
	if !haveStart {
		return EWBS{}, fmt.Errorf("%w: ewbs %q: start@T is required", ErrSyntax, s)
	}
	return w, w.check()
}

func (w *EWBS) check() error {
	switch {
	case len(w.AreaCodes) == 0:
		return fmt.Errorf("%w: ewbs: at least one area=CODE", ErrSyntax)
	case len(w.AreaCodes) > 125:
		return fmt.Errorf("%w: ewbs: %d areas, at most 125", ErrSyntax, len(w.AreaCodes))
	case w.End != 0 && w.End <= w.Start:
		return fmt.Errorf("%w: ewbs: end %v is not after start %v", ErrSyntax, w.End, w.Start)
	}
	for _, a := range w.AreaCodes {
		if a > 0xFFF {
			return fmt.Errorf("%w: ewbs: area 0x%X has more than 12 bits", ErrSyntax, a)
		}
	}
	return nil
}

// ParseSCTE18 reads a cable emergency alert:
//
//	[start@T][,duration=D][,code=RWT][,priority=N][,originator=EAS][,event=ID]
//	[,location=SS:CCC[:D]]...[,details=MAJ.MIN][,lang=eng][,text=TEXT]
//
// start defaults to 0 and duration to 60s; priority is 0-15 (default 3; 0 is a test that
// receivers discard); location gives the FIPS state, county and subdivision (default one
// location 0:0, everywhere); text runs to the end of the string, commas included.
func ParseSCTE18(s string) (SCTE18, error) {
	a := SCTE18{Duration: time.Minute, Priority: alert.PriorityLow}
	rest := s
	for rest != "" {
		var f string
		if strings.HasPrefix(strings.TrimSpace(rest), "text=") {
			f, rest = strings.TrimSpace(rest), ""
		} else {
			f, rest, _ = strings.Cut(rest, ",")
			f = strings.TrimSpace(f)
		}
		if err := a.field(f); err != nil {
			return SCTE18{}, fmt.Errorf("scte18 %q: %w", s, err)
		}
	}
	if len(a.Locations) == 0 {
		a.Locations = []alert.LocationCode{{}}
	}
	return a, a.check()
}

func (a *SCTE18) field(f string) error {
	k, v, at := cutKey(f)
	var err error
	var n uint64
	switch {
	case k == "start" && at:
		a.Start, err = ParseStreamTime(v)
	case k == "duration" && !at:
		a.Duration, err = ParseStreamTime(v)
	case k == "code" && !at:
		a.EventCode = v
	case k == "originator" && !at:
		a.Originator = v
	case k == "text" && !at:
		a.Text = v
	case k == "lang" && !at:
		a.Language = v
	case k == "priority" && !at:
		n, err = ParseUint(v, 4)
		a.Priority = uint8(n)
	case k == "event" && !at:
		n, err = ParseUint(v, 16)
		a.EventID = uint16(n)
	case k == "location" && !at:
		var l alert.LocationCode
		l, err = parseLocation(v)
		a.Locations = append(a.Locations, l)
	case k == "details" && !at:
		major, minor, ok := strings.Cut(v, ".")
		var mj, mn uint64
		if mj, err = ParseUint(major, 10); err == nil && ok {
			mn, err = ParseUint(minor, 10)
		} else if err == nil {
			err = fmt.Errorf("%w: details %q: want MAJOR.MINOR", ErrSyntax, v)
		}
		a.DetailsMajor, a.DetailsMinor = uint16(mj), uint16(mn)
	default:
		err = fmt.Errorf("%w: %q: want start@T, duration=D, code=, priority=, originator=, event=, location=, "+
			"details=, lang= or text=", ErrSyntax, f)
	}
	return err
}

// parseLocation reads SS:CCC[:D]: FIPS state code (0-99), county code (0-999) and
// county subdivision (0-15).
func parseLocation(v string) (alert.LocationCode, error) {
	parts := strings.Split(v, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return alert.LocationCode{}, fmt.Errorf("%w: location %q: want STATE:COUNTY[:SUBDIVISION]", ErrSyntax, v)
	}
	st, err := strconv.ParseUint(parts[0], 10, 8)
	if err != nil || st > 99 {
		return alert.LocationCode{}, fmt.Errorf("%w: location %q: state 0-99", ErrSyntax, v)
	}
	co, err := strconv.ParseUint(parts[1], 10, 10)
	if err != nil || co > 999 {
		return alert.LocationCode{}, fmt.Errorf("%w: location %q: county 0-999", ErrSyntax, v)
	}
	var sub uint64
	if len(parts) == 3 {
		if sub, err = strconv.ParseUint(parts[2], 10, 4); err != nil {
			return alert.LocationCode{}, fmt.Errorf("%w: location %q: subdivision 0-15", ErrSyntax, v)
		}
	}
	return alert.LocationCode{StateCode: uint8(st), CountyCode: uint16(co), CountySubdivision: uint8(sub)}, nil
}

func (a *SCTE18) check() error {
	ascii := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] > 0x7E {
				return false
			}
		}
		return true
	}
	switch {
	case a.Duration <= 0 || a.Duration > 6000*time.Minute:
		return fmt.Errorf("%w: scte18 duration %v, want (0, 100h]", ErrSyntax, a.Duration)
	case a.Originator != "" && (len(a.Originator) != 3 || !ascii(a.Originator)):
		return fmt.Errorf("%w: scte18 originator %q: 3 ASCII letters (EAS, CIV, WXR, PEP)", ErrSyntax, a.Originator)
	case a.EventCode != "" && (len(a.EventCode) > 8 || !ascii(a.EventCode)):
		return fmt.Errorf("%w: scte18 code %q: up to 8 ASCII characters (RWT, EAN, TOR...)", ErrSyntax, a.EventCode)
	case a.Language != "" && len(a.Language) != 3:
		return fmt.Errorf("%w: scte18 lang %q: a 3-letter ISO 639-2 code", ErrSyntax, a.Language)
	case !utf8.ValidString(a.Text) || len(a.Text) > 2000:
		return fmt.Errorf("%w: scte18 text: UTF-8, at most 2000 bytes", ErrSyntax)
	case a.Priority > 15:
		return fmt.Errorf("%w: scte18 priority %d, 0-15", ErrSyntax, a.Priority)
	case a.DetailsMajor > 1023 || a.DetailsMinor > 1023:
		return fmt.Errorf("%w: scte18 details channel %d.%d", ErrSyntax, a.DetailsMajor, a.DetailsMinor)
	case len(a.Locations) > 31:
		return fmt.Errorf("%w: scte18: %d locations, at most 31", ErrSyntax, len(a.Locations))
	}
	return nil
}

// cutKey splits "key=value" or "key@value"; at says which.
func cutKey(f string) (k, v string, at bool) {
	i := strings.IndexAny(f, "=@")
	if i < 0 {
		return f, "", false
	}
	return f[:i], f[i+1:], f[i] == '@'
}

// ParseApplicationType reads ginga (Ginga-NCL, 0x0009), hbbtv (0x0010) or a number.
func ParseApplicationType(s string) (ait.ApplicationType, error) {
	switch strings.ToLower(s) {
	case "ginga", "ginga-ncl", "ncl":
		return ait.ApplicationTypeGingaNCL, nil
	case "hbbtv":
		return ait.ApplicationTypeHbbTV, nil
	}
	v, err := ParseUint(s, 15)
	if err != nil || v == 0 {
		return 0, fmt.Errorf("%w: application type %q: want ginga, hbbtv or a number", ErrSyntax, s)
	}
	return ait.ApplicationType(v), nil
}

// ParseControlCode reads an application control code by name (autostart, present,
// destroy, kill, prefetch, remote, disabled, playback-autostart) or number (1-8).
func ParseControlCode(s string) (ait.ControlCode, error) {
	names := map[string]ait.ControlCode{
		"autostart": ait.ControlCodeAutostart, "present": ait.ControlCodePresent, "destroy": ait.ControlCodeDestroy,
		"kill": ait.ControlCodeKill, "prefetch": ait.ControlCodePrefetch, "remote": ait.ControlCodeRemote,
		"disabled": ait.ControlCodeDisabled, "playback-autostart": ait.ControlCodePlaybackAutostart,
	}
	if c, ok := names[strings.ToLower(strings.ReplaceAll(s, "_", "-"))]; ok {
		return c, nil
	}
	v, err := ParseUint(s, 8)
	if err != nil || v == 0 || v > 8 {
		return 0, fmt.Errorf("%w: control code %q: want autostart, present, destroy, kill, prefetch, remote, "+
			"disabled, playback-autostart or 1-8", ErrSyntax, s)
	}
	return ait.ControlCode(v), nil
}
