package player

import (
	"image"
	"image/color"
	"strings"

	"github.com/antena-tv/antena/runtime/gfx"
	"github.com/antena-tv/antena/runtime/ncl"
)

// content is what a presented media shows on its layer.
type content interface {
	// draw paints the content into s, the layer's surface (cleared, with
	// the background painted), for the media's current properties.
	draw(o *object, s *gfx.Surface)
	close()
}

// mediaClass is how the player presents a media type.
type mediaClass uint8

const (
	classNone    mediaClass = iota // no picture: audio, time, settings
	classImage                     // image/png, jpeg, gif, bmp
	classText                      // text/plain, text/html
	classLua                       // an NCLua script
	classMainAV                    // the broadcast's own video (and audio)
	classVideo                     // a video file
	classUnknown                   // anything else: a placeholder
)

func classify(m *ncl.Media) mediaClass {
	t := strings.ToLower(m.Type)
	src := strings.ToLower(m.Src)
	switch {
	case m.IsSettings():
		return classNone
	case isLuaType(m):
		return classLua
	case t == strings.ToLower(ncl.TypeTime) || t == ncl.TypeNCLTime:
		return classNone
	case strings.HasPrefix(src, "sbtvd-ts:") || strings.HasPrefix(src, "isdb-ts:") || strings.HasPrefix(src, "ts:"):
		if strings.HasPrefix(t, "audio/") {
			return classNone
		}
		return classMainAV
	case strings.HasPrefix(t, "image/"):
		return classImage
	case strings.HasPrefix(t, "text/") && t != "text/css" && t != "text/srt":
		return classText
	case t == "application/xhtml+xml":
		return classText
	case strings.HasPrefix(t, "video/"):
		if m.Src == "" {
			return classMainAV
		}
		return classVideo
	case strings.HasPrefix(t, "audio/"):
		return classNone
	case m.Src == "" && t == "":
		return classNone
	}
	return classUnknown
}

// startMedia starts a media's presentation (of its area iface).
func (p *Player) startMedia(o *object, iface, descID string) {
	main := o.event("presentation", "")
	a := o.area(iface)
	if main.state != sleeping {
		if a != nil && main.state == occurring {
			if lm := p.luas[o]; lm != nil {
				lm.send("presentation", "start", label(a), "")
			}
			p.transition(o.event("presentation", iface), "starts", "")
		}
		return
	}
	if !p.restartBudget(o) {
		return
	}
	m := o.media
	if m.IsSettings() {
		p.transition(main, "starts", "")
		return
	}
	o.desc = p.descriptor(o, descID)
	p.initProps(o)
	o.elapsed, o.resumed = 0, p.vm.Now()
	if a != nil && a.HasBegin && o.content == nil {
		o.elapsed = a.Begin
	}
	class := classify(m)
	switch class {
	case classNone:
	case classMainAV:
		p.showMainVideo(o)
	default:
		if err := p.newLayer(o); err != nil {
			p.log.Warn("ncl: media not shown", "media", o.id, "err", err)
			break
		}
		switch class {
		case classImage:
			o.content = p.newImage(o)
		case classText:
			o.content = p.newText(o)
		case classVideo:
			o.content = p.newVideo(o)
		case classLua:
			o.content = p.newLua(o, a)
		default:
			p.log.Info("ncl: no player for this media type; showing a placeholder", "media", o.id,
				"type", m.Type, "src", m.Src, "pos", m.Pos.String())
			o.content = placeholder{text: m.Src}
		}
		p.redraw(o)
		p.fadeIn(o)
	}
	p.transition(main, "starts", "")
	if main.state != occurring {
		return
	}
	_, isLua := o.content.(*luaMedia)
	if !isLua {
		p.scheduleAreas(o)
	}
	if a != nil && (isLua || !a.HasBegin && !a.HasEnd) {
		// Started at an area that is not on the media's time: it
		// occurs from now on, as when the media already occurs.
		p.transition(o.event("presentation", iface), "starts", "")
	}
	if d, ok := ncl.ParseTime(o.props["explicitDur"]); ok && o.props["explicitDur"] != "" {
		o.at(d, func() { p.stop(o, "", false) })
	}
	p.focusChanged()
}

// scheduleAreas starts and stops the temporal areas of a media on its
// media time.
func (p *Player) scheduleAreas(o *object) {
	for _, a := range o.media.Areas {
		if !a.HasBegin && !a.HasEnd {
			continue
		}
		ev := o.event("presentation", a.ID)
		o.at(a.Begin, func() { p.transition(ev, "starts", "") })
		if a.HasEnd {
			o.at(a.End, func() { p.transition(ev, "stops", "") })
		}
	}
}

// stopMedia releases a media's content; its events are the caller's.
func (p *Player) stopMedia(o *object, abort bool) {
	if lm := p.luas[o]; lm != nil {
		action := "stop"
		if abort {
			action = "abort"
		}
		lm.end(action)
		delete(p.luas, o)
		o.content = nil
	}
	if classify(o.media) == classMainAV {
		p.restoreMainVideo()
	}
	if o.layer != nil {
		p.dirty = true
		p.fadeOut(o)
	}
	o.release()
	p.focusLost(o)
}

func (p *Player) pauseMedia(o *object) {
	o.elapsed = o.mediaTime()
	o.disarm()
	if lm := p.luas[o]; lm != nil {
		lm.send("presentation", "pause", "", "")
	}
}

func (p *Player) resumeMedia(o *object) {
	o.resumed = p.vm.Now()
	if lm := p.luas[o]; lm != nil {
		lm.send("presentation", "resume", "", "")
	}
	// The main event is still paused here; arm once it occurs.
	p.after(0, func() {
		for _, mt := range o.pending {
			if mt.cancel == nil {
				o.arm(mt)
			}
		}
	})
}

// newLayer puts a layer for o on the scene at its geometry.
func (p *Player) newLayer(o *object) error {
	l, err := p.scene.NewLayer(gfx.PlaneApps, p.geometry(o))
	if err != nil {
		return err
	}
	o.layer = l
	l.SetZ(o.zOrder())
	l.SetOpacity(opacity(o.props["transparency"]))
	l.SetVisible(o.props["visible"] != "false")
	p.dirty = true
	return nil
}

// redraw paints o's layer again: background, then content.
func (p *Player) redraw(o *object) {
	if o.layer == nil {
		return
	}
	if _, isLua := o.content.(*luaMedia); isLua {
		return // the script draws
	}
	bg, hasBG := parseColor(o.props["background"])
	c := o.content
	if alt := p.focusContent(o); alt != nil {
		c = alt
	}
	o.layer.Update(func(s *gfx.Surface) {
		s.SetColor(color.NRGBA{})
		s.ClearAll()
		if hasBG && bg.A > 0 {
			s.SetColor(bg)
			w, h := s.Size()
			s.DrawRect(gfx.Fill, 0, 0, float64(w), float64(h))
		}
		if c != nil {
			c.draw(o, s)
		}
	})
	p.dirty = true
}

// focusContent is what a focused media shows instead of its content: the
// descriptor's focusSelSrc while ENTER selects it, its focusSrc while it
// has the focus (images, fitted like the media). nil otherwise.
func (p *Player) focusContent(o *object) content {
	d := o.desc
	if d == nil || p.focus.cur != o || d.FocusSrc == "" && d.FocusSelSrc == "" {
		return nil
	}
	src := d.FocusSrc
	if p.focus.selecting == o && d.FocusSelSrc != "" {
		src = d.FocusSelSrc
	}
	if src == "" {
		return nil
	}
	im, err := p.image(&ncl.Media{Src: src, Pos: d.Pos})
	if err != nil {
		p.log.Warn("ncl: focus image not shown", "media", o.id, "src", src, "err", err, "pos", d.Pos.String())
		return nil
	}
	return &imageMedia{img: im}
}

// showMainVideo moves the screen's video picture into o's region.
func (p *Player) showMainVideo(o *object) {
	if p.opts.Screen == nil {
		return
	}
	p.opts.Screen.SetVideoRect(p.geometry(o))
	p.videoOn = true
}

func (p *Player) restoreMainVideo() {
	if p.opts.Screen != nil && p.videoOn {
		p.opts.Screen.SetVideoRect(image.Rect(0, 0, p.opts.Width, p.opts.Height))
		p.videoOn = false
	}
}
