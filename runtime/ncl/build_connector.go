package ncl

import "strings"

func (b *builder) connectorBase(e *element) {
	b.attrs(e, "id")
	for _, c := range e.children {
		switch c.name {
		case "causalConnector":
			if cc := b.causalConnector(c); cc != nil {
				b.d.Connectors = append(b.d.Connectors, cc)
			}
		case "importBase":
			b.importBase(c, "connectorBase")
		default:
			b.unknown(e, c)
		}
	}
}

func (b *builder) causalConnector(e *element) *CausalConnector {
	a := b.attrs(e, "id")
	cc := &CausalConnector{ID: a["id"], Pos: e.pos}
	for _, c := range e.children {
		switch c.name {
		case "connectorParam":
			cc.Params = append(cc.Params, b.param(c, "name", "type"))
		case "simpleCondition", "compoundCondition":
			if cc.Condition != nil {
				b.l.r.warnf(c.pos, "connector %q: second condition ignored", cc.ID)
				continue
			}
			cc.Condition = b.condition(c)
		case "simpleAction", "compoundAction":
			if cc.Action != nil {
				b.l.r.warnf(c.pos, "connector %q: second action ignored", cc.ID)
				continue
			}
			cc.Action = b.action(c)
		default:
			b.unknown(e, c)
		}
	}
	if cc.Condition == nil || cc.Action == nil {
		b.l.r.errorf(e.pos, "connector %q has no condition or no action: skipped", cc.ID)
		return nil
	}
	return cc
}

func (b *builder) minMax(e *element, a map[string]string) (int, int) {
	lo, hi := 1, 1
	if v, ok := a["min"]; ok {
		lo = b.int(e, "min", v, 1)
	}
	if v, ok := a["max"]; ok {
		if v == "unbounded" {
			hi = -1
		} else {
			hi = b.int(e, "max", v, 1)
		}
	}
	return lo, hi
}

func (b *builder) condition(e *element) Condition {
	if e.name == "simpleCondition" {
		a := b.attrs(e, "role", "delay", "eventType", "key", "transition", "min", "max", "qualifier")
		c := &SimpleCondition{
			Role: a["role"], Delay: a["delay"], EventType: EventType(a["eventType"]), Key: a["key"],
			Transition: TransitionType(a["transition"]), Qualifier: a["qualifier"], Pos: e.pos,
		}
		c.Min, c.Max = b.minMax(e, a)
		if def, ok := ConditionRoles[c.Role]; ok {
			if c.EventType == "" {
				c.EventType = def.EventType
			}
			if c.Transition == "" {
				c.Transition = def.Transition
			}
		} else if c.EventType == "" || c.Transition == "" {
			b.l.r.warnf(e.pos, "condition role %q is not reserved and lacks eventType or transition", c.Role)
		}
		return c
	}
	a := b.attrs(e, "operator", "delay")
	cc := &CompoundCondition{Operator: a["operator"], Delay: a["delay"], Pos: e.pos}
	for _, c := range e.children {
		switch c.name {
		case "simpleCondition", "compoundCondition":
			cc.Conditions = append(cc.Conditions, b.condition(c))
		case "assessmentStatement", "compoundStatement":
			cc.Statements = append(cc.Statements, b.statement(c))
		default:
			b.unknown(e, c)
		}
	}
	return cc
}

func (b *builder) statement(e *element) Statement {
	if e.name == "assessmentStatement" {
		a := b.attrs(e, "comparator")
		s := &AssessmentStatement{Comparator: a["comparator"], Pos: e.pos}
		for _, c := range e.children {
			switch c.name {
			case "attributeAssessment":
				aa := b.attrs(c, "role", "eventType", "key", "attributeType", "offset")
				s.Attributes = append(s.Attributes, AttributeAssessment{
					Role: aa["role"], EventType: EventType(aa["eventType"]), Key: aa["key"],
					AttributeType: aa["attributeType"], Offset: aa["offset"], Pos: c.pos,
				})
			case "valueAssessment":
				s.Value = &ValueAssessment{Value: b.attrs(c, "value")["value"], Pos: c.pos}
			default:
				b.unknown(e, c)
			}
		}
		return s
	}
	a := b.attrs(e, "operator", "isNegated")
	s := &CompoundStatement{Operator: a["operator"], IsNegated: a["isNegated"] == "true", Pos: e.pos}
	for _, c := range e.children {
		switch c.name {
		case "assessmentStatement", "compoundStatement":
			s.Statements = append(s.Statements, b.statement(c))
		default:
			b.unknown(e, c)
		}
	}
	return s
}

func (b *builder) action(e *element) Action {
	if e.name == "simpleAction" {
		a := b.attrs(e, "role", "delay", "eventType", "actionType", "value", "duration", "by",
			"repeat", "repeatDelay", "min", "max", "qualifier")
		s := &SimpleAction{
			Role: a["role"], Delay: a["delay"], EventType: EventType(a["eventType"]),
			ActionType: ActionType(a["actionType"]), Value: a["value"], Duration: a["duration"],
			By: a["by"], Repeat: a["repeat"], RepeatDelay: a["repeatDelay"], Qualifier: a["qualifier"],
			Pos: e.pos,
		}
		s.Min, s.Max = b.minMax(e, a)
		if s.ActionType == "set" { // NCL 2 style
			s.ActionType, s.EventType = ActionStart, EventAttribution
		}
		if def, ok := ActionRoles[s.Role]; ok {
			if s.EventType == "" {
				s.EventType = def.EventType
			}
			if s.ActionType == "" {
				s.ActionType = def.ActionType
			}
		} else if s.EventType == "" || s.ActionType == "" {
			b.l.r.warnf(e.pos, "action role %q is not reserved and lacks eventType or actionType", s.Role)
		}
		return s
	}
	a := b.attrs(e, "operator", "delay")
	ca := &CompoundAction{Operator: strings.ToLower(a["operator"]), Delay: a["delay"], Pos: e.pos}
	for _, c := range e.children {
		switch c.name {
		case "simpleAction", "compoundAction":
			ca.Actions = append(ca.Actions, b.action(c))
		default:
			b.unknown(e, c)
		}
	}
	return ca
}
