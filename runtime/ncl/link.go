package ncl

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Link is a <link>: an instance of the connector XConnector whose roles are
// bound to nodes. Specification: ITU-T H.761, 7.2.8 (Linking functionality).
type Link struct {
	ID string
	// XConnector is the connector's ID ("alias#id" for an imported base).
	XConnector string
	Params     []Param
	Binds      []*Bind
	Pos
}

// Bind is a <bind>: a connector role bound to a node (Component) and
// optionally one of its interfaces and a descriptor.
type Bind struct {
	Role       string
	Component  string
	Interface  string
	Descriptor string
	Params     []Param
	Pos
}

// ResolveParam resolves a connector attribute value at link binding time: a
// value "$name" is replaced by the bindParam name of bind (when bind is not
// nil and has it), else by the linkParam name of link. Other values are
// returned as they are. ok is false when a "$name" has no value (the value
// is then returned unchanged).
// Specification: ITU-T H.761, 7.2.8 (connectorParam, linkParam, bindParam).
func ResolveParam(value string, link *Link, bind *Bind) (string, bool) {
	name, isParam := strings.CutPrefix(strings.TrimSpace(value), "$")
	if !isParam {
		return value, true
	}
	if bind != nil {
		if v, ok := lookupParam(bind.Params, name); ok {
			return v, true
		}
	}
	if link != nil {
		if v, ok := lookupParam(link.Params, name); ok {
			return v, true
		}
	}
	return value, false
}

func lookupParam(ps []Param, name string) (string, bool) {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].Name == name {
			return ps[i].Value, true
		}
	}
	return "", false
}

// BindsOf returns the binds of l for role, in document order.
func (l *Link) BindsOf(role string) []*Bind {
	var out []*Bind
	for _, b := range l.Binds {
		if b.Role == role {
			out = append(out, b)
		}
	}
	return out
}

// ResolveAction returns a copy of a with its "$param" values (delay, value,
// duration, by, repeat, repeatDelay, key-like fields) resolved for bind of
// link, and the names that had no value.
func ResolveAction(a *SimpleAction, link *Link, bind *Bind) (SimpleAction, []string) {
	out := *a
	var missing []string
	for _, f := range []*string{&out.Delay, &out.Value, &out.Duration, &out.By, &out.Repeat, &out.RepeatDelay} {
		v, ok := ResolveParam(*f, link, bind)
		if !ok {
			missing = append(missing, strings.TrimPrefix(strings.TrimSpace(*f), "$"))
		}
		*f = v
	}
	return out, missing
}

// ResolveCondition returns a copy of c with its "$param" values (delay, key)
// resolved for bind of link, and the names that had no value.
func ResolveCondition(c *SimpleCondition, link *Link, bind *Bind) (SimpleCondition, []string) {
	out := *c
	var missing []string
	for _, f := range []*string{&out.Delay, &out.Key} {
		v, ok := ResolveParam(*f, link, bind)
		if !ok {
			missing = append(missing, strings.TrimPrefix(strings.TrimSpace(*f), "$"))
		}
		*f = v
	}
	return out, missing
}

// ParseTime reads an NCL time value: seconds with an optional "s" suffix
// ("5", "5s", "2.5s"), or a clock value "hh:mm:ss[.f]" or "mm:ss[.f]".
// Negative, NaN and values over 100 days are refused.
func ParseTime(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	var secs float64
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) > 3 {
			return 0, false
		}
		for _, p := range parts {
			v, err := strconv.ParseFloat(p, 64)
			if err != nil || v < 0 {
				return 0, false
			}
			secs = secs*60 + v
		}
	} else {
		v, err := strconv.ParseFloat(strings.TrimSuffix(s, "s"), 64)
		if err != nil {
			return 0, false
		}
		secs = v
	}
	const maxSecs = 100 * 24 * 3600
	if math.IsNaN(secs) || secs < 0 || secs > maxSecs {
		return 0, false
	}
	return time.Duration(math.Round(secs * float64(time.Second))), true
}
