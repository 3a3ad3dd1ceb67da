package runtime

import (
	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/dvbtext"
	"github.com/antena-tv/antena/runtime/app"
)

// streamTypeAIT is the stream_type of an AIT elementary stream (ISO/IEC 13818-1 private
// sections), signalled with an application_signalling_descriptor.
const streamTypeAIT = 0x05

// pat learns the services of the transport stream (demux goroutine).
func (r *Receiver) pat(_ demux.Info, p *psi.PAT) {
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.services
	r.services = r.services[:0:0]
	for _, pr := range p.Programs {
		if pr.ProgramNumber == 0 { // the NIT
			continue
		}
		si := ServiceInfo{ID: pr.ProgramNumber}
		for _, o := range old {
			if o.ID == si.ID {
				si = o
			}
		}
		r.services = append(r.services, si)
	}
	if r.current == 0 && r.opts.Service != 0 {
		for _, s := range r.services {
			if s.ID == r.opts.Service {
				r.selectLocked(s.ID)
			}
		}
	}
}

// pmt learns which services signal apps and selects the first one (demux goroutine).
func (r *Receiver) pmt(_ demux.Info, p *psi.PMT) {
	hasApps := false
	for _, s := range p.Streams {
		for _, d := range s.Descriptors {
			if s.StreamType == streamTypeAIT && d.Tag == psi.TagApplicationSignalling {
				hasApps = true
			}
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	allSeen := true
	for i := range r.services {
		s := &r.services[i]
		if s.ID == p.ProgramNumber {
			s.HasApps, s.PMTSeen = hasApps, true
		}
		allSeen = allSeen && s.PMTSeen
	}
	if r.current != 0 || r.opts.Service != 0 {
		return
	}
	switch {
	case hasApps:
		r.selectLocked(p.ProgramNumber)
	case allSeen && len(r.services) > 0:
		r.selectLocked(r.services[0].ID)
	}
}

// sdt learns the services' names (demux goroutine).
func (r *Receiver) sdt(_ demux.Info, t *psi.SDT) {
	if t.TableID != psi.TableIDSDTActual {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range t.Services {
		name := serviceName(s.Descriptors)
		for i := range r.services {
			if r.services[i].ID == s.ServiceID && name != "" {
				r.services[i].Name = name
				if s.ServiceID == r.current {
					r.osd.ShowService(r.clock.Now(), s.ServiceID, name)
				}
			}
		}
	}
}

func serviceName(ds []psi.Descriptor) string {
	for _, d := range ds {
		if d.Tag != psi.TagService {
			continue
		}
		var sd psi.ServiceDescriptor
		if sd.Unmarshal(d.Data) == nil {
			return dvbtext.Decode(sd.ServiceName)
		}
	}
	return ""
}

// Services returns the services of the transport stream, in PAT order.
func (r *Receiver) Services() []ServiceInfo {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]ServiceInfo(nil), r.services...)
}

// Service returns the selected service (0 before one is).
func (r *Receiver) Service() uint16 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.current
}

// SelectService switches to a service: apps bound to the old one stop, the new one's
// start, the OSD shows its banner. It returns at once.
func (r *Receiver) SelectService(id uint16) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.selectLocked(id)
}

// Zap moves to the next (delta 1) or previous (-1) service of the PAT, wrapping.
func (r *Receiver) Zap(delta int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := len(r.services)
	if n == 0 {
		return
	}
	i := 0
	for j, s := range r.services {
		if s.ID == r.current {
			i = j
		}
	}
	r.selectLocked(r.services[((i+delta)%n+n)%n].ID)
}

func (r *Receiver) selectLocked(id uint16) {
	if id == 0 {
		return
	}
	changed := id != r.current
	r.current = id
	name := ""
	for _, s := range r.services {
		if s.ID == id {
			name = s.Name
		}
	}
	r.osd.ShowService(r.clock.Now(), id, name)
	if changed {
		r.log.Info("service selected", "service", id, "name", name)
		r.apps.SetService(app.Service{ID: id})
	}
}
