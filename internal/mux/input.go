package mux

import (
	"errors"
	"fmt"
	"io"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
)

type rawPacket = [ts.PacketSize]byte

// Input limits.
const (
	// prescanBytes bounds how much of the input is read (and kept) to find its PAT, PMTs,
	// NIT and PCR before muxing starts.
	prescanBytes = 48 << 20
	// maxUntimed bounds the packets held while waiting for the next PCR.
	maxUntimed = 1 << 18
	// maxPCRGap is the largest step between two PCRs taken as continuous; a larger one, or
	// a step back, is a discontinuity: the time goes on at the last rate.
	maxPCRGap = 2 * tickHz
	// fallbackTicksPerPacket is the rate assumed when a discontinuity comes before any rate
	// is known (10 Mbit/s).
	fallbackTicksPerPacket = float64(packetBits) * tickHz / 10e6
)

// inputStream reads 188-byte packets (from 188-, 192- or 204-byte framing) from the input;
// the packets read during the prescan are replayed first.
type inputStream struct {
	r      io.Reader
	framer *ts.Framer
	buf    []byte
	ready  []rawPacket
	head   int
	eof    bool
	pre    []rawPacket
	preIdx int
	read   int64 // bytes read
}

func newInputStream(r io.Reader) *inputStream {
	s := &inputStream{r: r, buf: make([]byte, 64<<10)}
	s.framer = ts.NewFramer(func(p []byte) { s.ready = append(s.ready, rawPacket(p)) })
	return s
}

// fetch returns the next packet from the reader.
func (s *inputStream) fetch() (rawPacket, error) {
	for s.head == len(s.ready) {
		s.ready, s.head = s.ready[:0], 0
		if s.eof {
			return rawPacket{}, io.EOF
		}
		n, err := s.r.Read(s.buf)
		s.read += int64(n)
		if n > 0 {
			s.framer.Write(s.buf[:n])
		}
		if errors.Is(err, io.EOF) {
			s.framer.Flush()
			s.eof = true
		} else if err != nil {
			return rawPacket{}, err
		}
	}
	p := s.ready[s.head]
	s.head++
	return p, nil
}

// next returns the next packet of the stream: the prescanned ones, then the rest.
func (s *inputStream) next() (rawPacket, error) {
	if s.preIdx < len(s.pre) {
		p := s.pre[s.preIdx]
		s.preIdx++
		if s.preIdx == len(s.pre) {
			s.pre, s.preIdx = nil, 0
		}
		return p, nil
	}
	return s.fetch()
}

// probe is what the prescan learnt about the input.
type probe struct {
	pat      *psi.PAT
	pmts     map[uint16]*psi.PMT // by program number
	nit      *psi.NIT
	nitMulti bool // the NIT has several sections: the mux leaves it alone
	// pcrSpan is the stream time the prescan covered, by the PCR of anyPCR.
	pcrFirst, pcrSpan int64
	seen              [ts.MaxPID + 1]bool
	hasPCR            [ts.MaxPID + 1]bool
	anyPCR            uint16
	packets           int
}

// sectionSink collects the first whole section of the tables the prescan looks for.
type sectionSink struct {
	pid uint16
	p   *probe
}

func (k sectionSink) Section(sec []byte) {
	switch {
	case k.pid == psi.PIDPAT && sec[0] == psi.TableIDPAT && k.p.pat == nil:
		var pat psi.PAT
		if pat.Unmarshal(sec) == nil {
			k.p.pat = &pat
		}
	case sec[0] == psi.TableIDPMT && k.p.pat != nil:
		var pmt psi.PMT
		if pmt.Unmarshal(sec) == nil && k.p.pmts[pmt.ProgramNumber] == nil {
			pmt.ProgramInfo = cloneDescriptors(pmt.ProgramInfo)
			for i := range pmt.Streams {
				pmt.Streams[i].Descriptors = cloneDescriptors(pmt.Streams[i].Descriptors)
			}
			k.p.pmts[pmt.ProgramNumber] = &pmt
		}
	case sec[0] == psi.TableIDNITActual && sec[7] != 0:
		k.p.nitMulti = true
	case sec[0] == psi.TableIDNITActual && k.p.nit == nil && sec[6] == 0:
		var nit psi.NIT
		if nit.Unmarshal(sec) == nil {
			nit.NetworkDescriptors = cloneDescriptors(nit.NetworkDescriptors)
			for i := range nit.TransportStreams {
				nit.TransportStreams[i].Descriptors = cloneDescriptors(nit.TransportStreams[i].Descriptors)
			}
			k.p.nit = &nit
		}
	}
}

func (sectionSink) SectionError(error) {}

func cloneDescriptors(ds []psi.Descriptor) []psi.Descriptor {
	out := make([]psi.Descriptor, len(ds))
	for i, d := range ds {
		out[i] = psi.Descriptor{Tag: d.Tag, Data: append([]byte(nil), d.Data...)}
	}
	return out
}

// prescan reads the start of the input (kept for replay) until it knows the PAT, every
// PMT, the NIT when the PAT names one and wantNIT, and a PCR.
func prescan(s *inputStream, wantNIT bool) (*probe, error) {
	p := &probe{pmts: map[uint16]*psi.PMT{}}
	asm := map[uint16]*psi.Assembler{}
	var cc [ts.MaxPID + 1]int16
	for i := range cc {
		cc[i] = -1
	}
	for s.read < prescanBytes && !p.complete(wantNIT) {
		pkt, err := s.fetch()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		s.pre = append(s.pre, pkt)
		p.packets++
		h, af, payload, err := ts.ParsePacket(pkt[:])
		if err != nil {
			continue
		}
		p.seen[h.PID] = true
		if af.PCRFlag {
			if p.anyPCR == 0 {
				p.anyPCR, p.pcrFirst = h.PID, int64(af.PCR)
			}
			if h.PID == p.anyPCR {
				p.pcrSpan = max(p.pcrSpan, int64(af.PCR)-p.pcrFirst)
			}
			p.hasPCR[h.PID] = true
		}
		if !h.HasPayload || !p.sectionPID(h.PID) {
			continue
		}
		a := asm[h.PID]
		if a == nil {
			a = &psi.Assembler{}
			asm[h.PID] = a
		}
		lost := cc[h.PID] >= 0 && byte(cc[h.PID]+1)&0x0F != h.ContinuityCounter
		cc[h.PID] = int16(h.ContinuityCounter)
		a.Feed(payload, h.PayloadUnitStartIndicator, lost, sectionSink{pid: h.PID, p: p})
	}
	if p.pat == nil {
		return nil, fmt.Errorf("%w: no PAT in the first %d packets", ErrInput, p.packets)
	}
	return p, nil
}

// sectionPID tells whether the prescan assembles the sections of pid.
func (p *probe) sectionPID(pid uint16) bool {
	if pid == psi.PIDPAT || pid == psi.PIDNIT {
		return true
	}
	if p.pat == nil {
		return false
	}
	for _, pr := range p.pat.Programs {
		if pr.PID == pid {
			return true
		}
	}
	return false
}

// nitWait is how long the prescan looks for a NIT (DVB and ISDB repeat it within 10 s).
const nitWait = 10 * tickHz

func (p *probe) complete(wantNIT bool) bool {
	if p.pat == nil || p.anyPCR == 0 {
		return false
	}
	if wantNIT && p.nit == nil && !p.nitMulti && p.pcrSpan < nitWait {
		return false
	}
	for _, pr := range p.pat.Programs {
		if pr.ProgramNumber == 0 {
			continue
		}
		pmt := p.pmts[pr.ProgramNumber]
		if pmt == nil || pmt.PCRPID != ts.NullPID && !p.hasPCR[pmt.PCRPID] {
			return false
		}
	}
	return true
}

// timedInput gives every input packet its stream time, interpolated between the PCRs of
// the reference PID (ticks from the first packet of the stream).
type timedInput struct {
	src *inputStream
	ref uint16

	idx      int64 // index of the next packet read
	seg      []rawPacket
	segStart int64
	out      []timedPacket
	outHead  int

	haveRef  bool
	refU     int64 // unwrapped PCR (with the discontinuity offset) of the last PCR
	refIdx   int64
	lastRaw  uint64
	rawU     int64 // unwrapped raw PCR
	off      int64 // discontinuity offset
	rate     float64
	zeroSet  bool
	zero     int64
	pcrZero  uint64
	lastTime int64
}

type timedPacket struct {
	p rawPacket
	t int64
}

// next returns the next packet and its stream time.
func (ti *timedInput) next() (rawPacket, int64, error) {
	for ti.outHead == len(ti.out) {
		ti.out, ti.outHead = ti.out[:0], 0
		p, err := ti.src.next()
		if errors.Is(err, io.EOF) {
			if len(ti.seg) == 0 {
				return rawPacket{}, 0, io.EOF
			}
			if ti.rate == 0 {
				return rawPacket{}, 0, fmt.Errorf("%w: fewer than two PCRs on PID 0x%04X: the input's timing is unknown",
					ErrInput, ti.ref)
			}
			ti.flush(len(ti.seg))
			continue
		}
		if err != nil {
			return rawPacket{}, 0, err
		}
		if len(ti.seg) == 0 {
			ti.segStart = ti.idx
		}
		ti.seg = append(ti.seg, p)
		ti.idx++
		if len(ti.seg) > maxUntimed {
			return rawPacket{}, 0, fmt.Errorf("%w: no PCR on PID 0x%04X for %d packets", ErrInput, ti.ref, len(ti.seg))
		}
		if pcr, ok := packetPCR(p[:]); ok && ts.PID(p[:]) == ti.ref {
			ti.pcr(pcr, ti.idx-1)
		}
	}
	tp := ti.out[ti.outHead]
	ti.outHead++
	return tp.p, tp.t, nil
}

// packetPCR returns the PCR of a packet that has one.
func packetPCR(p []byte) (uint64, bool) {
	if p[3]&0x20 == 0 || p[4] < 7 || p[5]&0x10 == 0 {
		return 0, false
	}
	_, af, _, err := ts.ParsePacket(p)
	return af.PCR, err == nil && af.PCRFlag
}

// pcr takes the PCR of packet idx: it sets the rate and times the held packets.
func (ti *timedInput) pcr(raw uint64, idx int64) {
	if !ti.haveRef {
		ti.haveRef, ti.lastRaw, ti.rawU = true, raw, int64(raw)
		ti.refU, ti.refIdx = ti.rawU, idx
		return
	}
	d := int64((raw + ts.PCRWrap - ti.lastRaw) % ts.PCRWrap)
	if d > ts.PCRWrap/2 {
		d -= ts.PCRWrap
	}
	ti.lastRaw, ti.rawU = raw, ti.rawU+d
	u := ti.rawU + ti.off
	n := idx - ti.refIdx
	if delta := u - ti.refU; delta <= 0 || delta > maxPCRGap || n <= 0 {
		if ti.rate == 0 {
			ti.rate = fallbackTicksPerPacket
		}
		want := ti.refU + int64(float64(n)*ti.rate)
		ti.off += want - u
		u = want
	} else {
		ti.rate = float64(delta) / float64(n)
	}
	ti.flush(int(idx - ti.segStart + 1))
	ti.refU, ti.refIdx = u, idx
}

// flush times the first n held packets at the current rate from the last reference.
func (ti *timedInput) flush(n int) {
	if !ti.zeroSet {
		ti.zeroSet = true
		ti.zero = ti.refU - int64(float64(ti.refIdx)*ti.rate)
		ti.pcrZero = uint64((ti.zero%ts.PCRWrap + ts.PCRWrap) % ts.PCRWrap)
	}
	for i := range n {
		j := ti.segStart + int64(i)
		t := ti.refU + int64(float64(j-ti.refIdx)*ti.rate) - ti.zero
		t = max(t, ti.lastTime) // never back in time
		ti.lastTime = t
		ti.out = append(ti.out, timedPacket{p: ti.seg[i], t: t})
	}
	k := copy(ti.seg, ti.seg[n:])
	ti.seg = ti.seg[:k]
	ti.segStart += int64(n)
}
