package demux

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync"
	"testing"

	"github.com/asticode/go-astits"

	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
)

// The demux benchmarks run on the same generated mux (tsgen: 30 Mbit/s timing, 90% video
// with PCR, audio, PAT/PMT every 100 ms, 1 Mbit/s of 1-4 KB DSM-CC sections, null packets):
// ours, go-astits's own NextData loop, and a plain copy of the bytes (the floor).

var (
	benchOnce sync.Once
	benchData []byte
)

const benchSize = 64 << 20

func benchMux(b *testing.B) []byte {
	benchOnce.Do(func() { benchData = genMux(b, benchSize) })
	return benchData
}

func BenchmarkDemuxer(b *testing.B) {
	data := benchMux(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var sections int
		d := New(Handlers{Section: func(Info, []byte, bool) { sections++ }}, Options{Sniff: true})
		_, _ = d.ReadFromSize(bytes.NewReader(data), LiveChunk)
		if sections == 0 {
			b.Fatal("no sections")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(data)/188), "ns/packet")
}

func BenchmarkAstitsNextData(b *testing.B) {
	data := benchMux(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		dmx := astits.NewDemuxer(context.Background(), bytes.NewReader(data))
		for {
			_, err := dmx.NextData()
			if errors.Is(err, astits.ErrNoMorePackets) || errors.Is(err, io.EOF) {
				break
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(data)/188), "ns/packet")
}

func BenchmarkPlainCopy(b *testing.B) {
	data := benchMux(b)
	b.SetBytes(int64(len(data)))
	buf := make([]byte, LiveChunk)
	for b.Loop() {
		r := bytes.NewReader(data)
		for {
			if _, err := r.Read(buf); err != nil {
				break
			}
		}
	}
}

// BenchmarkAlertLatency measures the emergency path: one Write of the packet that completes
// a PMT section whose emergency_information_descriptor starts or ends a warning, up to the
// return of the Alert handler, which runs inside that Write. ns/op is the latency in CPU
// time; the benchmark fails if any Write does not raise its alert.
func BenchmarkAlertLatency(b *testing.B) {
	const versions = 32
	var pkts [][]byte
	pat := psi.PAT{TransportStreamID: 1, Programs: []psi.PATProgram{{ProgramNumber: 0xE760, PID: 0x1F0}}}
	patSec, _ := pat.Marshal()
	tsw := ts.Packetizer{PID: 0}
	var prelude []byte
	for range 4 { // enough packets for the framer to lock
		prelude = tsw.AppendSection(prelude, patSec)
	}
	pw := ts.Packetizer{PID: 0x1F0}
	for v := 0; v < versions; v++ {
		flag := byte(0xBF) // start_end_flag 1, signal_level 0
		if v%2 == 1 {
			flag = 0x3F // end
		}
		pmt := psi.PMT{ProgramNumber: 0xE760, VersionNumber: uint8(v), PCRPID: 0x111,
			ProgramInfo: []psi.Descriptor{{Tag: psi.TagEmergencyInformation, Data: []byte{0xE7, 0x60, flag, 2, 0x5A, 0x5F}}},
			Streams:     []psi.PMTStream{{StreamType: 0x1B, ElementaryPID: 0x111}}}
		sec, _ := pmt.Marshal()
		pkts = append(pkts, pw.AppendSection(nil, sec))
	}
	raised := 0
	d := New(Handlers{Alert: func(Info, alert.Event) { raised++ }}, Options{})
	_, _ = d.Write(prelude)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		before := raised
		_, _ = d.Write(pkts[i%versions])
		if raised != before+1 {
			b.Fatalf("write %d raised %d alerts", i, raised-before)
		}
		i++
	}
}
