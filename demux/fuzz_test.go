package demux

import (
	"testing"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/samples"
)

// FuzzDemuxer feeds arbitrary bytes, in arbitrary chunks, through the whole pipeline:
// framing, sections, tables, AIT and alerts. Nothing may panic.
func FuzzDemuxer(f *testing.F) {
	for _, name := range []string{"synthetic_isdb_ewbs_0xFC.ts", "tsduck_test-050.eas1_scte18.ts",
		"tsduck_test-032.1_irt_hbbtv_streamevents.ts"} {
		if d, ok := samples.Lookup(name); ok {
			f.Add(d, uint16(188))
		}
	}
	f.Add(genMux(f, 50*188), uint16(1000))
	f.Fuzz(func(t *testing.T, b []byte, chunk uint16) {
		c := int(chunk%4096) + 1
		d := New(Handlers{
			PAT:     func(Info, *psi.PAT) {},
			PMT:     func(Info, *psi.PMT) {},
			AIT:     func(Info, *ait.Table) {},
			Alert:   func(Info, alert.Event) {},
			Section: func(Info, []byte, bool) {},
		}, Options{Sniff: true})
		for len(b) > 0 {
			k := min(c, len(b))
			_, _ = d.Write(b[:k])
			b = b[k:]
		}
		d.Flush()
	})
}
