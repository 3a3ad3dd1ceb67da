package ts

import "fmt"

// Packet sizes found in the wild: plain MPEG-TS, M2TS/BDAV (a 4-byte timecode before each
// packet) and DVB-ASI/ATSC with 16 Reed-Solomon bytes after each packet.
const (
	PacketSize     = 188
	PacketSizeM2TS = 192
	PacketSizeRS   = 204
	SyncByte       = 0x47
	NullPID        = 0x1FFF
	MaxPID         = 0x1FFF
)

// Header is the fixed 4-byte header of a transport packet.
// Specification: ISO/IEC 13818-1 §2.4.3.2, table 2-2.
//
//	sync_byte                     8 (0x47)
//	transport_error_indicator     1
//	payload_unit_start_indicator  1
//	transport_priority            1
//	PID                          13
//	transport_scrambling_control  2
//	adaptation_field_control      2 (bit 1: adaptation field, bit 0: payload)
//	continuity_counter            4
type Header struct {
	TransportErrorIndicator    bool
	PayloadUnitStartIndicator  bool
	TransportPriority          bool
	PID                        uint16
	TransportScramblingControl uint8
	HasAdaptationField         bool
	HasPayload                 bool
	ContinuityCounter          uint8
}

const (
	teiMask      = 0x80
	pusiMask     = 0x40
	priorityMask = 0x20
	pidHighMask  = 0x1F
	scramShift   = 6
	afMask       = 0x20
	payloadMask  = 0x10
	ccMask       = 0x0F
)

// PID returns the PID of packet p (len(p) >= 3) without decoding the rest.
func PID(p []byte) uint16 { return uint16(p[1]&pidHighMask)<<8 | uint16(p[2]) }

// ParseHeader decodes the header of a packet. p must hold at least 4 bytes.
func ParseHeader(p []byte) Header {
	return Header{
		TransportErrorIndicator:    p[1]&teiMask != 0,
		PayloadUnitStartIndicator:  p[1]&pusiMask != 0,
		TransportPriority:          p[1]&priorityMask != 0,
		PID:                        PID(p),
		TransportScramblingControl: p[3] >> scramShift,
		HasAdaptationField:         p[3]&afMask != 0,
		HasPayload:                 p[3]&payloadMask != 0,
		ContinuityCounter:          p[3] & ccMask,
	}
}

// AdaptationField holds the adaptation-field flags Antena uses.
// Specification: ISO/IEC 13818-1 §2.4.3.4, table 2-6.
type AdaptationField struct {
	Length                            uint8
	DiscontinuityIndicator            bool
	RandomAccessIndicator             bool
	ElementaryStreamPriorityIndicator bool
	PCRFlag                           bool
	PCR                               uint64 // PCRFlag: 27 MHz units, base*300 + extension
}

// ParsePacket decodes p (a whole 188-byte packet) into its header, adaptation field and
// payload. payload aliases p. A packet whose adaptation_field_length overruns the packet is
// an error.
func ParsePacket(p []byte) (h Header, af AdaptationField, payload []byte, err error) {
	if len(p) < PacketSize || p[0] != SyncByte {
		return h, af, nil, fmt.Errorf("%w: %d bytes", ErrNotPacket, len(p))
	}
	h = ParseHeader(p)
	rest := p[4:PacketSize]
	if h.HasAdaptationField {
		n := int(rest[0])
		if n > len(rest)-1 || (h.HasPayload && n > 182) {
			return h, af, nil, fmt.Errorf("%w: adaptation_field_length %d on PID 0x%04X", ErrAdaptationLength, n, h.PID)
		}
		af.Length = uint8(n)
		if n > 0 {
			flags := rest[1]
			af.DiscontinuityIndicator = flags&0x80 != 0
			af.RandomAccessIndicator = flags&0x40 != 0
			af.ElementaryStreamPriorityIndicator = flags&0x20 != 0
			af.PCRFlag = flags&0x10 != 0
			if af.PCRFlag {
				if n < 7 {
					return h, af, nil, fmt.Errorf("%w: PCR flag set in a %d-byte adaptation field", ErrAdaptationLength, n)
				}
				af.PCR = ParsePCR(rest[2:8])
			}
		}
		rest = rest[1+n:]
	}
	if h.HasPayload {
		payload = rest
	}
	return h, af, payload, nil
}

// ParsePCR decodes the 6 bytes of a PCR field: program_clock_reference_base (33) +
// reserved (6) + extension (9), in 27 MHz units.
func ParsePCR(b []byte) uint64 {
	base := uint64(b[0])<<25 | uint64(b[1])<<17 | uint64(b[2])<<9 | uint64(b[3])<<1 | uint64(b[4])>>7
	ext := uint64(b[4]&1)<<8 | uint64(b[5])
	return base*300 + ext
}

// AppendPCR appends the 6 bytes of a PCR field for pcr (27 MHz units).
func AppendPCR(b []byte, pcr uint64) []byte {
	base, ext := pcr/300, pcr%300
	return append(b, byte(base>>25), byte(base>>17), byte(base>>9), byte(base>>1),
		byte(base<<7)|0x7E|byte(ext>>8), byte(ext))
}

// PCRHz is the system clock frequency.
const PCRHz = 27_000_000

// PCRWrap is where a PCR wraps: the 33-bit base times 300, in 27 MHz units.
const PCRWrap = (1 << 33) * 300

// PCRDelta returns the time from PCR a to PCR b (27 MHz units), across one wrap.
func PCRDelta(a, b uint64) uint64 { return (b + PCRWrap - a) % PCRWrap }
