package alert

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// samplesDir is the shared sample folder, relative to this package.
const samplesDir = "../../../shared/samples"

// readSample returns a sample file, or skips the test when the folder is absent.
func readSample(t testing.TB, name string) []byte {
	t.Helper()
	path := filepath.Join(samplesDir, name)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("sample %s absent (see shared/samples/README.md): %v", path, err)
	}
	require.NoError(t, err)
	return b
}

// tsSection is a section found in a transport stream, with the index of the packet that
// completed it.
type tsSection struct {
	pkt  int
	data []byte
}

// sectionsFromTS extracts the sections of pid from a 188-byte-packet transport stream:
// sync byte, adaptation field, payload_unit_start_indicator with pointer_field, sections
// spanning packets, several sections per packet, 0xFF stuffing. Continuity counters are
// not checked (the samples have no gaps). A test helper, not the product's assembler.
func sectionsFromTS(t testing.TB, ts []byte, pid uint16) []tsSection {
	t.Helper()
	require.Zero(t, len(ts)%188, "not a whole number of 188-byte packets")
	var out []tsSection
	var buf []byte
	inSection := false
	drain := func(pkt int) {
		for inSection && len(buf) >= 3 {
			if buf[0] == 0xFF { // stuffing: the rest of the payload is padding
				buf, inSection = nil, false
				return
			}
			n := 3 + (int(buf[1]&0x0F)<<8 | int(buf[2]))
			if len(buf) < n {
				return
			}
			out = append(out, tsSection{pkt: pkt, data: append([]byte(nil), buf[:n]...)})
			buf = buf[n:]
		}
	}
	for i := 0; i < len(ts); i += 188 {
		p := ts[i : i+188]
		require.Equal(t, byte(0x47), p[0], "sync byte of packet %d", i/188)
		if uint16(p[1]&0x1F)<<8|uint16(p[2]) != pid {
			continue
		}
		pusi := p[1]&0x40 != 0
		afc := p[3] >> 4 & 3
		payload := p[4:]
		if afc&2 != 0 {
			payload = payload[1+int(payload[0]):]
		}
		if afc&1 == 0 {
			continue
		}
		if !pusi {
			if inSection {
				buf = append(buf, payload...)
				drain(i / 188)
			}
			continue
		}
		ptr := int(payload[0])
		payload = payload[1:]
		require.LessOrEqual(t, ptr, len(payload), "pointer_field of packet %d", i/188)
		if inSection {
			buf = append(buf, payload[:ptr]...)
			drain(i / 188)
		}
		buf, inSection = append([]byte(nil), payload[ptr:]...), true
		drain(i / 188)
	}
	return out
}
