package mux

import (
	"fmt"
	"io/fs"
	"math"
	"time"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
)

// Mux multiplexes a carousel, its signalling and the timeline (events, warnings) into a
// transport stream: New checks the configuration, reads the start of the input stream and
// builds the carousel; Run writes the stream; Watch follows the folder.
type Mux struct {
	cfg      Config
	builder  *dsmcc.Builder
	carousel *dsmcc.BuiltCarousel
	svc      Service // resolved
	carID    uint32

	in      *inputStream
	probe   *probe
	basePAT *psi.PAT
	basePMT *psi.PMT
	baseNIT *psi.NIT
	makeNIT bool
	nitPID  uint16
	used    [ts.MaxPID + 1]bool

	muxRate int64
	pcrBase uint64
	pcrZero uint64

	warnings   []string
	eventNames []string
	eventIDs   map[string]uint16
	aitSec     []byte

	updates chan *dsmcc.BuiltCarousel

	// OnApply, when set, is called (on the Run goroutine) when a rebuilt carousel goes on the
	// air, with its stream time.
	OnApply func(at time.Duration, c *dsmcc.BuiltCarousel)
	// OnRebuild, when set, is called (on the Watch goroutine) after every rebuild, with its
	// result or error; an unchanged folder gives a carousel with Changed false.
	OnRebuild func(c *dsmcc.BuiltCarousel, err error)

	watchReady func() // tests: the watches are in place
}

// New checks cfg, reads the start of cfg.Input (when there is one) and builds the first
// carousel.
func New(cfg Config) (*Mux, error) {
	cfg.defaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	m := &Mux{cfg: cfg, updates: make(chan *dsmcc.BuiltCarousel, 1), eventIDs: map[string]uint16{}}
	if err := m.resolveEntry(); err != nil {
		return nil, err
	}
	if cfg.Input != nil {
		m.in = newInputStream(cfg.Input)
		p, err := prescan(m.in, len(cfg.EWBS) > 0)
		if err != nil {
			return nil, err
		}
		m.probe = p
		if err := m.useInput(p); err != nil {
			return nil, err
		}
	} else {
		m.makeNIT, m.nitPID = len(cfg.EWBS) > 0, psi.PIDNIT
	}
	if err := m.resolveService(); err != nil {
		return nil, err
	}
	for _, e := range cfg.Events {
		if _, ok := m.eventIDs[e.Name]; !ok {
			m.eventNames = append(m.eventNames, e.Name)
			m.eventIDs[e.Name] = uint16(len(m.eventNames))
		}
	}
	bc := cfg.Builder
	bc.AssociationTag = uint16(m.svc.ComponentTag)
	if len(m.eventNames) > 0 {
		ids := make([]uint16, len(m.eventNames))
		for i := range ids {
			ids[i] = uint16(i + 1)
		}
		bc.StreamEvents = append(bc.StreamEvents, dsmcc.StreamEventSpec{
			Path: cfg.EventObject, Names: m.eventNames, EventIDs: ids,
			AssociationTag: uint16(m.svc.EventTag), NPT: cfg.EventMode == EventsNPT,
		})
	}
	var err error
	if m.builder, err = dsmcc.NewBuilder(bc); err != nil {
		return nil, err
	}
	m.carID = m.builder.Config().CarouselID
	if m.carousel, err = m.builder.Build(cfg.FS); err != nil {
		return nil, err
	}
	if m.aitSec, err = m.aitSection(); err != nil {
		return nil, err
	}
	return m, m.setRate()
}

// Carousel returns the carousel built by New.
func (m *Mux) Carousel() *dsmcc.BuiltCarousel { return m.carousel }

// Service returns the service with its PIDs and tags resolved.
func (m *Mux) Service() Service { return m.svc }

// MuxRate returns the output rate of a standalone stream, in bit/s.
func (m *Mux) MuxRate() int64 { return m.muxRate }

// App returns the application as the AIT signals it (entry resolved).
func (m *Mux) App() App { return m.cfg.App }

// resolveEntry picks the entry file and checks that the folder has it.
func (m *Mux) resolveEntry() error {
	app := &m.cfg.App
	if app.Entry == "" {
		cands := []string{"main.ncl", "main.lua"}
		if app.Type == ait.ApplicationTypeHbbTV {
			cands = append(cands, "index.html")
		}
		for _, c := range cands {
			if fi, err := fs.Stat(m.cfg.FS, c); err == nil && fi.Mode().IsRegular() {
				app.Entry = c
				break
			}
		}
		if app.Entry == "" {
			return fmt.Errorf("%w: the folder has none of %v: name the entry file", ErrConfig, cands)
		}
		return nil
	}
	fi, err := fs.Stat(m.cfg.FS, app.Entry)
	if err != nil || !fi.Mode().IsRegular() {
		return fmt.Errorf("%w: entry %q is not a file of the folder", ErrConfig, app.Entry)
	}
	return nil
}

// useInput takes the program to add to, its PMT, and the PIDs in use from the probe.
func (m *Mux) useInput(p *probe) error {
	prog := m.cfg.Service.ProgramNumber
	var pmtPID uint16
	pmtUsers := map[uint16]int{}
	for _, pr := range p.pat.Programs {
		if pr.ProgramNumber == 0 {
			m.nitPID = pr.PID
			continue
		}
		pmtUsers[pr.PID]++
		if prog == 0 {
			prog = pr.ProgramNumber
		}
		if pr.ProgramNumber == prog {
			pmtPID = pr.PID
		}
	}
	if pmtPID == 0 {
		return fmt.Errorf("%w: program %d is not in the input's PAT", ErrInput, prog)
	}
	if pmtUsers[pmtPID] > 1 {
		return fmt.Errorf("%w: program %d shares its PMT PID 0x%04X with other programs", ErrInput, prog, pmtPID)
	}
	m.basePMT = p.pmts[prog]
	if m.basePMT == nil {
		return fmt.Errorf("%w: no PMT for program %d on PID 0x%04X in the first %d packets",
			ErrInput, prog, pmtPID, p.packets)
	}
	m.basePAT = p.pat
	m.svc.ProgramNumber, m.svc.PMTPID = prog, pmtPID
	if len(m.cfg.EWBS) > 0 && !p.nitMulti {
		m.makeNIT = true
		if m.nitPID == 0 {
			m.nitPID = psi.PIDNIT
		}
		m.baseNIT = p.nit
	}
	if len(m.cfg.EWBS) > 0 && p.nitMulti {
		m.warnings = append(m.warnings, "the input's NIT has several sections: it is left alone, "+
			"and the emergency_information_descriptor goes in the PMT only")
	}
	m.used = p.seen
	for _, pr := range p.pat.Programs {
		m.used[pr.PID] = true
	}
	for _, pmt := range p.pmts {
		m.used[pmt.PCRPID] = true
		for _, s := range pmt.Streams {
			m.used[s.ElementaryPID] = true
		}
	}
	return nil
}

// resolveService fills the PIDs and tags not given.
func (m *Mux) resolveService() error {
	s, want := &m.svc, m.cfg.Service
	s.TransportStreamID, s.NetworkID, s.DataBroadcastID = want.TransportStreamID, want.NetworkID, want.DataBroadcastID
	for pid := range uint16(0x20) {
		m.used[pid] = true
	}
	m.used[psi.PIDSCTE18], m.used[ts.NullPID], m.used[m.nitPID] = true, true, true
	if m.in == nil {
		s.ProgramNumber = want.ProgramNumber
		if s.ProgramNumber == 0 {
			s.ProgramNumber = DefaultProgram
		}
		var err error
		if s.PMTPID, err = m.allocPID(want.PMTPID, "PMT"); err != nil {
			return err
		}
	}
	var err error
	if s.AITPID, err = m.allocPID(want.AITPID, "AIT"); err != nil {
		return err
	}
	if s.CarouselPID, err = m.allocPID(want.CarouselPID, "carousel"); err != nil {
		return err
	}
	if len(m.cfg.Events) > 0 {
		if s.EventPID, err = m.allocPID(want.EventPID, "stream events"); err != nil {
			return err
		}
	}
	var tags [256]bool
	if m.basePMT != nil {
		for _, st := range m.basePMT.Streams {
			if d, ok := psi.Find(st.Descriptors, psi.TagStreamIdentifier); ok && len(d.Data) > 0 {
				tags[d.Data[0]] = true
			}
		}
	}
	if s.ComponentTag, err = allocTag(want.ComponentTag, 0x40, &tags, "component"); err != nil {
		return err
	}
	if len(m.cfg.Events) > 0 {
		if s.EventTag, err = allocTag(want.EventTag, s.ComponentTag+1, &tags, "event"); err != nil {
			return err
		}
	}
	return nil
}

// allocPID takes want, or the first free PID from 0x0100.
func (m *Mux) allocPID(want uint16, what string) (uint16, error) {
	if want != 0 {
		if want < 0x20 || want >= psi.PIDSCTE18 || m.used[want] {
			return 0, fmt.Errorf("%w: %s PID 0x%04X is reserved or in use", ErrConfig, what, want)
		}
		m.used[want] = true
		return want, nil
	}
	for pid := uint16(DefaultPMTPID); pid < psi.PIDSCTE18; pid++ {
		if !m.used[pid] {
			m.used[pid] = true
			return pid, nil
		}
	}
	return 0, fmt.Errorf("%w: no free PID for the %s", ErrConfig, what)
}

func allocTag(want, from uint8, used *[256]bool, what string) (uint8, error) {
	if want != 0 {
		if used[want] {
			return 0, fmt.Errorf("%w: %s tag 0x%02X is in use in the PMT", ErrConfig, what, want)
		}
		used[want] = true
		return want, nil
	}
	for i := range 255 {
		t := uint8((int(from)+i-1)%255 + 1)
		if !used[t] {
			used[t] = true
			return t, nil
		}
	}
	return 0, fmt.Errorf("%w: no free %s tag", ErrConfig, what)
}

// setRate works out the rate a standalone stream needs and checks the one asked for.
func (m *Mux) setRate() error {
	if m.in != nil {
		return nil
	}
	pps := float64(m.cfg.CarouselRate) / packetBits
	pps += 1 / m.cfg.PCRInterval.Seconds()
	per := func(sec []byte, every time.Duration) float64 { return float64(sectionPackets(sec)) / every.Seconds() }
	pat, err := m.patSection(0)
	if err != nil {
		return err
	}
	ei, err := m.emergencyInformation(math.MaxInt64)
	if err != nil {
		return err
	}
	pmt, err := m.pmtSection(0, ei)
	if err != nil {
		return err
	}
	pps += per(pat, tablesPeriod) + per(pmt, tablesPeriod) + per(m.aitSec, aitPeriod)
	if m.makeNIT {
		nit, err := m.nitSection(0, ei)
		if err != nil {
			return err
		}
		pps += per(nit, nitPeriod)
	}
	if len(m.cfg.Events) > 0 {
		pps += 2 * (1 / eventNowPeriod.Seconds()) // two events at once, one packet each
		if m.cfg.EventMode == EventsNPT {
			pps += 1 / nptPeriod.Seconds()
		}
	}
	for i := range m.cfg.SCTE18 {
		sec, err := m.scte18Section(i)
		if err != nil {
			return err
		}
		pps += per(sec, m.cfg.SCTE18[i].Repeat)
	}
	need := int64(math.Ceil(pps*packetBits*1.02/1000)) * 1000
	switch {
	case m.cfg.MuxRate == 0:
		m.muxRate = need
	case m.cfg.MuxRate < need:
		return fmt.Errorf("%w: mux rate %d bit/s is below what the content needs (%d bit/s)", ErrConfig, m.cfg.MuxRate, need)
	default:
		m.muxRate = m.cfg.MuxRate
	}
	return nil
}
