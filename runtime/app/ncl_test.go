package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/hardware"
)

// nclDoc is an NCL document with an NCLua media that says what it gets,
// and a text that ends after 5 s and, with it, the document (when the
// script has ended too).
const nclDoc = `<?xml version="1.0" encoding="UTF-8"?>
<ncl id="doc"><head>
 <regionBase><region id="r" width="50%" height="50%"/></regionBase>
 <descriptorBase><descriptor id="d" region="r" explicitDur="5s"/></descriptorBase>
 <connectorBase><causalConnector id="onBeginStart"><simpleCondition role="onBegin"/>
   <simpleAction role="start"/></causalConnector></connectorBase>
</head><body>
 <port id="p" component="script"/>
 <media id="script" src="app/script.lua"/>
 <media id="note" src="note.txt" descriptor="d"/>
 <link xconnector="onBeginStart"><bind role="onBegin" component="script"/><bind role="start" component="note"/></link>
</body></ncl>`

const nclScript = `
event.register(function(evt)
  if evt.class == 'ncl' and evt.type == 'presentation' and evt.action == 'start' then
    event.post{class='user', msg='started'}
  elseif evt.class == 'key' and evt.key == 'RED' then
    event.post{class='user', msg=evt.type .. ' RED'}
    if evt.type == 'release' then
      event.post{class='ncl', type='presentation', action='stop', label=''}
    end
    return true
  end
end)`

// An NCL document signalled in the AIT (Ginga-NCL location: base directory
// and initial document) runs from the carousel; its script gets the keys
// it handles, the others go to the box; when the document ends by itself
// the app stops (ErrExited).
func TestNCLAppFromCarousel(t *testing.T) {
	h := newHarness(t, Options{})
	air := newOnAir(t, h.m, pidCarousel, tagCarousel)
	air.build(map[string]string{"doc/main.ncl": nclDoc, "doc/app/script.lua": nclScript, "doc/note.txt": "Olá"})
	air.send()
	h.m.SignalAIT(aitTable(t, 1, aitApp(1, ait.ControlCodeAutostart, "Doc", "/doc", "main.ncl", true, tagCarousel)),
		air.resolve)
	h.sync()
	require.Equal(t, StateRunning, h.state(appID(1)))
	require.NotNil(t, h.m.Running(appID(1)))
	require.Equal(t, []string{"started"}, h.said(appID(1)))

	h.press(hardware.KeyRed)
	h.press(hardware.KeyChannelUp)
	require.Equal(t, []string{"started", "press RED", "release RED"}, h.said(appID(1)))
	require.Equal(t, []string{"press CHANNEL_UP", "release CHANNEL_UP"}, h.boxKeys())
	require.Equal(t, StateRunning, h.state(appID(1)), "the note is still on")

	h.advance(5 * time.Second)
	i := h.info(appID(1))
	require.Equal(t, StateStopped, i.State)
	require.ErrorIs(t, i.Err, ErrExited)
}

// A folder with main.ncl and no main.lua runs the document by default.
func TestNCLAppFromFolder(t *testing.T) {
	h := newHarness(t, Options{})
	dir := t.TempDir()
	writeFile(t, dir, "main.ncl", nclDoc)
	writeFile(t, dir, "app/script.lua", nclScript)
	writeFile(t, dir, "note.txt", "Olá")
	require.NoError(t, h.m.Add(Spec{ID: appID(1), Dir: dir, Autostart: true}))
	h.sync()
	i := h.info(appID(1))
	require.Equal(t, "main.ncl", i.Entry)
	require.Equal(t, StateRunning, i.State)
	require.Equal(t, []string{"started"}, h.said(appID(1)))
}
