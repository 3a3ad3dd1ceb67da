package alert

import (
	"testing"

	"github.com/antena-tv/antena/demux/psi"
)

// easLike returns a section shaped like tsduck_test-050.eas1 (one English nature text,
// 2 locations, 30 out-of-band exceptions), built without the sample file.
func easLike(b *testing.B) []byte {
	b.Helper()
	c := CableEmergencyAlert{
		SequenceNumber: 6, EASEventID: 0x0A75, EASOriginatorCode: "EAS", EASEventCode: "RWT",
		NatureOfActivationText:    []LangString{{Lang: "eng", Text: "REQUIRED WEEKLY TEST"}},
		AlertMessageTimeRemaining: 34, EventDuration: 15, AlertPriority: 15, DetailsOOBSourceID: 0x2613,
		Locations: []LocationCode{{StateCode: 42, CountyCode: 91}, {StateCode: 42, CountyCode: 101}},
	}
	for i := range 30 {
		c.Exceptions = append(c.Exceptions, Exception{OOBSourceID: uint16(0x1200 + i)})
	}
	sec, err := c.Marshal()
	if err != nil {
		b.Fatal(err)
	}
	return sec
}

func BenchmarkCableEmergencyAlertUnmarshal(b *testing.B) {
	sec := easLike(b)
	b.Run("reused", func(b *testing.B) {
		var c CableEmergencyAlert
		b.ReportAllocs()
		b.SetBytes(int64(len(sec)))
		for b.Loop() {
			if err := c.Unmarshal(sec); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("fresh", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(sec)))
		for b.Loop() {
			var c CableEmergencyAlert
			if err := c.Unmarshal(sec); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkAppendEmergencyInformation(b *testing.B) {
	loop := psi.AppendDescriptor(nil, DescriptorTagEmergencyInformation, casesEmergencyInformation[0].data)
	var infos []EmergencyInformation
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if infos, err = AppendEmergencyInformation(infos[:0], loop); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkObserveISDBUnchanged is the steady state: a source re-observed with the same
// warning (the Demuxer only calls on new versions, so this is the worst case of a repeat).
func BenchmarkObserveISDBUnchanged(b *testing.B) {
	var tr Tracker
	infos := []EmergencyInformation{info(0xE760, true, SignalLevelFirstKind, 0x5A5, 0x15A, 0xD27)}
	tr.ObserveISDB(pmtE760, infos)
	tr.ObserveISDB(nit7FE0, infos)
	b.ReportAllocs()
	for b.Loop() {
		if len(tr.ObserveISDB(pmtE760, infos)) != 0 {
			b.Fatal("event")
		}
	}
}

func BenchmarkObserveSCTE18Repeat(b *testing.B) {
	var c CableEmergencyAlert
	if err := c.Unmarshal(easLike(b)); err != nil {
		b.Fatal(err)
	}
	var tr Tracker
	tr.ObserveSCTE18(&c, 0)
	b.ReportAllocs()
	for b.Loop() {
		if len(tr.ObserveSCTE18(&c, 1)) != 0 {
			b.Fatal("event")
		}
	}
}
