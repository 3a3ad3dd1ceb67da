package ncl

import "strings"

// Validate checks the references of the document (regions, descriptors,
// rules, transitions, components, interfaces, connectors, roles), removes
// or clears the parts in error, and returns what it found. Parse calls it;
// it is idempotent, and calls Reindex first.
func (d *Document) Validate() Diagnostics {
	var ds Diagnostics
	v := &validator{d: d, r: reporter{&ds}}
	d.Reindex()
	v.head()
	if d.Body != nil {
		v.seen = map[string]Pos{}
		v.context(d.Body)
	}
	d.Reindex()
	return ds
}

type validator struct {
	d    *Document
	r    reporter
	seen map[string]Pos
}

func (v *validator) head() {
	for _, ds := range v.d.Descriptors {
		v.descriptor(ds)
	}
	for _, s := range v.d.DescriptorSwitches {
		for _, ds := range s.Descriptors {
			v.descriptor(ds)
		}
		s.BindRules = v.bindRules(s.BindRules, func(id string) bool {
			for _, ds := range s.Descriptors {
				if ds.ID == id {
					return true
				}
			}
			return false
		})
		if s.DefaultDescriptor != "" && v.d.Descriptor(s.DefaultDescriptor) == nil {
			v.r.errorf(s.Pos, "descriptorSwitch %q: defaultDescriptor %q does not exist", s.ID, s.DefaultDescriptor)
			s.DefaultDescriptor = ""
		}
	}
	for _, c := range v.d.Connectors {
		v.connector(c)
	}
}

func (v *validator) descriptor(ds *Descriptor) {
	if ds.Region != "" && v.d.Region(ds.Region) == nil {
		v.r.errorf(ds.Pos, "descriptor %q: region %q does not exist", ds.ID, ds.Region)
		ds.Region = ""
	}
	ds.TransIn = v.transitions(ds, "transIn", ds.TransIn)
	ds.TransOut = v.transitions(ds, "transOut", ds.TransOut)
}

func (v *validator) transitions(ds *Descriptor, attr string, ids []string) []string {
	out := ids[:0]
	for _, id := range ids {
		if v.d.Transition(id) == nil {
			v.r.warnf(ds.Pos, "descriptor %q: %s %q does not exist: ignored", ds.ID, attr, id)
			continue
		}
		out = append(out, id)
	}
	return out
}

func (v *validator) bindRules(brs []BindRule, isConstituent func(string) bool) []BindRule {
	out := brs[:0]
	for _, br := range brs {
		switch {
		case v.d.Rule(br.Rule) == nil:
			v.r.errorf(br.Pos, "bindRule: rule %q does not exist: skipped", br.Rule)
		case !isConstituent(br.Constituent):
			v.r.errorf(br.Pos, "bindRule: constituent %q does not exist: skipped", br.Constituent)
		default:
			out = append(out, br)
		}
	}
	return out
}

// connector warns about "$name" values that are not connectorParams.
func (v *validator) connector(c *CausalConnector) {
	declared := map[string]bool{}
	for _, p := range c.Params {
		declared[p.Name] = true
	}
	check := func(p Pos, vals ...string) {
		for _, s := range vals {
			if name, ok := strings.CutPrefix(s, "$"); ok && !declared[name] {
				v.r.warnf(p, "connector %q: %q is not a connectorParam", c.ID, s)
			}
		}
	}
	for _, sc := range c.SimpleConditions() {
		check(sc.Pos, sc.Delay, sc.Key)
	}
	for _, sa := range c.SimpleActions() {
		check(sa.Pos, sa.Delay, sa.Value, sa.Duration, sa.By, sa.Repeat, sa.RepeatDelay)
	}
}

func (v *validator) unique(n Node) {
	id := n.NodeID()
	if id == "" && n == Node(v.d.Body) {
		return
	}
	if id == "" {
		v.r.warnf(n.position(), "node without id")
		return
	}
	if p, dup := v.seen[id]; dup {
		v.r.warnf(n.position(), "id %q already used at line %d", id, p.Line)
		return
	}
	v.seen[id] = n.position()
}

func (v *validator) context(c *Context) {
	v.unique(c)
	if c.Refer != "" {
		if _, ok := v.d.Node(c.Refer).(*Context); !ok || c.Refer == c.ID {
			v.r.errorf(c.Pos, "context %q: refer %q is not a context", c.ID, c.Refer)
			c.Refer = ""
		}
	}
	ports := c.Ports[:0]
	for _, p := range c.Ports {
		if v.component(c, p.Pos, "port "+quote(p.ID), p.Component, p.Interface) {
			ports = append(ports, p)
		}
	}
	c.Ports = ports
	v.nodes(c.Nodes)
	links := c.Links[:0]
	for _, l := range c.Links {
		if v.link(c, l) {
			links = append(links, l)
		}
	}
	c.Links = links
}

func quote(s string) string { return `"` + s + `"` }

func (v *validator) nodes(ns []Node) {
	for _, n := range ns {
		switch n := n.(type) {
		case *Media:
			v.media(n)
		case *Context:
			v.context(n)
		case *Switch:
			v.switchNode(n)
		}
	}
}

// component checks that id (and its interface) exists; it reports and
// returns false when not. A component outside scope (not scope itself nor
// one of its children) is a warning.
func (v *validator) component(scope Node, p Pos, what, id, iface string) bool {
	return v.componentProp(scope, p, what, id, iface, false)
}

// componentProp is component; with prop, iface names a property that a
// link sets or reads, and a property the node does not declare is a
// warning, not an error: players create it (Ginga asserts on it, and real
// documents set left, top or transparency without declaring them).
func (v *validator) componentProp(scope Node, p Pos, what, id, iface string, prop bool) bool {
	n := v.d.Node(id)
	if n == nil {
		v.r.errorf(p, "%s: component %q does not exist: skipped", what, id)
		return false
	}
	if n != scope && v.d.Parent(n) != scope && !strings.Contains(id, "#") {
		v.r.warnf(p, "%s: component %q is not in context %q", what, id, scope.NodeID())
	}
	if iface != "" && n.Interface(iface) == nil {
		if m, ok := n.(*Media); ok && m.Refer != "" {
			if r := v.d.Media(m.ID); r != nil && r.Interface(iface) != nil {
				return true
			}
		}
		if _, isSwitch := n.(*Switch); prop && !isSwitch {
			v.r.warnf(p, "%s: component %q does not declare property %q", what, id, iface)
			return true
		}
		v.r.errorf(p, "%s: component %q has no interface %q: skipped", what, id, iface)
		return false
	}
	return true
}

func (v *validator) media(m *Media) {
	v.unique(m)
	if m.Descriptor != "" && v.d.Descriptor(m.Descriptor) == nil && v.d.DescriptorSwitch(m.Descriptor) == nil {
		v.r.errorf(m.Pos, "media %q: descriptor %q does not exist", m.ID, m.Descriptor)
		m.Descriptor = ""
	}
	if m.Refer != "" {
		seen := map[string]bool{m.ID: true}
		for id := m.Refer; id != ""; {
			r, ok := v.d.Node(id).(*Media)
			if !ok {
				v.r.errorf(m.Pos, "media %q: refer %q is not a media", m.ID, id)
				m.Refer = ""
				break
			}
			if seen[id] {
				v.r.errorf(m.Pos, "media %q: refer cycle through %q", m.ID, id)
				m.Refer = ""
				break
			}
			seen[id] = true
			id = r.Refer
		}
	}
	switch m.Instance {
	case "", "new", "instSame", "gradSame":
	default:
		v.r.warnf(m.Pos, "media %q: instance %q is not new, instSame or gradSame", m.ID, m.Instance)
	}
}

func (v *validator) switchNode(s *Switch) {
	v.unique(s)
	isChild := func(id string) bool {
		for _, n := range s.Nodes {
			if n.NodeID() == id {
				return true
			}
		}
		return false
	}
	s.BindRules = v.bindRules(s.BindRules, isChild)
	if s.DefaultComponent != "" && !isChild(s.DefaultComponent) {
		v.r.errorf(s.Pos, "switch %q: defaultComponent %q is not in the switch", s.ID, s.DefaultComponent)
		s.DefaultComponent = ""
	}
	for _, sp := range s.SwitchPorts {
		ms := sp.Mappings[:0]
		for _, m := range sp.Mappings {
			if !isChild(m.Component) {
				v.r.errorf(m.Pos, "switchPort %q: component %q is not in the switch: skipped", sp.ID, m.Component)
				continue
			}
			if v.component(s, m.Pos, "switchPort "+quote(sp.ID), m.Component, m.Interface) {
				ms = append(ms, m)
			}
		}
		sp.Mappings = ms
	}
	v.nodes(s.Nodes)
}

// link checks a link; false means it is skipped.
func (v *validator) link(c *Context, l *Link) bool {
	cc := v.d.Connector(l.XConnector)
	if cc == nil {
		v.r.errorf(l.Pos, "link %q: connector %q does not exist: skipped", l.ID, l.XConnector)
		return false
	}
	roles := cc.Roles()
	attr := map[string]bool{}
	for _, sc := range cc.SimpleConditions() {
		attr[sc.Role] = attr[sc.Role] || sc.EventType == EventAttribution
	}
	for _, sa := range cc.SimpleActions() {
		attr[sa.Role] = attr[sa.Role] || sa.EventType == EventAttribution
	}
	for r, kind := range roles {
		attr[r] = attr[r] || kind == "attribute"
	}
	what := "link " + quote(l.ID)
	binds := l.Binds[:0]
	for _, b := range l.Binds {
		if _, ok := roles[b.Role]; !ok {
			v.r.errorf(b.Pos, "%s: connector %q has no role %q: bind skipped", what, cc.ID, b.Role)
			continue
		}
		if !v.componentProp(c, b.Pos, what, b.Component, b.Interface, attr[b.Role]) {
			continue
		}
		if b.Descriptor != "" && v.d.Descriptor(b.Descriptor) == nil {
			v.r.errorf(b.Pos, "%s: descriptor %q does not exist", what, b.Descriptor)
			b.Descriptor = ""
		}
		binds = append(binds, b)
	}
	l.Binds = binds
	for _, sc := range cc.SimpleConditions() {
		if sc.Min > 0 && len(l.BindsOf(sc.Role)) == 0 {
			v.r.errorf(l.Pos, "%s: no bind for condition role %q: skipped", what, sc.Role)
			return false
		}
		v.params(l, sc.Role, sc.Delay, sc.Key)
	}
	for _, sa := range cc.SimpleActions() {
		if sa.Min > 0 && len(l.BindsOf(sa.Role)) == 0 {
			v.r.errorf(l.Pos, "%s: no bind for action role %q: skipped", what, sa.Role)
			return false
		}
		v.params(l, sa.Role, sa.Delay, sa.Value, sa.Duration, sa.By, sa.Repeat, sa.RepeatDelay)
	}
	return true
}

// params warns about "$name" values that no bind of role nor the link gives.
func (v *validator) params(l *Link, role string, vals ...string) {
	for _, s := range vals {
		if !strings.HasPrefix(strings.TrimSpace(s), "$") {
			continue
		}
		for _, b := range l.BindsOf(role) {
			if _, ok := ResolveParam(s, l, b); !ok {
				v.r.warnf(b.Pos, "link %q: no linkParam or bindParam for %q", l.ID, s)
			}
		}
	}
}
