package main

import (
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/dvbtext"
)

// Report is what `antena inspect --json` prints. Its schema is documented in the README;
// keep field names stable: other tools read them.
type Report struct {
	Input             string           `json:"input"`
	Bytes             int64            `json:"bytes"`
	Packets           int64            `json:"packets"`
	PacketSize        int              `json:"packet_size"`
	DurationSeconds   float64          `json:"duration_seconds"`
	Bitrate           int64            `json:"bitrate"`
	TransportStreamID *uint16          `json:"transport_stream_id,omitempty"`
	NetworkID         *uint16          `json:"network_id,omitempty"`
	NetworkName       string           `json:"network_name,omitempty"`
	Services          []Service        `json:"services"`
	PIDs              []PIDReport      `json:"pids"`
	Applications      []Application    `json:"applications"`
	Alerts            []AlertReport    `json:"alerts"`
	Carousels         []CarouselReport `json:"carousels"`
	StreamEvents      int              `json:"stream_events"`
	Errors            ErrorReport      `json:"errors"`
}

// Service is one program of the PAT, named by the SDT when there is one.
type Service struct {
	ServiceID   uint16             `json:"service_id"`
	Name        string             `json:"name"`
	Provider    string             `json:"provider,omitempty"`
	ServiceType *uint8             `json:"service_type,omitempty"`
	PMTPID      uint16             `json:"pmt_pid"`
	PCRPID      *uint16            `json:"pcr_pid,omitempty"`
	Descriptors []DescriptorReport `json:"descriptors"`
	Streams     []Stream           `json:"streams"`
}

// Stream is one elementary stream of a PMT.
type Stream struct {
	PID            uint16             `json:"pid"`
	StreamType     uint8              `json:"stream_type"`
	StreamTypeName string             `json:"stream_type_name"`
	ComponentTag   *uint8             `json:"component_tag,omitempty"`
	Descriptors    []DescriptorReport `json:"descriptors"`
}

// DescriptorReport shows one descriptor: decoded when Antena knows it, in hex always.
type DescriptorReport struct {
	Tag   uint8  `json:"tag"`
	Name  string `json:"name"`
	Hex   string `json:"hex"`
	Value any    `json:"value,omitempty"`
}

// PIDReport counts one PID.
type PIDReport struct {
	PID             uint16  `json:"pid"`
	Packets         int64   `json:"packets"`
	Share           float64 `json:"share"`
	Bitrate         int64   `json:"bitrate"`
	Kind            string  `json:"kind"`
	Carries         string  `json:"carries"`
	Service         *uint16 `json:"service,omitempty"`
	Sections        int64   `json:"sections"`
	CCErrors        int64   `json:"cc_errors"`
	CRCErrors       int64   `json:"crc_errors"`
	Duplicates      int64   `json:"duplicates"`
	TransportErrors int64   `json:"transport_errors"`
	Scrambled       int64   `json:"scrambled"`
}

// ErrorReport counts what was wrong with the input.
type ErrorReport struct {
	SyncLosses   int64    `json:"sync_losses"`
	GarbageBytes int64    `json:"garbage_bytes"`
	CCErrors     int64    `json:"cc_errors"`
	CRCErrors    int64    `json:"crc_errors"`
	DecodeErrors int64    `json:"decode_errors"`
	First        []string `json:"first"`
}

const maxErrorMessages = 20

// collector turns demux events into a Report, and into --events lines when emit is set.
type collector struct {
	input   string
	d       *demux.Demuxer
	emit    func(any)
	pmts    map[uint16]*psi.PMT // by program number
	pmtPIDs map[uint16]uint16   // program -> PMT PID
	order   []uint16            // programs in PAT order
	sdt     map[uint16]psi.SDTService
	tsid    *uint16
	nid     *uint16
	netName string
	errs    []string
	aitApps
	alerts
	carouselDone     map[uint16]int64
	streamEventCount int
}

func newCollector(input string) *collector {
	return &collector{input: input, pmts: map[uint16]*psi.PMT{}, pmtPIDs: map[uint16]uint16{},
		sdt: map[uint16]psi.SDTService{}}
}

// event is the common part of an --events line.
type event struct {
	Type   string `json:"type"`
	Packet int64  `json:"packet"`
	PID    uint16 `json:"pid"`
}

func (c *collector) handlers() demux.Handlers {
	return demux.Handlers{
		PAT: func(i demux.Info, p *psi.PAT) {
			tsid := p.TransportStreamID
			c.tsid = &tsid
			c.order = c.order[:0]
			for _, pr := range p.Programs {
				if pr.ProgramNumber != 0 {
					c.order = append(c.order, pr.ProgramNumber)
					c.pmtPIDs[pr.ProgramNumber] = pr.PID
				}
			}
			if c.emit != nil {
				type prog struct {
					ProgramNumber uint16 `json:"program_number"`
					PID           uint16 `json:"pid"`
				}
				ps := []prog{}
				for _, pr := range p.Programs {
					ps = append(ps, prog{pr.ProgramNumber, pr.PID})
				}
				c.emit(struct {
					event
					TransportStreamID uint16 `json:"transport_stream_id"`
					Version           uint8  `json:"version"`
					Programs          []prog `json:"programs"`
				}{event{"pat", i.Packet, i.PID}, p.TransportStreamID, p.VersionNumber, ps})
			}
		},
		PMT: func(i demux.Info, p *psi.PMT) {
			cp := clonePMT(p)
			c.pmts[p.ProgramNumber] = cp
			if c.emit != nil {
				s := c.service(p.ProgramNumber)
				c.emit(struct {
					event
					ProgramNumber uint16             `json:"program_number"`
					Version       uint8              `json:"version"`
					PCRPID        *uint16            `json:"pcr_pid,omitempty"`
					Descriptors   []DescriptorReport `json:"descriptors"`
					Streams       []Stream           `json:"streams"`
				}{event{"pmt", i.Packet, i.PID}, p.ProgramNumber, p.VersionNumber, s.PCRPID, s.Descriptors, s.Streams})
			}
		},
		NIT: func(i demux.Info, n *psi.NIT) {
			if n.TableID != psi.TableIDNITActual {
				return
			}
			nid := n.NetworkID
			c.nid = &nid
			if d, ok := psi.Find(n.NetworkDescriptors, psi.TagNetworkName); ok {
				c.netName = dvbtext.Decode(d.Data)
			}
			if c.emit != nil {
				c.emit(struct {
					event
					NetworkID   uint16             `json:"network_id"`
					Version     uint8              `json:"version"`
					Name        string             `json:"name,omitempty"`
					Descriptors []DescriptorReport `json:"descriptors"`
				}{event{"nit", i.Packet, i.PID}, n.NetworkID, n.VersionNumber, c.netName, describeAll(n.NetworkDescriptors)})
			}
		},
		SDT: func(i demux.Info, s *psi.SDT) {
			if s.TableID != psi.TableIDSDTActual {
				return
			}
			type svc struct {
				ServiceID uint16 `json:"service_id"`
				Name      string `json:"name"`
				Provider  string `json:"provider,omitempty"`
			}
			var svcs []svc
			for _, sv := range s.Services {
				sv.Descriptors = slices.Clone(sv.Descriptors)
				for k := range sv.Descriptors {
					sv.Descriptors[k].Data = slices.Clone(sv.Descriptors[k].Data)
				}
				c.sdt[sv.ServiceID] = sv
				name, prov, _ := serviceName(sv)
				svcs = append(svcs, svc{sv.ServiceID, name, prov})
			}
			if c.emit != nil {
				c.emit(struct {
					event
					TransportStreamID uint16 `json:"transport_stream_id"`
					Version           uint8  `json:"version"`
					Services          []svc  `json:"services"`
				}{event{"sdt", i.Packet, i.PID}, s.TransportStreamID, s.VersionNumber, svcs})
			}
		},
		DecodeError: func(i demux.Info, err error) {
			if len(c.errs) < maxErrorMessages {
				c.errs = append(c.errs, fmt.Sprintf("packet %d: %v", i.Packet, err))
			}
			if c.emit != nil {
				c.emit(struct {
					event
					Error string `json:"error"`
				}{event{"decode_error", i.Packet, i.PID}, err.Error()})
			}
		},
		AIT:         c.onAIT,
		Alert:       c.onAlert,
		Carousel:    c.onCarousel,
		StreamEvent: c.onStreamEvent,
	}
}

func serviceName(sv psi.SDTService) (name, provider string, typ *uint8) {
	if d, ok := psi.Find(sv.Descriptors, psi.TagService); ok {
		var sd psi.ServiceDescriptor
		if sd.Unmarshal(d.Data) == nil {
			t := sd.ServiceType
			return dvbtext.Decode(sd.ServiceName), dvbtext.Decode(sd.ServiceProviderName), &t
		}
	}
	return "", "", nil
}

func clonePMT(p *psi.PMT) *psi.PMT {
	cp := *p
	cp.ProgramInfo = cloneDescriptors(p.ProgramInfo)
	cp.Streams = slices.Clone(p.Streams)
	for k := range cp.Streams {
		cp.Streams[k].Descriptors = cloneDescriptors(p.Streams[k].Descriptors)
	}
	return &cp
}

func cloneDescriptors(ds []psi.Descriptor) []psi.Descriptor {
	out := make([]psi.Descriptor, len(ds))
	for k, d := range ds {
		out[k] = psi.Descriptor{Tag: d.Tag, Data: slices.Clone(d.Data)}
	}
	return out
}

// service builds the report of one program from what was seen.
func (c *collector) service(program uint16) Service {
	s := Service{ServiceID: program, PMTPID: c.pmtPIDs[program], Descriptors: []DescriptorReport{}, Streams: []Stream{}}
	if sv, ok := c.sdt[program]; ok {
		s.Name, s.Provider, s.ServiceType = serviceName(sv)
	}
	p, ok := c.pmts[program]
	if !ok {
		return s
	}
	pcr := p.PCRPID
	s.PCRPID = &pcr
	s.Descriptors = describeAll(p.ProgramInfo)
	for _, es := range p.Streams {
		st := Stream{PID: es.ElementaryPID, StreamType: es.StreamType, StreamTypeName: psi.StreamTypeName(es.StreamType),
			Descriptors: describeAll(es.Descriptors)}
		if d, ok := psi.Find(es.Descriptors, psi.TagStreamIdentifier); ok {
			if tag, err := psi.StreamIdentifier(d); err == nil {
				st.ComponentTag = &tag
			}
		}
		s.Streams = append(s.Streams, st)
	}
	return s
}

func describeAll(ds []psi.Descriptor) []DescriptorReport {
	out := make([]DescriptorReport, 0, len(ds))
	for _, d := range ds {
		out = append(out, describe(d))
	}
	return out
}

// describe decodes the descriptors an Antena user cares about.
func describe(d psi.Descriptor) DescriptorReport {
	r := DescriptorReport{Tag: d.Tag, Name: psi.DescriptorName(d.Tag), Hex: hex.EncodeToString(d.Data)}
	switch d.Tag {
	case psi.TagStreamIdentifier:
		if v, err := psi.StreamIdentifier(d); err == nil {
			r.Value = map[string]any{"component_tag": v}
		}
	case psi.TagCarouselIdentifier:
		var c psi.CarouselIdentifier
		if c.Unmarshal(d.Data) == nil {
			r.Value = map[string]any{"carousel_id": c.CarouselID, "format_id": c.FormatID}
		}
	case psi.TagAssociationTag:
		var a psi.AssociationTag
		if a.Unmarshal(d.Data) == nil {
			r.Value = map[string]any{"association_tag": a.AssociationTag, "use": a.Use}
		}
	case psi.TagDataBroadcastID:
		if id, _, err := psi.DataBroadcastID(d); err == nil {
			r.Value = map[string]any{"data_broadcast_id": id}
		}
	case psi.TagApplicationSignalling:
		if as, err := psi.ParseApplicationSignalling(d); err == nil {
			v := []map[string]any{}
			for _, a := range as {
				v = append(v, map[string]any{"application_type": a.ApplicationType, "ait_version": a.AITVersionNumber})
			}
			r.Value = v
		}
	case psi.TagDataComponent:
		if id, _, err := psi.DataComponent(d); err == nil {
			r.Value = map[string]any{"data_component_id": id}
		}
	case 0x0A: // ISO_639_language
		if len(d.Data) >= 3 {
			r.Value = map[string]any{"language": string(d.Data[:3])}
		}
	case psi.TagEmergencyInformation:
		r.Value = describeEmergency(d.Data)
	}
	return r
}

// report assembles the final Report.
func (c *collector) report(bytes int64) *Report {
	st := c.d.Stats()
	r := &Report{Input: c.input, Bytes: bytes, Packets: st.Packets, PacketSize: st.PacketSize,
		TransportStreamID: c.tsid, NetworkID: c.nid, NetworkName: c.netName,
		Services: []Service{}, PIDs: []PIDReport{}, Applications: c.applications(), Alerts: c.alertReports(),
		Carousels: c.carouselReports(), StreamEvents: c.streamEventCount}
	r.Bitrate, r.DurationSeconds = int64(st.Bitrate()), st.Duration()
	esOf := map[uint16]uint16{}
	for _, prog := range c.order {
		r.Services = append(r.Services, c.service(prog))
		esOf[c.pmtPIDs[prog]] = prog
		if p, ok := c.pmts[prog]; ok {
			for _, es := range p.Streams {
				esOf[es.ElementaryPID] = prog
			}
		}
	}
	for pid := 0; pid <= 0x1FFF; pid++ {
		ps := c.d.PIDStats(uint16(pid))
		if ps.Packets == 0 {
			continue
		}
		pr := PIDReport{PID: uint16(pid), Packets: ps.Packets, Kind: c.d.Kind(uint16(pid)).String(),
			Carries: c.carries(uint16(pid)), Sections: ps.Sections, CCErrors: ps.CCErrors, CRCErrors: ps.CRCErrors,
			Duplicates: ps.Duplicates, TransportErrors: ps.TransportErrors, Scrambled: ps.Scrambled}
		if st.Packets > 0 {
			pr.Share = float64(ps.Packets) / float64(st.Packets)
		}
		pr.Bitrate = int64(pr.Share * float64(r.Bitrate))
		if prog, ok := esOf[uint16(pid)]; ok {
			p := prog
			pr.Service = &p
		}
		r.PIDs = append(r.PIDs, pr)
	}
	r.Errors = ErrorReport{SyncLosses: st.SyncLosses, GarbageBytes: st.GarbageBytes, CCErrors: st.CCErrors,
		CRCErrors: st.CRCErrors, DecodeErrors: st.DecodeErrors, First: c.errs}
	if r.Errors.First == nil {
		r.Errors.First = []string{}
	}
	return r
}

// carries says in words what a PID carries.
func (c *collector) carries(pid uint16) string {
	switch pid {
	case psi.PIDPAT:
		return "PAT"
	case psi.PIDNIT:
		return "NIT"
	case psi.PIDSDT:
		return "SDT/BAT"
	case 0x12:
		return "EIT"
	case 0x14:
		return "TDT/TOT"
	case 0x1FFF:
		return "null packets"
	}
	for _, prog := range c.order {
		if c.pmtPIDs[prog] == pid {
			return fmt.Sprintf("PMT of service %d", prog)
		}
		if p, ok := c.pmts[prog]; ok {
			for _, es := range p.Streams {
				if es.ElementaryPID == pid {
					return psi.StreamTypeName(es.StreamType)
				}
			}
		}
	}
	switch c.d.Kind(pid) {
	case demux.KindDSMCC:
		return "DSM-CC sections (not signalled)"
	case demux.KindAIT:
		return "AIT (not signalled)"
	case demux.KindSCTE18:
		return "SCTE-18 emergency alerts"
	}
	return "not signalled"
}
