package player

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/golden"
)

// The menu document: ports, an imported connector base, focus navigation
// with borders, selection, key links with parameters, explicitDur, a
// missing image shown as a placeholder.
func TestMenu(t *testing.T) {
	h := newHarness(t, dirFS("testdata/menu"), "main.ncl")
	require.Equal(t, "occurring", h.state("logo", ""))
	require.Equal(t, "occurring", h.state("b1", ""))
	require.Equal(t, "b1", h.focused())
	require.True(t, h.logHas("missing.png"), "a warning names the missing image")
	golden.Check(t, "menu-start", h.frame())

	h.key("CURSOR_DOWN")
	require.Equal(t, "b2", h.focused())
	px := pixel(h.frame(), 256, 452)
	require.Greater(t, int(px.R), 200, "b2 shows its focusSrc (the logo's white disc) while focused: %v", px)
	h.key("CURSOR_UP")
	px = pixel(h.frame(), 256, 452)
	require.Less(t, int(px.R), 100, "and its text on navy again once the focus left: %v", px)
	h.key("CURSOR_UP")
	require.Equal(t, "b3", h.focused())
	h.key("CURSOR_DOWN")
	require.Equal(t, "b1", h.focused())
	h.key("ENTER")
	require.Equal(t, "occurring", h.state("info1", ""))
	golden.Check(t, "menu-selected", h.frame())

	h.key("RED")
	require.Equal(t, "800", h.prop("logo", "left"))
	h.key("GREEN")
	require.Equal(t, "sleeping", h.state("intro", ""))
	require.Equal(t, "occurring", h.state("result", ""))
	golden.Check(t, "menu-keys", h.frame())
	h.advance(3 * time.Second)
	require.Equal(t, "sleeping", h.state("result", ""))
	require.Equal(t, "occurring", h.state("intro", ""))

	h.key("CHANNEL_UP")
	require.Equal(t, []string{"press CHANNEL_UP", "release CHANNEL_UP"}, h.unconsumedKeys())
}
