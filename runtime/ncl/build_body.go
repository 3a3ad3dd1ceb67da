package ncl

import "time"

func (b *builder) context(e *element, kind string) *Context {
	a := b.attrs(e, "id", "refer")
	c := &Context{ID: a["id"], Refer: a["refer"], Pos: e.pos}
	for _, ch := range e.children {
		switch ch.name {
		case "port":
			pa := b.attrs(ch, "id", "component", "interface")
			c.Ports = append(c.Ports, &Port{ID: pa["id"], Component: pa["component"], Interface: pa["interface"], Pos: ch.pos})
		case "property":
			c.Properties = append(c.Properties, b.property(ch))
		case "link":
			c.Links = append(c.Links, b.link(ch))
		case "meta":
			c.Meta = append(c.Meta, b.meta(ch))
		case "metadata":
		default:
			if n := b.node(ch); n != nil {
				c.Nodes = append(c.Nodes, n)
			} else {
				b.l.r.warnf(ch.pos, "<%s>: unknown element <%s> ignored", kind, ch.name)
			}
		}
	}
	return c
}

// node builds a media, context or switch; nil for other elements.
func (b *builder) node(e *element) Node {
	switch e.name {
	case "media":
		return b.media(e)
	case "context":
		return b.context(e, "context")
	case "switch":
		return b.switchNode(e)
	}
	return nil
}

func (b *builder) property(e *element) *Property {
	a := b.attrs(e, "name", "value", "externable")
	return &Property{Name: a["name"], Value: a["value"], Externable: a["externable"] == "true", Pos: e.pos}
}

func (b *builder) media(e *element) *Media {
	a := b.attrs(e, "id", "src", "type", "descriptor", "refer", "instance")
	m := &Media{
		ID: a["id"], Src: a["src"], Type: a["type"], Descriptor: a["descriptor"],
		Refer: a["refer"], Instance: a["instance"], Pos: e.pos,
	}
	if m.Type == "" && m.Src != "" {
		m.Type, m.TypeInferred = InferType(m.Src), true
	}
	for _, c := range e.children {
		switch c.name {
		case "area":
			m.Areas = append(m.Areas, b.area(c))
		case "property":
			m.Properties = append(m.Properties, b.property(c))
		default:
			b.unknown(e, c)
		}
	}
	return m
}

func (b *builder) area(e *element) *Area {
	a := b.attrs(e, "id", "begin", "end", "first", "last", "beginText", "endText",
		"beginPosition", "endPosition", "coords", "label", "clip", "text", "position")
	ar := &Area{
		ID: a["id"], First: a["first"], Last: a["last"], BeginText: a["beginText"], EndText: a["endText"],
		BeginPosition: a["beginPosition"], EndPosition: a["endPosition"], Coords: a["coords"],
		Label: a["label"], Clip: a["clip"], Pos: e.pos,
	}
	if ar.BeginText == "" {
		ar.BeginText = a["text"]
	}
	if ar.BeginPosition == "" {
		ar.BeginPosition = a["position"]
	}
	ar.Begin, ar.HasBegin = b.time(e, a, "begin")
	ar.End, ar.HasEnd = b.time(e, a, "end")
	for _, c := range e.children {
		b.unknown(e, c)
	}
	return ar
}

func (b *builder) switchNode(e *element) *Switch {
	a := b.attrs(e, "id", "refer")
	s := &Switch{ID: a["id"], Refer: a["refer"], Pos: e.pos}
	for _, c := range e.children {
		switch c.name {
		case "bindRule":
			s.BindRules = append(s.BindRules, b.bindRule(c))
		case "defaultComponent":
			s.DefaultComponent = b.attrs(c, "component")["component"]
		case "switchPort":
			s.SwitchPorts = append(s.SwitchPorts, b.switchPort(c))
		default:
			if n := b.node(c); n != nil {
				s.Nodes = append(s.Nodes, n)
			} else {
				b.unknown(e, c)
			}
		}
	}
	return s
}

func (b *builder) switchPort(e *element) *SwitchPort {
	a := b.attrs(e, "id")
	p := &SwitchPort{ID: a["id"], Pos: e.pos}
	for _, c := range e.children {
		if c.name == "mapping" {
			ma := b.attrs(c, "component", "interface")
			p.Mappings = append(p.Mappings, Mapping{Component: ma["component"], Interface: ma["interface"], Pos: c.pos})
		} else {
			b.unknown(e, c)
		}
	}
	return p
}

func (b *builder) link(e *element) *Link {
	a := b.attrs(e, "id", "xconnector")
	l := &Link{ID: a["id"], XConnector: a["xconnector"], Pos: e.pos}
	for _, c := range e.children {
		switch c.name {
		case "linkParam":
			l.Params = append(l.Params, b.param(c, "name", "value"))
		case "bind":
			ba := b.attrs(c, "role", "component", "interface", "descriptor")
			bd := &Bind{
				Role: ba["role"], Component: ba["component"], Interface: ba["interface"],
				Descriptor: ba["descriptor"], Pos: c.pos,
			}
			for _, p := range c.children {
				if p.name == "bindParam" {
					bd.Params = append(bd.Params, b.param(p, "name", "value"))
				} else {
					b.unknown(c, p)
				}
			}
			l.Binds = append(l.Binds, bd)
		default:
			b.unknown(e, c)
		}
	}
	return l
}

// time reads the time attribute name of e, warning when it is malformed.
func (b *builder) time(e *element, a map[string]string, name string) (time.Duration, bool) {
	v, ok := a[name]
	if !ok {
		return 0, false
	}
	t, ok := ParseTime(v)
	if !ok {
		b.l.r.warnf(e.pos, "<%s>: bad %s %q ignored", e.name, name, v)
	}
	return t, ok
}
