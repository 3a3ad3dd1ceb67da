package demux

import "github.com/antena-tv/antena/demux/psi"

// PIDKind says what the Demuxer does with a PID's packets.
type PIDKind uint8

// What a PID carries, as far as the Demuxer knows.
const (
	KindUnknown PIDKind = iota // not signalled: counted, sniffed for private sections
	KindPES                    // audio, video or other PES: counted and skipped
	KindPSI                    // PAT, PMT, NIT, SDT and other SI
	KindAIT                    // application information table
	KindDSMCC                  // DSM-CC carousel or stream-event sections
	KindSCTE18                 // cable emergency alert sections
	KindPrivate                // other private sections (found by sniffing or by the caller)
	KindNull                   // stuffing
)

var kindNames = [...]string{"unknown", "pes", "psi", "ait", "dsmcc", "scte18", "private", "null"}

func (k PIDKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// sections reports whether the kind is assembled into sections.
func (k PIDKind) sections() bool { return k >= KindPSI && k <= KindPrivate }

// PIDStats are the counters of one PID.
type PIDStats struct {
	Packets         int64
	CCErrors        int64 // continuity breaks not announced by discontinuity_indicator
	Duplicates      int64 // repeated packets (same continuity_counter), allowed once by the standard
	TransportErrors int64 // packets with transport_error_indicator set
	Scrambled       int64
	Sections        int64 // sections delivered (repeats included)
	CRCErrors       int64
	PCRs            int64
}

type pidState struct {
	kind    PIDKind
	ccValid bool
	cc      uint8
	sniffed bool // an unknown PID already looked at
	stats   PIDStats
	asm     *psi.Assembler
	seen    *versionCache
}
