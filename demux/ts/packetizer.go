package ts

// Packetizer cuts sections into the packets of one PID, as writers (`antena mux`, test
// fixtures) need: each section starts a packet with payload_unit_start_indicator set and
// pointer_field 0, continues in as many packets as it takes, and the last packet is filled
// with 0xFF stuffing. Continuity counters run on from packet to packet.
type Packetizer struct {
	PID uint16
	CC  uint8 // continuity_counter of the next packet
}

// AppendSection appends the packets that carry sec to dst.
func (p *Packetizer) AppendSection(dst []byte, sec []byte) []byte {
	first := true
	for first || len(sec) > 0 {
		var pkt [PacketSize]byte
		pkt[0] = SyncByte
		pkt[1] = byte(p.PID>>8) & pidHighMask
		pkt[2] = byte(p.PID)
		pkt[3] = payloadMask | p.CC&ccMask
		p.CC = (p.CC + 1) & ccMask
		body := pkt[4:]
		if first {
			pkt[1] |= pusiMask
			body[0] = 0 // pointer_field
			body = body[1:]
			first = false
		}
		k := copy(body, sec)
		sec = sec[k:]
		for i := k; i < len(body); i++ {
			body[i] = 0xFF
		}
		dst = append(dst, pkt[:]...)
	}
	return dst
}

// AppendPayload appends one packet with the given flags and payload (at most 184 bytes;
// a shorter payload is preceded by an adaptation field of stuffing so the packet is whole).
// With pcr >= 0 the adaptation field carries that PCR.
func (p *Packetizer) AppendPayload(dst []byte, pusi bool, payload []byte, pcr int64) []byte {
	var pkt [PacketSize]byte
	pkt[0] = SyncByte
	pkt[1] = byte(p.PID>>8) & pidHighMask
	if pusi {
		pkt[1] |= pusiMask
	}
	pkt[2] = byte(p.PID)
	ctrl := byte(0)
	if len(payload) > 0 {
		ctrl |= payloadMask
	}
	afLen := 0
	if pcr >= 0 || len(payload) < PacketSize-4 {
		ctrl |= afMask
		afLen = PacketSize - 4 - 1 - len(payload)
	}
	pkt[3] = ctrl | p.CC&ccMask
	if len(payload) > 0 {
		p.CC = (p.CC + 1) & ccMask
	}
	off := 4
	if ctrl&afMask != 0 {
		pkt[4] = byte(afLen)
		if afLen > 0 {
			flags := byte(0)
			fill := pkt[6 : 5+afLen]
			if pcr >= 0 {
				flags |= 0x10
				AppendPCR(pkt[6:6], uint64(pcr))
				fill = pkt[12 : 5+afLen]
			}
			pkt[5] = flags
			for i := range fill {
				fill[i] = 0xFF
			}
		}
		off = 5 + afLen
	}
	copy(pkt[off:], payload)
	return append(dst, pkt[:]...)
}
