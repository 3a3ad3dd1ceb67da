package demux

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/asticode/go-astits"
	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/samples"
	"github.com/antena-tv/antena/internal/tsgen"
)

func genMux(t testing.TB, size int64) []byte {
	t.Helper()
	var b bytes.Buffer
	_, err := tsgen.New(tsgen.Config{Seed: 1}).WriteTo(&b, size)
	require.NoError(t, err)
	return b.Bytes()
}

func TestDemuxerGeneratedMux(t *testing.T) {
	data := genMux(t, 4<<20)
	var pats, pmts, dataSecs int
	d := New(Handlers{
		PAT: func(Info, *psi.PAT) { pats++ },
		PMT: func(i Info, p *psi.PMT) {
			pmts++
			require.Equal(t, uint16(tsgen.PMTPID), i.PID)
			require.Len(t, p.Streams, 3)
		},
		Section: func(i Info, sec []byte, repeat bool) {
			if i.PID == tsgen.DataPID {
				dataSecs++
			}
		},
		DecodeError: func(_ Info, err error) { t.Fatalf("decode error: %v", err) },
	}, Options{})
	_, err := d.ReadFromSize(bytes.NewReader(data), 7000)
	require.NoError(t, err)
	require.Equal(t, 1, pats, "a PAT repeated unchanged is reported once")
	require.Equal(t, 1, pmts)
	require.Greater(t, dataSecs, 30)
	st := d.Stats()
	require.Equal(t, int64(len(data)/188), st.Packets)
	require.Zero(t, st.CCErrors)
	require.Equal(t, KindDSMCC, d.Kind(tsgen.DataPID))
	require.Equal(t, KindPES, d.Kind(tsgen.VideoPID))
	require.Greater(t, d.PIDStats(tsgen.VideoPID).PCRs, int64(10))
}

func TestDemuxerZeroAllocsSteadyState(t *testing.T) {
	// A small carousel, so that its first cycle (acquisition, which allocates the modules)
	// is over before the measurement.
	var b bytes.Buffer
	_, err := tsgen.New(tsgen.Config{Seed: 1, CarouselFiles: 3}).WriteTo(&b, 12<<20)
	require.NoError(t, err)
	data := b.Bytes()
	complete := false
	d := New(Handlers{
		DecodeError: func(_ Info, err error) { t.Fatal(err) },
		Carousel:    func(_ Info, e CarouselEvent) { complete = complete || e.Kind == dsmcc.EventCarouselComplete },
	}, Options{Sniff: true})
	_, _ = d.Write(data[:5<<20]) // warm up: tables, assemblers, the carousel's first cycle
	require.True(t, complete, "the carousel completes during the warm-up")
	off := 5 << 20
	allocs := testing.AllocsPerRun(20, func() {
		for k := 0; k < 20; k++ {
			_, _ = d.Write(data[off : off+LiveChunk])
			off += LiveChunk
		}
	})
	require.Zero(t, allocs)
}

func TestDemuxerContinuityAndDiscontinuity(t *testing.T) {
	data := genMux(t, 200*188)
	// drop one packet of the data PID
	var out []byte
	dropped := false
	for off := 0; off < len(data); off += 188 {
		p := data[off : off+188]
		if !dropped && off > 100*188 && (uint16(p[1]&0x1F)<<8|uint16(p[2])) == tsgen.DataPID {
			dropped = true
			continue
		}
		out = append(out, p...)
	}
	var errs []error
	d := New(Handlers{DecodeError: func(_ Info, err error) { errs = append(errs, err) }}, Options{})
	_, _ = d.Write(out)
	require.Equal(t, int64(1), d.PIDStats(tsgen.DataPID).CCErrors)
	require.NotEmpty(t, errs)
}

// The PAT and PMTs of real captures decode to what go-astits decodes from the same bytes.
func TestDemuxerMatchesAstitsOnSamples(t *testing.T) {
	for _, name := range []string{"tsduck_test-108_rai_dvbt_ait_oc_ste.ts", "tsduck_test-018_mediaset_ait.ts", "opencaster_mhp_tutorial.ts"} {
		t.Run(name, func(t *testing.T) {
			data := samples.Read(t, name)
			ours := map[uint16]string{}
			var sdtNames int
			d := New(Handlers{
				PMT: func(_ Info, p *psi.PMT) {
					var b bytes.Buffer
					for _, s := range p.Streams {
						b.WriteString(string(rune(s.StreamType)))
						b.WriteString(string(rune(s.ElementaryPID)))
					}
					ours[p.ProgramNumber] = b.String()
				},
				SDT: func(_ Info, s *psi.SDT) { sdtNames += len(s.Services) },
			}, Options{})
			_, _ = d.Write(data)
			d.Flush()

			theirs := map[uint16]string{}
			dmx := astits.NewDemuxer(context.Background(), bytes.NewReader(data))
			for {
				dd, err := dmx.NextData()
				if errors.Is(err, astits.ErrNoMorePackets) || errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					continue
				}
				if dd.PMT != nil {
					var b bytes.Buffer
					for _, s := range dd.PMT.ElementaryStreams {
						b.WriteString(string(rune(s.StreamType)))
						b.WriteString(string(rune(s.ElementaryPID)))
					}
					theirs[dd.PMT.ProgramNumber] = b.String()
				}
			}
			require.NotEmpty(t, ours)
			require.Equal(t, theirs, ours)
		})
	}
}
