package mux

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/tsgen"
)

// TestRateAccuracy reports how close the rates are to what was asked.
//
// In the stream: over ten minutes of stream time, the carousel PID's rate measured by the
// PCR against --carousel-rate, and the whole stream's against --mux-rate (asserted: the
// timing is arithmetic, so it must be within 0.5%).
//
// On the wire: a real-time run (as to udp://) for ANTENA_PACE_SECONDS (default 2) of wall
// time, bytes written per wall second against the mux rate, and how late the writes were
// against their schedule. Reported only: wall time on a shared machine is not a test.
func TestRateAccuracy(t *testing.T) {
	fsys := genFolder(31, 40, 3, func(r *rand.Rand) int { return r.IntN(50_000) })
	const carouselRate, muxRate = 2_000_000, 3_000_000
	m, err := New(Config{FS: fsys, CarouselRate: carouselRate, MuxRate: muxRate, Duration: 10 * time.Minute})
	require.NoError(t, err)
	pid := m.Service().CarouselPID
	cw := &countingWriter{pid: pid}
	sum, err := m.Run(context.Background(), cw, RunOptions{ChunkPackets: 64})
	require.NoError(t, err)
	d := time.Duration(float64(cw.lastPCR-cw.firstPCR) / 27e6 * float64(time.Second))
	// Count the packets between the first and the last PCR.
	gotCarousel := float64(cw.carousel*188*8) / d.Seconds()
	gotMux := float64(cw.packets*188*8) / d.Seconds()
	t.Logf("stream: %v by PCR; carousel %.0f bit/s for %d (%+.3f%%); mux %.0f bit/s for %d (%+.3f%%); %d cycles of %v",
		d.Round(time.Millisecond), gotCarousel, carouselRate, 100*(gotCarousel/carouselRate-1), gotMux, muxRate,
		100*(gotMux/muxRate-1), sum.Cycles, sum.CycleTime)
	require.InEpsilon(t, carouselRate, gotCarousel, 0.005)
	require.InEpsilon(t, muxRate, gotMux, 0.005)

	if testing.Short() {
		t.Skip("wall-clock pacing skipped in -short")
	}
	secs := 2.0
	if s, err := strconv.ParseFloat(os.Getenv("ANTENA_PACE_SECONDS"), 64); err == nil && s > 0 {
		secs = s
	}
	m, err = New(Config{FS: fsys, CarouselRate: carouselRate, MuxRate: muxRate, Forever: true})
	require.NoError(t, err)
	w := &pacedWriter{rate: muxRate}
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(secs*float64(time.Second)))
	defer cancel()
	_, err = m.Run(ctx, w, RunOptions{Realtime: true})
	require.NoError(t, err)
	w.mu.Lock()
	defer w.mu.Unlock()
	el := w.last.Sub(w.start).Seconds()
	got := float64(w.bytes-w.lastLen) * 8 / el
	t.Logf("wall: %.2f s, %d datagrams, %.0f bit/s for %d (%+.3f%%); writes late by at most %v (mean %v)",
		el, w.writes, got, muxRate, 100*(got/muxRate-1), w.maxLate.Round(time.Microsecond),
		(w.sumLate / time.Duration(max(w.writes, 1))).Round(time.Microsecond))
}

// countingWriter counts, between the first and the last PCR of the carousel PID, the
// packets of the stream and the payload packets of the carousel PID.
type countingWriter struct {
	pid                     uint16
	firstPCR, lastPCR       uint64
	havePCR                 bool
	packets, carousel       int64
	pendPackets, pendCarous int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	for off := 0; off < len(b); off += 188 {
		p := b[off : off+188]
		pid := uint16(p[1]&0x1F)<<8 | uint16(p[2])
		if pcr, ok := packetPCR(p); ok && pid == w.pid {
			if !w.havePCR {
				w.firstPCR, w.havePCR = pcr, true
			} else {
				w.lastPCR = pcr
				w.packets += w.pendPackets
				w.carousel += w.pendCarous
			}
			w.pendPackets, w.pendCarous = 0, 0
		}
		if !w.havePCR {
			continue
		}
		w.pendPackets++
		if pid == w.pid && p[3]&0x10 != 0 {
			w.pendCarous++
		}
	}
	return len(b), nil
}

// pacedWriter records when each write comes against the schedule of its first byte, from
// the first write.
type pacedWriter struct {
	mu               sync.Mutex
	start, last      time.Time
	rate             int64
	bytes, lastLen   int64
	writes           int
	maxLate, sumLate time.Duration
}

func (w *pacedWriter) Write(b []byte) (int, error) {
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.writes == 0 {
		w.start = now
	}
	due := w.start.Add(time.Duration(float64(w.bytes*8) / float64(w.rate) * float64(time.Second)))
	late := max(now.Sub(due), 0)
	w.maxLate = max(w.maxLate, late)
	w.sumLate += late
	w.bytes += int64(len(b))
	w.lastLen = int64(len(b))
	w.last = now
	w.writes++
	return len(b), nil
}

// BenchmarkMuxStandalone measures how fast a standalone stream is made (file output, no
// pacing): 10 s of a 4 Mbit/s carousel of a 2 MB folder per iteration.
func BenchmarkMuxStandalone(b *testing.B) {
	fsys := genFolder(41, 40, 3, func(r *rand.Rand) int { return r.IntN(100_000) })
	m, err := New(Config{FS: fsys, CarouselRate: 4_000_000, Duration: 10 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(10 * m.MuxRate() / 8))
	for b.Loop() {
		if _, err := m.Run(context.Background(), io.Discard, RunOptions{ChunkPackets: 64}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMuxInput measures muxing a 1 Mbit/s carousel into 8 MB of a 30 Mbit/s stream.
func BenchmarkMuxInput(b *testing.B) {
	var base bytes.Buffer
	if _, err := tsgen.New(tsgen.Config{Seed: 3}).WriteTo(&base, 8<<20); err != nil {
		b.Fatal(err)
	}
	fsys := genFolder(42, 10, 2, func(r *rand.Rand) int { return r.IntN(20_000) })
	b.ReportAllocs()
	b.SetBytes(int64(base.Len()))
	for b.Loop() {
		m, err := New(Config{FS: fsys, Input: bytes.NewReader(base.Bytes())})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.Run(context.Background(), io.Discard, RunOptions{ChunkPackets: 64}); err != nil {
			b.Fatal(err)
		}
	}
}
