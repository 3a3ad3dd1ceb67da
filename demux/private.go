package demux

import (
	"fmt"
	"time"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
)

// private handles the sections of private PIDs: AIT, SCTE-18, DSM-CC.
func (d *Demuxer) private(st *pidState, sec []byte) {
	switch sec[0] {
	case psi.TableIDAIT:
		d.onAIT(sec)
	case psi.TableIDSCTE18:
		d.onSCTE18(sec)
	case psi.TableIDDSMCCUNMessage, psi.TableIDDSMCCDDB:
		d.onDSMCC(sec)
	case psi.TableIDDSMCCDescriptors:
		d.onStreamDescriptors(sec)
	}
}

func (d *Demuxer) onAIT(sec []byte) {
	if d.aits == nil {
		d.aits = map[uint16]*ait.Collector{}
	}
	c := d.aits[d.curPID]
	if c == nil {
		if len(d.aits) >= maxAITPIDs {
			d.decodeError(fmt.Errorf("demux: more than %d AIT PIDs, PID 0x%04X ignored", maxAITPIDs, d.curPID))
			return
		}
		c = &ait.Collector{}
		d.aits[d.curPID] = c
	}
	t, status, err := c.Add(sec)
	if err != nil {
		d.decodeError(fmt.Errorf("PID 0x%04X: %w", d.curPID, err))
		return
	}
	if status == ait.StatusComplete && d.H.AIT != nil {
		d.H.AIT(d.info(), t)
	}
}

// maxAITPIDs bounds the AIT collectors a hostile stream can make the Demuxer keep.
const maxAITPIDs = 64

func (d *Demuxer) onSCTE18(sec []byte) {
	if err := d.cea.Unmarshal(sec); err != nil {
		d.decodeError(fmt.Errorf("PID 0x%04X: %w", d.curPID, err))
		return
	}
	d.alertEvents(d.alerts.ObserveSCTE18(&d.cea, d.now()))
}

// pmtSignals reads what a new PMT version signals beyond its streams: emergency warnings
// in its first loop.
func (d *Demuxer) pmtSignals(p *psi.PMT) {
	var ok bool
	if d.isdb, ok = d.emergencyInfos(d.isdb[:0], p.ProgramInfo); !ok {
		return
	}
	src := alert.Source{Table: alert.TablePMT, ID: p.ProgramNumber, PID: d.curPID}
	d.alertEvents(d.alerts.ObserveISDB(src, d.isdb))
}

// nitSignals reads what a new NIT (actual) version signals: emergency warnings in its
// first loop.
func (d *Demuxer) nitSignals(n *psi.NIT) {
	if n.TableID != psi.TableIDNITActual {
		return
	}
	var ok bool
	if d.isdb, ok = d.emergencyInfos(d.isdb[:0], n.NetworkDescriptors); !ok {
		return
	}
	src := alert.Source{Table: alert.TableNIT, ID: n.NetworkID, PID: d.curPID, SectionNumber: n.SectionNumber}
	d.alertEvents(d.alerts.ObserveISDB(src, d.isdb))
}

// emergencyInfos collects the entries of the 0xFC descriptors of a loop. A malformed
// descriptor makes the whole section unusable for alerts (ok false): acting on part of it
// could end a warning that is still on.
func (d *Demuxer) emergencyInfos(dst []alert.EmergencyInformation, ds []psi.Descriptor) (_ []alert.EmergencyInformation, ok bool) {
	for _, desc := range ds {
		if desc.Tag != psi.TagEmergencyInformation {
			continue
		}
		if err := d.eid.Unmarshal(desc.Data); err != nil {
			d.decodeError(fmt.Errorf("PID 0x%04X: %w", d.curPID, err))
			return dst, false
		}
		for _, e := range d.eid.Infos {
			e.AreaCodes = append([]uint16(nil), e.AreaCodes...)
			dst = append(dst, e)
		}
	}
	return dst, true
}

func (d *Demuxer) alertEvents(evs []alert.Event) {
	if d.H.Alert == nil {
		return
	}
	for _, e := range evs {
		d.H.Alert(d.info(), e)
	}
}

// now is the clock that alert expiry runs on: Options.Clock, or the stream's own time
// derived from its PCR (unwrapped), so that replaying a file gives the same result
// whatever the speed of the machine.
func (d *Demuxer) now() time.Duration {
	if d.opts.Clock != nil {
		return d.opts.Clock()
	}
	return d.streamTime
}

// tick advances the stream clock from a new PCR and expires alerts whose time has run out.
// A jump of more than 10 s (a discontinuity, a spliced file) moves the clock by nothing.
func (d *Demuxer) tick(pcr uint64) {
	if d.hasPCR {
		delta := ts.PCRDelta(d.pcr, pcr)
		if delta < 10*27_000_000 {
			d.streamTime += time.Duration(delta) * time.Second / 27_000_000
		}
	}
	if len(d.dsmccOrder) > 0 {
		d.advanceStreamEvents(pcr)
	}
	if d.streamTime-d.lastExpire >= 100*time.Millisecond {
		d.lastExpire = d.streamTime
		d.alertEvents(d.alerts.Expire(d.now()))
	}
}
