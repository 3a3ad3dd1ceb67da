//go:build linux

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/hardware/linux"
	"github.com/antena-tv/antena/internal/dvbtext"
)

// scanMux writes a multiplex with a PAT, one PMT, an SDT naming the service and a
// NIT naming the network, three times over.
func scanMux(t *testing.T, tsid, sid, pmtPID uint16, name, network string) string {
	t.Helper()
	pat := psi.PAT{TransportStreamID: tsid, Programs: []psi.PATProgram{{ProgramNumber: sid, PID: pmtPID}}}
	pmt := psi.PMT{ProgramNumber: sid, PCRPID: pmtPID + 1,
		Streams: []psi.PMTStream{{StreamType: 0x1B, ElementaryPID: pmtPID + 1}}}
	n, prov := dvbtext.Encode(name), dvbtext.Encode("Antena")
	sd := append(append([]byte{0x01, byte(len(prov))}, prov...), byte(len(n)))
	sdt := psi.SDT{TransportStreamID: tsid, OriginalNetworkID: 0x0640, Services: []psi.SDTService{{ServiceID: sid,
		RunningStatus: 4, Descriptors: []psi.Descriptor{{Tag: psi.TagService, Data: append(sd, n...)}}}}}
	nit := psi.NIT{NetworkID: 0x0640,
		NetworkDescriptors: []psi.Descriptor{{Tag: psi.TagNetworkName, Data: dvbtext.Encode(network)}}}
	var b []byte
	pk := []*ts.Packetizer{{PID: psi.PIDPAT}, {PID: pmtPID}, {PID: psi.PIDSDT}, {PID: psi.PIDNIT}}
	for range 3 {
		for i, m := range []interface{ Marshal() ([]byte, error) }{&pat, &pmt, &sdt, &nit} {
			sec, err := m.Marshal()
			require.NoError(t, err)
			b = pk[i].AppendSection(b, sec)
		}
	}
	p := filepath.Join(t.TempDir(), "mux.ts")
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}

// simulateAdapter puts a simulated adapter 0 behind antena scan, locking on UHF 14 and 20 of
// the ISDB-Tb plan.
func simulateAdapter(t *testing.T) {
	t.Helper()
	sim, err := linux.NewSimulator(t.TempDir())
	require.NoError(t, err)
	sim.AddChannel(473_142_857, linux.SimChannel{System: hardware.ISDBT, Strength: -51_000, CNR: 21_500,
		Stream: scanMux(t, 0x0641, 0xE760, 0x01F0, "TV Antena HD", "Rede Antena")})
	sim.AddChannel(509_142_857, linux.SimChannel{System: hardware.ISDBT, Strength: -63_000, CNR: 14_000,
		Stream: scanMux(t, 0x0642, 0xE780, 0x0100, "Canal Comunitário", "Rede Antena")})
	orig := scanDevices
	scanDevices = func(adapter, frontend int) linux.AdapterConfig {
		cfg := sim.Config()
		cfg.Adapter, cfg.Frontend = adapter, frontend
		return cfg
	}
	t.Cleanup(func() { scanDevices = orig })
}

func TestScanText(t *testing.T) {
	simulateAdapter(t)
	code, out, errs := run(t, "scan", "--adapter", "0", "--system", "isdbt", "--country", "br",
		"--channels", "14-16,20", "--lock-timeout", "5ms")
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, `channel 14 (473.143 MHz isdbt)  strength -51.0 dB  quality 21.5 dB
  transport stream 0x0641, network 0x0640 "Rede Antena"
  service 59232 (0xE760)  PMT PID 0x01F0  type 0x01  TV Antena HD
channel 20 (509.143 MHz isdbt)  strength -63.0 dB  quality 14.0 dB
  transport stream 0x0642, network 0x0640 "Rede Antena"
  service 59264 (0xE780)  PMT PID 0x0100  type 0x01  Canal Comunitário
2 services on 2 channels
`, out)
	require.Contains(t, errs, "15 (479.143 MHz isdbt): no lock")
	require.Contains(t, errs, "14 (473.143 MHz isdbt): locked, strength -51.0 dB, quality 21.5 dB, 1 service")
}

func TestScanJSON(t *testing.T) {
	simulateAdapter(t)
	code, out, errs := run(t, "scan", "--json", "--channels", "20", "--lock-timeout", "5ms")
	require.Equal(t, exitOK, code, errs)
	var rep scanReport
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	require.Equal(t, "isdbt", rep.System)
	require.Equal(t, "br", rep.Country)
	require.True(t, rep.Complete)
	require.Len(t, rep.Channels, 1)
	ch := rep.Channels[0]
	require.Equal(t, 20, ch.Channel.Number)
	require.Equal(t, uint64(509_142_857), ch.Channel.Frequency)
	require.True(t, ch.Status.Lock)
	require.Equal(t, hardware.Measure{Scale: hardware.ScaleDecibel, Value: -63_000}, ch.Status.Strength)
	require.Equal(t,
		[]hardware.Service{{ID: 0xE780, Name: "Canal Comunitário", Provider: "Antena", Type: 1, PMTPID: 0x0100}},
		ch.Services)
	require.Contains(t, out, `"system": "isdbt"`)
	require.Contains(t, out, `"scale": "decibel"`)

	code, out, _ = run(t, "scan", "--json", "--channels", "15", "--lock-timeout", "5ms")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, `"channels": []`)
}

func TestScanErrors(t *testing.T) {
	simulateAdapter(t)
	code, _, errs := run(t, "scan", "--adapter", "3")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, "no such DVB adapter")
	require.Contains(t, errs, "adapter3")
	for _, args := range [][]string{
		{"--system", "dvbs"}, {"--country", "xx"}, {"--channels", "14-x"}, {"--channels", "70"}, {"extra"},
	} {
		code, _, errs := run(t, append([]string{"scan"}, args...)...)
		require.Equal(t, exitUsage, code, "%v: %s", args, errs)
	}
}
