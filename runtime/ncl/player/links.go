package player

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/antena-tv/antena/runtime/ncl"
)

// link is a compiled <link>: its connector, the context it belongs to (a
// link acts only while its context is presented) and the progress of its
// "and" conditions.
type link struct {
	l      *ncl.Link
	conn   *ncl.CausalConnector
	ctx    *object
	parent map[ncl.Condition]*ncl.CompoundCondition
	marks  map[any]map[any]bool
}

// condRef is one simple condition of a link bound to one event.
type condRef struct {
	lk    *link
	cond  *ncl.SimpleCondition
	bind  *ncl.Bind
	trans ncl.TransitionType
	key   string
	delay time.Duration
}

// maxRepeat bounds an action's repeat attribute ("indefinite" included).
const maxRepeat = 100

// compileLinks indexes the links of c and its nested contexts by the events
// their conditions wait for.
func (p *Player) compileLinks(c *ncl.Context) {
	ctx := p.object(c.ID)
	for _, l := range c.Links {
		conn := p.doc.Connector(l.XConnector)
		if conn == nil || conn.Condition == nil || conn.Action == nil {
			continue // reported by the parser
		}
		lk := &link{l: l, conn: conn, ctx: ctx, parent: map[ncl.Condition]*ncl.CompoundCondition{},
			marks: map[any]map[any]bool{}}
		var walk func(ncl.Condition)
		walk = func(x ncl.Condition) {
			if cc, ok := x.(*ncl.CompoundCondition); ok {
				for _, y := range cc.Conditions {
					lk.parent[y] = cc
					walk(y)
				}
			}
		}
		walk(conn.Condition)
		p.links = append(p.links, lk)
		for _, sc := range conn.SimpleConditions() {
			for _, b := range l.BindsOf(sc.Role) {
				p.bindCondition(lk, sc, b)
			}
		}
	}
	for _, n := range c.Nodes {
		if sub, ok := n.(*ncl.Context); ok {
			p.compileLinks(sub)
		}
	}
}

func (p *Player) bindCondition(lk *link, sc *ncl.SimpleCondition, b *ncl.Bind) {
	o := p.object(b.Component)
	if o == nil {
		return
	}
	iface := b.Interface
	if o.kind == kindContext {
		o, iface = p.resolvePort(o, iface)
		if o == nil {
			return
		}
	}
	rc, _ := ncl.ResolveCondition(sc, lk.l, b) // a missing value was reported by the parser
	typ := rc.EventType
	if typ == "" {
		typ = ncl.EventPresentation
	}
	tr := rc.Transition
	if tr == "" {
		tr = ncl.TransitionStarts
	}
	if strings.HasPrefix(strings.TrimSpace(rc.Key), "$") {
		rc.Key = "" // a key parameter no link gives: selection with ENTER, as Ginga does
	}
	delay, _ := ncl.ParseTime(rc.Delay)
	ref := &condRef{lk: lk, cond: sc, bind: b, trans: tr, key: strings.ToUpper(strings.TrimSpace(rc.Key)), delay: delay}
	k := evKey{o, typ, iface}
	p.conds[k] = append(p.conds[k], ref)
	if typ == ncl.EventSelection && ref.key != "" && ref.key != "ENTER" && !slices.Contains(p.keyed[ref.key], k) {
		p.keyed[ref.key] = append(p.keyed[ref.key], k)
	}
}

// fire triggers the links waiting for a transition of the event k.
func (p *Player) fire(k evKey, tr ncl.TransitionType, key string) {
	refs := p.conds[k]
	for _, ref := range refs {
		if ref.trans != tr {
			continue
		}
		if k.typ == ncl.EventSelection && !sameKey(ref.key, key) {
			continue
		}
		if ref.lk.ctx != nil && !ref.lk.ctx.presented() {
			continue
		}
		if ref.delay > 0 {
			p.after(ref.delay, func() {
				if ref.lk.ctx == nil || ref.lk.ctx.presented() { // the context may have ended meanwhile
					ref.lk.satisfied(p, ref)
				}
			})
			continue
		}
		ref.lk.satisfied(p, ref)
	}
}

// sameKey: a condition without a key is selected by ENTER (on the focused
// media).
func sameKey(want, got string) bool {
	if want == "" {
		want = "ENTER"
	}
	if got == "" {
		got = "ENTER"
	}
	return want == got
}

// satisfied: a simple condition of the link held for one of its binds.
func (lk *link) satisfied(p *Player, ref *condRef) {
	if strings.EqualFold(ref.cond.Qualifier, "and") {
		binds := lk.l.BindsOf(ref.cond.Role)
		if !lk.mark(ref.cond, ref.bind, len(binds)) {
			return
		}
	}
	lk.up(p, ref.cond)
}

// mark records that part of a conjunction held and reports whether all n
// parts have (the record is then reset).
func (lk *link) mark(group, part any, n int) bool {
	m := lk.marks[group]
	if m == nil {
		m = map[any]bool{}
		lk.marks[group] = m
	}
	m[part] = true
	if len(m) < n {
		return false
	}
	delete(lk.marks, group)
	return true
}

// up climbs the condition tree from a condition that held.
func (lk *link) up(p *Player, c ncl.Condition) {
	cc := lk.parent[c]
	if cc == nil {
		p.exec(lk, lk.conn.Action)
		return
	}
	if !strings.EqualFold(cc.Operator, "or") && !lk.mark(cc, c, len(cc.Conditions)) {
		return
	}
	if !lk.statements(p, cc) {
		return
	}
	next := func() { lk.up(p, cc) }
	if d, ok := ncl.ParseTime(lk.param(cc.Delay)); ok && d > 0 {
		p.after(d, next)
		return
	}
	next()
}

func (lk *link) param(v string) string {
	r, _ := ncl.ResolveParam(v, lk.l, nil)
	return r
}

// statements evaluates a compound condition's guards: all of them for
// "and", one of them for "or".
func (lk *link) statements(p *Player, cc *ncl.CompoundCondition) bool {
	if len(cc.Statements) == 0 {
		return true
	}
	or := strings.EqualFold(cc.Operator, "or")
	for _, s := range cc.Statements {
		v := lk.statement(p, s, 0)
		if or && v {
			return true
		}
		if !or && !v {
			return false
		}
	}
	return !or
}

func (lk *link) statement(p *Player, s ncl.Statement, depth int) bool {
	if depth > 32 {
		return false
	}
	switch s := s.(type) {
	case *ncl.AssessmentStatement:
		if len(s.Attributes) == 0 {
			return false
		}
		left, ok := lk.attribute(p, &s.Attributes[0])
		if !ok {
			return false
		}
		var right string
		switch {
		case s.Value != nil:
			right = lk.param(s.Value.Value)
		case len(s.Attributes) > 1:
			if right, ok = lk.attribute(p, &s.Attributes[1]); !ok {
				return false
			}
		default:
			return false
		}
		return ncl.Compare(left, strings.ToLower(lk.param(s.Comparator)), right)
	case *ncl.CompoundStatement:
		or := strings.EqualFold(s.Operator, "or")
		v := !or
		for _, x := range s.Statements {
			r := lk.statement(p, x, depth+1)
			if or && r {
				v = true
				break
			}
			if !or && !r {
				v = false
				break
			}
		}
		if s.IsNegated {
			v = !v
		}
		return v
	}
	return false
}

// attribute is the value an attributeAssessment reads: a property
// (nodeProperty, the default), or the state, occurrences or repetitions
// of an event.
func (lk *link) attribute(p *Player, aa *ncl.AttributeAssessment) (string, bool) {
	binds := lk.l.BindsOf(aa.Role)
	if len(binds) == 0 {
		return "", false
	}
	b := binds[0]
	o, iface := p.resolvePort(p.object(b.Component), b.Interface)
	if o == nil {
		return "", false
	}
	typ := aa.EventType
	if typ == "" {
		typ = ncl.EventAttribution
	}
	var v string
	switch at := strings.ToLower(aa.AttributeType); {
	case at == "state":
		v = o.event(typ, iface).state.String()
	case at == "occurrences":
		v = strconv.Itoa(o.event(typ, iface).occurrences)
	case at == "repetitions":
		v = strconv.Itoa(o.event(typ, iface).repetitions)
	default:
		if o == p.set.obj {
			v, _ = p.set.get(iface)
		} else {
			v = o.props[iface]
		}
	}
	if off := lk.param(aa.Offset); off != "" {
		a, e1 := strconv.ParseFloat(strings.TrimSpace(v), 64)
		d, e2 := strconv.ParseFloat(strings.TrimSpace(off), 64)
		if e1 == nil && e2 == nil {
			v = strconv.FormatFloat(a+d, 'f', -1, 64)
		}
	}
	return v, true
}

// exec runs a link's action tree: a compound action runs its actions in
// order (seq and par alike: actions take no time), after its delay.
func (p *Player) exec(lk *link, a ncl.Action) {
	switch a := a.(type) {
	case *ncl.CompoundAction:
		run := func() {
			for _, x := range a.Actions {
				p.exec(lk, x)
			}
		}
		if d, ok := ncl.ParseTime(lk.param(a.Delay)); ok && d > 0 {
			p.after(d, run)
			return
		}
		run()
	case *ncl.SimpleAction:
		for _, b := range lk.l.BindsOf(a.Role) {
			ra, _ := ncl.ResolveAction(a, lk.l, b) // a missing value was reported by the parser
			b := b
			do := func() { p.act(lk, &ra, b) }
			if d, ok := ncl.ParseTime(ra.Delay); ok && d > 0 {
				p.after(d, do)
			} else {
				do()
			}
			n := 0
			if strings.EqualFold(strings.TrimSpace(ra.Repeat), "indefinite") {
				n = maxRepeat
			} else if r, err := strconv.Atoi(strings.TrimSpace(ra.Repeat)); err == nil && r > 0 {
				n = min(r, maxRepeat)
			}
			if n > 0 {
				every, _ := ncl.ParseTime(ra.RepeatDelay)
				first, _ := ncl.ParseTime(ra.Delay)
				for i := 1; i <= n; i++ {
					p.after(first+time.Duration(i)*every, do)
				}
			}
		}
	}
}

// act performs one simple action on one bind.
func (p *Player) act(lk *link, a *ncl.SimpleAction, b *ncl.Bind) {
	o := p.object(b.Component)
	if o == nil {
		return
	}
	typ := a.EventType
	if typ == "" {
		typ = ncl.EventPresentation
	}
	at := a.ActionType
	if at == "" {
		at = ncl.ActionStart
	}
	switch typ {
	case ncl.EventAttribution:
		switch at {
		case ncl.ActionStart:
			dur, _ := ncl.ParseTime(a.Duration)
			value := a.Value
			if by := strings.TrimSpace(a.By); by != "" && by != "indefinite" {
				cur, e1 := strconv.ParseFloat(strings.TrimSpace(o.props[b.Interface]), 64)
				step, e2 := strconv.ParseFloat(by, 64)
				if e1 == nil && e2 == nil && value == "" {
					value = strconv.FormatFloat(cur+step, 'f', -1, 64)
				}
			}
			p.setProp(o, b.Interface, value, dur)
		default:
			p.transition(o.event(typ, b.Interface), transitionOf(string(at)), "")
		}
	case ncl.EventSelection:
		ev := o.event(typ, b.Interface)
		if at == ncl.ActionStart {
			p.transition(ev, "starts", "")
			p.transition(ev, "stops", "")
		} else {
			p.transition(ev, transitionOf(string(at)), "")
		}
	default:
		switch at {
		case ncl.ActionStart:
			p.start(o, b.Interface, b.Descriptor)
		case ncl.ActionStop:
			p.stop(o, b.Interface, false)
		case ncl.ActionAbort:
			p.stop(o, b.Interface, true)
		case ncl.ActionPause:
			p.pause(o, b.Interface)
		case ncl.ActionResume:
			p.resume(o, b.Interface)
		}
	}
}
