package dsmcc

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/samples"
	"github.com/antena-tv/antena/internal/tstest"
)

func readSample(t testing.TB, name string) []byte { return samples.Read(t, name) }

type tsStats = tstest.Stats

// feedTS hands the sections of the PIDs that want accepts (nil: all) to h.
func feedTS(data []byte, want func(pid uint16) bool, h func(pid uint16, sec []byte)) tsStats {
	return tstest.Walk(data, want, func(s tstest.Section) { h(s.PID, s.Data) })
}

var onPIDs = tstest.OnPIDs

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
