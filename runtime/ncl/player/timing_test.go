package player

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const ms = time.Millisecond

// explicitDur ends media; a context ends with its last child; the body's
// end ends the document.
func TestTimingEnd(t *testing.T) {
	h := newHarness(t, dirFS("testdata/timing"), "end.ncl")
	require.Equal(t, "occurring", h.state("m1", ""))
	require.Equal(t, "occurring", h.state("m2", ""))
	h.advance(1960 * ms)
	require.Equal(t, "occurring", h.state("m1", ""))
	require.Equal(t, "sleeping", h.state("m3", ""))
	h.advance(40 * ms) // 2 s
	require.Equal(t, "sleeping", h.state("m1", ""))
	require.Equal(t, "occurring", h.state("m3", ""), "onEnd of m1 started m3")
	h.advance(time.Second) // 3 s
	require.Equal(t, "sleeping", h.state("m2", ""))
	require.Equal(t, "occurring", h.state("ctx", ""))
	require.False(t, h.hasExited())
	h.advance(960 * ms)
	require.Equal(t, "occurring", h.state("m3", ""))
	h.advance(40 * ms) // 4 s
	require.Equal(t, "sleeping", h.state("m3", ""))
	require.Equal(t, "sleeping", h.state("ctx", ""), "the context ended with its last child")
	require.Equal(t, "sleeping", h.state("body", ""))
	require.True(t, h.hasExited())
}

// Areas with begin and end, condition and action delays.
func TestTimingDelays(t *testing.T) {
	h := newHarness(t, dirFS("testdata/timing"), "main.ncl")
	require.Equal(t, "sleeping", h.state("pic", "a1"))
	h.advance(960 * ms)
	require.Equal(t, "sleeping", h.state("condDelayMark", ""))
	h.advance(40 * ms) // 1 s
	require.Equal(t, "occurring", h.state("condDelayMark", ""), "onBegin with delay 1s")
	require.Equal(t, "sleeping", h.state("actDelayMark", ""))
	h.advance(480 * ms)
	require.Equal(t, "sleeping", h.state("actDelayMark", ""))
	h.advance(40 * ms) // 1.52 s
	require.Equal(t, "occurring", h.state("actDelayMark", ""), "start with delay 1.5s")
	h.advance(440 * ms) // 1.96 s
	require.Equal(t, "sleeping", h.state("pic", "a1"))
	require.Equal(t, "sleeping", h.state("areaMark", ""))
	h.advance(40 * ms) // 2 s
	require.Equal(t, "occurring", h.state("pic", "a1"))
	require.Equal(t, "occurring", h.state("areaMark", ""), "onBegin of the area")
	h.advance(2 * time.Second) // 4 s
	require.Equal(t, "sleeping", h.state("pic", "a1"))
	require.Equal(t, "occurring", h.state("pic", ""))
}

// A compoundAction with a delay, whose second action has its own.
func TestTimingCompoundAction(t *testing.T) {
	h := newHarness(t, dirFS("testdata/timing"), "main.ncl")
	h.key("RED")
	h.advance(440 * ms)
	require.Equal(t, "sleeping", h.state("seqMark", ""))
	h.advance(80 * ms) // 0.52 s
	require.Equal(t, "occurring", h.state("seqMark", ""))
	h.advance(960 * ms) // 1.48 s
	require.Equal(t, "occurring", h.state("seqMark", ""))
	h.advance(40 * ms) // 1.52 s
	require.Equal(t, "sleeping", h.state("seqMark", ""))
}

// repeat and repeatDelay: the action runs once, then twice more a second
// apart.
func TestTimingRepeat(t *testing.T) {
	h := newHarness(t, dirFS("testdata/timing"), "main.ncl")
	h.key("GREEN")
	require.Equal(t, "1", h.prop("box", "count"))
	h.advance(960 * ms)
	require.Equal(t, "1", h.prop("box", "count"))
	h.advance(40 * ms)
	require.Equal(t, "2", h.prop("box", "count"))
	h.advance(time.Second)
	require.Equal(t, "3", h.prop("box", "count"))
	h.advance(3 * time.Second)
	require.Equal(t, "3", h.prop("box", "count"))
}

// A paused media's explicitDur is extended by the pause.
func TestTimingPause(t *testing.T) {
	h := newHarness(t, dirFS("testdata/timing"), "main.ncl")
	h.key("YELLOW")
	require.Equal(t, "occurring", h.state("timed", ""))
	h.advance(time.Second)
	h.key("BLUE")
	require.Equal(t, "paused", h.state("timed", ""))
	require.Equal(t, "occurring", h.state("pauseMark", ""), "onPause")
	h.advance(2 * time.Second)
	h.key("INFO")
	require.Equal(t, "occurring", h.state("timed", ""))
	require.Equal(t, "sleeping", h.state("pauseMark", ""), "onResume")
	h.advance(1960 * ms) // 4.96 s of clock, 2.96 s of media time
	require.Equal(t, "occurring", h.state("timed", ""))
	h.advance(40 * ms)
	require.Equal(t, "sleeping", h.state("timed", ""))
	require.Equal(t, "occurring", h.state("endMark", ""))

	// abort: onAbort, not onEnd.
	h.key("YELLOW")
	h.key("0")
	require.Equal(t, "sleeping", h.state("timed", ""))
	require.Equal(t, "occurring", h.state("abortMark", ""))
}

// transIn and transOut fade the layer over the transition's dur.
func TestTimingTransitions(t *testing.T) {
	h := newHarness(t, dirFS("testdata/timing"), "main.ncl")
	grey := func() int { return int(pixel(h.frame(), 700, 450).R) }
	h.key("1")
	require.Equal(t, 30, grey(), "transparent as it starts")
	h.advance(500 * ms)
	require.InDelta(t, 142, grey(), 12, "half way")
	h.advance(500 * ms)
	require.Equal(t, 255, grey())
	h.key("2")
	require.Equal(t, "sleeping", h.state("fade", ""))
	require.Equal(t, 255, grey(), "the fade out starts")
	h.advance(500 * ms)
	require.InDelta(t, 142, grey(), 12, "half way out")
	h.advance(500 * ms)
	require.Equal(t, 30, grey(), "gone")
}

// A set with a duration moves a number in steps; onEndAttribution fires
// at the end.
func TestTimingAnimation(t *testing.T) {
	h := newHarness(t, dirFS("testdata/timing"), "main.ncl")
	require.Equal(t, "100", h.prop("box", "left"))
	h.key("MENU")
	h.advance(500 * ms)
	left, err := strconv.ParseFloat(h.prop("box", "left"), 64)
	require.NoError(t, err)
	require.InDelta(t, 300, left, 20, "half way, about half")
	c := pixel(h.frame(), int(left)+50, 450)
	require.True(t, c.R > 200 && c.G < 50, "the box moved with its property: %v", c)
	require.Equal(t, "sleeping", h.state("animMark", ""))
	h.advance(490 * ms) // off the animation's 40 ms steps
	require.Equal(t, "sleeping", h.state("animMark", ""))
	h.advance(10 * ms)
	require.Equal(t, "500", h.prop("box", "left"))
	require.Equal(t, "occurring", h.state("animMark", ""), "onEndAttribution at the end")
}
