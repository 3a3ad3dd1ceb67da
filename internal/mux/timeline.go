package mux

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
)

// Stream event timing (see EventMode).
const (
	eventNowPeriod = 250 * time.Millisecond
	eventNowWindow = 2 * time.Second
	nptPeriod      = time.Second
	eventNPTPeriod = 500 * time.Millisecond
	eventNPTLead   = 5 * time.Second
	// timelineTail is how long a finite run goes on after the last change of its timeline,
	// so that receivers see it (and SCTE-18 alerts expire on stream time).
	timelineTail = time.Second
	nptHz        = 90_000
	mask33       = 1<<33 - 1
)

// newEngine makes the engine of one run: the tables, the carousel loop, the timeline.
func (m *Mux) newEngine() (*engine, error) {
	e := &engine{m: m, rate: m.muxRate, pcrPID: ts.NullPID}
	e.st.PIDPackets = map[uint16]int64{}
	e.car = newCarouselSource(m.svc.CarouselPID, m.cfg.CarouselRate, m.carousel)
	e.car.onSwap = func(c *dsmcc.BuiltCarousel, at int64) {
		e.st.Updates++
		e.st.Carousel = c
		if m.OnApply != nil {
			m.OnApply(duration(at), c)
		}
	}
	e.st.Carousel = m.carousel
	if err := m.psiTables(e); err != nil {
		return nil, err
	}
	e.addTable(m.svc.AITPID, [][]byte{m.aitSec}, aitPeriod, 0, 0)
	if err := m.alertTimeline(e); err != nil {
		return nil, err
	}
	e.inMode[ts.NullPID] = inFree
	e.inMode[m.svc.PMTPID] = inFree
	for _, pid := range []uint16{m.svc.AITPID, m.svc.CarouselPID, m.svc.EventPID} {
		if pid != 0 {
			e.inMode[pid] = inConflict
		}
	}
	if len(m.cfg.SCTE18) > 0 {
		e.inMode[psi.PIDSCTE18] = inConflict
	}
	if m.cfg.Duration > 0 {
		e.end = ticks(m.cfg.Duration)
	}
	e.tlEnd = ticks(m.timelineEnd())
	if m.in == nil {
		e.pcrPID, e.pcrCC, e.pcrEvery = m.svc.CarouselPID, 0x0F, ticks(m.cfg.PCRInterval)
		if err := e.start(m.pcrBase); err != nil {
			return nil, err
		}
	} else {
		e.input = &timedInput{src: m.in, ref: m.referencePID()}
	}
	return e, nil
}

// psiTables adds the PAT (when the mux makes it), the PMT and the NIT (for EWBS).
func (m *Mux) psiTables(e *engine) error {
	if m.basePAT == nil || m.makeNIT && !hasProgram(m.basePAT.Programs, 0) {
		version := uint8(0)
		if m.basePAT != nil {
			version = m.basePAT.VersionNumber + 1
		}
		pat, err := m.patSection(version)
		if err != nil {
			return err
		}
		e.addTable(psi.PIDPAT, [][]byte{pat}, tablesPeriod, 0, 0)
		e.inMode[psi.PIDPAT] = inFree
	}
	if m.basePMT != nil {
		e.pmtVersion = m.basePMT.VersionNumber + 1
	}
	ei, err := m.emergencyInformation(0)
	if err != nil {
		return err
	}
	pmt, err := m.pmtSection(e.pmtVersion, ei)
	if err != nil {
		return err
	}
	e.pmt = e.addTable(m.svc.PMTPID, [][]byte{pmt}, tablesPeriod, 0, 0)
	if m.makeNIT {
		if m.baseNIT != nil {
			e.nitVersion = m.baseNIT.VersionNumber + 1
		}
		nit, err := m.nitSection(e.nitVersion, ei)
		if err != nil {
			return err
		}
		e.nit = e.addTable(m.nitPID, [][]byte{nit}, nitPeriod, 0, 0)
		e.inMode[m.nitPID] = inFree
	}
	return nil
}

// referencePID is the PID whose PCR times the input: the program's PCR PID when it has
// PCRs, else the first PID seen with one.
func (m *Mux) referencePID() uint16 {
	if pid := m.basePMT.PCRPID; m.probe.hasPCR[pid] {
		return pid
	}
	return m.probe.anyPCR
}

// alertTimeline adds the EWBS changes (new PMT and NIT versions) and the SCTE-18 tables.
func (m *Mux) alertTimeline(e *engine) error {
	var changes []time.Duration
	for _, w := range m.cfg.EWBS {
		if w.Start > 0 {
			changes = append(changes, w.Start)
		}
		if w.End > 0 {
			changes = append(changes, w.End)
		}
	}
	slices.Sort(changes)
	for _, at := range slices.Compact(changes) {
		e.addAction(ticks(at), func(now int64) error {
			ei, err := m.emergencyInformation(at)
			if err != nil {
				return err
			}
			e.pmtVersion++
			pmt, err := m.pmtSection(e.pmtVersion, ei)
			if err != nil {
				return err
			}
			e.pmt.set([][]byte{pmt}, now)
			if e.nit != nil {
				e.nitVersion++
				nit, err := m.nitSection(e.nitVersion, ei)
				if err != nil {
					return err
				}
				e.nit.set([][]byte{nit}, now)
			}
			return nil
		})
	}
	for i, a := range m.cfg.SCTE18 {
		sec, err := m.scte18Section(i)
		if err != nil {
			return err
		}
		e.addTable(psi.PIDSCTE18, [][]byte{sec}, a.Repeat, ticks(a.Start), ticks(a.Start+a.Duration))
	}
	return nil
}

// scte18Section returns the cable_emergency_alert section of alert i. Up to 120 s the
// duration is alert_message_time_remaining; longer ones give event_duration in minutes
// (15 at least) with time remaining 0.
func (m *Mux) scte18Section(i int) ([]byte, error) {
	a := &m.cfg.SCTE18[i]
	c := alert.CableEmergencyAlert{
		SequenceNumber: uint8(i+1) & 0x1F, EASEventID: a.EventID, EASOriginatorCode: a.Originator,
		EASEventCode: a.EventCode, AlertPriority: a.Priority, Locations: a.Locations,
		DetailsMajorChannelNumber: a.DetailsMajor, DetailsMinorChannelNumber: a.DetailsMinor,
		NatureOfActivationText: []alert.LangString{{Lang: a.Language, Text: natureOf(a.EventCode)}},
		EventDuration:          uint16(min(6000, max(15, math.Ceil(a.Duration.Minutes())))),
	}
	if a.Duration <= 120*time.Second {
		c.AlertMessageTimeRemaining = uint8(math.Ceil(a.Duration.Seconds()))
	}
	if a.Text != "" {
		c.AlertText = []alert.LangString{{Lang: a.Language, Text: a.Text}}
	}
	sec, err := c.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: scte18 alert %d: %w", ErrConfig, i+1, err)
	}
	return sec, nil
}

// natureOf names the usual EAS event codes (47 C.F.R. 11.31).
func natureOf(code string) string {
	names := map[string]string{
		"RWT": "Required Weekly Test", "RMT": "Required Monthly Test", "EAN": "Emergency Action Notification",
		"NPT": "National Periodic Test", "DMO": "Practice/Demo Warning", "ADR": "Administrative Message",
		"TOR": "Tornado Warning", "EVI": "Evacuation Immediate", "CEM": "Civil Emergency Message",
	}
	if n, ok := names[code]; ok {
		return n
	}
	return code
}

// eventTables adds the stream event sections (and the NPT reference), once the PCR at
// stream time 0 is known.
func (m *Mux) eventTables(e *engine) error {
	if len(m.cfg.Events) == 0 {
		return nil
	}
	pid := m.svc.EventPID
	if m.cfg.EventMode == EventsNPT {
		ref := dsmcc.NPTReferenceDescriptor{STCReference: m.pcrZero / 300 & mask33, ScaleNumerator: 1, ScaleDenominator: 1}
		sec, err := descriptorSection(0, 0, dsmcc.TagNPTReference, &ref)
		if err != nil {
			return err
		}
		e.addTable(pid, [][]byte{sec}, nptPeriod, 0, 0)
	}
	events := slices.Clone(m.cfg.Events)
	slices.SortStableFunc(events, func(a, b Event) int { return cmp.Compare(a.At, b.At) })
	versions := map[uint16]uint8{}
	last := map[string]time.Duration{}
	for i, ev := range events {
		id := m.eventIDs[ev.Name]
		versions[id]++
		d := dsmcc.StreamEventDescriptor{EventID: id, PrivateData: ev.Data}
		from, until := ev.At, ev.At+eventNowWindow
		period := eventNowPeriod
		if next := nextSame(events, i); next >= 0 {
			until = min(until, next)
		}
		if m.cfg.EventMode == EventsNPT {
			d.EventNPT = uint64(ev.At.Seconds()*nptHz + 0.5)
			from, until, period = max(0, ev.At-eventNPTLead), ev.At, eventNPTPeriod
			if prev, ok := last[ev.Name]; ok {
				from = max(from, prev)
			}
		}
		last[ev.Name] = ev.At
		sec, err := descriptorSection(id, versions[id], dsmcc.TagStreamEvent, &d)
		if err != nil {
			return err
		}
		e.addTable(pid, [][]byte{sec}, period, ticks(from), max(ticks(until), ticks(from)+1))
	}
	return nil
}

// nextSame returns the time of the next event of the same name after events[i], or -1.
func nextSame(events []Event, i int) time.Duration {
	for _, e := range events[i+1:] {
		if e.Name == events[i].Name {
			return e.At
		}
	}
	return -1
}

type marshaler interface{ Marshal() ([]byte, error) }

// descriptorSection returns a 0x3D section (table_id_extension ext, the version) that
// carries one stream descriptor.
func descriptorSection(ext uint16, version uint8, tag uint8, d marshaler) ([]byte, error) {
	data, err := d.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: stream descriptor 0x%02X: %w", ErrConfig, tag, err)
	}
	return psi.AppendLongSection(nil, psi.Header{
		TableID: psi.TableIDDSMCCDescriptors, TableIDExtension: ext, VersionNumber: version & 0x1F,
		CurrentNextIndicator: true,
	}, psi.AppendDescriptor(nil, tag, data), psi.MaxSection)
}

// timelineEnd is the last moment of the timeline plus timelineTail (0 when empty).
func (m *Mux) timelineEnd() time.Duration {
	var end time.Duration
	for _, w := range m.cfg.EWBS {
		end = max(end, w.Start, w.End)
	}
	for _, a := range m.cfg.SCTE18 {
		end = max(end, a.Start+a.Duration)
	}
	for _, e := range m.cfg.Events {
		end = max(end, e.At)
	}
	if end == 0 && len(m.cfg.EWBS)+len(m.cfg.SCTE18)+len(m.cfg.Events) == 0 {
		return 0
	}
	return end + timelineTail
}
