package linux

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
	"github.com/antena-tv/antena/internal/dvbtext"
)

// testService is a service of a test multiplex.
type testService struct {
	id     uint16
	pmtPID uint16
	name   string
	typ    uint8
}

// writeMux writes a transport stream with a PAT, a PMT a service, an SDT and a NIT,
// repeated reps times, with null packets between, and returns its path.
func writeMux(t *testing.T, tsid, nid uint16, network string, svcs []testService, reps int) string {
	t.Helper()
	pat := psi.PAT{TransportStreamID: tsid, Programs: []psi.PATProgram{{ProgramNumber: 0, PID: psi.PIDNIT}}}
	sdt := psi.SDT{TransportStreamID: tsid, OriginalNetworkID: nid}
	var pmts [][]byte
	for _, s := range svcs {
		pat.Programs = append(pat.Programs, psi.PATProgram{ProgramNumber: s.id, PID: s.pmtPID})
		pmt := psi.PMT{ProgramNumber: s.id, PCRPID: s.pmtPID + 1,
			Streams: []psi.PMTStream{{StreamType: 0x1B, ElementaryPID: s.pmtPID + 1}}}
		sec, err := pmt.Marshal()
		require.NoError(t, err)
		pmts = append(pmts, sec)
		name, prov := dvbtext.Encode(s.name), dvbtext.Encode("Antena")
		sd := append([]byte{s.typ, byte(len(prov))}, prov...)
		sd = append(append(sd, byte(len(name))), name...)
		sdt.Services = append(sdt.Services, psi.SDTService{ServiceID: s.id, RunningStatus: 4,
			Descriptors: []psi.Descriptor{{Tag: psi.TagService, Data: sd}}})
	}
	nit := psi.NIT{NetworkID: nid,
		NetworkDescriptors: []psi.Descriptor{{Tag: psi.TagNetworkName, Data: dvbtext.Encode(network)}},
		TransportStreams:   []psi.NITTransportStream{{TransportStreamID: tsid, OriginalNetworkID: nid}}}
	patSec, err := pat.Marshal()
	require.NoError(t, err)
	sdtSec, err := sdt.Marshal()
	require.NoError(t, err)
	nitSec, err := nit.Marshal()
	require.NoError(t, err)
	pk := map[uint16]*ts.Packetizer{}
	packetizer := func(pid uint16) *ts.Packetizer {
		if pk[pid] == nil {
			pk[pid] = &ts.Packetizer{PID: pid}
		}
		return pk[pid]
	}
	var b []byte
	null := make([]byte, ts.PacketSize)
	null[0], null[1], null[2], null[3] = ts.SyncByte, 0x1F, 0xFF, 0x10
	for range reps {
		b = packetizer(psi.PIDPAT).AppendSection(b, patSec)
		for i, s := range svcs {
			b = packetizer(s.pmtPID).AppendSection(b, pmts[i])
		}
		b = packetizer(psi.PIDSDT).AppendSection(b, sdtSec)
		b = packetizer(psi.PIDNIT).AppendSection(b, nitSec)
		for range 200 {
			b = append(b, null...)
		}
	}
	p := filepath.Join(t.TempDir(), "mux.ts")
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}
