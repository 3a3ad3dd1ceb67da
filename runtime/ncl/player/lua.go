package player

import (
	"errors"
	"image"
	"io/fs"
	"path"

	"github.com/antena-tv/antena/runtime/gfx"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/ncl"
	"github.com/antena-tv/antena/runtime/nclua"
)

// luaMedia is an NCLua script presented in its region: an nclua.App whose
// global canvas is the region's size and is flushed onto the media's
// layer. The ncl event class goes both ways: the player sends it the
// presentation of the whole script and of its area labels and the
// attribution of its properties; what the script posts about itself
// (presentation, attribution, selection) moves the media's events.
type luaMedia struct {
	p     *Player
	o     *object
	app   *nclua.App
	sent  []*delivery // keys sent, not yet known consumed
	ended bool
}

func (p *Player) newLua(o *object, a *ncl.Area) content {
	name, ok := o.media.SrcPath()
	if !ok {
		p.log.Warn("ncl: NCLua media has no usable src; placeholder instead", "media", o.id, "src", o.media.Src)
		return placeholder{text: o.media.Src}
	}
	if _, err := fs.Stat(p.opts.FS, name); err != nil {
		p.log.Warn("ncl: NCLua script not found; placeholder instead", "media", o.id, "src", o.media.Src,
			"pos", o.media.Pos.String())
		return placeholder{text: o.media.Src}
	}
	fsys := p.opts.FS
	if dir := path.Dir(name); dir != "." {
		sub, err := fs.Sub(fsys, dir)
		if err != nil {
			return placeholder{text: o.media.Src}
		}
		fsys = sub
	}
	lm := &luaMedia{p: p, o: o}
	opts := p.opts.Lua
	opts.Name = p.opts.Name + "/" + o.id
	opts.FS, opts.Main, opts.Searchers = fsys, path.Base(name), nil
	size := o.layer.Bounds().Size()
	opts.Width, opts.Height = max(size.X, 1), max(size.Y, 1)
	opts.Layer = o.layer
	opts.Settings = p.set.settings()
	opts.StartLabel, opts.NoStartEvent = "", false
	if a != nil {
		opts.StartLabel = label(a)
	}
	hostPost := p.opts.Lua.OnPost
	opts.OnPost = func(e nclua.Event) {
		if e.Class() != "ncl" {
			if hostPost != nil {
				hostPost(e)
			}
			return
		}
		_ = p.post(func() { lm.fromScript(e) })
	}
	opts.OnFlush = func([]image.Rectangle) { _ = p.post(func() { p.dirty = true }) }
	opts.OnStop = func(se *rlua.StopError) { _ = p.post(func() { lm.stopped(se) }) }
	app, err := nclua.New(opts)
	if err == nil {
		err = app.OnUnconsumedKeys(func(typ, key string) { _ = p.post(func() { lm.unconsumed(typ, key) }) })
		if err == nil {
			err = app.Start()
		}
		if err != nil {
			app.Stop()
		}
	}
	if err != nil {
		p.log.Warn("ncl: NCLua media did not start", "media", o.id, "err", err)
		return placeholder{text: o.media.Src}
	}
	lm.app = app
	p.luas[o] = lm
	return lm
}

// draw does nothing: the script draws on its canvas.
func (*luaMedia) draw(*object, *gfx.Surface) {}

func (lm *luaMedia) close() {
	if !lm.ended {
		lm.ended = true
		lm.app.Stop()
	}
}

// send sends the script an ncl event: presentation (action, label) or
// attribution (action, name, value).
func (lm *luaMedia) send(typ, action, name, value string) {
	if lm.ended {
		return
	}
	var e nclua.Event
	switch typ {
	case "attribution":
		e = nclua.AttributionEvent(action, name, value)
	case "selection":
		e = nclua.SelectionEvent(action, name)
	default:
		e = nclua.PresentationEvent(action, name)
	}
	_ = lm.app.Send(e)
}

// end tells the script that its presentation stops (or aborts), lets it
// handle that, then stops it. Sync waits for it.
func (lm *luaMedia) end(action string) {
	if lm.ended {
		return
	}
	lm.ended = true
	a := lm.app
	if a.Send(nclua.PresentationEvent(action, "")) != nil {
		a.Stop()
		return
	}
	release := lm.p.vm.Hold()
	go func() {
		defer release()
		_ = a.Sync()
		a.Stop()
		<-a.Done()
	}()
}

// fromScript handles an ncl event the script posted about itself.
func (lm *luaMedia) fromScript(e nclua.Event) {
	if lm.ended {
		return
	}
	p, o := lm.p, lm.o
	action, _ := e["action"].(string)
	lbl, _ := e["label"].(string)
	switch e.Type() {
	case "presentation":
		if lbl == "" {
			switch action {
			case "stop":
				p.stop(o, "", false)
			case "abort":
				p.stop(o, "", true)
			case "pause":
				p.pause(o, "")
			case "resume":
				p.resume(o, "")
			}
			return
		}
		if a := lm.areaByLabel(lbl); a != nil {
			p.transition(o.event("presentation", a.ID), transitionOf(action), "")
		}
	case "selection":
		iface := ""
		if a := lm.areaByLabel(lbl); a != nil {
			iface = a.ID
		}
		p.transition(o.event("selection", iface), transitionOf(action), "")
	case "attribution":
		name, _ := e["name"].(string)
		if name == "" {
			return
		}
		ev := o.event("attribution", name)
		if v, ok := e["value"]; ok && v != nil && action != "abort" {
			o.props[name] = toString(v)
		}
		if action == "stop" && ev.state == sleeping {
			p.transition(ev, "starts", "")
		}
		p.transition(ev, transitionOf(action), "")
	}
}

func (lm *luaMedia) areaByLabel(l string) *ncl.Area {
	for _, a := range lm.o.media.Areas {
		if label(a) == l || a.ID == l {
			return a
		}
	}
	return nil
}

// stopped: the script's VM stopped. A script that failed (a Lua error,
// the watchdog) aborts its media; the document goes on.
func (lm *luaMedia) stopped(se *rlua.StopError) {
	if lm.ended {
		return
	}
	lm.ended = true
	if se != nil && !errors.Is(se, rlua.ErrStopped) {
		lm.p.log.Warn("ncl: NCLua media stopped", "media", lm.o.id, "reason", se.Reason, "message", se.Message)
	}
	delete(lm.p.luas, lm.o)
	lm.o.content = nil
	lm.p.stop(lm.o, "", true)
}

func transitionOf(action string) ncl.TransitionType {
	switch action {
	case "start":
		return "starts"
	case "stop":
		return "stops"
	case "abort":
		return "aborts"
	case "pause":
		return "pauses"
	case "resume":
		return "resumes"
	}
	return ""
}
