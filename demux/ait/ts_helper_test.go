package ait

import (
	"testing"

	"github.com/antena-tv/antena/internal/samples"
	"github.com/antena-tv/antena/internal/tstest"
)

// readSample returns a file of the shared samples, or skips the test when they are absent.
func readSample(t testing.TB, name string) []byte { return samples.Read(t, name) }

// tsSections returns, in order of arrival, every whole section with a good CRC carried on
// pid (repetitions included), read with the product's framer and assembler.
func tsSections(t testing.TB, ts []byte, pid uint16) [][]byte {
	t.Helper()
	var out [][]byte
	for _, s := range tstest.Sections(ts, pid) {
		out = append(out, s.Data)
	}
	return out
}
