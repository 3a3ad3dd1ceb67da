package player

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

const loopConnectors = `<connectorBase>
<causalConnector id="onEndStart"><simpleCondition role="onEnd"/><simpleAction role="start"/></causalConnector>
<causalConnector id="onEndAttSet"><connectorParam name="v"/><simpleCondition role="onEndAttribution"/>
 <simpleAction role="set" value="$v"/></causalConnector>
</connectorBase>`

// A document whose links restart a media without end, through zero-delay
// timers (explicitDur 0) or within one action (a set that triggers
// itself), is stopped with ErrRunaway; the box goes on.
func TestRunawayLinks(t *testing.T) {
	for name, body := range map[string]string{
		"timer": `<port id="p" component="a"/><media id="a" src="a.txt" descriptor="d"/>
<link xconnector="onEndStart"><bind role="onEnd" component="a"/><bind role="start" component="a"/></link>`,
		"nested": `<port id="p" component="a"/><media id="a" src="a.txt"><property name="x" value="0"/></media>
<link xconnector="onEndAttSet"><linkParam name="v" value="1"/><bind role="onEndAttribution" component="a" interface="x"/>
<bind role="set" component="a" interface="x"/></link>
<link xconnector="onEndStart"><bind role="onEnd" component="a"/><bind role="start" component="a"/></link>`,
	} {
		t.Run(name, func(t *testing.T) {
			doc := `<ncl><head><descriptorBase><descriptor id="d" explicitDur="0s"/></descriptorBase>` +
				loopConnectors + `</head><body>` + body + `</body></ncl>`
			fsys := fstest.MapFS{"main.ncl": {Data: []byte(doc)}, "a.txt": {Data: []byte("a")}}
			h := newHarness(t, fsys, "main.ncl")
			if name == "nested" {
				h.p.post(func() { h.p.setProp(h.p.object("a"), "x", "1", 0) })
				h.sync()
			}
			<-h.p.Done()
			require.ErrorIs(t, h.p.Err(), ErrRunaway)
			require.True(t, errors.Is(h.p.Err(), ErrRunaway))
			require.True(t, h.logHas("loop without end"))
		})
	}
}
