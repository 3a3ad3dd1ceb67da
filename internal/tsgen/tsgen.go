// Package tsgen generates synthetic transport streams for benchmarks and tests: a mux
// timed at a constant rate with a video PID carrying the PCR, an audio PID, PAT and PMT
// every 100 ms, a DSM-CC PID of 1-4 KB sections at its own rate, and null packets to fill.
// Output is deterministic for a seed, so figures can be reproduced.
package tsgen

import (
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
)

// PIDs of the generated mux.
const (
	PMTPID   = 0x0100
	VideoPID = 0x0101
	AudioPID = 0x0102
	DataPID  = 0x0103
	Program  = 1
)

// Config describes the mux.
type Config struct {
	MuxRate    int     // bit/s, default 30 Mbit/s
	VideoShare float64 // share of packets, default 0.90
	AudioRate  int     // bit/s, default 192 kbit/s
	DataRate   int     // bit/s of DSM-CC sections, default 1 Mbit/s
	Seed       uint64
	// CarouselFiles is the number of random files (2-62 KB each) in the object carousel of
	// the data PID; default 24 (about 800 KB, a 6.5 s cycle at 1 Mbit/s).
	CarouselFiles int
}

func (c *Config) defaults() {
	if c.MuxRate == 0 {
		c.MuxRate = 30_000_000
	}
	if c.VideoShare == 0 {
		c.VideoShare = 0.90
	}
	if c.AudioRate == 0 {
		c.AudioRate = 192_000
	}
	if c.DataRate == 0 {
		c.DataRate = 1_000_000
	}
	if c.CarouselFiles == 0 {
		c.CarouselFiles = 24
	}
}

// Generator writes packets one at a time.
type Generator struct {
	cfg                Config
	rng                *rand.Rand
	idx                int64
	pps                float64
	video, audio, data ts.Packetizer
	pat, pmt, null     ts.Packetizer
	accV, accA, accD   float64
	nextPSI            int64
	psiEvery           int64
	patSec, pmtSec     []byte
	carousel           [][]byte // one cycle of the object carousel on the data PID
	next               int
	pending            []byte // packets of the DSM-CC section being sent
	// DataSections counts the DSM-CC sections completed so far.
	DataSections int64
}

// New returns a Generator. Its data PID carries a looping object carousel of random files
// (Config.CarouselFiles), in four groups of DDBs of 1000 to 4066 bytes.
func New(cfg Config) *Generator {
	cfg.defaults()
	g := &Generator{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 0x5eed))}
	g.pps = float64(cfg.MuxRate) / (ts.PacketSize * 8)
	g.psiEvery = int64(g.pps / 10)
	g.video.PID, g.audio.PID, g.data.PID = VideoPID, AudioPID, DataPID
	g.pat.PID, g.pmt.PID, g.null.PID = psi.PIDPAT, PMTPID, ts.NullPID
	pat := psi.PAT{TransportStreamID: 1, Programs: []psi.PATProgram{{ProgramNumber: Program, PID: PMTPID}}}
	g.patSec, _ = pat.Marshal()
	pmt := psi.PMT{ProgramNumber: Program, PCRPID: VideoPID, Streams: []psi.PMTStream{
		{StreamType: 0x1B, ElementaryPID: VideoPID},
		{StreamType: 0x0F, ElementaryPID: AudioPID},
		{StreamType: 0x0B, ElementaryPID: DataPID, Descriptors: []psi.Descriptor{{Tag: psi.TagStreamIdentifier, Data: []byte{0x0B}}}},
	}}
	g.pmtSec, _ = pmt.Marshal()
	var err error
	if g.carousel, err = carouselSections(g.rng, cfg.CarouselFiles); err != nil {
		panic(fmt.Sprintf("tsgen: building the carousel: %v", err)) // a bug in the generator, not input
	}
	return g
}

// PCR returns the PCR (27 MHz) of packet index i at the mux rate.
func (g *Generator) PCR(i int64) uint64 {
	return uint64(float64(i) * ts.PacketSize * 8 / float64(g.cfg.MuxRate) * ts.PCRHz)
}

// Append appends the next packet to dst.
func (g *Generator) Append(dst []byte) []byte {
	i := g.idx
	g.idx++
	if i >= g.nextPSI {
		g.nextPSI = i + g.psiEvery
		dst = g.pat.AppendSection(dst, g.patSec)
		g.idx++ // the PMT packet follows
		return g.pmt.AppendSection(dst, g.pmtSec)
	}
	g.accV += g.cfg.VideoShare
	g.accA += float64(g.cfg.AudioRate) / (ts.PacketSize * 8) / g.pps
	g.accD += float64(g.cfg.DataRate) / (ts.PacketSize * 8) / g.pps
	switch {
	case g.accV >= 1:
		g.accV--
		return g.videoPacket(dst, i)
	case g.accD >= 1:
		g.accD--
		return g.dataPacket(dst)
	case g.accA >= 1:
		g.accA--
		return g.esPacket(dst, &g.audio, i%40 == 0, -1)
	}
	var p [ts.PacketSize]byte
	p[0], p[1], p[2], p[3] = ts.SyncByte, 0x1F, 0xFF, 0x10
	return append(dst, p[:]...)
}

func (g *Generator) videoPacket(dst []byte, i int64) []byte {
	pcr := int64(-1)
	if i%750 == 0 { // about every 37 ms at 30 Mbit/s
		pcr = int64(g.PCR(i))
	}
	return g.esPacket(dst, &g.video, i%300 == 0, pcr)
}

func (g *Generator) esPacket(dst []byte, p *ts.Packetizer, pusi bool, pcr int64) []byte {
	n := 184
	if pcr >= 0 {
		n = 176
	}
	var payload [184]byte
	for k := 0; k < n; k += 8 {
		v := g.rng.Uint64()
		for j := 0; j < 8 && k+j < n; j++ {
			payload[k+j] = byte(v >> (8 * j))
		}
	}
	if pusi {
		copy(payload[:], []byte{0, 0, 1, 0xE0, 0, 0, 0x80, 0x80, 5})
	}
	return p.AppendPayload(dst, pusi, payload[:n], pcr)
}

func (g *Generator) dataPacket(dst []byte) []byte {
	if len(g.pending) == 0 {
		sec := g.carousel[g.next]
		g.next = (g.next + 1) % len(g.carousel)
		g.pending = g.data.AppendSection(g.pending[:0], sec)
		g.DataSections++
	}
	dst = append(dst, g.pending[:ts.PacketSize]...)
	g.pending = g.pending[ts.PacketSize:]
	return dst
}

// WriteTo writes packets until size bytes have been written.
func (g *Generator) WriteTo(w io.Writer, size int64) (int64, error) {
	buf := make([]byte, 0, 1<<20)
	var total int64
	for total < size {
		buf = buf[:0]
		for len(buf) < 1<<20-2*ts.PacketSize && total+int64(len(buf)) < size {
			buf = g.Append(buf)
		}
		n, err := w.Write(buf)
		total += int64(n)
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
