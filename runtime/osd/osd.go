// Package osd is the box's on-screen display: the service banner shown on a change of
// service, the list of apps the viewer may start (INFO), the loading progress of an app's
// carousel, the message that an app was stopped, and the volume. It draws on
// gfx.PlaneOSD, above the apps and below the alert plane.
//
// Every method but Render only records what to show, under a lock, and returns at once:
// the demux, input and app-manager goroutines call them. Render, called by the screen
// loop before each frame (screen.Screen.BeforeFrame), draws what changed and hides what
// timed out, so the OSD's pixels are touched by one goroutine only and a hidden OSD costs
// nothing.
package osd

import (
	"fmt"
	"image"
	"image/color"
	"sync"
	"time"

	"github.com/antena-tv/antena/runtime/gfx"
)

// How long the transient parts stay on screen.
const (
	BannerTime  = 4 * time.Second
	VolumeTime  = 2 * time.Second
	MessageTime = 6 * time.Second
)

// Colours of the OSD.
var (
	colPanel = color.NRGBA{R: 16, G: 24, B: 40, A: 230}
	colText  = color.NRGBA{R: 240, G: 240, B: 240, A: 255}
	colDim   = color.NRGBA{R: 160, G: 170, B: 190, A: 255}
	colFocus = color.NRGBA{R: 255, G: 204, B: 0, A: 255}
	colBar   = color.NRGBA{R: 60, G: 160, B: 255, A: 255}
	colWarn  = color.NRGBA{R: 120, G: 24, B: 24, A: 235}
)

// part is one layer of the OSD with what it shows and until when.
type part struct {
	layer *gfx.Layer
	lines []string
	until time.Time // zero: until hidden
	dirty bool
	shown bool
}

// OSD is the on-screen display. Its methods are safe from any goroutine; Render belongs
// to the screen loop.
type OSD struct {
	w, h int
	mu   sync.Mutex
	// banner (top), volume (top right), message (bottom), progress (bottom left), menu
	// (centre).
	banner, volume, message, progress, menu part
	volLevel                                int
	muted                                   bool
	items                                   []string
	sel                                     int
	menuOpen                                bool
	pct                                     int // progress, 0-100; -1 unknown
	now                                     time.Time
}

// New makes the OSD's (hidden) layers on c.
func New(c *gfx.Compositor) (*OSD, error) {
	w, h := c.Size()
	o := &OSD{w: w, h: h, pct: -1}
	u := func(x float64) int { return int(x * float64(h) / 720) }
	for _, p := range []struct {
		p *part
		r image.Rectangle
	}{
		{&o.banner, image.Rect(u(40), u(30), w-u(40), u(30)+u(90))},
		{&o.volume, image.Rect(w-u(360), u(140), w-u(40), u(140)+u(60))},
		{&o.message, image.Rect(u(40), h-u(130), w-u(40), h-u(40))},
		{&o.progress, image.Rect(u(40), h-u(220), u(40)+u(520), h-u(150))},
		{&o.menu, image.Rect(w/2-u(320), u(150), w/2+u(320), h-u(150))},
	} {
		l, err := c.NewLayer(gfx.PlaneOSD, p.r)
		if err != nil {
			return nil, err
		}
		l.SetVisible(false)
		p.p.layer = l
	}
	return o, nil
}

// scale converts a size at 720 lines to the frame's.
func (o *OSD) scale(x int) int { return x * o.h / 720 }

func (o *OSD) set(p *part, until time.Time, lines ...string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	p.lines, p.until, p.dirty = lines, until, true
}

// ShowService shows the service banner (number and name) for BannerTime from now.
func (o *OSD) ShowService(now time.Time, id uint16, name string) {
	if name == "" {
		name = fmt.Sprintf("Serviço %d", id)
	}
	o.set(&o.banner, now.Add(BannerTime), fmt.Sprintf("%d  %s", id, name))
}

// ShowVolume shows the volume (0-100) or that the sound is muted, for VolumeTime.
func (o *OSD) ShowVolume(now time.Time, level int, muted bool) {
	o.mu.Lock()
	o.volLevel, o.muted = level, muted
	o.mu.Unlock()
	txt := fmt.Sprintf("Volume %d", level)
	if muted {
		txt = "Mudo"
	}
	o.set(&o.volume, now.Add(VolumeTime), txt)
}

// ShowMessage shows a notification (an app stopped and why) for MessageTime.
func (o *OSD) ShowMessage(now time.Time, lines ...string) {
	o.set(&o.message, now.Add(MessageTime), lines...)
}

// ShowProgress shows the loading of an app: its name and how much of its files arrived
// (pct 0-100, or -1 when unknown). It stays until HideProgress.
func (o *OSD) ShowProgress(name string, pct int) {
	o.mu.Lock()
	o.pct = pct
	o.mu.Unlock()
	o.set(&o.progress, time.Time{}, "Carregando "+name)
}

// HideProgress removes the loading progress.
func (o *OSD) HideProgress() { o.set(&o.progress, time.Time{}) }

// OpenMenu shows the list of apps the viewer may start, the first selected. An empty
// list says that there is none.
func (o *OSD) OpenMenu(items []string) {
	o.mu.Lock()
	o.items, o.sel, o.menuOpen = append([]string(nil), items...), 0, true
	o.mu.Unlock()
	o.set(&o.menu, time.Time{}, "Aplicativos")
}

// CloseMenu hides the list.
func (o *OSD) CloseMenu() {
	o.mu.Lock()
	o.menuOpen = false
	o.mu.Unlock()
	o.set(&o.menu, time.Time{})
}

// MenuOpen reports whether the list of apps is on screen.
func (o *OSD) MenuOpen() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.menuOpen
}

// MoveMenu moves the selection by delta, wrapping.
func (o *OSD) MoveMenu(delta int) {
	o.mu.Lock()
	if n := len(o.items); n > 0 {
		o.sel = ((o.sel+delta)%n + n) % n
	}
	o.menu.dirty = true
	o.mu.Unlock()
}

// Selected returns the index of the selected item, -1 when the list is empty or closed.
func (o *OSD) Selected() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.menuOpen || len(o.items) == 0 {
		return -1
	}
	return o.sel
}

// Visible reports whether any part of the OSD is on screen.
func (o *OSD) Visible() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, p := range o.parts() {
		if p.shown {
			return true
		}
	}
	return false
}

func (o *OSD) parts() []*part {
	return []*part{&o.banner, &o.volume, &o.message, &o.progress, &o.menu}
}
