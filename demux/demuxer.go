package demux

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/dsmcc"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
)

// Options tune a Demuxer. The zero value is usable.
type Options struct {
	// Sniff makes the Demuxer look at the first unit start of PIDs that no table signals, and
	// follow them when they carry private sections (DSM-CC, AIT, SCTE-18). Tools that read
	// captures without PSI (a carousel PID alone) need it; a box can leave it off.
	Sniff bool
	// Clock is the monotonic clock that SCTE-18 alerts expire on. Nil: the stream's own
	// time, from its PCR, so that a file gives the same events at any reading speed.
	Clock func() time.Duration
	// CarouselLimits bound what each carousel may hold; nil means dsmcc's defaults.
	CarouselLimits *dsmcc.Limits
	// AlertLanguages lists ISO 639-2 codes in order of preference for the texts of SCTE-18
	// alerts (the box's language first); empty means the first text of each alert.
	AlertLanguages []string
}

// Demuxer is the push-model transport-stream demultiplexer: give it bytes with Write or
// ReadFrom, in chunks of any size, and it calls the Handlers as events happen. It is not
// safe for concurrent use: one goroutine writes, and the handlers run in it.
type Demuxer struct {
	H    Handlers
	opts Options

	framer  ts.Framer
	packets int64
	pcr     uint64
	hasPCR  bool
	pids    [ts.MaxPID + 1]pidState

	// current packet while it is being handled
	curPID uint16

	pat      psi.PAT
	pmt      psi.PMT
	nit      psi.NIT
	sdt      psi.SDT
	programs map[uint16]uint16 // program_number -> PMT PID
	stats    Stats

	aits       map[uint16]*ait.Collector // by PID
	cea        alert.CableEmergencyAlert
	alerts     alert.Tracker
	isdb       []alert.EmergencyInformation
	eid        alert.EmergencyInformationDescriptor
	streamTime time.Duration
	lastExpire time.Duration

	dsmcc      map[uint16]*dsmccPID
	dsmccOrder []uint16
	tagPIDs    map[uint16]uint16            // component/association tag -> PID
	eventNames map[uint16]map[string]uint16 // stream event names by the PID of their 0x3D sections
}

// Stats are whole-stream counters.
type Stats struct {
	Packets      int64
	SyncLosses   int64
	GarbageBytes int64
	PacketSize   int
	Sections     int64
	Repeats      int64
	CRCErrors    int64
	CCErrors     int64
	DecodeErrors int64
	// The reference clock: the first PID seen carrying a PCR, and its first and latest
	// PCR (27 MHz) with the index of the packets that carried them.
	PCRPID         uint16
	HasPCR         bool
	FirstPCR       uint64
	FirstPCRPacket int64
	LastPCR        uint64
	LastPCRPacket  int64
}

// New returns a Demuxer with the handlers and options.
func New(h Handlers, opts Options) *Demuxer {
	d := &Demuxer{H: h, opts: opts, programs: map[uint16]uint16{}}
	d.framer = *ts.NewFramer(d.packet)
	d.alerts.Languages = opts.AlertLanguages
	d.SetKind(psi.PIDPAT, KindPSI)
	d.SetKind(psi.PIDNIT, KindPSI)
	d.SetKind(psi.PIDSDT, KindPSI)
	d.SetKind(psi.PIDSCTE18, KindSCTE18)
	d.SetKind(ts.NullPID, KindNull)
	return d
}

// SetKind tells the Demuxer what a PID carries; section kinds are assembled from then on.
func (d *Demuxer) SetKind(pid uint16, k PIDKind) {
	st := &d.pids[pid&ts.MaxPID]
	if st.kind == k {
		return
	}
	st.kind = k
	if k.sections() && st.asm == nil {
		st.asm = &psi.Assembler{}
		st.seen = &versionCache{}
	}
}

// Kind returns what the Demuxer knows a PID carries.
func (d *Demuxer) Kind(pid uint16) PIDKind { return d.pids[pid&ts.MaxPID].kind }

// PIDStats returns the counters of a PID.
func (d *Demuxer) PIDStats(pid uint16) PIDStats { return d.pids[pid&ts.MaxPID].stats }

// Stats returns the whole-stream counters.
func (d *Demuxer) Stats() Stats {
	s := d.stats
	s.Packets = d.packets
	s.SyncLosses, s.GarbageBytes, s.PacketSize = d.framer.SyncLosses, d.framer.GarbageBytes, d.framer.Size
	return s
}

// Packets returns how many packets the Demuxer has handled.
func (d *Demuxer) Packets() int64 { return d.packets }

// Write hands the Demuxer the next bytes of the stream. Every event those bytes complete
// is delivered before Write returns. It never fails.
func (d *Demuxer) Write(b []byte) (int, error) {
	d.framer.Write(b)
	return len(b), nil
}

// Flush ends the stream: a last packet held for lack of sync confirmation is handled.
func (d *Demuxer) Flush() { d.framer.Flush() }

// LiveChunk is the largest read ReadFrom makes from a live source (a pipe, socket or
// device): 87 packets, under 16 KB, so that buffering adds no latency.
const LiveChunk = 87 * ts.PacketSize

// fileChunk is the read size for regular files, where latency does not matter.
const fileChunk = 1 << 20

// ReadFrom reads r to its end, then flushes. Reads from regular files are large; reads
// from anything else are at most LiveChunk bytes. I/O errors are returned.
func (d *Demuxer) ReadFrom(r io.Reader) (int64, error) {
	size := LiveChunk
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fileChunk
		}
	}
	return d.ReadFromSize(r, size)
}

// ReadFromSize is ReadFrom with an explicit read size.
func (d *Demuxer) ReadFromSize(r io.Reader, size int) (int64, error) {
	buf := make([]byte, size)
	var total int64
	for {
		n, err := r.Read(buf)
		if n > 0 {
			total += int64(n)
			d.framer.Write(buf[:n])
		}
		if errors.Is(err, io.EOF) {
			d.Flush()
			return total, nil
		}
		if err != nil {
			d.Flush()
			return total, fmt.Errorf("demux: read: %w", err)
		}
	}
}

func (d *Demuxer) info() Info {
	return Info{Packet: d.packets - 1, PID: d.curPID, PCR: d.pcr, HasPCR: d.hasPCR}
}

// packet handles one 188-byte packet from the framer.
func (d *Demuxer) packet(p []byte) {
	d.packets++
	pid := ts.PID(p)
	st := &d.pids[pid]
	st.stats.Packets++
	if st.kind == KindNull {
		return
	}
	b1, b3 := p[1], p[3]
	if b1&0x80 != 0 { // transport_error_indicator: the demodulator could not correct it
		st.stats.TransportErrors++
		if st.kind.sections() && st.asm != nil {
			st.asm.Reset()
		}
		return
	}
	hasAF, hasPayload, cc := b3&0x20 != 0, b3&0x10 != 0, b3&0x0F
	discontinuity := false
	payload := p[4:]
	if hasAF {
		n := int(p[4])
		if n > 183 || (hasPayload && n > 182) {
			d.curPID = pid
			d.decodeError(fmt.Errorf("%w: adaptation_field_length %d on PID 0x%04X", ts.ErrAdaptationLength, n, pid))
			return
		}
		if n > 0 {
			flags := p[5]
			discontinuity = flags&0x80 != 0
			if flags&0x10 != 0 && n >= 7 {
				st.stats.PCRs++
				d.clock(pid, ts.ParsePCR(p[6:12]))
			}
		}
		payload = p[5+n:]
	}
	if !hasPayload {
		return
	}
	lost := false
	if st.ccValid && !discontinuity {
		if cc == st.cc {
			st.stats.Duplicates++
			return
		}
		if cc != (st.cc+1)&0x0F {
			st.stats.CCErrors++
			d.stats.CCErrors++
			lost = true
		}
	}
	st.cc, st.ccValid = cc, true
	if b3&0xC0 != 0 {
		st.stats.Scrambled++
		return
	}
	pusi := b1&0x40 != 0
	if st.kind == KindUnknown {
		if !d.opts.Sniff || !pusi || st.sniffed {
			return
		}
		d.curPID = pid
		d.sniff(st, payload)
		if !st.kind.sections() {
			return
		}
	} else if !st.kind.sections() {
		return
	}
	d.curPID = pid
	if lost {
		d.decodeError(fmt.Errorf("%w on PID 0x%04X", ts.ErrContinuity, pid))
	}
	st.asm.Feed(payload, pusi, lost, d)
}

// Bitrate is the stream's rate in bit/s measured by the reference PCR, 0 without two
// PCRs.
func (s Stats) Bitrate() float64 {
	if !s.HasPCR || s.LastPCRPacket <= s.FirstPCRPacket {
		return 0
	}
	secs := float64(ts.PCRDelta(s.FirstPCR, s.LastPCR)) / ts.PCRHz
	if secs <= 0 {
		return 0
	}
	return float64(s.LastPCRPacket-s.FirstPCRPacket) * ts.PacketSize * 8 / secs
}

// Duration is how long the packets handled so far last at Bitrate, 0 without it.
func (s Stats) Duration() float64 {
	if b := s.Bitrate(); b > 0 {
		return float64(s.Packets) * ts.PacketSize * 8 / b
	}
	return 0
}

// clock follows the PCR of the reference PID (the first that carries one), so that the
// stream clock is one program's clock even in a multi-program mux.
func (d *Demuxer) clock(pid uint16, pcr uint64) {
	if !d.hasPCR {
		d.stats.PCRPID, d.stats.HasPCR = pid, true
		d.stats.FirstPCR, d.stats.FirstPCRPacket = pcr, d.packets-1
	} else if pid != d.stats.PCRPID {
		return
	}
	d.tick(pcr)
	d.pcr, d.hasPCR = pcr, true
	d.stats.LastPCR, d.stats.LastPCRPacket = pcr, d.packets-1
}

// sniff decides, from the first unit start of an unsignalled PID, whether it carries
// private sections worth following.
func (d *Demuxer) sniff(st *pidState, payload []byte) {
	st.sniffed = true
	if len(payload) < 4 || int(payload[0])+4 > len(payload) {
		return
	}
	sec := payload[1+int(payload[0]):]
	if len(sec) < 3 {
		return
	}
	var k PIDKind
	switch sec[0] {
	case psi.TableIDDSMCCUNMessage, psi.TableIDDSMCCDDB, psi.TableIDDSMCCDescriptors:
		k = KindDSMCC
	case psi.TableIDAIT:
		k = KindAIT
	case psi.TableIDSCTE18:
		k = KindSCTE18
	default:
		return
	}
	if sec[1]&0x30 != 0x30 && sec[0] != psi.TableIDDSMCCDescriptors { // reserved bits of a section header
		return
	}
	d.SetKind(d.curPID, k)
	if d.H.Discovered != nil {
		d.H.Discovered(d.info(), k)
	}
}

func (d *Demuxer) decodeError(err error) {
	d.stats.DecodeErrors++
	if d.H.DecodeError != nil {
		d.H.DecodeError(d.info(), err)
	}
}

// SectionError implements psi.SectionHandler.
func (d *Demuxer) SectionError(err error) {
	if errors.Is(err, psi.ErrCRC) {
		d.stats.CRCErrors++
		d.pids[d.curPID].stats.CRCErrors++
	}
	d.decodeError(fmt.Errorf("PID 0x%04X: %w", d.curPID, err))
}

// Section implements psi.SectionHandler: one whole section, CRC checked.
func (d *Demuxer) Section(sec []byte) {
	st := &d.pids[d.curPID]
	st.stats.Sections++
	d.stats.Sections++
	repeat := false
	long := sec[1]&0x80 != 0 && len(sec) >= psi.HeaderLen+4
	if long && st.kind != KindDSMCC {
		repeat = st.seen.repeat(sec)
	}
	if repeat {
		d.stats.Repeats++
	}
	if d.H.Section != nil {
		d.H.Section(d.info(), sec, repeat)
	}
	if repeat || (long && sec[5]&1 == 0) { // current_next_indicator 0: not yet applicable
		return
	}
	d.table(st, sec)
}
