package ait

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
)

// samplesDir holds the shared real transport streams, relative to this package.
const samplesDir = "../../../shared/samples"

// readSample returns a file of the shared samples, or skips the test when the folder is absent.
func readSample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(samplesDir, name))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("sample %s not found under %s (the shared samples are not beside this checkout)", name, samplesDir)
	}
	require.NoError(t, err)
	return b
}

const (
	tsPacketLen = 188
	tsSync      = 0x47
)

// tsSections returns, in order of arrival, every whole section with a good CRC carried on pid
// (repetitions included). It is a small private section assembler for tests: 188-byte
// packets, PID filter, adaptation field, pointer_field, sections spanning packets and several
// sections per packet, 0xFF stuffing, duplicate packets and continuity errors.
// The shared assembler of package psi will replace it.
func tsSections(t testing.TB, ts []byte, pid uint16) [][]byte {
	t.Helper()
	var (
		out     [][]byte
		buf     []byte
		synced  bool // inside a section stream (seen a payload_unit_start)
		lastCC  = -1
		badCRCs int
	)
	emit := func() {
		for len(buf) > 0 {
			if buf[0] == psi.TableIDStuffing {
				buf, synced = buf[:0], false // the rest of the packet is stuffing
				return
			}
			if len(buf) < 3 {
				return
			}
			n := 3 + (int(buf[1]&0x0F)<<8 | int(buf[2]))
			if len(buf) < n {
				return
			}
			if psi.CheckCRC(buf[:n]) == nil {
				out = append(out, append([]byte(nil), buf[:n]...))
			} else {
				badCRCs++
			}
			buf = buf[n:]
		}
	}
	for off := 0; off+tsPacketLen <= len(ts); off += tsPacketLen {
		p := ts[off : off+tsPacketLen]
		if p[0] != tsSync || p[1]&0x80 != 0 { // lost sync or transport_error_indicator
			buf, synced = buf[:0], false
			continue
		}
		if uint16(p[1]&0x1F)<<8|uint16(p[2]) != pid {
			continue
		}
		afc, cc := p[3]>>4&0x3, int(p[3]&0x0F)
		payload := p[4:]
		if afc&0x2 != 0 {
			if n := int(payload[0]); 1+n <= len(payload) {
				payload = payload[1+n:]
			} else {
				continue
			}
		}
		if afc&0x1 == 0 {
			continue
		}
		if cc == lastCC {
			continue // duplicate packet
		}
		if lastCC >= 0 && cc != (lastCC+1)&0x0F {
			buf, synced = buf[:0], false
		}
		lastCC = cc
		if p[1]&0x40 != 0 { // payload_unit_start_indicator: pointer_field first
			ptr := int(payload[0])
			payload = payload[1:]
			if ptr > len(payload) {
				buf, synced = buf[:0], false
				continue
			}
			if synced {
				buf = append(buf, payload[:ptr]...)
				emit()
			}
			buf, synced = append(buf[:0], payload[ptr:]...), true
			emit()
			continue
		}
		if synced {
			buf = append(buf, payload...)
			emit()
		}
	}
	if badCRCs > 0 {
		t.Logf("PID 0x%04X: %d section(s) with a bad CRC dropped", pid, badCRCs)
	}
	return out
}

// tsPacket builds one TS packet for the helper's own test.
func tsPacket(pid uint16, pusi bool, cc uint8, payload []byte) []byte {
	p := make([]byte, tsPacketLen)
	for i := range p {
		p[i] = 0xFF
	}
	p[0], p[1], p[2], p[3] = tsSync, byte(pid>>8)&0x1F, byte(pid), 0x10|cc&0x0F
	if pusi {
		p[1] |= 0x40
	}
	copy(p[4:], payload)
	return p
}

func TestTSSectionsHelper(t *testing.T) {
	s1 := mustMarshal(t, &casesSection[0].sec)
	s2 := mustMarshal(t, &casesSection[1].sec)
	big := mustMarshal(t, &casesSection[len(casesSection)-1].sec)
	require.Greater(t, len(big), 2*tsPacketLen)
	var ts []byte
	// Two sections in one packet, then stuffing.
	ts = append(ts, tsPacket(0x100, true, 0, append(append([]byte{0}, s1...), s2...))...)
	// A packet of another PID.
	ts = append(ts, tsPacket(0x200, true, 0, []byte{0, 0x74})...)
	// A section spanning packets: its first 183 bytes, then 184 per packet, sent twice once
	// (a duplicate packet, same continuity_counter, is ignored).
	cc := uint8(1)
	first := tsPacket(0x100, true, cc, append([]byte{0}, big[:183]...))
	ts = append(ts, first...)
	ts = append(ts, first...)
	rest := big[183:]
	for len(rest) > 184 {
		cc++
		ts = append(ts, tsPacket(0x100, false, cc, rest[:184])...)
		rest = rest[184:]
	}
	require.Less(t, 1+len(rest)+len(s1), 184)
	// Its last bytes, then s1 starting in the same packet (pointer_field = tail length).
	cc++
	ts = append(ts, tsPacket(0x100, true, cc, append(append([]byte{byte(len(rest))}, rest...), s1...))...)
	// A continuity error drops a partial section.
	cc++
	ts = append(ts, tsPacket(0x100, true, cc, append([]byte{0}, big[:183]...))...)
	ts = append(ts, tsPacket(0x100, false, cc+2, big[183:183+184])...)
	got := tsSections(t, ts, 0x100)
	require.Equal(t, [][]byte{s1, s2, big, s1}, got)
}
