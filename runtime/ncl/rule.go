package ncl

import (
	"strconv"
	"strings"
)

// Rule is a <rule> (Operator empty) or a <compositeRule> (Operator "and" or
// "or" over Rules). Specification: ITU-T H.761, 7.2.9 (Presentation control).
type Rule struct {
	ID string
	// Var is the settings property tested (for example system.language).
	Var string
	// Comparator is eq, ne, gt, lt, gte or lte.
	Comparator string
	Value      string
	Operator   string
	Rules      []*Rule
	Pos
}

// Composite reports whether r is a compositeRule.
func (r *Rule) Composite() bool { return r.Operator != "" }

// Eval evaluates the rule with get, which returns a settings variable.
// Values compare as numbers when both parse as numbers, else as strings; an
// unknown variable makes a simple rule false (ne included). Composite rules
// are evaluated to at most depth 64 (deeper is false).
func (r *Rule) Eval(get func(name string) (string, bool)) bool {
	return r.eval(get, 0)
}

func (r *Rule) eval(get func(string) (string, bool), depth int) bool {
	if depth > 64 {
		return false
	}
	if r.Composite() {
		and := r.Operator != "or"
		for _, c := range r.Rules {
			v := c.eval(get, depth+1)
			if and && !v {
				return false
			}
			if !and && v {
				return true
			}
		}
		return and && len(r.Rules) > 0
	}
	v, ok := get(r.Var)
	if !ok {
		return false
	}
	return Compare(v, r.Comparator, r.Value)
}

// Compare compares a and b with an NCL comparator (eq, ne, gt, lt, gte,
// lte; "" is eq), as numbers when both parse as numbers, else as strings.
// An unknown comparator is false.
func Compare(a, op, b string) bool {
	c := 0
	fa, ea := strconv.ParseFloat(strings.TrimSpace(a), 64)
	fb, eb := strconv.ParseFloat(strings.TrimSpace(b), 64)
	switch {
	case ea == nil && eb == nil:
		if fa < fb {
			c = -1
		} else if fa > fb {
			c = 1
		}
	default:
		c = strings.Compare(a, b)
	}
	switch op {
	case "eq", "":
		return c == 0
	case "ne":
		return c != 0
	case "gt":
		return c > 0
	case "lt":
		return c < 0
	case "gte":
		return c >= 0
	case "lte":
		return c <= 0
	}
	return false
}

// Transition is a <transition> of a transitionBase.
// Specification: ITU-T H.761, 7.2.14 (Transition effects).
type Transition struct {
	ID            string
	Type          string
	Subtype       string
	Dur           string
	StartProgress string
	EndProgress   string
	Direction     string
	FadeColor     string
	HorzRepeat    string
	VertRepeat    string
	BorderWidth   string
	BorderColor   string
	Pos
}
