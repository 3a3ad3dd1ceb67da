package dsmcc

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
)

// samplesDir holds the shared real captures (see shared/samples/README.md).
const samplesDir = "../../../shared/samples"

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(samplesDir, name))
	if os.IsNotExist(err) {
		t.Skipf("sample %s not found in %s: skipping", name, samplesDir)
	}
	require.NoError(t, err)
	return b
}

// sectionFunc adapts a function to psi.SectionHandler.
type sectionFunc struct {
	pid     uint16
	section func(pid uint16, sec []byte)
	errs    *int
}

func (h sectionFunc) Section(sec []byte) { h.section(h.pid, sec) }
func (h sectionFunc) SectionError(error) { *h.errs++ }

// tsStats counts what feedTS saw.
type tsStats struct {
	packets, ccBreaks, sectionErrors int
}

// feedTS cuts a transport stream into packets (ts.Framer), rebuilds the sections of the
// PIDs accepted by want (nil: all) with one psi.Assembler per PID, detecting continuity
// breaks from the continuity counters, and hands each section to h.
func feedTS(data []byte, want func(pid uint16) bool, h func(pid uint16, sec []byte)) tsStats {
	var st tsStats
	asm := map[uint16]*psi.Assembler{}
	lastCC := map[uint16]uint8{}
	f := ts.NewFramer(func(pkt []byte) {
		hdr, af, payload, err := ts.ParsePacket(pkt)
		if err != nil || hdr.TransportErrorIndicator || (want != nil && !want(hdr.PID)) {
			return
		}
		st.packets++
		lost := false
		if last, ok := lastCC[hdr.PID]; ok && hdr.HasPayload && !af.DiscontinuityIndicator {
			if hdr.ContinuityCounter == last {
				return // duplicate packet
			}
			lost = hdr.ContinuityCounter != (last+1)&0x0F
		}
		if hdr.HasPayload {
			lastCC[hdr.PID] = hdr.ContinuityCounter
		}
		if lost {
			st.ccBreaks++
		}
		a := asm[hdr.PID]
		if a == nil {
			a = &psi.Assembler{}
			asm[hdr.PID] = a
		}
		a.Feed(payload, hdr.PayloadUnitStartIndicator, lost, sectionFunc{hdr.PID, h, &st.sectionErrors})
	})
	f.Write(data)
	f.Flush()
	return st
}

func onPIDs(pids ...uint16) func(uint16) bool {
	return func(p uint16) bool {
		for _, q := range pids {
			if p == q {
				return true
			}
		}
		return false
	}
}

// readExpectedHashes reads a "sha256  path" list; paths are made fs paths.
func readExpectedHashes(t *testing.T, name string) map[string]string {
	t.Helper()
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(readSample(t, filepath.Join("expected", name))))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		sum, p, ok := strings.Cut(line, "  ")
		require.True(t, ok, line)
		p = strings.TrimPrefix(strings.TrimPrefix(p, "."), "/")
		out[p] = sum
	}
	return out
}

// treeHashes returns the sha256 of every regular file of fsys, by path.
func treeHashes(t *testing.T, fsys fs.FS) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[p] = hex.EncodeToString(sum[:])
		return nil
	})
	require.NoError(t, err)
	return out
}

// carouselPID returns the PID that carries 0x3B sections.
func carouselPID(t *testing.T, data []byte) uint16 {
	t.Helper()
	counts := map[uint16]int{}
	feedTS(data, nil, func(pid uint16, sec []byte) {
		if sec[0] == psi.TableIDDSMCCUNMessage || sec[0] == psi.TableIDDSMCCDDB {
			counts[pid]++
		}
	})
	require.Len(t, counts, 1, "carousel PIDs %v", counts)
	for pid := range counts {
		return pid
	}
	return 0
}
