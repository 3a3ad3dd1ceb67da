package ncl

import (
	"strconv"
	"strings"
)

// builder turns the element tree of one file into the model.
type builder struct {
	l     *loader
	d     *Document
	chain []string
	depth int
}

// attrs returns the attributes of e, warning about those not in known.
func (b *builder) attrs(e *element, known ...string) map[string]string {
	m := make(map[string]string, len(e.attrs))
	for _, a := range e.attrs {
		n := a.Name.Local
		if a.Name.Space == "xmlns" || n == "xmlns" || a.Name.Space == "xsi" ||
			strings.HasPrefix(a.Name.Space, "http://www.w3.org/") {
			continue
		}
		ok := false
		for _, k := range known {
			if k == n {
				ok = true
				break
			}
		}
		if !ok {
			b.l.r.warnf(e.pos, "<%s>: unknown attribute %q ignored", e.name, n)
			continue
		}
		m[n] = strings.TrimSpace(a.Value)
	}
	return m
}

func (b *builder) unknown(parent, e *element) {
	b.l.r.warnf(e.pos, "<%s>: unknown element <%s> ignored", parent.name, e.name)
}

func (b *builder) document(e *element) {
	a := b.attrs(e, "id", "title", "schemaLocation")
	b.d.ID, b.d.Title = a["id"], a["title"]
	for _, c := range e.children {
		switch c.name {
		case "head":
			b.head(c)
		case "body":
			b.d.Body = b.context(c, "body")
		default:
			b.unknown(e, c)
		}
	}
}

func (b *builder) head(e *element) {
	b.attrs(e)
	for _, c := range e.children {
		switch c.name {
		case "regionBase":
			b.regionBase(c)
		case "descriptorBase":
			b.descriptorBase(c)
		case "connectorBase":
			b.connectorBase(c)
		case "ruleBase":
			b.ruleBase(c)
		case "transitionBase":
			b.transitionBase(c)
		case "importedDocumentBase":
			b.importedDocumentBase(c)
		case "meta":
			b.d.Meta = append(b.d.Meta, b.meta(c))
		case "metadata":
			// RDF; not used by the player.
		default:
			b.unknown(e, c)
		}
	}
}

func (b *builder) meta(e *element) Meta {
	a := b.attrs(e, "name", "content")
	return Meta{Name: a["name"], Content: a["content"], Pos: e.pos}
}

func (b *builder) param(e *element, nameAttr, valueAttr string) Param {
	a := b.attrs(e, nameAttr, valueAttr)
	return Param{Name: a[nameAttr], Value: a[valueAttr], Pos: e.pos}
}

// ---- layout

func (b *builder) regionBase(e *element) {
	a := b.attrs(e, "id", "device", "region")
	rb := &RegionBase{ID: a["id"], Device: a["device"], Region: a["region"], Pos: e.pos}
	var imports []*element
	for _, c := range e.children {
		switch c.name {
		case "region":
			rb.Regions = append(rb.Regions, b.region(c))
		case "importBase":
			imports = append(imports, c)
		default:
			b.unknown(e, c)
		}
	}
	b.d.RegionBases = append(b.d.RegionBases, rb)
	for _, c := range imports {
		b.importRegions(c, rb)
	}
}

func (b *builder) region(e *element) *Region {
	a := b.attrs(e, "id", "title", "left", "top", "right", "bottom", "width", "height", "zIndex")
	r := &Region{ID: a["id"], Title: a["title"], Pos: e.pos}
	for _, f := range []struct {
		name string
		dst  *Length
	}{
		{"left", &r.Left}, {"top", &r.Top}, {"right", &r.Right},
		{"bottom", &r.Bottom}, {"width", &r.Width}, {"height", &r.Height},
	} {
		v, ok := a[f.name]
		if !ok {
			continue
		}
		l, ok := ParseLength(v)
		if !ok {
			b.l.r.warnf(e.pos, "region %q: bad %s %q ignored", r.ID, f.name, v)
			continue
		}
		*f.dst = l
	}
	if v, ok := a["zIndex"]; ok {
		r.ZIndex = b.int(e, "zIndex", v, 0)
	}
	for _, c := range e.children {
		if c.name == "region" {
			r.Regions = append(r.Regions, b.region(c))
		} else {
			b.unknown(e, c)
		}
	}
	return r
}

func (b *builder) int(e *element, name, v string, def int) int {
	n, err := strconv.Atoi(v)
	if err != nil {
		b.l.r.warnf(e.pos, "<%s>: bad %s %q ignored", e.name, name, v)
		return def
	}
	return n
}

// ---- descriptors

func (b *builder) descriptorBase(e *element) {
	b.attrs(e, "id")
	for _, c := range e.children {
		switch c.name {
		case "descriptor":
			b.d.Descriptors = append(b.d.Descriptors, b.descriptor(c))
		case "descriptorSwitch":
			b.d.DescriptorSwitches = append(b.d.DescriptorSwitches, b.descriptorSwitch(c))
		case "importBase":
			b.importBase(c, "descriptorBase")
		default:
			b.unknown(e, c)
		}
	}
}

func (b *builder) descriptor(e *element) *Descriptor {
	a := b.attrs(e, "id", "region", "player", "explicitDur", "freeze", "focusIndex",
		"moveUp", "moveDown", "moveLeft", "moveRight", "focusBorderColor", "focusBorderWidth",
		"focusBorderTransparency", "focusSrc", "focusSelSrc", "selBorderColor", "transIn", "transOut")
	d := &Descriptor{
		ID: a["id"], Region: a["region"], Player: a["player"], FocusIndex: a["focusIndex"],
		MoveUp: a["moveUp"], MoveDown: a["moveDown"], MoveLeft: a["moveLeft"], MoveRight: a["moveRight"],
		FocusBorderColor: a["focusBorderColor"], FocusBorderWidth: a["focusBorderWidth"],
		FocusBorderTransparency: a["focusBorderTransparency"], FocusSrc: a["focusSrc"],
		FocusSelSrc: a["focusSelSrc"], SelBorderColor: a["selBorderColor"],
		TransIn: splitList(a["transIn"]), TransOut: splitList(a["transOut"]), Pos: e.pos,
	}
	if v, ok := a["explicitDur"]; ok {
		if t, ok := ParseTime(v); ok {
			d.ExplicitDur, d.HasExplicitDur = t, true
		} else {
			b.l.r.warnf(e.pos, "descriptor %q: bad explicitDur %q ignored", d.ID, v)
		}
	}
	if v, ok := a["freeze"]; ok {
		d.Freeze = v == "true"
	}
	for _, c := range e.children {
		if c.name == "descriptorParam" {
			d.Params = append(d.Params, b.param(c, "name", "value"))
		} else {
			b.unknown(e, c)
		}
	}
	return d
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ";") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func (b *builder) descriptorSwitch(e *element) *DescriptorSwitch {
	a := b.attrs(e, "id")
	s := &DescriptorSwitch{ID: a["id"], Pos: e.pos}
	for _, c := range e.children {
		switch c.name {
		case "descriptor":
			s.Descriptors = append(s.Descriptors, b.descriptor(c))
		case "bindRule":
			s.BindRules = append(s.BindRules, b.bindRule(c))
		case "defaultDescriptor":
			s.DefaultDescriptor = b.attrs(c, "descriptor")["descriptor"]
		default:
			b.unknown(e, c)
		}
	}
	return s
}

func (b *builder) bindRule(e *element) BindRule {
	a := b.attrs(e, "constituent", "rule")
	return BindRule{Constituent: a["constituent"], Rule: a["rule"], Pos: e.pos}
}

// ---- rules and transitions

func (b *builder) ruleBase(e *element) {
	b.attrs(e, "id")
	for _, c := range e.children {
		switch c.name {
		case "rule", "compositeRule":
			b.d.Rules = append(b.d.Rules, b.rule(c))
		case "importBase":
			b.importBase(c, "ruleBase")
		default:
			b.unknown(e, c)
		}
	}
}

func (b *builder) rule(e *element) *Rule {
	if e.name == "rule" {
		a := b.attrs(e, "id", "var", "comparator", "value")
		return &Rule{ID: a["id"], Var: a["var"], Comparator: a["comparator"], Value: a["value"], Pos: e.pos}
	}
	a := b.attrs(e, "id", "operator")
	r := &Rule{ID: a["id"], Operator: a["operator"], Pos: e.pos}
	if r.Operator != "and" && r.Operator != "or" {
		b.l.r.warnf(e.pos, "compositeRule %q: operator %q is not and/or: and is used", r.ID, r.Operator)
		r.Operator = "and"
	}
	for _, c := range e.children {
		if c.name == "rule" || c.name == "compositeRule" {
			r.Rules = append(r.Rules, b.rule(c))
		} else {
			b.unknown(e, c)
		}
	}
	return r
}

func (b *builder) transitionBase(e *element) {
	b.attrs(e, "id")
	for _, c := range e.children {
		switch c.name {
		case "transition":
			a := b.attrs(c, "id", "type", "subtype", "dur", "startProgress", "endProgress",
				"direction", "fadeColor", "horzRepeat", "vertRepeat", "borderWidth", "borderColor")
			b.d.Transitions = append(b.d.Transitions, &Transition{
				ID: a["id"], Type: a["type"], Subtype: a["subtype"], Dur: a["dur"],
				StartProgress: a["startProgress"], EndProgress: a["endProgress"],
				Direction: a["direction"], FadeColor: a["fadeColor"], HorzRepeat: a["horzRepeat"],
				VertRepeat: a["vertRepeat"], BorderWidth: a["borderWidth"], BorderColor: a["borderColor"],
				Pos: c.pos,
			})
		case "importBase":
			b.importBase(c, "transitionBase")
		default:
			b.unknown(e, c)
		}
	}
}
