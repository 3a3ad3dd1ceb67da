package mux

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/ts"
	"github.com/antena-tv/antena/internal/progress"
)

// Clock is the wall clock that paces real-time output. Tests give their own.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time                         { return time.Now() }
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// RunOptions tune Run.
type RunOptions struct {
	// Realtime paces the output at the stream's rate (network outputs need it; files do not).
	Realtime bool
	// Clock paces Realtime output; nil is the system clock.
	Clock Clock
	// Progress, when set, gets a progress bar (drawn only when it is a terminal and the run
	// is long enough to know its length).
	Progress io.Writer
	// ChunkPackets is the most packets a Write carries. Default 7, one UDP datagram of 1316
	// bytes.
	ChunkPackets int
}

// Summary is what a run did.
type Summary struct {
	// Carousel is the carousel on the air at the end.
	Carousel *dsmcc.BuiltCarousel
	Service  Service
	App      App

	CarouselRate int64
	// MuxRate is the output rate of a standalone stream; with an input, the average output
	// rate measured over the run.
	MuxRate int64
	// CyclePackets and CycleTime are one carousel cycle at the carousel rate (DSI and DII
	// repetitions included); Cycles the whole cycles sent.
	CyclePackets int64
	CycleTime    time.Duration
	Cycles       int
	Updates      int

	Packets    int64
	StreamTime time.Duration
	// NullPackets and PCRPackets count the null and PCR-only packets written; PIDPackets the
	// packets of the mux's own PIDs.
	NullPackets int64
	PCRPackets  int64
	PIDPackets  map[uint16]int64

	// With an input stream: its packets, the null (or replaced) packets the mux's packets
	// took the place of, the packets inserted (raising the rate), input packets dropped for
	// being on the mux's PIDs, and the input's average rate.
	InputPackets  int64
	NullsReplaced int64
	Inserted      int64
	InputDropped  int64
	InputRate     int64

	Warnings []string
}

// Run writes the stream to w until the run ends (Config.Cycles, Duration, the end of the
// input) or ctx is cancelled (then it ends cleanly, with no error). Rebuilt carousels
// (Watch, Rebuild) go on the air as they come. With an input stream, Run reads it: call it
// once.
func (m *Mux) Run(ctx context.Context, w io.Writer, opt RunOptions) (*Summary, error) {
	e, err := m.newEngine()
	if err != nil {
		return nil, err
	}
	if opt.ChunkPackets <= 0 {
		opt.ChunkPackets = 7
	}
	clock := opt.Clock
	if clock == nil {
		clock = systemClock{}
	}
	var bar *progress.Bar
	if opt.Progress != nil {
		bar = progress.New(opt.Progress, "mux", m.expectedBytes())
		defer bar.Done()
	}
	start := clock.Now()
	buf := make([]byte, 0, (opt.ChunkPackets+64)*ts.PacketSize)
	var packets int64
	for ctx.Err() == nil {
		select {
		case c := <-m.updates:
			e.car.update(c)
		default:
		}
		t0 := e.nextTime()
		if buf, err = e.produce(buf[:0], opt.ChunkPackets); err != nil {
			return nil, err
		}
		if len(buf) == 0 {
			break
		}
		if opt.Realtime {
			if d := start.Add(duration(t0)).Sub(clock.Now()); d > 0 {
				select {
				case <-ctx.Done():
				case <-clock.After(d):
				}
			}
		}
		// At most ChunkPackets a Write: an input packet and what is inserted before it can
		// make more, and a UDP datagram must stay at 7 packets.
		for off := 0; off < len(buf); off += opt.ChunkPackets * ts.PacketSize {
			if _, err := w.Write(buf[off:min(off+opt.ChunkPackets*ts.PacketSize, len(buf))]); err != nil {
				return nil, err
			}
		}
		packets += int64(len(buf) / ts.PacketSize)
		bar.Add(int64(len(buf)))
	}
	return m.summary(e, packets), nil
}

// expectedBytes estimates the output size for the progress bar (0 when unknown).
func (m *Mux) expectedBytes() int64 {
	switch {
	case m.in != nil:
		return max(m.cfg.InputSize, 0)
	case m.cfg.Forever && m.cfg.Duration == 0:
		return 0
	}
	d := m.cfg.Duration
	if d == 0 {
		d = max(time.Duration(max(m.cfg.Cycles, 1))*cycleTime(m.carousel, m.cfg.CarouselRate), m.timelineEnd())
	}
	return int64(d.Seconds() * float64(m.muxRate) / 8)
}

func (m *Mux) summary(e *engine, packets int64) *Summary {
	s := e.st
	s.Service, s.App, s.CarouselRate = m.svc, m.cfg.App, m.cfg.CarouselRate
	s.CyclePackets = cyclePackets(s.Carousel, m.cfg.CarouselRate)
	s.CycleTime = duration(packetTicks(s.CyclePackets, m.cfg.CarouselRate))
	s.Cycles, s.Packets = e.car.cycles, packets
	if m.in == nil {
		s.MuxRate = m.muxRate
		s.StreamTime = duration(packetTicks(e.slot, m.muxRate))
	} else {
		s.StreamTime = duration(e.now)
		if sec := s.StreamTime.Seconds(); sec > 0 {
			s.MuxRate = int64(float64(packets*packetBits) / sec)
			s.InputRate = int64(float64(s.InputPackets*packetBits) / sec)
		}
	}
	s.Warnings = append(s.Warnings, m.warnings...)
	if s.Cycles == 0 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("the stream (%v) is shorter than one carousel cycle (%v)",
			s.StreamTime.Round(time.Millisecond), s.CycleTime.Round(time.Millisecond)))
	}
	if end := m.timelineEnd(); end > 0 && s.StreamTime < end-timelineTail {
		s.Warnings = append(s.Warnings, fmt.Sprintf("the stream ends at %v, before the last event or warning (%v)",
			s.StreamTime.Round(time.Millisecond), end-timelineTail))
	}
	if s.InputDropped > 0 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%d input packets on PIDs the mux writes were dropped", s.InputDropped))
	}
	return &s
}

// Write prints the summary for people.
func (s *Summary) Write(w io.Writer) {
	c := s.Carousel
	fmt.Fprintf(w, "carousel: %d files (%s) in %d directories", c.Files, size(c.FileBytes), c.Directories)
	if c.StreamEvents > 0 {
		fmt.Fprintf(w, ", %d stream event object", c.StreamEvents)
	}
	fmt.Fprintf(w, "; %d modules, %s on the air, carousel_id %d, transaction version %d\n",
		len(c.Modules), size(c.OnAirBytes()), c.CarouselID, c.TransactionVersion)
	for _, m := range c.Modules {
		z := "          "
		if m.Compressed {
			z = fmt.Sprintf("zlib %3.0f%%", 100*float64(m.Size)/float64(max(m.OriginalSize, 1)))
		}
		fmt.Fprintf(w, "  module 0x%04X v%-3d %9s  %s  %4d blocks  %s\n", m.ModuleID, m.Version, size(int64(m.Size)), z,
			len(m.DDB), objects(m.Objects))
	}
	fmt.Fprintf(w, "cycle: %d ms at %s (%d packets on PID 0x%04X, DSI and DII every %v)\n",
		s.CycleTime.Milliseconds(), rate(s.CarouselRate), s.CyclePackets, s.Service.CarouselPID, controlPeriod)
	app := s.App
	fmt.Fprintf(w, "AIT: %s org 0x%08X app 0x%04X %s entry %q, PID 0x%04X; carousel component tag 0x%02X\n",
		app.Type.Name(ait.RegionAny), app.OrganisationID, app.ApplicationID, app.ControlCode, app.Entry,
		s.Service.AITPID, s.Service.ComponentTag)
	fmt.Fprintf(w, "stream: program %d, PMT PID 0x%04X, %d packets (%s), %v, %s",
		s.Service.ProgramNumber, s.Service.PMTPID, s.Packets, size(s.Packets*ts.PacketSize),
		s.StreamTime.Round(time.Millisecond), rate(s.MuxRate))
	if s.InputPackets > 0 {
		fmt.Fprintf(w, " (input %s: %d null packets used, %d packets inserted)",
			rate(s.InputRate), s.NullsReplaced, s.Inserted)
	} else {
		fmt.Fprintf(w, ", %d null packets", s.NullPackets)
	}
	fmt.Fprintf(w, ", %d carousel cycles", s.Cycles)
	if s.Updates > 0 {
		fmt.Fprintf(w, ", updated %d times", s.Updates)
	}
	fmt.Fprintln(w)
	for _, warn := range s.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
}

func objects(paths []string) string {
	shown := slices.Clone(paths)
	for i, p := range shown {
		shown[i] = "/" + strings.TrimPrefix(p, ".")
	}
	if len(shown) > 4 {
		return fmt.Sprintf("%s ... (%d objects)", strings.Join(shown[:3], " "), len(shown))
	}
	return strings.Join(shown, " ")
}

func size(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 10<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func rate(r int64) string {
	if r >= 1_000_000 {
		return fmt.Sprintf("%.3f Mbit/s", float64(r)/1e6)
	}
	return fmt.Sprintf("%.1f kbit/s", float64(r)/1e3)
}
