package dsmcc

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

var benchCarousels = map[int]*genCarousel{}

// benchCarousel returns a generated carousel of about mb MB of incompressible files
// (10 KB files in 256 KB modules).
func benchCarousel(tb testing.TB, mb int) *genCarousel {
	if g := benchCarousels[mb]; g != nil {
		return g
	}
	g := generateCarousel(tb, mb*100, 10_000, 256<<10, uint64(mb))
	benchCarousels[mb] = &g
	return &g
}

// BenchmarkAcquisition measures acquisition throughput (MB of module data per second) and
// allocations per block on one cycle of 4 MB and 16 MB carousels.
func BenchmarkAcquisition(b *testing.B) {
	for _, mb := range []int{4, 16} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) { benchAcquisition(b, mb) })
	}
}

func benchAcquisition(b *testing.B, mb int) {
	g := benchCarousel(b, mb)
	loop := g.loop(50)
	b.SetBytes(g.moduleBytes)
	b.ReportAllocs()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	b.ResetTimer()
	for range b.N {
		c := New(Config{})
		for _, s := range loop {
			_ = c.Feed(s)
		}
		if !c.Complete() {
			b.Fatal("incomplete")
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms1)
	b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/float64(b.N*len(g.ddbs)), "allocs/block")
}

// BenchmarkDDB measures one block stored into a module whose buffer exists, and one
// repeated block of a complete module.
func BenchmarkDDB(b *testing.B) {
	big := make([]byte, 8<<20)
	srg := plainMod(1, 1, dirMsg(b, true, 1, bind(b, "f", KindFile, 2, 1)))
	m := plainMod(2, 1, fileMsg(b, 1, big))
	ddbs := makeDDBs(b, testCarouselID, testBlockSize, m)
	for _, name := range []string{"new block", "repeated block"} {
		b.Run(name, func(b *testing.B) {
			c := New(Config{})
			_ = c.Feed(makeDII(b, testDIITID, testCarouselID, testBlockSize, srg, m))
			_ = c.Feed(ddbs[0])
			b.SetBytes(testBlockSize)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				k := 1 + i%(len(ddbs)-2) // never the last block: the module stays incomplete
				if name == "repeated block" {
					k = 0
				}
				_ = c.Feed(ddbs[k])
			}
		})
	}
}

func TestDDBAllocs(t *testing.T) {
	srg := plainMod(1, 1, dirMsg(t, true, 1, bind(t, "f", KindFile, 2, 1)))
	m := plainMod(2, 1, fileMsg(t, 1, make([]byte, 1<<20)))
	ddbs := makeDDBs(t, testCarouselID, testBlockSize, m)
	c := New(Config{})
	feedAll(t, c, makeDII(t, testDIITID, testCarouselID, testBlockSize, srg, m), ddbs[0])
	i := 1
	allocs := testing.AllocsPerRun(100, func() {
		_ = c.Feed(ddbs[i])
		i++
	})
	require.Zero(t, allocs, "storing a block")
	allocs = testing.AllocsPerRun(100, func() { _ = c.Feed(ddbs[0]) })
	require.Zero(t, allocs, "a repeated block")
}

// peakMemory acquires g from a cycle and returns the peak live heap growth, sampled (after
// a GC) every 1/64 of the cycle.
func peakMemory(g *genCarousel) (peak uint64, c *Carousel) {
	loop := g.loop(50)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	c = New(Config{})
	every := max(1, len(loop)/64)
	for i, s := range loop {
		_ = c.Feed(s)
		if i%every == 0 || i == len(loop)-1 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > base {
				peak = max(peak, ms.HeapAlloc-base)
			}
		}
	}
	return peak, c
}

// BenchmarkPeakMemory reports the peak live heap of an acquisition against the carousel
// size (target: under 2x the size plus a constant).
func BenchmarkPeakMemory(b *testing.B) {
	for _, mb := range []int{1, 4, 16} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			g := benchCarousel(b, mb)
			var peak uint64
			for range b.N {
				p, c := peakMemory(g)
				if !c.Complete() {
					b.Fatal("incomplete")
				}
				peak = max(peak, p)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			b.ReportMetric(float64(peak)/float64(g.moduleBytes), "peak/size")
		})
	}
}

func TestPeakMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	g := benchCarousel(t, 8)
	peak, c := peakMemory(g)
	require.True(t, c.Complete())
	t.Logf("carousel %d bytes, peak live heap %d bytes (%.2fx)", g.moduleBytes, peak, float64(peak)/float64(g.moduleBytes))
	require.Less(t, peak, uint64(2*g.moduleBytes+4<<20))
}
