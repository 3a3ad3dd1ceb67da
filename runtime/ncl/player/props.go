package player

import (
	"image"
	"image/color"
	"maps"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/antena-tv/antena/runtime/gfx"
	"github.com/antena-tv/antena/runtime/ncl"
	"github.com/antena-tv/antena/runtime/nclua"
)

// frameStep is the clock step of animations (set with a duration,
// transitions): 25 steps a second.
const frameStep = 40 * time.Millisecond

// nextStep is the delay to an animation's next step: a frame, or less so
// that the last step falls at dur, however the clock moved.
func nextStep(start, now time.Time, dur time.Duration) time.Duration {
	return min(frameStep, max(dur-now.Sub(start), 0))
}

// geometryProps are the properties that place a media.
var geometryProps = map[string]bool{
	"left": true, "top": true, "width": true, "height": true, "right": true, "bottom": true,
	"bounds": true, "location": true, "size": true,
}

// initProps sets a media's properties as its presentation starts: its
// region's rectangle and zIndex, the descriptor's explicitDur and
// parameters, then the media's own <property> values (which win), then
// what links and scripts set (a value unchanged since the last start is
// derived again: the region or the descriptor chosen may differ).
func (p *Player) initProps(o *object) {
	props := map[string]string{}
	region := ""
	if o.desc != nil {
		region = o.desc.Region
	}
	r, z, ok := p.rectOf(region)
	if !ok {
		p.log.Info("ncl: descriptor names a missing region; using the whole screen", "media", o.id,
			"region", region)
	}
	props["left"], props["top"] = strconv.Itoa(r.Min.X), strconv.Itoa(r.Min.Y)
	props["width"], props["height"] = strconv.Itoa(r.Dx()), strconv.Itoa(r.Dy())
	props["zIndex"] = strconv.Itoa(z)
	if d := o.desc; d != nil {
		if d.HasExplicitDur {
			props["explicitDur"] = strconv.FormatFloat(d.ExplicitDur.Seconds(), 'f', -1, 64) + "s"
		}
		if d.FocusIndex != "" {
			props["focusIndex"] = d.FocusIndex
		}
		for _, prm := range d.Params {
			props[prm.Name] = prm.Value
		}
	}
	for k, v := range o.props {
		if last, ok := o.started[k]; ok && last == v {
			// Unchanged since the last start: derived anew, or declared.
			if v, ok = o.declared[k]; !ok {
				continue
			}
		}
		if v != "" || !geometryProps[k] {
			props[k] = v
		}
	}
	o.props = props
	// Geometry given as properties is resolved against the screen, as a
	// set does (applyProp): pixels are the screen's, percentages of it.
	screen := image.Rect(0, 0, p.opts.Width, p.opts.Height)
	for _, k := range []string{"bounds", "location", "size", "right", "bottom"} {
		if v, ok := props[k]; ok && v != "" {
			p.splitGeometry(o, k, v, screen)
		}
	}
	for _, k := range []string{"left", "top", "width", "height"} {
		if v := props[k]; strings.HasSuffix(strings.TrimSpace(v), "%") {
			props[k] = strconv.Itoa(lengthPx(v, axisSize(k, screen)))
		}
	}
	o.started = maps.Clone(props)
}

func axisSize(k string, r image.Rectangle) int {
	if k == "top" || k == "height" || k == "bottom" {
		return r.Dy()
	}
	return r.Dx()
}

// splitGeometry turns bounds, location, size, right and bottom into left,
// top, width and height.
func (p *Player) splitGeometry(o *object, k, v string, parent image.Rectangle) {
	parts := strings.Split(v, ",")
	px := func(i int, key string) string {
		return strconv.Itoa(lengthPx(parts[i], axisSize(key, parent)))
	}
	switch {
	case k == "bounds" && len(parts) == 4:
		o.props["left"], o.props["top"], o.props["width"], o.props["height"] = px(0, "left"), px(1, "top"), px(2, "width"), px(3, "height")
	case k == "location" && len(parts) == 2:
		o.props["left"], o.props["top"] = px(0, "left"), px(1, "top")
	case k == "size" && len(parts) == 2:
		o.props["width"], o.props["height"] = px(0, "width"), px(1, "height")
	case k == "right" && len(parts) == 1:
		w := atoiDefault(o.props["width"], parent.Dx())
		o.props["left"] = strconv.Itoa(parent.Min.X + parent.Dx() - lengthPx(v, parent.Dx()) - w)
	case k == "bottom" && len(parts) == 1:
		h := atoiDefault(o.props["height"], parent.Dy())
		o.props["top"] = strconv.Itoa(parent.Min.Y + parent.Dy() - lengthPx(v, parent.Dy()) - h)
	}
}

// lengthPx is an NCL length ("10", "10px", "25%" of parent) in pixels; 0
// when s is not one.
func lengthPx(s string, parent int) int {
	l, ok := ncl.ParseLength(s)
	if !ok {
		return 0
	}
	return int(math.Round(max(min(l.Px(parent), 1e6), -1e6)))
}

func atoiDefault(s string, def int) int {
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "px")), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return def
	}
	return int(math.Round(max(min(f, 1e6), -1e6)))
}

// geometry is a media's rectangle from its properties.
func (p *Player) geometry(o *object) image.Rectangle {
	x, y := atoiDefault(o.props["left"], 0), atoiDefault(o.props["top"], 0)
	w := max(atoiDefault(o.props["width"], p.opts.Width), 0)
	h := max(atoiDefault(o.props["height"], p.opts.Height), 0)
	w, h = min(w, gfx.MaxSurfaceSide), min(h, gfx.MaxSurfaceSide)
	return image.Rect(x, y, x+w, y+h)
}

// opacity maps NCL's transparency ("0.25", "25%"; 0 opaque, 1 invisible)
// to a layer opacity.
func opacity(t string) uint8 {
	t = strings.TrimSpace(t)
	if t == "" {
		return 255
	}
	pct := strings.HasSuffix(t, "%")
	f, err := strconv.ParseFloat(strings.TrimSuffix(t, "%"), 64)
	if err != nil || math.IsNaN(f) {
		return 255
	}
	if pct {
		f /= 100
	}
	f = min(max(f, 0), 1)
	return uint8(math.Round((1 - f) * 255))
}

// parseColor reads a colour name, "#rrggbb", "#rrggbbaa" or "r,g,b[,a]".
func parseColor(s string) (color.NRGBA, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return color.NRGBA{}, false
	}
	if c, ok := nclua.NamedColor(s); ok {
		return c, true
	}
	if h, ok := strings.CutPrefix(s, "#"); ok && (len(h) == 6 || len(h) == 8) {
		v, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return color.NRGBA{}, false
		}
		if len(h) == 6 {
			return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, true
		}
		return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
	}
	parts := strings.Split(s, ",")
	if len(parts) == 3 || len(parts) == 4 {
		var c [4]uint8
		c[3] = 255
		for i, pt := range parts {
			n, err := strconv.Atoi(strings.TrimSpace(pt))
			if err != nil || n < 0 || n > 255 {
				return color.NRGBA{}, false
			}
			c[i] = uint8(n)
		}
		return color.NRGBA{c[0], c[1], c[2], c[3]}, true
	}
	return color.NRGBA{}, false
}

// setProp runs a set action (attribution start) on o's property name:
// the attribution event starts, the value changes (over dur, in steps, for
// a number), and the event stops.
func (p *Player) setProp(o *object, name, value string, dur time.Duration) {
	ev := o.event("attribution", name)
	if ev.state != sleeping {
		p.transition(ev, "aborts", "")
	}
	p.transition(ev, "starts", "")
	if o == p.set.obj {
		p.set.set(name, value)
		p.transition(ev, "stops", "")
		return
	}
	from, fromOK := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(o.props[name]), "px"), 64)
	to, toOK := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(value), "px"), 64)
	if dur <= 0 || fromOK != nil || toOK != nil || strings.HasSuffix(value, "%") {
		p.applyProp(o, name, value)
		p.transition(ev, "stops", "")
		return
	}
	start := p.vm.Now()
	var step func()
	step = func() {
		if ev.state != occurring {
			return
		}
		f := min(float64(p.vm.Now().Sub(start))/float64(dur), 1)
		if f >= 1 {
			p.applyProp(o, name, value)
			p.transition(ev, "stops", "")
			return
		}
		p.applyProp(o, name, strconv.FormatFloat(from+(to-from)*f, 'f', 2, 64))
		p.after(nextStep(start, p.vm.Now(), dur), step)
	}
	step()
}

// applyProp changes a property and what it shows.
func (p *Player) applyProp(o *object, name, value string) {
	o.props[name] = value
	if o.kind != kindMedia || !o.presented() {
		return
	}
	switch {
	case geometryProps[name]:
		if name != "left" && name != "top" && name != "width" && name != "height" {
			parent, _, _ := p.rectOf("")
			p.splitGeometry(o, name, value, parent)
		} else if strings.HasSuffix(value, "%") {
			o.props[name] = strconv.Itoa(lengthPx(value, axisSize(name, image.Rect(0, 0, p.opts.Width, p.opts.Height))))
		}
		p.place(o)
	case name == "zIndex":
		if o.layer != nil {
			o.layer.SetZ(o.zOrder())
			p.dirty = true
		}
	case name == "transparency":
		if o.layer != nil {
			o.layer.SetOpacity(opacity(value))
			p.dirty = true
		}
	case name == "visible":
		if o.layer != nil {
			o.layer.SetVisible(value != "false")
			p.dirty = true
		}
		p.focusChanged()
	case name == "explicitDur":
		if d, ok := ncl.ParseTime(value); ok {
			o.at(d, func() { p.stop(o, "", false) })
		}
	case name == "focusIndex":
		p.focusChanged()
	}
	if lm := p.luas[o]; lm != nil {
		if !geometryProps[name] {
			lm.send("attribution", "start", name, value)
		}
		return
	}
	if name == "background" || name == "fit" || strings.HasPrefix(name, "font") || name == "src" ||
		geometryProps[name] {
		p.redraw(o)
	}
}

// place moves (and resizes) a media's layer to its geometry; an NCLua
// media's canvas keeps its size and only moves.
func (p *Player) place(o *object) {
	r := p.geometry(o)
	if classify(o.media) == classMainAV && p.opts.Screen != nil {
		p.opts.Screen.SetVideoRect(r)
	}
	if o.layer == nil {
		return
	}
	if _, isLua := o.content.(*luaMedia); isLua {
		r = image.Rectangle{Min: r.Min, Max: r.Min.Add(o.layer.Bounds().Size())}
	}
	if err := o.layer.SetBounds(r); err != nil {
		p.log.Info("ncl: media not resized", "media", o.id, "err", err)
	}
	p.dirty = true
	p.focusChanged()
}

// fadeIn plays the descriptor's transIn: a fade of the layer's opacity
// over the transition's dur (default 1 s). Other transition types (bar
// wipes, iris, clock) are played as fades too.
func (p *Player) fadeIn(o *object) {
	if o.desc == nil || len(o.desc.TransIn) == 0 || o.layer == nil {
		return
	}
	t := p.doc.Transition(o.desc.TransIn[0])
	if t == nil {
		return
	}
	dur, ok := ncl.ParseTime(t.Dur)
	if !ok || dur <= 0 {
		dur = time.Second
	}
	target := opacity(o.props["transparency"])
	l := o.layer
	start := p.vm.Now()
	l.SetOpacity(0)
	var cancel func() bool
	var step func()
	step = func() {
		f := min(float64(p.vm.Now().Sub(start))/float64(dur), 1)
		l.SetOpacity(uint8(math.Round(float64(target) * f)))
		p.dirty = true
		if f < 1 {
			cancel = p.after(nextStep(start, p.vm.Now(), dur), step)
			return
		}
		o.fadeStop = nil
	}
	cancel = p.after(nextStep(start, p.vm.Now(), dur), step)
	o.fadeStop = func() bool { return cancel() }
}

// fadeOut keeps a stopped media's layer for its transOut and fades it.
func (p *Player) fadeOut(o *object) bool {
	if o.desc == nil || len(o.desc.TransOut) == 0 || o.layer == nil {
		return false
	}
	t := p.doc.Transition(o.desc.TransOut[0])
	if t == nil {
		return false
	}
	dur, ok := ncl.ParseTime(t.Dur)
	if !ok || dur <= 0 {
		dur = time.Second
	}
	l := o.layer
	o.layer = nil
	from := float64(l.Opacity())
	start := p.vm.Now()
	var step func()
	step = func() {
		f := min(float64(p.vm.Now().Sub(start))/float64(dur), 1)
		p.dirty = true
		if f >= 1 {
			l.Remove()
			return
		}
		l.SetOpacity(uint8(math.Round(from * (1 - f))))
		p.after(nextStep(start, p.vm.Now(), dur), step)
	}
	p.after(nextStep(start, p.vm.Now(), dur), step)
	return true
}
