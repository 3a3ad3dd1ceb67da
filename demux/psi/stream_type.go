package psi

import "fmt"

// StreamTypeName names a PMT stream_type.
// Specification: ISO/IEC 13818-1 table 2-34; ATSC A/53; ABNT NBR 15603.
func StreamTypeName(t uint8) string {
	if n, ok := streamTypeNames[t]; ok {
		return n
	}
	if t >= 0x80 {
		return fmt.Sprintf("user private 0x%02X", t)
	}
	return fmt.Sprintf("reserved 0x%02X", t)
}

var streamTypeNames = map[uint8]string{
	0x01: "MPEG-1 video", 0x02: "MPEG-2 video", 0x03: "MPEG-1 audio", 0x04: "MPEG-2 audio",
	0x05: "private sections", 0x06: "PES private data", 0x07: "MHEG", 0x08: "DSM-CC (13818-1 Annex A)",
	0x09: "ITU-T H.222.1", 0x0A: "DSM-CC multiprotocol encapsulation", 0x0B: "DSM-CC U-N messages (carousel)",
	0x0C: "DSM-CC stream descriptors (stream events)", 0x0D: "DSM-CC sections", 0x0E: "auxiliary",
	0x0F: "AAC audio (ADTS)", 0x10: "MPEG-4 video", 0x11: "AAC audio (LATM)", 0x12: "MPEG-4 SL in PES",
	0x13: "MPEG-4 SL in sections", 0x14: "DSM-CC synchronized download", 0x15: "metadata in PES",
	0x1B: "H.264/AVC video", 0x1C: "MPEG-4 audio", 0x24: "H.265/HEVC video", 0x42: "AVS video",
	0x81: "AC-3 audio (ATSC)", 0x86: "SCTE-35 splice info", 0x87: "E-AC-3 audio (ATSC)",
	0xEA: "VC-1 video",
}
