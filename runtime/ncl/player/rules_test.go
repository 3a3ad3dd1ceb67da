package player

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/runtime/nclua"
)

func withSettings(s nclua.Settings) harnessOption {
	return func(o *Options) { o.Lua.Settings = s }
}

// Switches and a descriptorSwitch choose by the settings: the box's
// system.language, the document's user.* set by a link, SetSetting.
func TestRules(t *testing.T) {
	h := newHarness(t, dirFS("testdata/rules"), "main.ncl",
		withSettings(nclua.Settings{"system": {"language": "es"}}))
	require.Equal(t, "occurring", h.state("swLang", ""))
	require.Equal(t, "occurring", h.state("textEs", ""))
	require.Equal(t, "sleeping", h.state("textPt", ""))
	require.Equal(t, "sleeping", h.state("textEn", ""))
	require.Equal(t, "occurring", h.state("kid", ""), "user.age is 10: the default component")
	require.Equal(t, "sleeping", h.state("adult", ""))
	require.Equal(t, "0", h.prop("flag", "left"), "dsFlag chose dLeft for es")

	// A link sets user.age; the switch chooses by it when it starts again.
	h.key("RED")
	require.Equal(t, "20", h.prop("settings", "user.age"))
	require.Equal(t, "occurring", h.state("kid", ""), "a presented switch keeps its choice")
	h.key("GREEN")
	require.Equal(t, "occurring", h.state("adult", ""), "es and 20: the compositeRule holds")
	require.Equal(t, "sleeping", h.state("kid", ""))

	// The box's language changes.
	require.NoError(t, h.p.SetSetting("system.language", "pt"))
	h.key("GREEN")
	require.Equal(t, "occurring", h.state("textPt", ""))
	require.Equal(t, "sleeping", h.state("textEs", ""))
	require.Equal(t, "occurring", h.state("kid", ""), "pt: the compositeRule fails")
	require.Equal(t, "1080", h.prop("flag", "left"), "dsFlag chose dRight for pt")

	require.NoError(t, h.p.SetSetting("system.language", "en"))
	h.key("GREEN")
	require.Equal(t, "occurring", h.state("textEn", ""), "no rule holds: defaultComponent")
	require.Equal(t, "540", h.prop("flag", "left"), "no rule holds: defaultDescriptor")
	require.Error(t, h.p.SetSetting("language", "en"))
}

// A switch started through a switchPort starts the mapped interface of its
// choice; a link waits for the switchPort's begin.
func TestRulesSwitchPort(t *testing.T) {
	h := newHarness(t, dirFS("testdata/rules"), "main.ncl")
	h.key("YELLOW")
	require.Equal(t, "occurring", h.state("swPort", ""))
	require.Equal(t, "occurring", h.state("titlePt", ""), "pt by default")
	require.Equal(t, "occurring", h.state("titlePt", "aTitle"))
	require.Equal(t, "sleeping", h.state("titleOther", ""))
	require.Equal(t, "occurring", h.state("swPort", "spTitle"))
	require.Equal(t, "shown", h.prop("settings", "user.title"), "onBegin of the switchPort")
}
