package demux

import (
	"github.com/antena-tv/antena/demux/psi"
)

// Stream types whose PIDs carry sections.
// Specification: ISO/IEC 13818-1 table 2-34; ETSI TS 102 809 (0x05 with 0x6F: AIT).
const (
	streamTypePrivateSections = 0x05
	streamTypeDSMCCMPE        = 0x0A
	streamTypeDSMCCUN         = 0x0B // object and data carousels
	streamTypeDSMCCStreamDesc = 0x0C // stream descriptors: NPT, stream events
	streamTypeDSMCCSections   = 0x0D // any DSM-CC sections
)

// table decodes a new (not repeated) section and reports it.
func (d *Demuxer) table(st *pidState, sec []byte) {
	tid := sec[0]
	switch {
	case tid == psi.TableIDPAT && d.curPID == psi.PIDPAT:
		d.onPAT(sec)
	case tid == psi.TableIDPMT && st.kind == KindPSI:
		d.onPMT(sec)
	case (tid == psi.TableIDNITActual || tid == psi.TableIDNITOther) && d.curPID == psi.PIDNIT:
		d.onNIT(sec)
	case (tid == psi.TableIDSDTActual || tid == psi.TableIDSDTOther) && d.curPID == psi.PIDSDT:
		d.onSDT(sec)
	default:
		d.private(st, sec)
	}
}

func (d *Demuxer) onPAT(sec []byte) {
	if err := d.pat.Unmarshal(sec); err != nil {
		d.decodeError(err)
		return
	}
	for _, p := range d.pat.Programs {
		if p.ProgramNumber == 0 {
			continue // network_PID
		}
		d.programs[p.ProgramNumber] = p.PID
		if k := d.pids[p.PID].kind; k == KindUnknown || k == KindPrivate {
			d.SetKind(p.PID, KindPSI)
			if d.H.Discovered != nil {
				d.H.Discovered(Info{Packet: d.packets - 1, PID: p.PID, PCR: d.pcr, HasPCR: d.hasPCR}, KindPSI)
			}
		}
	}
	if d.H.PAT != nil {
		d.H.PAT(d.info(), &d.pat)
	}
}

func (d *Demuxer) onPMT(sec []byte) {
	if err := d.pmt.Unmarshal(sec); err != nil {
		d.decodeError(err)
		return
	}
	for _, s := range d.pmt.Streams {
		k := streamKind(s)
		if cur := d.pids[s.ElementaryPID].kind; cur != k && (cur == KindUnknown || cur == KindPrivate || cur == KindPES) {
			d.SetKind(s.ElementaryPID, k)
			if d.H.Discovered != nil {
				i := d.info()
				i.PID = s.ElementaryPID
				d.H.Discovered(i, k)
			}
		}
	}
	d.learnTags(&d.pmt)
	d.pmtSignals(&d.pmt)
	if d.H.PMT != nil {
		d.H.PMT(d.info(), &d.pmt)
	}
}

// streamKind classifies an elementary stream of a PMT.
func streamKind(s psi.PMTStream) PIDKind {
	switch s.StreamType {
	case streamTypePrivateSections:
		if _, ok := psi.Find(s.Descriptors, psi.TagApplicationSignalling); ok {
			return KindAIT
		}
		return KindPrivate
	case streamTypeDSMCCMPE, streamTypeDSMCCUN, streamTypeDSMCCStreamDesc, streamTypeDSMCCSections:
		return KindDSMCC
	}
	return KindPES
}

func (d *Demuxer) onNIT(sec []byte) {
	if err := d.nit.Unmarshal(sec); err != nil {
		d.decodeError(err)
		return
	}
	d.nitSignals(&d.nit)
	if d.H.NIT != nil {
		d.H.NIT(d.info(), &d.nit)
	}
}

func (d *Demuxer) onSDT(sec []byte) {
	if err := d.sdt.Unmarshal(sec); err != nil {
		d.decodeError(err)
		return
	}
	if d.H.SDT != nil {
		d.H.SDT(d.info(), &d.sdt)
	}
}

// ProgramPID returns the PMT PID of a program from the latest PAT.
func (d *Demuxer) ProgramPID(program uint16) (uint16, bool) {
	pid, ok := d.programs[program]
	return pid, ok
}
