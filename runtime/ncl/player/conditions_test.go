package player

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// compoundCondition and/or, assessment and compound statements,
// occurrences, and a condition role qualified "and" over two binds.
func TestConditions(t *testing.T) {
	h := newHarness(t, dirFS("testdata/conditions"), "main.ncl")

	// and: fires once both began, whatever the order.
	h.key("GREEN")
	require.Equal(t, "occurring", h.state("b", ""))
	require.Equal(t, "sleeping", h.state("andMark", ""))
	h.key("RED")
	require.Equal(t, "occurring", h.state("andMark", ""))

	// or: either one fires.
	h.key("YELLOW")
	require.Equal(t, "1", h.prop("anchor", "count"))
	h.key("BLUE")
	require.Equal(t, "2", h.prop("anchor", "count"))

	// valueAssessment over a settings property.
	h.key("1")
	require.Equal(t, "sleeping", h.state("valMark", ""), "user.mode is off")
	h.key("5")
	require.Equal(t, "occurring", h.state("notMark", ""), "not (off = on or 3 = 100)")
	h.key("2")
	require.Equal(t, "on", h.prop("settings", "user.mode"))
	h.key("1")
	require.Equal(t, "occurring", h.state("valMark", ""))

	// Two attributeAssessments.
	h.key("3")
	require.Equal(t, "sleeping", h.state("attrMark", ""), "2 > 3 does not hold")
	h.key("4")
	h.key("3")
	require.Equal(t, "occurring", h.state("attrMark", ""), "9 > 3")

	// occurrences.
	h.key("8")
	h.key("9")
	h.key("7")
	require.Equal(t, "sleeping", h.state("occMark", ""), "x was presented once")
	h.key("8")
	h.key("9")
	h.key("7")
	require.Equal(t, "occurring", h.state("occMark", ""))

	// qualifier and: y1 ends at 1 s, y2 at 2 s.
	h.advance(time.Second)
	require.Equal(t, "sleeping", h.state("y1", ""))
	require.Equal(t, "sleeping", h.state("qualMark", ""))
	h.advance(time.Second)
	require.Equal(t, "sleeping", h.state("y2", ""))
	require.Equal(t, "occurring", h.state("qualMark", ""))
}

// A negated compound statement that does not hold.
func TestConditionsNegatedFalse(t *testing.T) {
	h := newHarness(t, dirFS("testdata/conditions"), "main.ncl")
	h.key("2")
	h.key("5")
	require.Equal(t, "sleeping", h.state("notMark", ""), "not (on = on or ...) does not hold")
	h.key("6")
	h.key("5")
	require.Equal(t, "occurring", h.state("notMark", ""))
}
