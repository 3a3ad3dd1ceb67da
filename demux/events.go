package demux

import (
	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/psi"
)

// Info tells where an event happened. It is passed by value and never allocates.
type Info struct {
	// Packet is the 0-based index of the packet that completed the section (or carried the
	// error), counting every packet the Demuxer was given.
	Packet int64
	// PID the event came from.
	PID uint16
	// PCR is the latest program clock reference seen on any PID (27 MHz), HasPCR false before
	// the first one.
	PCR    uint64
	HasPCR bool
}

// Handlers are called synchronously in the goroutine that calls Write, the moment the last
// byte of a section arrives. They must not block: hand work off to a queue. Table values and
// section bytes are only valid during the call; copy what you keep. A nil handler is
// skipped. Tables are reported once per new version: repeats are recognised and skipped.
type Handlers struct {
	PAT func(Info, *psi.PAT)
	PMT func(Info, *psi.PMT)
	NIT func(Info, *psi.NIT)
	SDT func(Info, *psi.SDT)
	// AIT receives each complete AIT sub-table (all its sections) once per new version. The
	// Table stays valid after the call.
	AIT func(Info, *ait.Table)
	// Alert receives the start, update and end of emergency warnings (ISDB 0xFC in PMT and
	// NIT, SCTE-18 0xD8), raised while the packet that completed the section is handled.
	// The same warning repeated, or carried by the PMT and the NIT at once, is one alert.
	Alert func(Info, alert.Event)
	// Carousel receives the changes of each PID's object carousel: files added, changed or
	// removed, modules and carousels complete, remounts, data carousels.
	Carousel func(Info, CarouselEvent)
	// StreamEvent receives DSM-CC stream events: do-it-now events when their section
	// completes, scheduled ones when the stream clock reaches their NPT. Each fires once.
	StreamEvent func(Info, dsmcc.StreamEvent)
	// Section receives every section that passed its CRC check, repeats included; repeat
	// tells whether the Demuxer had seen this exact section before on this PID.
	Section func(i Info, sec []byte, repeat bool)
	// DecodeError receives malformed input: CRC errors, bad lengths, continuity breaks. The
	// Demuxer goes on.
	DecodeError func(Info, error)
	// Discovered reports a PID whose kind the Demuxer learnt (from a PMT or by sniffing).
	Discovered func(i Info, kind PIDKind)
}
