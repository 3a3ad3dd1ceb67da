package runtime

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/antena-tv/antena/demux/ts"
)

// Chunk sizes of a Feeder: paced reads are small, so that the stream clock moves in
// steps of a few milliseconds at broadcast rates; unpaced reads are the Demuxer's live
// chunk.
const (
	pacedChunk = 7 * ts.PacketSize
	fastChunk  = 87 * ts.PacketSize
)

// pcrHz is the PCR's clock rate.
const pcrHz = 27_000_000

// Opener opens a source of transport stream: a file, stdin, a network stream. Loop calls
// it again at the end of the stream.
type Opener func() (io.ReadCloser, error)

// PlayOptions say how Play reads a source.
type PlayOptions struct {
	// Realtime paces the stream by its PCR on the box's clock, as a broadcast arrives;
	// otherwise it is read as fast as the Demuxer takes it.
	Realtime bool
	// Loop opens the source again at its end, for ever.
	Loop bool
}

// Feeder reads a source into a Receiver's Demuxer and keeps the stream's clock: the
// time its PCR says since the first one, continued across loops and PCR discontinuities.
// It belongs to the demux goroutine.
type Feeder struct {
	r      *Receiver
	open   Opener
	loop   bool
	src    io.ReadCloser
	buf    []byte
	done   bool
	hasPCR bool
	first  uint64
	prev   uint64
	offset time.Duration
	now    time.Duration
	bytes  int64

	// Rate, in bytes a second, times a stream before its first PCR (a capture without PCR,
	// a signalling-only sample): its clock moves with the bytes fed. 0 feeds it whole.
	Rate int64
}

// NewFeeder returns a Feeder of the source open gives; with loop, the source is opened
// again at each end.
func (r *Receiver) NewFeeder(open Opener, loop bool) *Feeder {
	return &Feeder{r: r, open: open, loop: loop, buf: make([]byte, fastChunk)}
}

// StreamTime returns the stream time reached: PCR time since the first PCR (after the
// time Rate gives the bytes before it).
func (f *Feeder) StreamTime() time.Duration { return f.now }

// Done reports whether the source ended (never with loop, unless it failed to open).
func (f *Feeder) Done() bool { return f.done }

// FeedUntil feeds the stream until its clock passes t (a chunk beyond it at most), or
// it ends. It reports whether it ended. A stream without PCR is fed whole.
func (f *Feeder) FeedUntil(t time.Duration) (ended bool, err error) {
	return f.feed(t, pacedChunk)
}

func (f *Feeder) feed(t time.Duration, chunk int) (bool, error) {
	for !f.done && ((!f.hasPCR && f.Rate == 0) || f.now <= t) {
		if err := f.step(chunk); err != nil {
			return true, err
		}
	}
	return f.done, nil
}

// step reads and feeds one chunk, opening the source as needed.
func (f *Feeder) step(chunk int) error {
	if f.src == nil {
		src, err := f.open()
		if err != nil {
			f.done = true
			return err
		}
		f.src = src
	}
	n, err := io.ReadFull(f.src, f.buf[:chunk])
	if n > 0 {
		_, _ = f.r.dmx.Write(f.buf[:n])
		f.bytes += int64(n)
		f.clock()
	}
	if err == nil {
		return nil
	}
	f.src.Close()
	f.src = nil
	if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		f.done = true
		return err
	}
	if !f.loop {
		f.r.dmx.Flush()
		f.done = true
	}
	return nil
}

// clock follows the Demuxer's latest PCR.
func (f *Feeder) clock() {
	st := f.r.dmx.Stats()
	if !st.HasPCR {
		if f.Rate > 0 {
			f.now = time.Duration(float64(f.bytes) * 1e9 / float64(f.Rate))
		}
		return
	}
	pcr := st.LastPCR
	switch {
	case !f.hasPCR:
		f.hasPCR, f.first, f.offset = true, pcr, f.now
	case pcr < f.prev || pcr-f.prev > 10*pcrHz: // a loop, a wrap or a discontinuity
		f.offset, f.first = f.now, pcr
	}
	f.prev = pcr
	f.now = f.offset + time.Duration(float64(pcr-f.first)*1e9/pcrHz)
}

// Close closes the source.
func (f *Feeder) Close() error {
	if f.src != nil {
		err := f.src.Close()
		f.src = nil
		return err
	}
	return nil
}

// Play reads a source into the box until it ends (or for ever with Loop) or ctx is done:
// the demux goroutine of a box. Paced (Realtime), it feeds the stream as its PCR says on
// the box's clock; otherwise as fast as possible. Nothing the box does waits for it, nor
// it for the box: the Demuxer's handlers only hand off.
func (r *Receiver) Play(ctx context.Context, open Opener, o PlayOptions) error {
	f := r.NewFeeder(open, o.Loop)
	defer f.Close()
	if !o.Realtime {
		for !f.done {
			if ctx.Err() != nil {
				return nil
			}
			if err := f.step(fastChunk); err != nil {
				return err
			}
		}
		return nil
	}
	t0 := r.clock.Now()
	for {
		elapsed := r.clock.Now().Sub(t0)
		ended, err := f.FeedUntil(elapsed)
		if err != nil || ended {
			return err
		}
		wait := max(f.StreamTime()-elapsed, time.Millisecond)
		tm := r.clock.NewTimer(min(wait, 100*time.Millisecond))
		select {
		case <-ctx.Done():
			tm.Stop()
			return nil
		case <-tm.C():
		}
	}
}
