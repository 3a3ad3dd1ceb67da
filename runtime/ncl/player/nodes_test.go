package player

import (
	"testing"
	"testing/fstest"

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

// A switch that refers to another presents the referred switch's choice;
// an attributeAssessment bound to a context's port reads the property of
// the node the port maps to.
func TestSwitchReferAndPortAssessment(t *testing.T) {
	doc := `<ncl><head>
<ruleBase><rule id="pt" var="system.language" comparator="eq" value="pt"/></ruleBase>
<connectorBase>
<causalConnector id="onBeginIfStart"><connectorParam name="v"/>
 <compoundCondition operator="and"><simpleCondition role="onBegin"/>
  <assessmentStatement comparator="eq"><attributeAssessment role="test" eventType="attribution"/>
   <valueAssessment value="$v"/></assessmentStatement></compoundCondition>
 <simpleAction role="start"/></causalConnector>
</connectorBase></head><body>
<port id="p1" component="sw2"/><port id="p2" component="ctx"/>
<switch id="sw1"><bindRule constituent="a" rule="pt"/><defaultComponent component="b"/>
 <media id="a" src="t.txt"/><media id="b" src="t.txt"/></switch>
<switch id="sw2" refer="sw1"/>
<context id="ctx"><port id="pm" component="m"/><port id="pscore" component="m" interface="score"/>
 <media id="m" src="t.txt"><property name="score" value="7"/></media></context>
<media id="yes" src="t.txt"/><media id="no" src="t.txt"/>
<link xconnector="onBeginIfStart"><linkParam name="v" value="7"/><bind role="onBegin" component="ctx"/>
 <bind role="test" component="ctx" interface="score"/><bind role="start" component="no"/></link>
<link xconnector="onBeginIfStart"><linkParam name="v" value="7"/><bind role="onBegin" component="ctx"/>
 <bind role="test" component="ctx" interface="pscore"/><bind role="start" component="yes"/></link>
</body></ncl>`
	fsys := fstest.MapFS{"main.ncl": {Data: []byte(doc)}, "t.txt": {Data: []byte("t")}}
	h := newHarness(t, fsys, "main.ncl")
	require.Equal(t, "occurring", h.state("sw2", ""))
	require.Equal(t, "occurring", h.state("a", ""), "the referred switch's rule chose a (language pt)")
	require.Equal(t, "sleeping", h.state("b", ""))
	require.Equal(t, "sleeping", h.state("no", ""), "the context has no property score")
	require.Equal(t, "occurring", h.state("yes", ""), "the port pscore maps to m's score")
}
