package linux

import (
	"context"
	"errors"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/internal/dvbtext"
)

// sectionSet tracks which sections of a sub-table have arrived.
type sectionSet struct {
	started bool
	version uint8
	last    uint8
	seen    [256]bool
	count   int
}

func (s *sectionSet) add(version, number, last uint8) {
	if !s.started || version != s.version || last != s.last {
		*s = sectionSet{started: true, version: version, last: last}
	}
	if !s.seen[number] {
		s.seen[number] = true
		s.count++
	}
}

func (s *sectionSet) complete() bool { return s.started && s.count == int(s.last)+1 }

// tables gathers what a scan reports of a multiplex from its PAT, SDT and NIT.
type tables struct {
	system   hardware.DeliverySystem
	pat      bool
	tsid     uint16
	services map[uint16]*hardware.Service
	sdt, nit sectionSet
	nid      uint16
	netName  string
}

func newTables(system hardware.DeliverySystem) *tables {
	return &tables{system: system, services: map[uint16]*hardware.Service{}}
}

func (t *tables) service(id uint16) *hardware.Service {
	s, ok := t.services[id]
	if !ok {
		s = &hardware.Service{ID: id}
		t.services[id] = s
	}
	return s
}

func (t *tables) handlers() demux.Handlers {
	return demux.Handlers{
		PAT: func(_ demux.Info, p *psi.PAT) {
			t.pat, t.tsid = true, p.TransportStreamID
			for _, pr := range p.Programs {
				if pr.ProgramNumber != 0 {
					t.service(pr.ProgramNumber).PMTPID = pr.PID
				}
			}
		},
		SDT: func(_ demux.Info, s *psi.SDT) {
			if s.TableID != psi.TableIDSDTActual || (t.pat && s.TransportStreamID != t.tsid) {
				return
			}
			t.sdt.add(s.VersionNumber, s.SectionNumber, s.LastSectionNumber)
			for _, sv := range s.Services {
				svc := t.service(sv.ServiceID)
				if d, ok := psi.Find(sv.Descriptors, psi.TagService); ok {
					var sd psi.ServiceDescriptor
					if sd.Unmarshal(d.Data) == nil {
						svc.Type = sd.ServiceType
						svc.Name, svc.Provider = dvbtext.Decode(sd.ServiceName), dvbtext.Decode(sd.ServiceProviderName)
					}
				}
			}
		},
		NIT: func(_ demux.Info, n *psi.NIT) {
			if n.TableID != psi.TableIDNITActual {
				return
			}
			t.nit.add(n.VersionNumber, n.SectionNumber, n.LastSectionNumber)
			t.nid = n.NetworkID
			if d, ok := psi.Find(n.NetworkDescriptors, psi.TagNetworkName); ok {
				t.netName = dvbtext.Decode(d.Data)
			}
		},
	}
}

// done tells whether every table the system carries has arrived. ATSC names its
// services in PSIP tables, which are not read: its PAT is enough.
func (t *tables) done() bool {
	if t.system == hardware.ATSC {
		return t.pat
	}
	return t.pat && t.sdt.complete() && t.nit.complete()
}

// fill copies what was found into res, services by ID.
func (t *tables) fill(res *hardware.ScanResult) {
	res.TransportStreamID, res.NetworkID, res.NetworkName = t.tsid, t.nid, t.netName
	res.Complete = t.done()
	res.Services = make([]hardware.Service, 0, len(t.services))
	for _, id := range slices.Sorted(maps.Keys(t.services)) {
		res.Services = append(res.Services, *t.services[id])
	}
}

// readTables feeds src through a Demuxer until the tables are all there, src ends,
// or timeout passes (then it closes src: that is not an error).
func readTables(ctx context.Context, src hardware.Source, t *tables, timeout time.Duration) error {
	d := demux.New(t.handlers(), demux.Options{})
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	stop := context.AfterFunc(tctx, func() { _ = src.Close() })
	defer stop()
	buf := make([]byte, demux.LiveChunk)
	for !t.done() {
		n, err := src.Read(buf)
		_, _ = d.Write(buf[:n])
		switch {
		case err == nil:
		case ctx.Err() != nil:
			return ctx.Err()
		case tctx.Err() != nil, errors.Is(err, io.EOF):
			return nil
		default:
			return err
		}
	}
	return nil
}
