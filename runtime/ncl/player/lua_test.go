package player

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/golden"
)

// got returns what the scripts reported with event.post{class='user',
// got=...}, in order.
func (h *harness) got() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, e := range h.posted {
		if s, ok := e["got"].(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// An NCLua media draws in its region; a labelled area started by a link,
// a set on its property, its own attributions and its own end.
func TestLuaMedia(t *testing.T) {
	h := newHarness(t, dirFS("testdata/lua"), "draw.ncl")
	require.Equal(t, "occurring", h.state("script", ""))
	require.Equal(t, []string{"presentation start  "}, h.got())
	golden.Check(t, "lua-draw", h.frame())

	h.key("RED")
	require.Equal(t, "occurring", h.state("script", "aPart"))
	require.Contains(t, h.got(), "presentation start part2 ")
	c := pixel(h.frame(), 110, 270)
	require.True(t, c.B > 200 && c.R < 50, "the script painted blue: %v", c)

	h.key("GREEN")
	require.Equal(t, "green", h.prop("script", "color"))
	require.Contains(t, h.got(), "attribution start color green")
	c = pixel(h.frame(), 110, 270)
	require.True(t, c.G > 100 && c.R < 50 && c.B < 50, "the script painted green: %v", c)

	require.Equal(t, "no", h.prop("settings", "user.began"))
	h.key("BLUE")
	require.Equal(t, "42", h.prop("script", "score"))
	require.Equal(t, "yes", h.prop("settings", "user.began"))
	require.Equal(t, "yes", h.prop("settings", "user.ended"))

	h.key("YELLOW")
	require.Equal(t, "sleeping", h.state("script", ""))
	require.Equal(t, "occurring", h.state("ended", ""))
	require.False(t, h.hasExited())

	// Started again at its area: the script's start event has the label.
	n := len(h.got())
	h.key("RED")
	require.Equal(t, "occurring", h.state("script", ""))
	require.Equal(t, "occurring", h.state("script", "aPart"))
	require.Equal(t, []string{"presentation start part2 "}, h.got()[n:])
}

// gotFrom returns what one script reported, without its prefix.
func (h *harness) gotFrom(prefix string) []string {
	var out []string
	for _, s := range h.got() {
		if rest, ok := strings.CutPrefix(s, prefix+" "); ok {
			out = append(out, rest)
		}
	}
	return out
}

// Scripts without a focusIndex get every key in order; a key no script
// consumed and nothing else used is passed on; a key master set by a link
// gets the keys alone until it lets BACK through; what it does not consume
// goes to the box.
func TestLuaKeys(t *testing.T) {
	h := newHarness(t, dirFS("testdata/lua"), "keys.ncl")
	require.Equal(t, "b1", h.focused())

	h.key("1")
	h.key("CHANNEL_UP")
	require.Equal(t, []string{"press CHANNEL_UP", "release CHANNEL_UP"}, h.unconsumedKeys(),
		"1 was consumed by keys.lua")
	h.key("CURSOR_DOWN")
	require.Equal(t, "b2", h.focused(), "the navigation sees the keys the scripts get")
	h.key("CURSOR_UP")
	require.Equal(t, "b1", h.focused())
	want := []string{"press 1", "release 1", "press CHANNEL_UP", "release CHANNEL_UP",
		"press CURSOR_DOWN", "release CURSOR_DOWN", "press CURSOR_UP", "release CURSOR_UP"}
	require.Equal(t, want, h.gotFrom("keys"))
	require.Equal(t, want, h.gotFrom("master"))

	// RED: the link makes master the key master (on the press).
	h.key("RED")
	require.Equal(t, "master", h.prop("settings", "service.currentKeyMaster"))
	h.key("CURSOR_DOWN")
	h.key("2")
	require.Equal(t, "b1", h.focused(), "the navigation does not move")
	require.Equal(t, append(want, "press RED", "release RED"), h.gotFrom("keys"),
		"the release follows its press")
	require.Equal(t, append(want, "press RED", "release RED", "press CURSOR_DOWN", "release CURSOR_DOWN",
		"press 2", "release 2"), h.gotFrom("master"))
	require.Equal(t, []string{"press CHANNEL_UP", "release CHANNEL_UP", "press 2", "release 2"}, h.unconsumedKeys(),
		"the keys the key master does not consume are passed on; RED's release goes with its press")

	// BACK, which master does not consume, gives the keys back.
	h.key("BACK")
	require.Equal(t, "", h.prop("settings", "service.currentKeyMaster"))
	h.key("CURSOR_DOWN")
	require.Equal(t, "b2", h.focused())
	require.Equal(t, append(want, "press RED", "release RED", "press CURSOR_DOWN", "release CURSOR_DOWN"),
		h.gotFrom("keys"))
	require.Equal(t, []string{"press CHANNEL_UP", "release CHANNEL_UP", "press 2", "release 2"},
		h.unconsumedKeys(), "the BACK that gave the keys back was used")
}

// A Lua error aborts only its media: onAbort fires, the rest goes on.
func TestLuaError(t *testing.T) {
	h := newHarness(t, dirFS("testdata/lua"), "error.ncl")
	require.Equal(t, "sleeping", h.state("syntax", ""), "a script that does not compile is aborted")
	require.Equal(t, "occurring", h.state("syntaxAborted", ""))
	require.Equal(t, "occurring", h.state("bad", ""))
	require.Equal(t, "sleeping", h.state("badAborted", ""))

	h.key("RED")
	require.Equal(t, "sleeping", h.state("bad", ""))
	require.Equal(t, "occurring", h.state("badAborted", ""))
	require.Equal(t, "occurring", h.state("note", ""))
	require.True(t, h.logHas("NCLua media stopped"))
	require.False(t, h.hasExited())
	require.Nil(t, h.p.Err())
	c := pixel(h.frame(), 150, 150)
	require.False(t, c.R > 200 && c.G > 200 && c.B < 50, "the aborted script's picture is gone: %v", c)
}

// A focused script gets the keys with the navigation; ENTER on it makes it
// the key master until it lets BACK through.
func TestLuaFocused(t *testing.T) {
	h := newHarness(t, dirFS("testdata/lua"), "focus.ncl")
	require.Equal(t, "menu", h.focused())
	h.key("CURSOR_DOWN")
	require.Equal(t, "b2", h.focused())
	h.key("CURSOR_DOWN")
	require.Equal(t, []string{"press CURSOR_DOWN", "release CURSOR_DOWN"}, h.gotFrom("keys"),
		"only the focused script gets the keys")
	h.key("CURSOR_UP")
	require.Equal(t, "menu", h.focused())
	h.key("ENTER")
	require.Equal(t, "menu", h.setting("service.currentKeyMaster"))
	h.key("CURSOR_DOWN")
	require.Equal(t, "menu", h.focused(), "the selected script has the keys")
	h.key("BACK")
	require.Equal(t, "", h.setting("service.currentKeyMaster"))
	h.key("CURSOR_DOWN")
	require.Equal(t, "b2", h.focused())
}
