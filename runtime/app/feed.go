package app

import (
	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/psi"
)

// DemuxFeed connects a demux.Demuxer to a Manager. Its PMT, AIT and
// Carousel methods are demux handlers: they run on the demux goroutine,
// read the Demuxer there (component tags, carousels), copy what the
// manager needs and hand it over without waiting.
//
// Once SetService named a service, the AITs of other services' PMTs are
// ignored (an AIT whose PID no PMT lists yet is taken).
type DemuxFeed struct {
	m       *Manager
	d       *demux.Demuxer
	aitPIDs map[uint16]map[uint16]bool // AIT PID → programs whose PMT lists it
}

// DemuxFeed returns the feed of d into m. Install it, or call its methods
// from the receiver's own handlers.
func (m *Manager) DemuxFeed(d *demux.Demuxer) *DemuxFeed {
	return &DemuxFeed{m: m, d: d, aitPIDs: map[uint16]map[uint16]bool{}}
}

// Install sets d.H.PMT, d.H.AIT and d.H.Carousel to the feed's methods,
// calling the handlers already set there first.
func (f *DemuxFeed) Install() {
	h := &f.d.H
	prevPMT, prevAIT, prevCarousel := h.PMT, h.AIT, h.Carousel
	h.PMT = func(i demux.Info, p *psi.PMT) {
		if prevPMT != nil {
			prevPMT(i, p)
		}
		f.PMT(i, p)
	}
	h.AIT = func(i demux.Info, t *ait.Table) {
		if prevAIT != nil {
			prevAIT(i, t)
		}
		f.AIT(i, t)
	}
	h.Carousel = func(i demux.Info, e demux.CarouselEvent) {
		if prevCarousel != nil {
			prevCarousel(i, e)
		}
		f.Carousel(i, e)
	}
}

// PMT learns which program's AIT each AIT PID carries.
func (f *DemuxFeed) PMT(_ demux.Info, p *psi.PMT) {
	for pid, progs := range f.aitPIDs {
		delete(progs, p.ProgramNumber)
		if len(progs) == 0 {
			delete(f.aitPIDs, pid)
		}
	}
	for _, s := range p.Streams {
		if _, ok := psi.Find(s.Descriptors, psi.TagApplicationSignalling); !ok {
			continue
		}
		progs := f.aitPIDs[s.ElementaryPID]
		if progs == nil {
			progs = map[uint16]bool{}
			f.aitPIDs[s.ElementaryPID] = progs
		}
		progs[p.ProgramNumber] = true
	}
}

// AIT hands a new AIT version to the manager, its carousel transports
// resolved through the Demuxer's PMT tags.
func (f *DemuxFeed) AIT(i demux.Info, t *ait.Table) {
	if svc := f.m.service.Load(); svc != 0 {
		if progs, ok := f.aitPIDs[i.PID]; ok && !progs[uint16(svc-1)] {
			return
		}
	}
	f.m.SignalAIT(t, f.resolve)
}

func (f *DemuxFeed) resolve(tag uint8) (uint16, Carousel, bool) {
	pid, ok := f.d.ComponentPID(uint16(tag))
	if !ok {
		return 0, nil, false
	}
	if c := f.d.Carousel(pid); c != nil {
		return pid, c, true
	}
	return pid, nil, true
}

// Carousel hands a carousel change to the manager.
func (f *DemuxFeed) Carousel(i demux.Info, e demux.CarouselEvent) {
	var c Carousel
	if e.Carousel != nil {
		c = e.Carousel
	}
	f.m.CarouselEvent(i.PID, c, e.Event)
}
