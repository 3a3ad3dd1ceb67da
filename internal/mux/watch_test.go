package mux

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
)

// watchSink is the receiving end of a watch run: it acquires the carousel from the
// packets as they are written. When the first version is complete it stops the stream
// (blocks in Write) until the test has changed the folder; then it waits for the change.
type watchSink struct {
	pid     uint16
	asm     psi.Assembler
	car     *dsmcc.Carousel
	all     bytes.Buffer
	packets int64

	paused   chan struct{} // closed when version 1 is complete
	resume   chan struct{}
	phase    int
	done     func(packet int64) bool // phase 1: true when the change has arrived
	doneAt   int64
	finished chan struct{}
}

func (s *watchSink) Section(sec []byte) { _ = s.car.Feed(sec) }
func (s *watchSink) SectionError(error) {}

func (s *watchSink) Write(b []byte) (int, error) {
	s.all.Write(b)
	for off := 0; off < len(b); off += ts.PacketSize {
		p := b[off : off+ts.PacketSize]
		s.packets++
		h, _, payload, err := ts.ParsePacket(p)
		if err != nil || h.PID != s.pid || !h.HasPayload {
			continue
		}
		s.asm.Feed(payload, h.PayloadUnitStartIndicator, false, s)
	}
	switch s.phase {
	case 0:
		if s.car.Complete() {
			s.phase = 1
			close(s.paused)
			<-s.resume
		}
	case 1:
		if s.done(s.packets) {
			s.phase, s.doneAt = 2, s.packets
			close(s.finished)
		}
	}
	return len(b), nil
}

// TestWatch changes the folder while the mux runs: the new version is what a receiver
// acquires, within one carousel cycle of going on the air, and the stream stays whole.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	write("main.ncl", "<ncl>version 1</ncl>")
	r := rand.New(rand.NewPCG(5, 5))
	noise := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return string(b)
	}
	write("img/logo.png", noise(60_000))
	write("data/large.bin", noise(160_000))
	m, err := New(Config{FS: os.DirFS(dir), Forever: true, CarouselRate: 500_000})
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var mu sync.Mutex
	var applied time.Duration
	var appliedC *dsmcc.BuiltCarousel
	rebuilt := make(chan *dsmcc.BuiltCarousel, 8)
	ready := make(chan struct{})
	m.watchReady = func() { close(ready) }
	m.OnRebuild = func(c *dsmcc.BuiltCarousel, err error) {
		if err == nil && c.Changed {
			rebuilt <- c
		}
	}
	m.OnApply = func(at time.Duration, c *dsmcc.BuiltCarousel) {
		mu.Lock()
		applied, appliedC = at, c
		mu.Unlock()
	}
	sink := &watchSink{
		pid: m.Service().CarouselPID, car: dsmcc.New(dsmcc.Config{}),
		paused: make(chan struct{}), resume: make(chan struct{}), finished: make(chan struct{}),
	}
	sink.done = func(int64) bool {
		got, err := sink.car.ReadFile("main.ncl")
		_, err2 := sink.car.Stat("new/page.ncl")
		return err == nil && err2 == nil && string(got) == "<ncl>version 2</ncl>"
	}
	watchErr := make(chan error, 1)
	go func() { watchErr <- m.Watch(ctx, dir, 50*time.Millisecond) }()
	var sum *Summary
	runErr := make(chan error, 1)
	go func() {
		var err error
		sum, err = m.Run(ctx, sink, RunOptions{})
		runErr <- err
	}()

	select {
	case <-ready:
	case <-ctx.Done():
		t.Fatal("watch not set up")
	}
	select {
	case <-sink.paused:
	case <-ctx.Done():
		t.Fatal("version 1 not acquired")
	}
	write("main.ncl", "<ncl>version 2</ncl>")
	write("new/page.ncl", "<ncl>new</ncl>")
	var c2 *dsmcc.BuiltCarousel
	for c2 == nil {
		select {
		case c := <-rebuilt:
			if _, err := os.Stat(filepath.Join(dir, "new/page.ncl")); err == nil && c.Files == 4 {
				c2 = c
			}
		case <-ctx.Done():
			t.Fatal("no rebuild")
		}
	}
	// Let the rebuild reach the mux before the stream goes on.
	for len(m.updates) == 0 {
		time.Sleep(time.Millisecond)
	}
	close(sink.resume)
	select {
	case <-sink.finished:
	case <-ctx.Done():
		t.Fatal("version 2 not acquired")
	}
	cancel()
	require.NoError(t, <-runErr)
	require.NoError(t, <-watchErr)

	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, c2.TransactionVersion, appliedC.TransactionVersion)
	cycle := cycleTime(appliedC, 500_000)
	took := duration(packetTicks(sink.doneAt, m.MuxRate())) - applied
	t.Logf("update on the air at %v, acquired %v later; a cycle is %v", applied, took, cycle)
	require.LessOrEqual(t, took, cycle)
	require.Equal(t, 1, sum.Updates)
	requireSameFiles(t, os.DirFS(dir), sink.car.Snapshot())

	c := readTS(sink.all.Bytes())
	c.requireClean(t, m.Service().CarouselPID)
}
