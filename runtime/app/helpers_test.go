package app

import (
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/internal/dvbtext"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
	"github.com/antena-tv/antena/runtime/store"
)

var testEpoch = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// harness is a Manager on a virtual clock that records its events, what
// apps post and the keys the box gets.
type harness struct {
	t     *testing.T
	m     *Manager
	clock *rlua.VirtualClock

	mu     sync.Mutex
	events []Event
	posts  []post
	box    []string
}

type post struct {
	id ID
	e  nclua.Event
}

func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	h := &harness{t: t, clock: rlua.NewVirtualClock(testEpoch)}
	if opts.Clock == nil {
		opts.Clock = h.clock
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	opts.OnEvent = func(e Event) {
		h.mu.Lock()
		h.events = append(h.events, e)
		h.mu.Unlock()
	}
	opts.OnPost = func(id ID, e nclua.Event) {
		h.mu.Lock()
		h.posts = append(h.posts, post{id, e})
		h.mu.Unlock()
	}
	if opts.Box == nil {
		opts.Box = BoxFunc(func(ev hardware.KeyEvent) {
			h.mu.Lock()
			h.box = append(h.box, ev.String())
			h.mu.Unlock()
		})
	}
	m, err := New(opts)
	require.NoError(t, err)
	h.m = m
	t.Cleanup(func() { require.NoError(t, m.Close()) })
	return h
}

// openStore opens a fresh store in a temporary directory.
func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "antena.db"), nil)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func (h *harness) sync() {
	h.t.Helper()
	require.NoError(h.t, h.m.Sync())
}

func (h *harness) advance(d time.Duration) {
	h.t.Helper()
	h.clock.Advance(d)
	h.sync()
}

func (h *harness) info(id ID) Info {
	h.t.Helper()
	i, ok := h.m.App(id)
	require.True(h.t, ok, "app %v unknown", id)
	return i
}

func (h *harness) state(id ID) State {
	h.t.Helper()
	return h.info(id).State
}

// kinds returns the kinds of the events about id, in order.
func (h *harness) kinds(id ID) []EventKind {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []EventKind
	for _, e := range h.events {
		if e.App.ID == id && e.Kind != EventFocus {
			out = append(out, e.Kind)
		}
	}
	return out
}

func (h *harness) lastEvent(id ID, kind EventKind) (Event, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := len(h.events) - 1; i >= 0; i-- {
		if e := h.events[i]; e.App.ID == id && e.Kind == kind {
			return e, true
		}
	}
	return Event{}, false
}

// said returns the "msg" fields of the user events app id posted out.
func (h *harness) said(id ID) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, p := range h.posts {
		if p.id == id && p.e.Class() == "user" {
			out = append(out, fmt.Sprint(p.e["msg"]))
		}
	}
	return out
}

func (h *harness) boxKeys() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.box)
}

// press sends a press and a release of k.
func (h *harness) press(k hardware.Key) {
	h.m.Key(hardware.KeyEvent{Key: k, Pressed: true, Time: h.clock.Now()})
	h.sync()
	h.m.Key(hardware.KeyEvent{Key: k, Pressed: false, Time: h.clock.Now()})
	h.sync()
}

// onAir is a carousel being broadcast: a Builder makes its sections, a
// dsmcc.Carousel acquires them and reports to the manager, as the
// Demuxer's handler would.
type onAir struct {
	t     *testing.T
	pid   uint16
	tag   uint8
	b     *dsmcc.Builder
	c     *dsmcc.Carousel
	built *dsmcc.BuiltCarousel
}

func newOnAir(t *testing.T, m *Manager, pid uint16, tag uint8) *onAir {
	t.Helper()
	b, err := dsmcc.NewBuilder(dsmcc.BuilderConfig{AssociationTag: uint16(tag), ModuleSize: 1})
	require.NoError(t, err)
	a := &onAir{t: t, pid: pid, tag: tag, b: b}
	a.c = dsmcc.New(dsmcc.Config{OnEvent: func(e dsmcc.Event) { m.CarouselEvent(pid, a.c, e) }})
	return a
}

// build makes the next version of the carousel from files.
func (a *onAir) build(files map[string]string) *dsmcc.BuiltCarousel {
	a.t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	bc, err := a.b.Build(fsys)
	require.NoError(a.t, err)
	a.built = bc
	return bc
}

// send feeds one cycle of the carousel, leaving out the modules that
// carry any of the paths in skip.
func (a *onAir) send(skip ...string) {
	a.t.Helper()
	feed := func(sec []byte) { require.NoError(a.t, a.c.Feed(sec)) }
	feed(a.built.DSI)
	for _, s := range a.built.DII {
		feed(s)
	}
	for _, mod := range a.built.Modules {
		if slices.ContainsFunc(mod.Objects, func(p string) bool { return slices.Contains(skip, p) }) {
			continue
		}
		for _, s := range mod.DDB {
			feed(s)
		}
	}
}

// resolve is the CarouselResolver of a receiver with this one carousel.
func (a *onAir) resolve(tag uint8) (uint16, Carousel, bool) {
	if tag != a.tag {
		return 0, nil, false
	}
	return a.pid, a.c, true
}

// aitApp is a Ginga-NCL application carried by the carousel of tag.
func aitApp(appID uint16, code ait.ControlCode, name, base, entry string, bound bool, tag uint8) ait.Application {
	return ait.Application{
		OrganisationID: 0x10, ApplicationID: appID, ApplicationControlCode: code,
		Descriptors: []ait.Descriptor{
			&ait.ApplicationDescriptor{
				Profiles:         []ait.ApplicationProfile{{ApplicationProfile: 1, VersionMajor: 1}},
				ServiceBoundFlag: bound, Visibility: ait.VisibilityVisibleAll, ApplicationPriority: 1,
				TransportProtocolLabels: []uint8{1},
			},
			nameDescriptor(name),
			&ait.TransportProtocolDescriptor{ProtocolID: ait.ProtocolObjectCarousel, TransportProtocolLabel: 1,
				ComponentTag: tag},
			&ait.GingaNCLApplicationLocationDescriptor{BaseDirectory: base, InitialClass: entry},
		},
	}
}

func nameDescriptor(name string) *ait.ApplicationNameDescriptor {
	return &ait.ApplicationNameDescriptor{Names: []ait.ApplicationName{{ISO639LanguageCode: "por", Name: dvbtext.Encode(name)}}}
}

// aitHTTPApp is a Ginga-NCL application loaded over HTTP from base.
func aitHTTPApp(appID uint16, code ait.ControlCode, name, urlBase, entry string) ait.Application {
	return ait.Application{
		OrganisationID: 0x10, ApplicationID: appID, ApplicationControlCode: code,
		Descriptors: []ait.Descriptor{
			&ait.ApplicationDescriptor{Visibility: ait.VisibilityVisibleAll, TransportProtocolLabels: []uint8{2}},
			nameDescriptor(name),
			&ait.TransportProtocolDescriptor{ProtocolID: ait.ProtocolHTTP, TransportProtocolLabel: 2,
				URLs: []ait.URL{{URLBase: urlBase}}},
			&ait.GingaNCLApplicationLocationDescriptor{BaseDirectory: "/", InitialClass: entry},
		},
	}
}

// aitTable builds a Ginga-NCL AIT, marshals it and reads it back, as a
// receiver gets it.
func aitTable(t *testing.T, version uint8, apps ...ait.Application) *ait.Table {
	t.Helper()
	tb := &ait.Table{ApplicationType: ait.ApplicationTypeGingaNCL, VersionNumber: version, CurrentNextIndicator: true,
		Applications: apps}
	raw, err := tb.MarshalSections()
	require.NoError(t, err)
	secs := make([]ait.Section, len(raw))
	for i, b := range raw {
		require.NoError(t, secs[i].Unmarshal(b))
	}
	return ait.NewTable(secs)
}

func appID(n uint16) ID { return ID{OrganisationID: 0x10, ApplicationID: n} }

// mapFS makes a MapFS from file contents.
func mapFS(files map[string]string) fs.FS {
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}
