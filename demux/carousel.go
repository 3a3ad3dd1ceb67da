package demux

import (
	"fmt"

	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/psi"
)

// CarouselEvent is a change in the object carousel of a PID.
type CarouselEvent struct {
	dsmcc.Event
	Carousel *dsmcc.Carousel
}

// dsmccPID is the DSM-CC state of one PID: a carousel when DSI/DII/DDB sections arrive,
// stream events when 0x3D sections do.
type dsmccPID struct {
	carousel *dsmcc.Carousel
	events   *dsmcc.StreamEvents
}

// maxDSMCCPIDs bounds the carousels a hostile stream can make the Demuxer keep.
const maxDSMCCPIDs = 16

func (d *Demuxer) dsmccState(pid uint16) *dsmccPID {
	if d.dsmcc == nil {
		d.dsmcc = map[uint16]*dsmccPID{}
	}
	s := d.dsmcc[pid]
	if s == nil {
		if len(d.dsmcc) >= maxDSMCCPIDs {
			d.decodeError(fmt.Errorf("demux: more than %d DSM-CC PIDs, PID 0x%04X ignored", maxDSMCCPIDs, pid))
			return nil
		}
		s = &dsmccPID{}
		d.dsmcc[pid] = s
		d.dsmccOrder = append(d.dsmccOrder, pid)
	}
	return s
}

// onDSMCC handles DSI, DII and DDB sections.
func (d *Demuxer) onDSMCC(sec []byte) {
	s := d.dsmccState(d.curPID)
	if s == nil {
		return
	}
	if s.carousel == nil {
		pid := d.curPID
		s.carousel = dsmcc.New(dsmcc.Config{
			Limits: d.opts.CarouselLimits,
			OnEvent: func(e dsmcc.Event) {
				if e.Snapshot != nil && (e.Kind == dsmcc.EventCarouselComplete || e.Kind == dsmcc.EventFileAdded ||
					e.Kind == dsmcc.EventFileChanged) {
					d.nameStreamEvents(e.Snapshot)
				}
				if d.H.Carousel != nil {
					i := d.info()
					i.PID = pid
					d.H.Carousel(i, CarouselEvent{Event: e, Carousel: d.dsmcc[pid].carousel})
				}
			},
			OnDecodeError: func(err error) { d.decodeError(fmt.Errorf("PID 0x%04X: %w", pid, err)) },
		})
	}
	s.carousel.Section(sec)
}

// onStreamDescriptors handles 0x3D sections: NPT references and stream events.
func (d *Demuxer) onStreamDescriptors(sec []byte) {
	s := d.dsmccState(d.curPID)
	if s == nil {
		return
	}
	if s.events == nil {
		s.events = dsmcc.NewStreamEvents()
		if names, ok := d.eventNames[d.curPID]; ok {
			s.events.SetNames(names)
		}
	}
	evs, err := s.events.Section(sec)
	if err != nil {
		d.decodeError(fmt.Errorf("PID 0x%04X: %w", d.curPID, err))
	}
	d.streamEvents(evs)
}

func (d *Demuxer) streamEvents(evs []dsmcc.StreamEvent) {
	if d.H.StreamEvent == nil {
		return
	}
	for _, e := range evs {
		d.H.StreamEvent(d.info(), e)
	}
}

// advanceStreamEvents fires the scheduled stream events whose NPT the clock has reached.
func (d *Demuxer) advanceStreamEvents(pcr uint64) {
	for _, pid := range d.dsmccOrder {
		s := d.dsmcc[pid]
		if s.events == nil || s.events.Pending() == 0 {
			continue
		}
		cur := d.curPID
		d.curPID = pid
		d.streamEvents(s.events.Advance(pcr))
		d.curPID = cur
	}
}

// nameStreamEvents gives the stream events of each ste object of a carousel their names,
// on the PID its tap's association tag resolves to through the PMTs.
func (d *Demuxer) nameStreamEvents(snap *dsmcc.Snapshot) {
	for _, obj := range snap.StreamEvents() {
		if !obj.HasTap {
			continue
		}
		pid, ok := d.tagPIDs[obj.AssociationTag]
		if !ok {
			continue
		}
		if d.eventNames == nil {
			d.eventNames = map[uint16]map[string]uint16{}
		}
		d.eventNames[pid] = obj.Events
		if s := d.dsmcc[pid]; s != nil && s.events != nil {
			s.events.SetNames(obj.Events)
		}
	}
}

// learnTags records the component and association tags of a PMT's streams, which DSM-CC
// taps and AIT transports refer to.
func (d *Demuxer) learnTags(p *psi.PMT) {
	if d.tagPIDs == nil {
		d.tagPIDs = map[uint16]uint16{}
	}
	for _, s := range p.Streams {
		for _, desc := range s.Descriptors {
			switch desc.Tag {
			case psi.TagStreamIdentifier:
				if tag, err := psi.StreamIdentifier(desc); err == nil {
					d.tagPIDs[uint16(tag)] = s.ElementaryPID
				}
			case psi.TagAssociationTag:
				var at psi.AssociationTag
				if at.Unmarshal(desc.Data) == nil {
					d.tagPIDs[at.AssociationTag] = s.ElementaryPID
				}
			}
		}
	}
}

// Carousel returns the carousel acquired on a PID, or nil.
func (d *Demuxer) Carousel(pid uint16) *dsmcc.Carousel {
	if s := d.dsmcc[pid]; s != nil {
		return s.carousel
	}
	return nil
}

// CarouselPIDs returns the PIDs that carry carousel sections, in the order they were found.
func (d *Demuxer) CarouselPIDs() []uint16 {
	var out []uint16
	for _, pid := range d.dsmccOrder {
		if d.dsmcc[pid].carousel != nil {
			out = append(out, pid)
		}
	}
	return out
}

// ComponentPID resolves a component or association tag to the PID that carries it, from
// the PMTs seen so far.
func (d *Demuxer) ComponentPID(tag uint16) (uint16, bool) {
	pid, ok := d.tagPIDs[tag]
	return pid, ok
}
