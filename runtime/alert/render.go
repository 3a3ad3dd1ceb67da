package alert

import (
	"fmt"
	"image"
	"math"
	"time"

	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/runtime/gfx"
)

// scene is what the alert plane shows, copied under the Manager's lock for Render. Its
// slices and strings are shared with the entries' snapshots, which are never modified.
type scene struct {
	version   uint64
	panel     bool // an ISDB warning: the panel, or the banner when minimized
	minimized bool
	level     dalert.SignalLevel
	areas     []uint16
	tuned     bool
	crawl     bool // an SCTE-18 alert: the crawl
	crawlGen  uint64
	crawlA    dalert.Alert // crawl: Text, NatureOfActivation, EventCode are read
	// the box's language and areas as they are now (SetLanguage, SetAreas)
	msg      *messages
	boxAreas []uint16
	names    map[uint16]string
}

// Render brings the alert plane up to date for a frame at now (the Manager's clock): the
// screen loop calls it just before gfx.Compositor.Compose, every frame. It runs Tick first,
// then copies the state under the lock and draws without it, so Handle never waits for
// drawing. A frame whose Render starts after Handle returned shows what Handle decided:
// the first frame composed after a warning's start shows the overlay, the first after its
// end does not. It reports whether the layers changed. Only one goroutine may call it.
func (m *Manager) Render(now time.Duration) bool {
	m.Tick(now)
	m.mu.Lock()
	sc := m.scene(now)
	m.mu.Unlock()
	if m.r == nil {
		return false
	}
	return m.r.render(&sc, now)
}

// scene copies what is to be drawn and records the alerts that reach the screen for the
// first time.
func (m *Manager) scene(now time.Duration) scene {
	sc := scene{version: m.version, minimized: m.minimized, msg: m.msg, boxAreas: m.cfg.Areas, names: m.cfg.AreaNames}
	if k := m.panelEntry(); k >= 0 {
		e := &m.entries[k]
		sc.panel, sc.level, sc.areas = true, e.a.SignalLevel, e.a.AreaCodes
		t, _ := tuneTarget(&e.a)
		sc.tuned = m.take.moved && t == m.take.target
		m.markShown(e, now)
	}
	if k := m.crawlEntry(); k >= 0 {
		e := &m.entries[k]
		sc.crawl, sc.crawlGen, sc.crawlA = true, e.gen, e.a
		m.markShown(e, now)
	}
	return sc
}

func (m *Manager) markShown(e *entry, now time.Duration) {
	if e.shown || m.r == nil {
		return
	}
	e.shown = true
	m.record(Record{Action: ActionShown, RaisedAt: e.changedAt}, &e.a, -1, now)
}

// renderer owns the alert plane's layers. Sizes are designed for 1080 lines and scaled by
// u = height/1080.
type renderer struct {
	msg    *messages
	areas  []uint16
	names  map[uint16]string
	w, h   int
	u      float64
	panel  *gfx.Layer // an ISDB warning, mid-screen
	banner *gfx.Layer // an ISDB warning minimized, at the top
	crawl  *gfx.Layer // an SCTE-18 alert, at the bottom

	panelBase  int             // levelIndex of the panel's static part in the surface; -1 none
	panelLines image.Rectangle // where the area and service lines go

	drawn      uint64 // the scene version drawn
	started    bool
	crawlGen   uint64
	crawlText  string
	crawlW     int             // advance of crawlText
	crawlTextH int             // height of its layout box
	crawlArea  image.Rectangle // where the text scrolls, in crawl layer coordinates
	crawlT0    time.Duration   // when the crawl started
	crawlX     int             // scroll offset drawn
}

// Geometry, for a 1080-line frame.
const (
	minFrameW, minFrameH = 320, 180
	bannerH              = 100
	crawlH               = 104
	crawlFont            = 60
	crawlSpeed           = 180 // pixels per second
)

func newRenderer(c *gfx.Compositor, cfg *Config) (*renderer, error) {
	w, h := c.Size()
	if w < minFrameW || h < minFrameH {
		return nil, fmt.Errorf("%w: %dx%d, at least %dx%d", ErrNoScreen, w, h, minFrameW, minFrameH)
	}
	r := &renderer{msg: cfg.Language.messages(), areas: cfg.Areas, names: cfg.AreaNames,
		w: w, h: h, u: float64(h) / 1080}
	safe := int(math.Round(0.05 * float64(h))) // title-safe margin
	mx := int(math.Round(0.06 * float64(w)))
	rects := [3]image.Rectangle{
		image.Rect(mx, int(0.12*float64(h)), w-mx, int(0.82*float64(h))),
		image.Rect(0, safe, w, safe+r.px(bannerH)),
		image.Rect(0, h-safe-r.px(crawlH), w, h-safe),
	}
	var layers [3]*gfx.Layer
	for i, b := range rects {
		l, err := c.NewLayer(gfx.PlaneAlert, b)
		if err != nil {
			return nil, err
		}
		l.SetVisible(false)
		layers[i] = l
	}
	r.panel, r.banner, r.crawl = layers[0], layers[1], layers[2]
	r.panelBase = -1
	r.panel.Update(func(s *gfx.Surface) { r.drawPanelBase(s, 0) }) // the first kind's, ready
	return r, nil
}

// px scales a 1080-line length to the frame.
func (r *renderer) px(v float64) int { return max(1, int(math.Round(v*r.u))) }

func (r *renderer) render(sc *scene, now time.Duration) bool {
	changed := false
	if sc.msg != nil {
		r.msg, r.areas, r.names = sc.msg, sc.boxAreas, sc.names
	}
	if !r.started || sc.version != r.drawn {
		r.started, r.drawn, changed = true, sc.version, true
		showPanel, showBanner := sc.panel && !sc.minimized, sc.panel && sc.minimized
		if showPanel {
			r.panel.Update(func(s *gfx.Surface) { r.drawPanel(s, sc) })
		}
		if showBanner {
			r.banner.Update(func(s *gfx.Surface) { r.drawBanner(s, sc) })
		}
		r.panel.SetVisible(showPanel)
		r.banner.SetVisible(showBanner)
		if sc.crawl && (sc.crawlGen != r.crawlGen || !r.crawl.Visible()) {
			r.crawlGen, r.crawlT0 = sc.crawlGen, now
			r.crawlText = r.msg.crawlText(&sc.crawlA)
			r.crawl.Update(func(s *gfx.Surface) { r.drawCrawlBand(s) })
			r.crawlX = math.MinInt
		}
		r.crawl.SetVisible(sc.crawl)
	}
	if sc.crawl {
		if x := r.crawlOffset(now); x != r.crawlX {
			r.crawlX = x
			r.crawl.Update(func(s *gfx.Surface) { r.drawCrawlText(s, x) })
			changed = true
		}
	}
	return changed
}

// crawlOffset is how far the text has scrolled at now: it starts at the left of its area
// (readable at once), moves left at crawlSpeed, and comes back in from the right once it
// has gone.
func (r *renderer) crawlOffset(now time.Duration) int {
	period := r.crawlW + r.crawlArea.Dx()
	if period <= 0 {
		return 0
	}
	dt := max(now-r.crawlT0, 0)
	moved := int(dt.Seconds() * crawlSpeed * r.u)
	return moved % period
}
