package ncl

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
)

func parseTestdata(t *testing.T, name string) *Document {
	t.Helper()
	d, err := Parse(os.DirFS("testdata"), name, Limits{})
	require.NoError(t, err)
	return d
}

// diagStrings renders diagnostics as "file:line: severity: message".
func diagStrings(ds Diagnostics) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

func TestQuizModel(t *testing.T) {
	d := parseTestdata(t, "quiz.ncl")
	require.Empty(t, d.Diagnostics)
	require.Equal(t, "quiz", d.ID)
	require.Equal(t, "Quiz do Futebol", d.Title)
	require.Equal(t, []Meta{{Name: "author", Content: "Antena", Pos: Pos{"quiz.ncl", 4}}}, d.Meta)

	q := d.Descriptor("dQuestion")
	require.NotNil(t, q)
	require.Equal(t, 30*time.Second, q.ExplicitDur)
	require.True(t, q.HasExplicitDur)
	require.True(t, q.Freeze)
	require.Equal(t, []string{"fade"}, q.TransIn)
	require.Equal(t, "1s", d.Transition("fade").Dur)
	v, ok := d.Descriptor("dAnswers").Param("soundLevel")
	require.True(t, ok)
	require.Equal(t, "0.5", v)
	require.Equal(t, "lua", d.Descriptor("dAnswers").Player)

	video := d.Node("video").(*Media)
	require.Equal(t, "video/mpeg", video.Type)
	require.True(t, video.TypeInferred)
	area := video.Interface("aQuestion").(*Area)
	require.Equal(t, 5*time.Second, area.Begin)
	require.Equal(t, 35*time.Second, area.End)
	require.True(t, area.HasBegin && area.HasEnd)

	settings := d.Node("settings").(*Media)
	require.True(t, settings.IsSettings())
	require.Equal(t, "1", settings.Property("service.currentFocus").Value)

	answers := d.Node("answers").(*Media)
	require.True(t, answers.IsLua())
	require.Equal(t, TypeNCLua, answers.Type)
	require.Equal(t, "correct", answers.Interface("aCorrect").(*Area).Label)
	require.Equal(t, d.Node("quiz"), d.Parent(answers))
	require.Equal(t, Node(d.Body), d.Parent(d.Node("quiz")))
	require.Nil(t, d.Parent(d.Body))

	// refer: the media reused, with its interfaces.
	again := d.Node("questionAgain").(*Media)
	require.Equal(t, "instSame", again.Instance)
	require.Equal(t, d.Node("question"), Node(d.Media("questionAgain")))

	quiz := d.Node("quiz").(*Context)
	require.Len(t, quiz.Links, 2)
	require.Equal(t, "0", quiz.Interface("score").(*Property).Value)
	require.Nil(t, quiz.Interface("nothing"))
	require.Equal(t, "question", quiz.Interface("qStart").(*Port).Component)
	require.Len(t, d.Body.Ports, 2)
}

func TestConnectors(t *testing.T) {
	d := parseTestdata(t, "quiz.ncl")
	c := d.Connector("onKeyAndScoreStart")
	require.NotNil(t, c)
	require.Equal(t, []Param{{Name: "key", Pos: Pos{"quiz.ncl", 30}}}, c.Params)
	cc := c.Condition.(*CompoundCondition)
	require.Equal(t, "and", cc.Operator)
	sc := cc.Conditions[0].(*SimpleCondition)
	require.Equal(t, SimpleCondition{
		Role: "onSelection", Key: "$key", EventType: EventSelection, Transition: TransitionStarts,
		Min: 1, Max: 1, Pos: Pos{"quiz.ncl", 32},
	}, *sc)
	st := cc.Statements[0].(*CompoundStatement)
	require.True(t, st.IsNegated)
	require.Equal(t, "or", st.Operator)
	as := st.Statements[0].(*AssessmentStatement)
	require.Equal(t, "gte", as.Comparator)
	require.Equal(t, "score", as.Attributes[0].Role)
	require.Equal(t, "nodeProperty", as.Attributes[0].AttributeType)
	require.Equal(t, "3", as.Value.Value)

	ca := c.Action.(*CompoundAction)
	require.Equal(t, "par", ca.Operator)
	require.Equal(t, "1s", ca.Delay)
	start := ca.Actions[0].(*SimpleAction)
	require.Equal(t, ActionStart, start.ActionType)
	require.Equal(t, EventPresentation, start.EventType)
	require.Equal(t, -1, start.Max)
	require.Equal(t, ActionPause, ca.Actions[1].(*SimpleAction).ActionType)
	require.Equal(t, map[string]string{
		"onSelection": "condition", "score": "attribute", "start": "action", "pause": "action",
	}, c.Roles())

	set := d.Connector("onBeginSetDelay").SimpleActions()[0]
	require.Equal(t, EventAttribution, set.EventType)
	require.Equal(t, ActionStart, set.ActionType)

	end := d.Connector("onEndAttributionAbort")
	require.Equal(t, EventAttribution, end.SimpleConditions()[0].EventType)
	require.Equal(t, TransitionStops, end.SimpleConditions()[0].Transition)
	require.Equal(t, ActionAbort, end.SimpleActions()[0].ActionType)
}

func TestReservedRoles(t *testing.T) {
	conds := []struct {
		role string
		ev   EventType
		tr   TransitionType
	}{
		{"onBegin", EventPresentation, TransitionStarts},
		{"onEnd", EventPresentation, TransitionStops},
		{"onAbort", EventPresentation, TransitionAborts},
		{"onPause", EventPresentation, TransitionPauses},
		{"onResume", EventPresentation, TransitionResumes},
		{"onSelection", EventSelection, TransitionStarts},
		{"onBeginSelection", EventSelection, TransitionStarts},
		{"onEndSelection", EventSelection, TransitionStops},
		{"onBeginAttribution", EventAttribution, TransitionStarts},
		{"onEndAttribution", EventAttribution, TransitionStops},
	}
	for _, c := range conds {
		require.Equal(t, ConditionRole{c.ev, c.tr}, ConditionRoles[c.role], c.role)
	}
	acts := []struct {
		role string
		ev   EventType
		at   ActionType
	}{
		{"start", EventPresentation, ActionStart},
		{"stop", EventPresentation, ActionStop},
		{"abort", EventPresentation, ActionAbort},
		{"pause", EventPresentation, ActionPause},
		{"resume", EventPresentation, ActionResume},
		{"set", EventAttribution, ActionStart},
	}
	for _, a := range acts {
		require.Equal(t, ActionRole{a.ev, a.at}, ActionRoles[a.role], a.role)
	}
}

func TestResolveParam(t *testing.T) {
	link := &Link{Params: []Param{{Name: "var", Value: "10"}, {Name: "delay", Value: "2s"}}}
	bind := &Bind{Params: []Param{{Name: "var", Value: "20"}}}
	cases := []struct {
		value string
		bind  *Bind
		want  string
		ok    bool
	}{
		{"$var", bind, "20", true},   // bindParam wins
		{"$var", nil, "10", true},    // linkParam
		{"$delay", bind, "2s", true}, // falls back to the link
		{"$nope", bind, "$nope", false},
		{"plain", bind, "plain", true},
		{"", nil, "", true},
		{" $var ", nil, "10", true},
	}
	for _, c := range cases {
		got, ok := ResolveParam(c.value, link, c.bind)
		require.Equal(t, c.want, got, c.value)
		require.Equal(t, c.ok, ok, c.value)
	}

	// At binding time, on the quiz's link.
	d := parseTestdata(t, "quiz.ncl")
	l := d.Node("quiz").(*Context).Links[0]
	sa := d.Connector(l.XConnector).SimpleActions()[0]
	b := l.BindsOf(sa.Role)[0]
	got, missing := ResolveAction(sa, l, b)
	require.Empty(t, missing)
	require.Equal(t, "20", got.Value)
	require.Equal(t, "2s", got.Delay)
	require.Equal(t, "$var", sa.Value, "the connector is not changed")

	l2 := d.Node("quiz").(*Context).Links[1]
	sc := d.Connector(l2.XConnector).SimpleConditions()[0]
	gc, missing := ResolveCondition(sc, l2, l2.BindsOf("onSelection")[0])
	require.Empty(t, missing)
	require.Equal(t, "GREEN", gc.Key)
	_, missing = ResolveCondition(sc, l2, nil)
	require.Equal(t, []string{"key"}, missing)
}

func TestParseTime(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"5s", 5 * time.Second, true},
		{"5", 5 * time.Second, true},
		{"2.5s", 2500 * time.Millisecond, true},
		{"00:01:02.5", 62500 * time.Millisecond, true},
		{"01:30", 90 * time.Second, true},
		{"-1s", 0, false},
		{"abc", 0, false},
		{"", 0, false},
		{"1:2:3:4", 0, false},
		{"NaN", 0, false},
		{"1e300", 0, false},
	}
	for _, c := range cases {
		got, ok := ParseTime(c.in)
		require.Equal(t, c.ok, ok, c.in)
		require.Equal(t, c.want, got, c.in)
	}
}

func TestInferType(t *testing.T) {
	cases := map[string]string{
		"main.lua": TypeNCLua, "img/A.PNG": "image/png", "x.jpeg": "image/jpeg", "t.txt": "text/plain",
		"v.mp4": "video/mp4", "sbtvd-ts://video": "video/mpeg", "isdb-ts://0": "video/mpeg",
		"doc.ncl": TypeNCL, "page.html?x=1": "text/html", "noext": "", "a.weird": "",
	}
	for src, want := range cases {
		require.Equal(t, want, InferType(src), src)
	}
}

func TestMenuImportsConnectorBase(t *testing.T) {
	d := parseTestdata(t, "menu.ncl")
	require.Empty(t, d.Diagnostics)
	c := d.Connector("conn#onSelectionStopStart")
	require.NotNil(t, c)
	require.Equal(t, "connectors/ConnectorBase.ncl", c.File)
	require.Equal(t, "seq", c.Action.(*CompoundAction).Operator)
	require.NotNil(t, d.Imports["conn"])
	require.Nil(t, d.Connector("onSelectionStopStart"), "imported IDs carry the alias")
	require.Nil(t, d.Connector("other#onBeginStart"))

	menu := d.Node("menu").(*Context)
	require.Len(t, menu.Links, 3)

	// Focus navigation: each item's descriptor, by focusIndex.
	nav := map[string][4]string{}
	for _, id := range []string{"item1", "item2", "item3"} {
		ds := d.Descriptor(d.Node(id).(*Media).Descriptor)
		nav[ds.FocusIndex] = [4]string{ds.MoveUp, ds.MoveDown, ds.MoveLeft, ds.MoveRight}
	}
	require.Equal(t, map[string][4]string{
		"1": {"3", "2", "", ""}, "2": {"1", "3", "", ""}, "3": {"2", "1", "", ""},
	}, nav)
	d1 := d.Descriptor("dItem1")
	require.Equal(t, "yellow", d1.FocusBorderColor)
	require.Equal(t, "3", d1.FocusBorderWidth)
	require.Equal(t, "red", d1.SelBorderColor)
	require.Equal(t, "0.5", d1.FocusBorderTransparency)
	require.Equal(t, "item3_on.png", d.Descriptor("dItem3").FocusSrc)
	require.Equal(t, "20%", d.Descriptor("dItem3").Transparency())

	rects := d.ResolveRegions("", 1280, 720)
	require.Equal(t, Rect{X: 64, Y: 72 + 144, W: 384, H: 144, ZIndex: 2}, rects["rgItem2"])
}

func TestRegionResolve(t *testing.T) {
	d := parseTestdata(t, "regions.ncl")
	require.Equal(t, []string{`regions.ncl:11: warning: region "bad": bad left "abc" ignored`}, diagStrings(d.Diagnostics))
	require.Equal(t, "systemScreen(1)", d.RegionBases[1].Device)
	cases := []struct {
		w, h int
		id   string
		want Rect
	}{
		{1920, 1080, "screen", Rect{0, 0, 1920, 1080, 0}},
		{1920, 1080, "half", Rect{960, 270, 960, 540, 4}},
		{1920, 1080, "quarter", Rect{960 + 240, 270 + 135, 480, 270, 4}},
		{1920, 1080, "rightPx", Rect{960 + 960 - 110, 270 + 540 - 60, 100, 50, 7}},
		{1920, 1080, "stretch", Rect{960 + 96, 270, 768, 270, 4}},
		{1920, 1080, "bad", Rect{0, 0, 0, 1080, 0}},
		{1920, 1080, "ext#corner", Rect{960, 270, 96, 54, 4}},
		{720, 480, "half", Rect{360, 120, 360, 240, 4}},
		{720, 480, "quarter", Rect{450, 180, 180, 120, 4}},
		{1280, 720, "quarter", Rect{800, 270, 320, 180, 4}},
		{1366, 768, "quarter", Rect{854, 288, 342, 192, 4}}, // 170.75 and 341.5 round away from zero
	}
	for _, c := range cases {
		got := d.ResolveRegions("", c.w, c.h)
		require.Equal(t, c.want, got[c.id], "%s at %dx%d", c.id, c.w, c.h)
	}
	second := d.ResolveRegions("systemScreen(1)", 800, 600)
	require.Equal(t, Rect{0, 0, 400, 300, 0}, second["second"])
	require.NotContains(t, second, "half")
}

func TestSwitchRules(t *testing.T) {
	d := parseTestdata(t, "switch.ncl")
	require.Equal(t, []string{
		`switch.ncl:19: error: bindRule: constituent "dGhost" does not exist: skipped`,
		`switch.ncl:41: error: bindRule: constituent "textNowhere" does not exist: skipped`,
		`switch.ncl:42: error: bindRule: rule "rNoRule" does not exist: skipped`,
	}, diagStrings(d.Diagnostics))
	sw := d.Node("swLang").(*Switch)
	require.Equal(t, "textEn", sw.DefaultComponent)
	require.Len(t, sw.BindRules, 2)
	require.Equal(t, "aEn", sw.Interface("spStart").(*SwitchPort).Mappings[1].Interface)
	ds := d.DescriptorSwitch("dsLang")
	require.Len(t, ds.BindRules, 1)
	require.Equal(t, "dEn", ds.DefaultDescriptor)
	require.Equal(t, 5*time.Second, d.Descriptor("dEn").ExplicitDur)
	require.Equal(t, "and", d.Rule("rPtBig").Operator)
	require.True(t, d.Rule("rPtBig").Composite())

	// What a player does with it: the first bindRule that holds.
	choose := func(settings map[string]string) string {
		get := func(n string) (string, bool) { v, ok := settings[n]; return v, ok }
		for _, br := range sw.BindRules {
			if d.Rule(br.Rule).Eval(get) {
				return br.Constituent
			}
		}
		return sw.DefaultComponent
	}
	require.Equal(t, "textPtBig", choose(map[string]string{"system.language": "pt", "system.screenGraphicSize": "1920,1080"}))
	require.Equal(t, "textPt", choose(map[string]string{"system.language": "pt", "system.screenGraphicSize": "720,480"}))
	require.Equal(t, "textEn", choose(map[string]string{"system.language": "en"}))
	require.Equal(t, "textEn", choose(nil))
}

func TestRuleEval(t *testing.T) {
	get := func(n string) (string, bool) {
		v, ok := map[string]string{"n": "10", "s": "pt"}[n]
		return v, ok
	}
	cases := []struct {
		r    Rule
		want bool
	}{
		{Rule{Var: "n", Comparator: "gt", Value: "9"}, true},
		{Rule{Var: "n", Comparator: "gt", Value: "10"}, false},
		{Rule{Var: "n", Comparator: "gte", Value: "10"}, true},
		{Rule{Var: "n", Comparator: "lt", Value: "100"}, true}, // numeric, not "10" < "100" by chance
		{Rule{Var: "n", Comparator: "lte", Value: "9.5"}, false},
		{Rule{Var: "s", Comparator: "eq", Value: "pt"}, true},
		{Rule{Var: "s", Comparator: "ne", Value: "pt"}, false},
		{Rule{Var: "missing", Comparator: "ne", Value: "pt"}, false},
		{Rule{Var: "s", Comparator: "bogus", Value: "pt"}, false},
		{Rule{Operator: "or", Rules: []*Rule{{Var: "s", Value: "en"}, {Var: "s", Value: "pt"}}}, true},
		{Rule{Operator: "and", Rules: []*Rule{{Var: "s", Value: "en"}, {Var: "s", Value: "pt"}}}, false},
		{Rule{Operator: "and"}, false},
	}
	for i, c := range cases {
		require.Equal(t, c.want, c.r.Eval(get), i)
	}
}

func TestUnknownElementsAreWarnings(t *testing.T) {
	d := parseTestdata(t, "unknown.ncl")
	require.Equal(t, []string{
		`unknown.ncl:5: warning: <region>: unknown attribute "shadow" ignored`,
		`unknown.ncl:10: warning: <head>: unknown element <fancyBase> ignored`,
		`unknown.ncl:14: warning: <media>: unknown attribute "autoplay" ignored`,
		`unknown.ncl:15: warning: <body>: unknown element <video> ignored`,
		`unknown.ncl:17: warning: <media>: unknown element <sparkle> ignored`,
	}, diagStrings(d.Diagnostics))
	require.Empty(t, d.Diagnostics.Errors())
	// The rest of the document is there.
	require.NotNil(t, d.Node("m1"))
	require.NotNil(t, d.Node("m2"))
	require.Nil(t, d.Node("v1"))
	require.Equal(t, "r1", d.Descriptor("d1").Region)
}

func TestMissingReferences(t *testing.T) {
	d := parseTestdata(t, "missing.ncl")
	require.Equal(t, []string{
		`missing.ncl:8: error: descriptor "d1": region "nowhere" does not exist`,
		`missing.ncl:19: error: port "pGhost": component "ghost" does not exist: skipped`,
		`missing.ncl:20: error: media "m1": descriptor "dGhost" does not exist`,
		`missing.ncl:24: error: link "lGhostComponent": component "ghost" does not exist: skipped`,
		`missing.ncl:22: error: link "lGhostComponent": no bind for action role "start": skipped`,
		`missing.ncl:28: error: link "lGhostRole": connector "onBeginStart" has no role "begin": bind skipped`,
		`missing.ncl:31: error: link "lGhostConnector": connector "nope" does not exist: skipped`,
		`missing.ncl:36: error: link "lGood": component "m2" has no interface "noSuchArea": skipped`,
	}, diagStrings(d.Diagnostics))
	// The parts in error are out of the model; the rest stays.
	require.Len(t, d.Body.Ports, 1)
	require.Empty(t, d.Node("m1").(*Media).Descriptor)
	require.Empty(t, d.Descriptor("d1").Region)
	var ids []string
	for _, l := range d.Body.Links {
		ids = append(ids, l.ID)
	}
	require.Equal(t, []string{"lGhostRole", "lGood"}, ids)
	require.Len(t, d.Body.Links[0].Binds, 2)
	require.Len(t, d.Body.Links[1].Binds, 2)
	// Validate again: nothing left to report.
	require.Empty(t, d.Validate())
}

func TestImportCycle(t *testing.T) {
	d := parseTestdata(t, "cycle_a.ncl")
	require.Equal(t, []string{
		`cycle_b.ncl:5: error: <importBase>: import cycle through "cycle_a.ncl": skipped`,
	}, diagStrings(d.Diagnostics))
	require.NotNil(t, d.Connector("onBeginStart"))
	require.NotNil(t, d.Connector("b#onEndStop"))
	require.Nil(t, d.Connector("b#a#onBeginStart"))
}

func TestImportNCL(t *testing.T) {
	fsys := fstest.MapFS{
		"main.ncl": {Data: []byte(`<ncl id="main"><head>
<importedDocumentBase>
  <importNCL alias="lib" documentURI="lib/lib.ncl"/>
  <importNCL alias="gone" documentURI="lib/missing.ncl"/>
  <importNCL alias="far" documentURI="http://example.com/x.ncl"/>
  <importNCL documentURI="lib/lib.ncl"/>
</importedDocumentBase>
</head><body>
  <port id="p" component="logo"/>
  <media id="logo" refer="lib#logo"/>
</body></ncl>`)},
		"lib/lib.ncl": {Data: []byte(`<ncl id="lib"><head><regionBase><region id="r"/></regionBase>
<descriptorBase><descriptor id="d" region="r"/></descriptorBase></head>
<body><media id="logo" src="logo.png" descriptor="d"><area id="a" begin="1s"/></media><stray/></body></ncl>`)},
	}
	d, err := Parse(fsys, "main.ncl", Limits{})
	require.NoError(t, err)
	require.Equal(t, []string{
		`lib/lib.ncl:3: warning: <body>: unknown element <stray> ignored`,
		`main.ncl:4: error: <importNCL>: open lib/missing.ncl: file does not exist: skipped`,
		`main.ncl:5: error: <importNCL>: documentURI "http://example.com/x.ncl" is not a file of the app: skipped`,
		`main.ncl:6: error: <importNCL> needs alias and documentURI: skipped`,
	}, diagStrings(d.Diagnostics))
	m := d.Media("logo")
	require.Equal(t, "logo.png", m.Src)
	require.Equal(t, "lib/lib.ncl", m.File)
	require.NotNil(t, d.Descriptor("lib#d"))
	require.NotNil(t, d.Region("lib#r"))
}

func TestLimits(t *testing.T) {
	deep := "<ncl><body>" + strings.Repeat("<context>", 100) + strings.Repeat("</context>", 100) + "</body></ncl>"
	many := "<ncl><body>" + strings.Repeat(`<media src="a.png"/>`, 50) + "</body></ncl>"
	fsys := fstest.MapFS{
		"deep.ncl":   {Data: []byte(deep)},
		"many.ncl":   {Data: []byte(many)},
		"big.ncl":    {Data: []byte("<ncl>" + strings.Repeat(" ", 2000) + "</ncl>")},
		"not.ncl":    {Data: []byte("<html/>")},
		"bad.ncl":    {Data: []byte("<ncl><head>\n<regionBase>\n<region id='a'\n")},
		"chain0.ncl": {Data: []byte(`<ncl><head><connectorBase><importBase alias="x" documentURI="chain1.ncl"/></connectorBase></head></ncl>`)},
		"chain1.ncl": {Data: []byte(`<ncl><head><connectorBase><importBase alias="x" documentURI="chain2.ncl"/></connectorBase></head></ncl>`)},
		"chain2.ncl": {Data: []byte(`<ncl><head><connectorBase><importBase alias="x" documentURI="chain3.ncl"/></connectorBase></head></ncl>`)},
		"chain3.ncl": {Data: []byte(`<ncl/>`)},
	}
	d, err := Parse(fsys, "deep.ncl", Limits{MaxDepth: 10})
	require.NoError(t, err)
	require.Equal(t, []string{"deep.ncl:1: error: <context> nested deeper than 10 elements: skipped"},
		diagStrings(d.Diagnostics.Errors()))

	d, err = Parse(fsys, "many.ncl", Limits{MaxElements: 10})
	require.NoError(t, err)
	require.Equal(t, []string{"many.ncl:1: error: more than 10 elements: the rest is skipped"},
		diagStrings(d.Diagnostics.Errors()))
	require.Len(t, d.Body.Nodes, 8)

	_, err = Parse(fsys, "big.ncl", Limits{MaxFileSize: 1000})
	require.ErrorIs(t, err, ErrTooLarge)
	_, err = Parse(fsys, "not.ncl", Limits{})
	require.ErrorIs(t, err, ErrNotNCL)
	_, err = Parse(fsys, "absent.ncl", Limits{})
	require.Error(t, err)

	d, err = Parse(fsys, "bad.ncl", Limits{})
	require.NoError(t, err, "a syntax error keeps what was read")
	require.Len(t, d.Diagnostics, 1)
	require.Equal(t, Error, d.Diagnostics[0].Severity)
	require.Equal(t, 3, d.Diagnostics[0].Line) // the unterminated <region>

	d, err = Parse(fsys, "chain0.ncl", Limits{MaxImportDepth: 2})
	require.NoError(t, err)
	require.Equal(t, []string{`chain2.ncl:1: error: <importBase>: imports nested deeper than 2: "chain3.ncl" skipped`},
		diagStrings(d.Diagnostics))
}

func TestLatin1(t *testing.T) {
	doc := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<ncl id=\"a\" title=\"Elei\xe7\xf5es\"/>")
	d, err := Parse(fstest.MapFS{"a.ncl": {Data: doc}}, "a.ncl", Limits{})
	require.NoError(t, err)
	require.Equal(t, "Eleições", d.Title)
	doc = []byte("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<ncl title=\"\x93ok\x94\"/>")
	d, err = Parse(fstest.MapFS{"a.ncl": {Data: doc}}, "a.ncl", Limits{})
	require.NoError(t, err)
	require.Equal(t, "\u201cok\u201d", d.Title)
}
