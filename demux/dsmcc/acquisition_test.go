package dsmcc

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAcquisitionTime joins a generated loop at many points and checks that the carousel
// completes within one cycle plus the DII repetition interval, counted in sections.
func TestAcquisitionTime(t *testing.T) {
	g := generateCarousel(t, 60, 3500, 30000, 7)
	for _, diiEvery := range []int{8, 25} {
		loop := g.loop(diiEvery)
		bound := len(loop) + diiEvery + 2 // a cycle, then up to one DII interval (DSI, DII and diiEvery blocks)
		worst := 0
		for join := 0; join < len(loop); join += 3 {
			c := New(Config{})
			n := 0
			for !c.Complete() && n <= 2*len(loop) {
				require.NoError(t, c.Feed(loop[(join+n)%len(loop)]))
				n++
			}
			require.True(t, c.Complete(), "join at %d", join)
			require.LessOrEqual(t, n, bound, "join at %d", join)
			worst = max(worst, n)
		}
		t.Logf("DII every %d blocks: cycle %d sections, worst acquisition %d sections (bound %d)",
			diiEvery, len(loop), worst, bound)
	}
	// For comparison: without orphan buffering, a receiver that joins just after a DII
	// needs about two cycles.
	lim := DefaultLimits()
	lim.MaxOrphanBlocks = 0
	loop := g.loop(25)
	c := New(Config{Limits: &lim})
	n := 0
	for ; !c.Complete() && n <= 3*len(loop); n++ {
		require.NoError(t, c.Feed(loop[(3+n)%len(loop)]))
	}
	require.Greater(t, n, len(loop))
	t.Logf("without orphan buffering, joining after the first DII: %d sections", n)
}
