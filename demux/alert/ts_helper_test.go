package alert

import (
	"testing"

	"github.com/antena-tv/antena/internal/samples"
	"github.com/antena-tv/antena/internal/tstest"
)

// readSample returns a sample file, or skips the test when the folder is absent.
func readSample(t testing.TB, name string) []byte { return samples.Read(t, name) }

// tsSection is a section found in a transport stream, with the index of the packet that
// completed it.
type tsSection struct {
	pkt  int
	data []byte
}

// sectionsFromTS extracts the sections of pid with the product's framer and assembler.
func sectionsFromTS(t testing.TB, ts []byte, pid uint16) []tsSection {
	t.Helper()
	var out []tsSection
	for _, s := range tstest.Sections(ts, pid) {
		out = append(out, tsSection{pkt: s.Packet, data: s.Data})
	}
	return out
}
