package app

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/antena-tv/antena/runtime/gfx"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/ncl/player"
	"github.com/antena-tv/antena/runtime/nclua"
)

// record is the manager's state of one app. Manager goroutine only.
type record struct {
	info       Info // State, Err and Runs are kept here; Focused is computed
	transports []transport
	src        source
	fromSpec   bool
	table      tableKey // the AIT sub-table that signals it

	want      bool      // meant to run: start once the files are ready
	byViewer  bool      // want comes from Start, not AUTOSTART
	autoDone  bool      // AUTOSTART already acted on for this service selection
	entrySeen time.Time // when the entry was first seen in an incomplete carousel
	needFull  bool      // wait for the complete carousel (after a missing module)
	retried   bool      // the missing-module retry was used
	loadGen   int       // bumped whenever loading restarts; stale callbacks compare it
	fetching  bool      // an HTTP entry fetch is in flight

	run     *run
	gone    bool // forget it once the run stopped
	restart bool // start again once the run stopped (new version, Reload)
	carried bool // unbound, kept running across a service change
}

// run is one start of an app: its nclua.App, layer and key bookkeeping.
type run struct {
	rec    *record
	seq    int
	app    Program
	layer  *gfx.Layer
	reason error // set by the manager before it stops the app
	ended  bool

	// Carousel apps: the files the run started with.
	root         string
	fp           map[string][sha256.Size]byte
	baseComplete bool

	sent []sentKey // keys sent and not yet known to be consumed
}

func (rec *record) snapshot(focus *run) Info {
	i := rec.info
	i.Focused = focus != nil && focus.rec == rec && rec.run == focus
	if rec.src != nil {
		i.Source, i.Location = rec.src.kind(), rec.src.location()
	}
	return i
}

func (rec *record) setState(s State, err error) {
	rec.info.State, rec.info.Err = s, err
}

// startApp asks for rec to run: it goes to StateLoading and starts as
// soon as its files are ready. Manager goroutine.
func (m *Manager) startApp(rec *record, byViewer bool) {
	if rec.run != nil || rec.info.State == StateLoading {
		return
	}
	if err := unsupported(rec.info.Type, rec.info.Entry); err != nil {
		rec.want = false
		rec.setState(StateFailed, err)
		m.publish(rec, EventFailed, err, Progress{})
		return
	}
	if rec.src == nil {
		m.pickSource(rec)
	}
	if rec.src == nil {
		err := fmt.Errorf("%w: %s", ErrNoTransport, describeTransports(rec.transports))
		rec.want = false
		rec.setState(StateFailed, err)
		m.publish(rec, EventFailed, err, Progress{})
		return
	}
	rec.want, rec.byViewer = true, byViewer
	rec.entrySeen = time.Time{}
	rec.loadGen++
	rec.setState(StateLoading, nil)
	m.publish(rec, EventLoading, nil, m.progress(rec))
	m.check(rec)
}

// cancelLoading takes a loading app back to s (StateSignalled, or
// StateStopped with a reason).
func (m *Manager) cancelLoading(rec *record, s State, err error) {
	rec.want = false
	rec.loadGen++
	rec.setState(s, err)
	kind := EventSignalled
	if s == StateStopped {
		kind = EventStopped
	}
	m.publish(rec, kind, err, Progress{})
}

func (m *Manager) progress(rec *record) Progress {
	switch s := rec.src.(type) {
	case *carouselSource:
		return s.progress(rec.info.Entry)
	case *folderSource:
		return Progress{EntryPresent: isFile(s.fsys, rec.info.Entry), Complete: true}
	}
	return Progress{}
}

// check starts a loading app whose files are ready. Manager goroutine.
func (m *Manager) check(rec *record) {
	if !rec.want || rec.run != nil || rec.info.State != StateLoading {
		return
	}
	switch s := rec.src.(type) {
	case *folderSource:
		if !isFile(s.fsys, rec.info.Entry) {
			m.fail(rec, fmt.Errorf("%w: %s in %s", ErrNoEntry, rec.info.Entry, s.location()))
			return
		}
		m.launch(rec)
	case *httpSource:
		m.checkHTTP(rec, s)
	case *carouselSource:
		m.checkCarousel(rec, s)
	}
}

func (m *Manager) checkCarousel(rec *record, s *carouselSource) {
	if s.c == nil || !isFile(s.c, rec.info.Entry) {
		return
	}
	if s.c.Complete() {
		m.launch(rec)
		return
	}
	if rec.needFull || m.opts.EntryWait < 0 {
		return
	}
	now := m.clock.Now()
	if rec.entrySeen.IsZero() {
		rec.entrySeen = now
		gen := rec.loadGen
		m.after(m.opts.EntryWait, func() {
			if rec.loadGen == gen {
				m.check(rec)
			}
		})
		return
	}
	if now.Sub(rec.entrySeen) >= m.opts.EntryWait {
		m.launch(rec)
	}
}

func (m *Manager) checkHTTP(rec *record, s *httpSource) {
	if rec.fetching {
		return
	}
	if err := s.renew(); err != nil {
		m.fail(rec, err)
		return
	}
	rec.fetching = true
	gen, hfs, entry := rec.loadGen, s.fs, rec.info.Entry
	m.goIO(func() {
		_, err := fs.ReadFile(hfs, entry)
		m.post(func() {
			rec.fetching = false
			if rec.loadGen != gen || rec.info.State != StateLoading {
				if rec.want && rec.info.State == StateLoading {
					m.check(rec) // loading restarted meanwhile: fetch again
				}
				return
			}
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					err = fmt.Errorf("%w: %s at %s", ErrNoEntry, entry, s.base)
				}
				m.fail(rec, err)
				return
			}
			m.launch(rec)
		})
	})
}

// fail marks a loading app failed.
func (m *Manager) fail(rec *record, err error) {
	rec.want = false
	rec.loadGen++
	rec.setState(StateFailed, err)
	m.log.Warn("app failed", "app", rec.info.Label(), "id", rec.info.ID, "err", err)
	m.publish(rec, EventFailed, err, Progress{})
}

// launch makes and starts the app's Program. Manager goroutine.
func (m *Manager) launch(rec *record) {
	m.runSeq++
	r := &run{rec: rec, seq: m.runSeq}
	entry := rec.info.Entry
	r.root = path.Dir(entry)
	fsys := rec.src.files()
	if r.root != "." {
		sub, err := fs.Sub(fsys, r.root)
		if err != nil {
			m.fail(rec, err)
			return
		}
		fsys = sub
	}
	if cs, ok := rec.src.(*carouselSource); ok {
		r.baseComplete = cs.c.Complete()
		r.fp = fingerprint(cs.view(), r.root)
	}
	if c := m.opts.Compositor; c != nil {
		l, err := c.NewLayer(gfx.PlaneApps, image.Rect(0, 0, m.w, m.h))
		if err != nil {
			m.fail(rec, err)
			return
		}
		r.layer = l
	}
	prog, err := m.newProgram(rec, r, fsys, path.Base(entry))
	if err != nil {
		r.release()
		m.fail(rec, err)
		return
	}
	r.app = prog
	if err := prog.Start(); err != nil {
		prog.Stop()
		r.release()
		m.fail(rec, err)
		return
	}
	rec.run = r
	rec.want, rec.needFull = false, false
	rec.info.Runs++
	rec.setState(StateRunning, nil)
	m.publish(rec, EventStarted, nil, Progress{})
	m.setFocus(r)
}

// newProgram makes the app's Program for its entry: an nclua.App for a
// .lua entry, an NCL player for a .ncl entry (whose NCLua media get the
// same options as a Lua app would).
func (m *Manager) newProgram(rec *record, r *run, fsys fs.FS, main string) (Program, error) {
	o := m.appOptions(rec, r, fsys, main)
	if entryKind(main) == entryNCL {
		return player.New(player.Options{
			Name: o.Name, FS: fsys, Main: main, Width: m.w, Height: m.h,
			Layer: r.layer, Screen: m.opts.Compositor, Lua: o, Video: m.opts.Video,
			OnUnconsumed: m.unconsumedFunc(r),
			OnExit:       func() { m.post(func() { m.stopRun(r, ErrExited, false) }) },
			OnStop:       o.OnStop,
		})
	}
	a, err := nclua.New(o)
	if err != nil {
		return nil, err
	}
	if err := a.OnUnconsumedKeys(m.unconsumedFunc(r)); err != nil {
		a.Stop()
		return nil, err
	}
	return a, nil
}

func (m *Manager) appOptions(rec *record, r *run, fsys fs.FS, main string) nclua.Options {
	o := m.opts
	netw := o.Network
	if hs, ok := rec.src.(*httpSource); ok {
		netw.Allow = append(append([]string(nil), netw.Allow...), hs.host)
	}
	serviceID := "default"
	if m.svc.ID != 0 {
		serviceID = strconv.Itoa(int(m.svc.ID))
	}
	if m.svc.Scope != "" {
		serviceID = m.svc.Scope
	}
	channelID := "default"
	if m.svc.Channel != "" {
		channelID = m.svc.Channel
	}
	id := rec.info.ID
	return nclua.Options{
		Name: rec.info.Label(), FS: fsys, Main: main,
		Width: m.w, Height: m.h, Layer: r.layer,
		Deadline: o.Deadline, Limits: o.Limits, Clock: m.clock, Cache: o.Cache,
		Logger:   m.log.With("id", id.String()), // the VM adds app=Name
		Settings: o.Settings,
		Store:    o.Store, StoreID: id.StoreID(), StoreQuota: o.StoreQuota,
		ServiceID: serviceID, ChannelID: channelID,
		Network: netw,
		OnPost: func(e nclua.Event) {
			if e.Class() == "ncl" && e.Type() == "presentation" && e["action"] == "stop" &&
				(e["label"] == nil || e["label"] == "") {
				m.post(func() { m.stopRun(r, ErrExited, false) })
			}
			if o.OnPost != nil {
				o.OnPost(id, e)
			}
		},
		OnStop: func(se *rlua.StopError) { m.post(func() { m.stopped(r, se) }) },
	}
}

// release gives back what a run holds outside its VM.
func (r *run) release() {
	if r.layer != nil {
		r.layer.Remove()
		r.layer = nil
	}
}

// stopRun stops a run with a reason. A graceful stop (DESTROY) first sends
// the app an ncl presentation stop and lets it handle it. The state
// changes when the app has stopped (stopped). Manager goroutine.
func (m *Manager) stopRun(r *run, reason error, graceful bool) {
	if r == nil || r.ended || r.reason != nil {
		return
	}
	r.reason = reason
	a := r.app
	if graceful && a.Send(nclua.PresentationEvent("stop", "")) == nil {
		m.goIO(func() {
			_ = a.Sync()
			a.Stop()
			<-a.Done() // OnStop has posted the end of the run
		})
		return
	}
	a.Stop()
}

// stopped handles the end of a run (from the app's OnStop). Manager
// goroutine.
func (m *Manager) stopped(r *run, se *rlua.StopError) {
	if r.ended {
		return
	}
	r.ended = true
	r.release()
	m.keys.forget(r)
	rec := r.rec
	if rec.run != r {
		return
	}
	rec.run = nil
	if m.focus == r {
		m.setFocus(m.lastRunning())
	}
	switch {
	case r.reason != nil:
		rec.setState(StateStopped, r.reason)
		m.publish(rec, EventStopped, r.reason, Progress{})
	case m.retryMissingModule(rec, r, se):
		return
	default:
		rec.setState(StateFailed, se)
		m.log.Warn("app stopped", "app", rec.info.Label(), "id", rec.info.ID, "err", se)
		m.publish(rec, EventFailed, se, Progress{})
	}
	switch {
	case rec.gone:
		m.forget(rec)
	case rec.restart:
		rec.restart = false
		if fs, ok := rec.src.(*folderSource); ok {
			fs.refresh()
		}
		m.startApp(rec, rec.byViewer)
	}
}

// retryMissingModule: an app started before its carousel was complete
// failed because a required module was not there yet. It goes back to
// loading and starts again once the carousel is complete (once).
func (m *Manager) retryMissingModule(rec *record, r *run, se *rlua.StopError) bool {
	if r.baseComplete || rec.retried || rec.gone || se == nil || !errors.Is(se, rlua.ErrRuntime) {
		return false
	}
	if !strings.Contains(se.Message, "module ") || !strings.Contains(se.Message, " not found") {
		return false
	}
	if _, ok := rec.src.(*carouselSource); !ok {
		return false
	}
	rec.retried, rec.needFull = true, true
	m.log.Info("app needs a module not received yet; waiting for the whole carousel",
		"app", rec.info.Label(), "err", se.Message)
	rec.setState(StateSignalled, nil)
	m.startApp(rec, rec.byViewer)
	return true
}

// forget removes a record that is no longer signalled.
func (m *Manager) forget(rec *record) {
	rec.loadGen++
	delete(m.apps, rec.info.ID)
	m.publish(rec, EventRemoved, rec.info.Err, Progress{})
}
