package player

import (
	"image"
	"maps"
	"strings"
	"time"

	"github.com/antena-tv/antena/runtime/gfx"
	"github.com/antena-tv/antena/runtime/ncl"
)

type objKind uint8

const (
	kindMedia objKind = iota
	kindContext
	kindSwitch
)

// object is the execution object of a body node: its events, its
// properties and, while it is presented, its content on a layer.
type object struct {
	p        *Player
	id       string
	kind     objKind
	node     ncl.Node
	media    *ncl.Media // the media presented (refer followed); media only
	parent   *object
	children []*object
	order    int // document order, for the z-order of equal zIndex
	events   map[evKey]*event
	main     *event // the presentation of the whole content (also in events)
	props    map[string]string
	declared map[string]string // the document's <property> values
	started  map[string]string // props as the last start set them

	// While presented.
	desc     *ncl.Descriptor
	layer    *gfx.Layer
	content  content
	stopping bool
	selected *object // the switch's chosen constituent

	// Media time: elapsed before the last resume, the clock at that resume,
	// and what is scheduled on it (area begins and ends, explicitDur).
	elapsed time.Duration
	resumed time.Time
	pending []*mediaTimer
	// Starts within the current window of clock time (see restartBudget).
	restarts     int
	restartsFrom time.Time
	fadeStop     func() bool
}

type mediaTimer struct {
	at     time.Duration
	f      func()
	cancel func() bool
}

// build makes the objects of the body and compiles the links.
func (p *Player) build() {
	if p.doc.Body == nil {
		return
	}
	p.body = p.newObject(p.doc.Body, nil)
	p.sameInstances()
	for _, o := range p.objects {
		if o.kind == kindMedia && o.media.IsSettings() && p.set == nil {
			p.set = newSettingsNode(p, o)
		}
	}
	if p.set == nil {
		p.set = newSettingsNode(p, nil)
	}
	p.compileLinks(p.doc.Body)
}

func (p *Player) newObject(n ncl.Node, parent *object) *object {
	if o := p.objects[n.NodeID()]; o != nil && n.NodeID() != "" {
		return o // a duplicate id (reported by the parser): the first wins
	}
	o := &object{p: p, id: n.NodeID(), node: n, parent: parent, order: len(p.objects),
		events: map[evKey]*event{}, props: map[string]string{}}
	p.objects[o.id] = o
	switch n := n.(type) {
	case *ncl.Media:
		o.kind = kindMedia
		o.media = p.doc.Media(n.ID)
		if o.media == nil {
			o.media = n
		}
		if n.Refer != "" && n.Instance != "" && n.Instance != "new" {
			if same := p.objects[o.media.ID]; same != nil {
				p.objects[o.id] = same // instSame, gradSame: the same object
				return same
			}
		}
		for _, pr := range o.media.Properties {
			o.props[pr.Name] = pr.Value
		}
		for _, pr := range n.Properties {
			o.props[pr.Name] = pr.Value
		}
		o.declared = maps.Clone(o.props)
	case *ncl.Context:
		o.kind = kindContext
		for _, pr := range n.Properties {
			o.props[pr.Name] = pr.Value
		}
		nodes := n.Nodes
		if n.Refer != "" {
			if c, ok := p.doc.Node(n.Refer).(*ncl.Context); ok {
				nodes = c.Nodes
			}
		}
		for _, c := range nodes {
			o.children = append(o.children, p.newObject(c, o))
		}
	case *ncl.Switch:
		o.kind = kindSwitch
		if n.Refer != "" { // the referred switch's rules and constituents
			if r, ok := p.doc.Node(n.Refer).(*ncl.Switch); ok {
				o.node = r
				n = r
			}
		}
		for _, c := range n.Nodes {
			o.children = append(o.children, p.newObject(c, o))
		}
	}
	return o
}

// sameInstances makes a media with refer and instSame or gradSame that
// was declared before the media it refers to the referred object itself,
// as newObject does for one declared after it.
func (p *Player) sameInstances() {
	for id, o := range p.objects {
		n, ok := o.node.(*ncl.Media)
		if !ok || o.id != id || n.Refer == "" || n.Instance == "" || n.Instance == "new" {
			continue
		}
		same := p.objects[o.media.ID]
		if same == nil || same == o {
			continue
		}
		p.objects[id] = same
		if o.parent != nil {
			for i, c := range o.parent.children {
				if c == o {
					o.parent.children[i] = same
				}
			}
		}
	}
}

// object returns the object of a node id, or nil.
func (p *Player) object(id string) *object { return p.objects[id] }

// presented reports whether o's presentation is occurring or paused.
func (o *object) presented() bool {
	return o.event("presentation", "").state != sleeping
}

// area returns the area iface of o's media, or nil.
func (o *object) area(iface string) *ncl.Area {
	if o.media == nil || iface == "" {
		return nil
	}
	for _, a := range o.media.Areas {
		if a.ID == iface {
			return a
		}
	}
	if n, ok := o.node.(*ncl.Media); ok {
		for _, a := range n.Areas {
			if a.ID == iface {
				return a
			}
		}
	}
	return nil
}

// label is what an NCLua script calls an area: its label, else its id.
func label(a *ncl.Area) string {
	if a.Label != "" {
		return a.Label
	}
	return a.ID
}

// resolvePort follows a context's port (or a switch's switchPort) to the
// object and interface it maps to.
func (p *Player) resolvePort(o *object, iface string) (*object, string) {
	for range 16 {
		if iface == "" || o == nil {
			return o, iface
		}
		switch n := o.node.(type) {
		case *ncl.Context:
			port, ok := n.Interface(iface).(*ncl.Port)
			if !ok {
				return o, iface
			}
			o, iface = p.object(port.Component), port.Interface
		case *ncl.Switch:
			sp, ok := n.Interface(iface).(*ncl.SwitchPort)
			if !ok || o.selected == nil {
				return o, iface
			}
			next := ""
			for _, m := range sp.Mappings {
				if m.Component == o.selected.id {
					next = m.Interface
				}
			}
			o, iface = o.selected, next
		default:
			return o, iface
		}
	}
	return o, iface
}

// mirrorSwitchPort passes a transition of a switch's chosen constituent,
// on an interface a switchPort maps, to that switchPort's event: links
// wait on the switch's interface, whose target is known only once the
// switch chose.
func (p *Player) mirrorSwitchPort(ev *event, tr ncl.TransitionType, key string) {
	o, sw := ev.key.obj, ev.key.obj.parent
	if ev.key.typ != ncl.EventPresentation || sw == nil || sw.kind != kindSwitch || sw.selected != o {
		return
	}
	for _, sp := range sw.node.(*ncl.Switch).SwitchPorts {
		for _, m := range sp.Mappings {
			if m.Component == o.id && m.Interface == ev.key.iface {
				p.transition(sw.event(ncl.EventPresentation, sp.ID), tr, key)
			}
		}
	}
}

// start starts the presentation of o (of its area or port iface), with
// descriptor desc when a bind gives one.
func (p *Player) start(o *object, iface, desc string) {
	switch o.kind {
	case kindContext:
		p.startContext(o, iface)
	case kindSwitch:
		p.startSwitch(o, iface)
	default:
		p.startMedia(o, iface, desc)
	}
}

func (p *Player) startContext(o *object, iface string) {
	main := o.event("presentation", "")
	if main.state != sleeping {
		if t, ti := p.resolvePort(o, iface); iface != "" && t != o && t != nil {
			p.start(t, ti, "")
		}
		return
	}
	p.transition(main, "starts", "")
	ports := o.node.(*ncl.Context).Ports
	if iface != "" {
		if t, ti := p.resolvePort(o, iface); t != nil && t != o {
			p.start(t, ti, "")
			return
		}
	}
	for _, port := range ports {
		if t := p.object(port.Component); t != nil {
			t, ti := p.resolvePort(t, port.Interface)
			p.start(t, ti, "")
		}
	}
}

func (p *Player) startSwitch(o *object, iface string) {
	main := o.event("presentation", "")
	if main.state != sleeping {
		return
	}
	sw := o.node.(*ncl.Switch)
	chosen := ""
	for _, br := range sw.BindRules {
		if r := p.doc.Rule(br.Rule); r != nil && r.Eval(p.set.get) {
			chosen = br.Constituent
			break
		}
	}
	if chosen == "" {
		chosen = sw.DefaultComponent
	}
	o.selected = nil
	for _, c := range o.children {
		if c.id == chosen {
			o.selected = c
		}
	}
	if o.selected == nil {
		p.log.Info("ncl: switch chose nothing", "switch", o.id)
		return
	}
	p.transition(main, "starts", "")
	t, ti := p.resolvePort(o, iface)
	if t == o {
		t, ti = o.selected, ""
	}
	p.start(t, ti, "")
}

// stop stops (or aborts) o's presentation, or that of its area iface.
func (p *Player) stop(o *object, iface string, abort bool) {
	tr := ncl.TransitionType("stops")
	if abort {
		tr = "aborts"
	}
	if iface != "" {
		if t, ti := p.resolvePort(o, iface); t != o {
			if t != nil {
				p.stop(t, ti, abort)
			}
			return
		}
		if a := o.area(iface); a != nil {
			if lm := p.luas[o]; lm != nil {
				lm.send("presentation", map[bool]string{true: "abort", false: "stop"}[abort], label(a), "")
			}
			p.transition(o.event("presentation", iface), tr, "")
			return
		}
	}
	main := o.event("presentation", "")
	if main.state == sleeping || o.stopping {
		return
	}
	o.stopping = true
	switch o.kind {
	case kindContext, kindSwitch:
		for _, c := range o.children {
			p.stop(c, "", abort)
		}
		o.selected = nil
	default:
		p.stopMedia(o, abort)
	}
	for k, e := range o.events {
		if k.typ == "presentation" && k.iface != "" {
			p.transition(e, tr, "")
		}
	}
	p.transition(main, tr, "")
	o.stopping = false
	p.childEnded(o.parent)
}

// childEnded ends a context (or switch) whose last presented child ended,
// and the document when the body ends.
func (p *Player) childEnded(c *object) {
	if c == nil || c.stopping || !c.presented() {
		return
	}
	for _, ch := range c.children {
		if ch.presented() {
			return
		}
	}
	p.stop(c, "", false)
	if c == p.body {
		p.exit()
	}
}

// pause and resume act on o and, for a context or switch, its children.
func (p *Player) pause(o *object, iface string)  { p.suspend(o, iface, true) }
func (p *Player) resume(o *object, iface string) { p.suspend(o, iface, false) }

// suspend pauses (or resumes) o, or its area iface.
func (p *Player) suspend(o *object, iface string, pause bool) {
	action, tr, from := "resume", ncl.TransitionType("resumes"), paused
	if pause {
		action, tr, from = "pause", "pauses", occurring
	}
	if t, ti := p.resolvePort(o, iface); t != o && t != nil {
		p.suspend(t, ti, pause)
		return
	}
	if a := o.area(iface); a != nil {
		if lm := p.luas[o]; lm != nil {
			lm.send("presentation", action, label(a), "")
		}
		p.transition(o.event("presentation", iface), tr, "")
		return
	}
	main := o.event("presentation", "")
	if main.state != from {
		return
	}
	for _, c := range o.children {
		p.suspend(c, "", pause)
	}
	switch {
	case o.kind != kindMedia:
	case pause:
		p.pauseMedia(o)
	default:
		p.resumeMedia(o)
	}
	for k, e := range o.events {
		if k.typ == "presentation" && k.iface != "" {
			p.transition(e, tr, "")
		}
	}
	p.transition(main, tr, "")
}

// mediaTime is how long o has been presented, pauses excluded.
func (o *object) mediaTime() time.Duration {
	if o.event("presentation", "").state == occurring {
		return o.elapsed + o.p.vm.Now().Sub(o.resumed)
	}
	return o.elapsed
}

// at runs f when o's media time reaches t (at once if it has).
func (o *object) at(t time.Duration, f func()) {
	mt := &mediaTimer{at: t, f: f}
	o.pending = append(o.pending, mt)
	o.arm(mt)
}

func (o *object) arm(mt *mediaTimer) {
	if o.event("presentation", "").state != occurring {
		return
	}
	d := mt.at - o.mediaTime()
	mt.cancel = o.p.after(max(d, 0), func() {
		mt.cancel = nil
		for i, x := range o.pending {
			if x == mt {
				o.pending = append(o.pending[:i], o.pending[i+1:]...)
				break
			}
		}
		mt.f()
	})
}

// disarm cancels the media timers (pause); clear drops them (stop).
func (o *object) disarm() {
	for _, mt := range o.pending {
		if mt.cancel != nil {
			mt.cancel()
			mt.cancel = nil
		}
	}
}

func (o *object) clear() {
	o.disarm()
	o.pending = nil
}

// zOrder is the layer order of a media: its zIndex first, then document
// order.
func (o *object) zOrder() int {
	z := atoiDefault(o.props["zIndex"], 0)
	return z<<20 | (o.order&0x7ffff)<<1
}

// release frees what a presented media holds outside the player.
func (o *object) release() {
	if o.content != nil {
		o.content.close()
		o.content = nil
	}
	if o.layer != nil {
		o.layer.Remove()
		o.layer = nil
	}
	o.clear()
	if o.fadeStop != nil {
		o.fadeStop()
		o.fadeStop = nil
	}
}

// rectOf is the rectangle of a region id, or the whole screen.
func (p *Player) rectOf(region string) (image.Rectangle, int, bool) {
	if r, ok := p.regions[region]; ok {
		return image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H), r.ZIndex, true
	}
	return image.Rect(0, 0, p.opts.Width, p.opts.Height), 0, region == ""
}

// descriptor resolves the descriptor of a media: the bind's, else the
// media's, through a descriptorSwitch when that is what it names.
func (p *Player) descriptor(o *object, bind string) *ncl.Descriptor {
	id := bind
	if id == "" {
		if n, ok := o.node.(*ncl.Media); ok && n.Descriptor != "" {
			id = n.Descriptor
		} else {
			id = o.media.Descriptor
		}
	}
	if id == "" {
		return nil
	}
	if ds := p.doc.DescriptorSwitch(id); ds != nil {
		chosen := ds.DefaultDescriptor
		for _, br := range ds.BindRules {
			if r := p.doc.Rule(br.Rule); r != nil && r.Eval(p.set.get) {
				chosen = br.Constituent
				break
			}
		}
		for _, d := range ds.Descriptors {
			if d.ID == chosen {
				return d
			}
		}
		return p.doc.Descriptor(chosen)
	}
	return p.doc.Descriptor(id)
}

func isLuaType(m *ncl.Media) bool {
	return m.IsLua() || strings.HasSuffix(strings.ToLower(m.Src), ".lua")
}
