package psi

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

type recorder struct {
	secs [][]byte
	errs []error
}

func (r *recorder) Section(sec []byte)   { r.secs = append(r.secs, bytes.Clone(sec)) }
func (r *recorder) SectionError(e error) { r.errs = append(r.errs, e) }

func mkSection(t *testing.T, tid uint8, ext uint16, bodyLen int) []byte {
	t.Helper()
	body := make([]byte, bodyLen)
	for i := range body {
		body[i] = byte(i * 7)
	}
	sec, err := AppendLongSection(nil, Header{TableID: tid, TableIDExtension: ext, CurrentNextIndicator: true}, body, MaxSection)
	require.NoError(t, err)
	return sec
}

// payloads splits a stream of sections into 184-byte packet payloads with pointer fields,
// packing sections back to back as real muxers do.
func payloads(secs [][]byte) (out [][]byte, pusi []bool) {
	var stream []byte
	var starts []int
	for _, s := range secs {
		starts = append(starts, len(stream))
		stream = append(stream, s...)
	}
	for off := 0; off < len(stream); {
		// the first section start inside this packet's window, if any
		ptr := -1
		for _, st := range starts {
			if st >= off && st < off+183 {
				ptr = st - off
				break
			}
		}
		var p []byte
		if ptr >= 0 {
			p = append([]byte{byte(ptr)}, stream[off:min(off+183, len(stream))]...)
			off += 183
			pusi = append(pusi, true)
		} else {
			p = append([]byte(nil), stream[off:min(off+184, len(stream))]...)
			off += 184
			pusi = append(pusi, false)
		}
		for len(p) < 184 {
			p = append(p, 0xFF)
		}
		out = append(out, p)
	}
	return out, pusi
}

func TestAssemblerPacking(t *testing.T) {
	secs := [][]byte{mkSection(t, 0x00, 1, 4), mkSection(t, 0x02, 2, 300), mkSection(t, 0x3C, 3, 4000),
		mkSection(t, 0x42, 4, 20), mkSection(t, 0x42, 5, 20), mkSection(t, 0x74, 6, 170)}
	pl, pusi := payloads(secs)
	var a Assembler
	r := &recorder{}
	for i := range pl {
		a.Feed(pl[i], pusi[i], false, r)
	}
	require.Empty(t, r.errs)
	require.Equal(t, secs, r.secs)
}

func TestAssemblerLossDropsPartial(t *testing.T) {
	secs := [][]byte{mkSection(t, 0x02, 1, 400), mkSection(t, 0x02, 2, 10)}
	pl, pusi := payloads(secs)
	var a Assembler
	r := &recorder{}
	a.Feed(pl[0], pusi[0], false, r)
	// packet 1 lost; packet 2 (end of section 1 + start of section 2) arrives with a break
	a.Feed(pl[2], pusi[2], true, r)
	require.ErrorIs(t, r.errs[0], ErrContinuity)
	require.Equal(t, [][]byte{secs[1]}, r.secs)
}

func TestAssemblerCRCAndBadLengths(t *testing.T) {
	sec := mkSection(t, 0x02, 1, 10)
	sec[10] ^= 0xFF
	var a Assembler
	r := &recorder{}
	a.Feed(append([]byte{0}, sec...), true, false, r)
	require.ErrorIs(t, r.errs[0], ErrCRC)
	require.Empty(t, r.secs)

	r = &recorder{}
	a.Feed([]byte{0, 0x02, 0xB7, 0xFF}, true, false, r) // PMT claiming 2047 bytes
	require.ErrorIs(t, r.errs[0], ErrSectionLength)
	r = &recorder{}
	a.Feed([]byte{200, 1, 2}, true, false, r)
	require.ErrorIs(t, r.errs[0], ErrPointerField)
}

func TestAssemblerSplitHeader(t *testing.T) {
	// A section whose 3-byte header straddles two packets.
	sec := mkSection(t, 0x40, 9, 100)
	var a Assembler
	r := &recorder{}
	first := append([]byte{182}, make([]byte, 182)...) // pointer past filler of a previous section
	first = append(first, sec[:1]...)
	// the previous section's tail is not known (no partial active): bytes before the
	// pointer are skipped
	a.Feed(first, true, false, r)
	a.Feed(sec[1:], false, false, r)
	require.Empty(t, r.errs)
	require.Equal(t, [][]byte{sec}, r.secs)
}

func TestAssemblerNoAllocs(t *testing.T) {
	secs := [][]byte{mkSection(t, 0x02, 1, 300), mkSection(t, 0x42, 2, 20)}
	pl, pusi := payloads(secs)
	var a Assembler
	h := nopHandler{}
	for i := range pl {
		a.Feed(pl[i], pusi[i], false, h)
	}
	require.Zero(t, testing.AllocsPerRun(100, func() {
		for i := range pl {
			a.Feed(pl[i], pusi[i], false, h)
		}
	}))
}

type nopHandler struct{}

func (nopHandler) Section([]byte)     {}
func (nopHandler) SectionError(error) {}

func FuzzAssembler(f *testing.F) {
	f.Add([]byte{0, 0x00, 0xB0, 0x0D, 0, 1, 0xC1, 0, 0, 0, 1, 0xE1, 0, 0, 0, 0, 0}, true, false)
	f.Add([]byte{5, 1, 2, 3, 4, 5, 0x02, 0xB0, 0x05}, true, true)
	f.Fuzz(func(t *testing.T, p []byte, pusi, lost bool) {
		var a Assembler
		h := nopHandler{}
		a.Feed(p, pusi, lost, h)
		a.Feed(p, false, false, h)
		a.Feed(p, pusi, false, h)
	})
}
