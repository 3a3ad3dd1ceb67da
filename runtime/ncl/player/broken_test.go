package player

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/golden"
)

// A document with broken parts starts: placeholders for the missing image
// and script, warnings in the log, the sound parts presented.
func TestBrokenDocument(t *testing.T) {
	h := newHarness(t, dirFS("testdata/broken"), "main.ncl")
	require.Equal(t, "occurring", h.state("image", ""))
	require.Equal(t, "occurring", h.state("script", ""))
	require.Equal(t, "occurring", h.state("text", ""))
	require.Equal(t, "occurring", h.state("later", ""), "the sound link beside the broken one")
	for _, s := range []string{"missing.png", "missing.lua", "nowhere", "blink", "marquee"} {
		require.True(t, h.logHas(s), "the log names %s:\n%s", s, h.logs.String())
	}
	require.True(t, h.logHas("level=WARN"))
	golden.Check(t, "broken-placeholders", h.frame())
	h.key("CHANNEL_UP")
	require.Len(t, h.unconsumedKeys(), 2)
	require.Nil(t, h.p.Err())
}

// A file that is not NCL (or not there) makes New fail, saying why.
func TestNotNCL(t *testing.T) {
	for _, main := range []string{"page.html", "plain.ncl", "absent.ncl"} {
		t.Run(main, func(t *testing.T) {
			_, err := New(Options{FS: dirFS("testdata/broken"), Main: main})
			require.Error(t, err)
			t.Log(err)
			require.Contains(t, err.Error(), "player: ")
			require.Contains(t, err.Error(), main)
		})
	}
	_, err := New(Options{Main: "main.ncl"})
	require.ErrorContains(t, err, "no files")
}
