package alert

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/samples"
)

func FuzzEmergencyInformation(f *testing.F) {
	for _, c := range casesEmergencyInformation {
		f.Add(c.data)
	}
	f.Add([]byte{0xE7, 0x60, 0xBF, 0x03, 0x5A, 0x5F, 0x15})
	f.Add([]byte{0xE7, 0x60, 0xBF})
	f.Fuzz(func(t *testing.T, data []byte) {
		var d EmergencyInformationDescriptor
		if d.Unmarshal(data) != nil {
			return
		}
		b, err := d.Marshal()
		require.NoError(t, err)
		require.Len(t, b, len(data))
		var d2 EmergencyInformationDescriptor
		require.NoError(t, d2.Unmarshal(b))
		require.Equal(t, d, d2)

		// The loop form agrees with the descriptor form.
		infos, err := AppendEmergencyInformation(nil, psi.AppendDescriptor(nil, DescriptorTagEmergencyInformation, data))
		require.NoError(t, err)
		require.Equal(t, d.Infos, infos)

		// The Tracker takes anything that decodes, twice without a change the second time.
		var tr Tracker
		src := Source{Table: TablePMT, ID: 1, PID: 0x100}
		tr.ObserveISDB(src, d.Infos)
		require.Empty(t, tr.ObserveISDB(src, d.Infos))
	})
}

func FuzzCableEmergencyAlert(f *testing.F) {
	for _, c := range casesCableEmergencyAlert {
		f.Add(c.sec)
	}
	for _, s := range easSamples { // the real sections, when the samples are there
		if ts, ok := samples.Lookup(s.file); ok {
			for _, sec := range sectionsFromTS(f, ts, s.pid) {
				f.Add(sec.data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, sec []byte) {
		var c CableEmergencyAlert
		if c.Unmarshal(sec) != nil {
			return
		}
		b, err := c.Marshal()
		require.NoError(t, err)
		require.NoError(t, psi.CheckCRC(b))
		var c2 CableEmergencyAlert
		require.NoError(t, c2.Unmarshal(b))
		require.Equal(t, c, c2)

		// Decoding into a value that held another section gives the same result.
		var r CableEmergencyAlert
		require.NoError(t, r.Unmarshal(casesCableEmergencyAlert[0].sec))
		require.NoError(t, r.Unmarshal(sec))
		rb, err := r.Marshal()
		require.NoError(t, err)
		require.Equal(t, b, rb)
		pairs := [][2][]LangString{{c.NatureOfActivationText, r.NatureOfActivationText}, {c.AlertText, r.AlertText}}
		for _, p := range pairs {
			require.Len(t, p[1], len(p[0]))
			for i := range p[0] {
				require.Equal(t, p[0][i].Text, p[1][i].Text)
				require.Equal(t, p[0][i].Undecoded, p[1][i].Undecoded)
			}
		}

		var tr Tracker
		tr.AcceptTests = true
		require.Len(t, tr.ObserveSCTE18(&c, 0), 1)
		require.Empty(t, tr.ObserveSCTE18(&c2, 0))
	})
}
