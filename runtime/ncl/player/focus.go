package player

import (
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/antena-tv/antena/runtime/gfx"
	"github.com/antena-tv/antena/runtime/ncl"
	"github.com/antena-tv/antena/runtime/nclua"
)

// focusState is the focus engine's state. Player goroutine.
type focusState struct {
	cur       *object            // the focused media
	keyMaster *object            // the NCLua media that gets every key
	selecting *object            // the media whose selection ENTER started
	held      map[string]heldKey // where a held key's press went
	srcOf     *object            // the media drawn with its focus state
	srcSel    bool
	border    *gfx.Layer
}

// heldKey is where the press of a key still held went: the release
// follows it, and is used when the press was.
type heldKey struct {
	to    []*luaMedia
	press *delivery
}

// delivery is one key the player got, with the NCLua media it went to.
type delivery struct {
	typ, key string
	waiting  int       // media that have not passed it on yet
	used     bool      // the document used it (navigation, a link, a script)
	press    *delivery // for a release: its press
}

// focusable reports whether o can take the focus: presented, visible, with
// a focusIndex.
func focusable(o *object) bool {
	return o != nil && o.kind == kindMedia && o.event("presentation", "").state == occurring &&
		o.props["focusIndex"] != "" && o.props["visible"] != "false"
}

// focusables are the media that can take the focus, by focusIndex.
func (p *Player) focusables() []*object {
	type entry struct {
		o     *object
		num   float64
		isNum bool
	}
	var es []entry
	for id, o := range p.objects {
		if o.id == id && focusable(o) {
			f, err := strconv.ParseFloat(strings.TrimSpace(o.props["focusIndex"]), 64)
			es = append(es, entry{o, f, err == nil})
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		if a.isNum && b.isNum && a.num != b.num {
			if a.num < b.num {
				return -1
			}
			return 1
		}
		if !a.isNum || !b.isNum {
			if c := strings.Compare(a.o.props["focusIndex"], b.o.props["focusIndex"]); c != 0 {
				return c
			}
		}
		return a.o.order - b.o.order
	})
	out := make([]*object, len(es))
	for i, e := range es {
		out[i] = e.o
	}
	return out
}

// focusChanged checks the focus after media started, stopped, moved or
// changed focusIndex: a focus that is gone goes to the lowest focusIndex.
func (p *Player) focusChanged() {
	f := &p.focus
	if !focusable(f.cur) {
		f.cur = nil
		if all := p.focusables(); len(all) > 0 {
			f.cur = all[0]
		}
		p.focusMoved()
	}
	p.drawBorder()
}

// focusLost: o stopped.
func (p *Player) focusLost(o *object) {
	if p.focus.keyMaster == o {
		p.set.set("service.currentKeyMaster", "")
	}
	if p.focus.selecting == o {
		p.focus.selecting = nil
	}
	if p.focus.cur == o {
		p.focus.cur = nil
	}
	p.focusChanged()
}

// focusTo moves the focus to the media of that focusIndex
// (service.currentFocus).
func (p *Player) focusTo(index string) {
	var to *object
	for id, o := range p.objects {
		if o.id == id && o.props["focusIndex"] == index && focusable(o) && (to == nil || o.order < to.order) {
			to = o
		}
	}
	if to != nil {
		p.focus.cur = to
		p.focusMoved()
		p.drawBorder()
	}
}

func (p *Player) focusMoved() {
	idx := ""
	if p.focus.cur != nil {
		idx = p.focus.cur.props["focusIndex"]
	}
	if p.set.vals["service.currentFocus"] != idx {
		p.set.vals["service.currentFocus"] = idx
		p.set.propagate("service.currentFocus", idx)
	}
}

// setKeyMaster gives every key to a media (by id, else by focusIndex); ""
// gives them back to the navigation.
func (p *Player) setKeyMaster(v string) {
	v = strings.TrimSpace(v)
	p.focus.keyMaster = nil
	if v == "" {
		return
	}
	if o := p.object(v); o != nil {
		p.focus.keyMaster = o
		return
	}
	for _, o := range p.focusables() {
		if o.props["focusIndex"] == v {
			p.focus.keyMaster = o
			return
		}
	}
	p.log.Info("ncl: currentKeyMaster names no media", "value", v)
}

// drawBorder draws the focus (or selection) border around the focused
// media: focusBorderWidth pixels (negative: inside the media, the
// default -3), focusBorderColor (selBorderColor while selected),
// focusBorderTransparency; the defaults are the settings node's default.*.
func (p *Player) drawBorder() {
	f := &p.focus
	if f.srcOf != f.cur || f.srcSel != (f.selecting != nil && f.selecting == f.cur) {
		old := f.srcOf
		f.srcOf, f.srcSel = f.cur, f.selecting != nil && f.selecting == f.cur
		for _, o := range []*object{old, f.cur} {
			if o != nil && o.desc != nil && (o.desc.FocusSrc != "" || o.desc.FocusSelSrc != "") {
				p.redraw(o) // focusSrc, focusSelSrc
			}
		}
	}
	o := f.cur
	if o == nil || o.layer == nil || !o.layer.Visible() {
		if f.border != nil {
			f.border.SetVisible(false)
			p.dirty = true
		}
		return
	}
	d := o.desc
	if d == nil {
		d = &ncl.Descriptor{}
	}
	def := func(name string) string { v, _ := p.set.get("default." + name); return v }
	width := atoiDefault(firstOf(o.props["focusBorderWidth"], d.FocusBorderWidth, def("focusBorderWidth")), -3)
	colName := firstOf(o.props["focusBorderColor"], d.FocusBorderColor, def("focusBorderColor"), "white")
	if f.selecting == o {
		colName = firstOf(o.props["selBorderColor"], d.SelBorderColor, def("selBorderColor"), colName)
	}
	col, ok := parseColor(colName)
	if !ok {
		col = color.NRGBA{255, 255, 255, 255}
	}
	col.A = uint8(math.Round(float64(col.A) * float64(opacity(firstOf(o.props["focusBorderTransparency"],
		d.FocusBorderTransparency, def("focusBorderTransparency")))) / 255))
	r := o.layer.Bounds()
	w := width
	if w > 0 {
		r = r.Inset(-w)
	} else {
		w = -w
	}
	w = min(w, 64)
	if w == 0 || r.Empty() {
		if f.border != nil {
			f.border.SetVisible(false)
		}
		return
	}
	if f.border == nil {
		l, err := p.scene.NewLayer(gfx.PlaneApps, r)
		if err != nil {
			return
		}
		f.border = l
	}
	_ = f.border.SetBounds(r)
	f.border.SetZ(o.zOrder() + 1)
	f.border.SetVisible(true)
	f.border.Update(func(s *gfx.Surface) {
		s.SetColor(color.NRGBA{})
		s.ClearAll()
		s.SetColor(col)
		bw, bh := s.Size()
		fw, fh, ft := float64(bw), float64(bh), float64(w)
		s.DrawRect(gfx.Fill, 0, 0, fw, ft)
		s.DrawRect(gfx.Fill, 0, fh-ft, fw, ft)
		s.DrawRect(gfx.Fill, 0, ft, ft, fh-2*ft)
		s.DrawRect(gfx.Fill, fw-ft, ft, ft, fh-2*ft)
	})
	p.dirty = true
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// key handles a remote key: to the key master when there is one;
// otherwise to the NCLua media that take keys (the focused one if it is a
// script, else every presented script outside the focus chain), to the
// links waiting for that key (onSelection key=...), and to the navigation
// (arrows by the focused descriptor's moveUp/Down/Left/Right, ENTER
// selects the focused media). A key nothing used goes to
// Options.OnUnconsumed. Presses and releases are handled in order.
func (p *Player) key(typ, key string) {
	if typ != "press" && typ != "release" {
		return
	}
	press := typ == "press"
	d := &delivery{typ: typ, key: key}
	var to []*luaMedia
	if km := p.focus.keyMaster; km != nil && p.luas[km] != nil {
		to = append(to, p.luas[km]) // the navigation and the links wait
	} else {
		if lm := p.luas[p.focus.cur]; lm != nil && p.focus.cur != nil {
			to = append(to, lm)
		} else {
			for o, lm := range p.luas {
				if o.props["focusIndex"] == "" {
					to = append(to, lm)
				}
			}
			slices.SortFunc(to, func(a, b *luaMedia) int { return a.o.order - b.o.order })
		}
		d.used = p.keyLinks(key, press) || p.navigate(key, press)
	}
	// A release goes to the scripts that got the press, wherever the
	// press moved the focus or the keys.
	if press {
		if p.focus.held == nil {
			p.focus.held = map[string]heldKey{}
		}
		p.focus.held[key] = heldKey{to, d}
	} else if held, ok := p.focus.held[key]; ok {
		delete(p.focus.held, key)
		to = slices.DeleteFunc(held.to, func(lm *luaMedia) bool { return lm.ended })
		d.press = held.press
	}
	if len(to) == 0 {
		p.passOn(d)
		return
	}
	d.waiting = len(to)
	for _, lm := range to {
		if len(lm.sent) >= 256 {
			lm.sent = lm.sent[1:]
		}
		lm.sent = append(lm.sent, d)
		_ = lm.app.Send(nclua.KeyEvent(typ, key))
	}
}

// unconsumed: a script passed a key on (no handler of it returned true).
func (lm *luaMedia) unconsumed(typ, key string) {
	i := slices.IndexFunc(lm.sent, func(d *delivery) bool { return d.typ == typ && d.key == key })
	if i < 0 {
		return
	}
	for _, d := range lm.sent[:i] {
		d.used = true // consumed by this script
		d.waiting--
	}
	d := lm.sent[i]
	lm.sent = lm.sent[i+1:]
	d.waiting--
	p := lm.p
	if key == "BACK" && typ == "press" && p.focus.keyMaster == lm.o {
		p.set.set("service.currentKeyMaster", "") // BACK the script did not take gives the keys back
		d.used = true
	}
	if d.waiting == 0 {
		p.passOn(d)
	}
}

// passOn gives the box a key nothing used: a release goes with its press.
func (p *Player) passOn(d *delivery) {
	if d.used || d.press != nil && d.press.used || p.opts.OnUnconsumed == nil {
		return
	}
	p.opts.OnUnconsumed(d.typ, d.key)
}

// keyLinks triggers the selection of every presented media a link waits
// for with this key (onSelection key="RED"): its selection starts on the
// press and stops on the release.
func (p *Player) keyLinks(key string, press bool) bool {
	keys := p.keyed[key]
	used := false
	for _, k := range keys {
		if !k.obj.presented() {
			continue
		}
		used = true
		ev := k.obj.event(k.typ, k.iface)
		if press {
			p.transition(ev, "stops", key) // a press whose release was lost
			p.transition(ev, "starts", key)
		} else {
			p.transition(ev, "stops", key)
		}
	}
	return used
}

// navigate moves the focus with the arrows and selects with ENTER.
func (p *Player) navigate(key string, press bool) bool {
	f := &p.focus
	o := f.cur
	if o == nil {
		return false
	}
	if key == "ENTER" {
		ev := o.event(ncl.EventSelection, "")
		if press {
			f.selecting = o
			p.drawBorder()
			if p.luas[o] != nil {
				p.set.set("service.currentKeyMaster", o.id) // a selected script takes the keys
			}
			p.transition(ev, "starts", "ENTER")
			return true
		}
		if f.selecting == o {
			f.selecting = nil
			p.drawBorder()
		}
		p.transition(ev, "stops", "ENTER")
		return true
	}
	var target string
	d := o.desc
	if d == nil {
		return false
	}
	move := map[string]string{"CURSOR_UP": "moveUp", "CURSOR_DOWN": "moveDown", "CURSOR_LEFT": "moveLeft",
		"CURSOR_RIGHT": "moveRight"}[key]
	if move == "" {
		return false
	}
	switch move {
	case "moveUp":
		target = d.MoveUp
	case "moveDown":
		target = d.MoveDown
	case "moveLeft":
		target = d.MoveLeft
	case "moveRight":
		target = d.MoveRight
	}
	if v := o.props[move]; v != "" {
		target = v
	}
	if target == "" {
		return false
	}
	if press {
		p.focusTo(target)
	}
	return true
}
