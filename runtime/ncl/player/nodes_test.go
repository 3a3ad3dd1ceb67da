package player

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A context started through one of its ports; a media referring to
// another with instSame is the same object.
func TestNodes(t *testing.T) {
	h := newHarness(t, dirFS("testdata/nodes"), "main.ncl")
	require.Equal(t, "sleeping", h.state("ctx", ""))

	h.key("RED")
	require.Equal(t, "occurring", h.state("ctx", ""))
	require.Equal(t, "occurring", h.state("b", ""))
	require.Equal(t, "sleeping", h.state("a", ""), "only the port's component starts")

	h.key("GREEN")
	require.Equal(t, "occurring", h.state("orig", ""), "starting the alias presents the original")
	require.Equal(t, "occurring", h.state("alias", ""))
	require.Equal(t, "occurring", h.state("early", ""), "declared before the original")
	require.Equal(t, "occurring", h.state("flag", ""), "onBegin of the alias fired")
	require.Equal(t, "first", h.prop("alias", "tag"))
	h.key("YELLOW")
	require.Equal(t, "second", h.prop("orig", "tag"))
	h.key("BLUE")
	require.Equal(t, "sleeping", h.state("alias", ""))
}
