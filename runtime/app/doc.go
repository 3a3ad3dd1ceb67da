// Package app is Antena's app manager: it turns the AIT and the files of
// a service (an object carousel, a folder, an HTTP server) into running
// apps, NCLua scripts (runtime/nclua) and NCL documents
// (runtime/ncl/player), routes the remote-control keys to them, and
// tells the on-screen display what happens to them.
//
// # Wiring
//
// A receiver (runtime.Receiver, the emulator) makes one Manager and wires
// it like this:
//
//	m, _ := app.New(app.Options{Compositor: comp, Box: box, Store: db, OnEvent: osd.AppEvent})
//	m.DemuxFeed(demuxer).Install()  // PMT, AIT, Carousel handlers → manager
//	m.SetService(app.Service{ID: sid}) // on every service selection
//	for ev := range input.Events() { m.Key(ev) } // keys → focused app → Box
//	m.Startable() / m.Start(id)     // the OSD's list of apps to start
//	m.Add(app.Spec{Dir: dir, ...})  // the emulator's app folder; Reload on change
//
// The feed's handlers run on the demux goroutine: they read the Demuxer's
// PMT tags and carousels there, copy what the manager needs and hand it to
// the manager's goroutine; they never wait. SignalAIT and CarouselEvent
// are the same entry points for a receiver that does not use DemuxFeed.
// Each running app gets a layer of Options.Compositor on gfx.PlaneApps
// (removed when it stops; the focused app's layer on top). Keys go to
// the focused app; the keys it does not consume go to Options.Box.
//
// # Apps and their life
//
// An app is identified by its ID (organisation_id, application_id). Its
// Info says where its files come from (Source, Location), its entry, its
// State and, once it stopped or failed, why (Err):
//
//	signalled  known; a PRESENT app waits for the viewer (Startable, Start)
//	loading    meant to run, waiting for its files
//	running    its Program runs (Running gives it: an *nclua.App or an NCL
//	           *player.Player)
//	stopped    stopped by the host or the broadcaster: ErrKilled, ErrDestroyed,
//	           ErrNotSignalled, ErrServiceChanged, ErrUpdated, ErrStoppedByHost, ErrExited
//	failed     could not run or stopped on its own fault: ErrUnsupported (an
//	           entry that is neither .lua nor .ncl), ErrNoEntry, ErrNoTransport,
//	           an HTTP error, ncl.ErrNotNCL (a .ncl that is not NCL), or the
//	           *lua.StopError of the watchdog (time, memory), a Lua error or a
//	           Go panic
//
// A .lua entry runs as an NCLua app; a .ncl entry (the AIT's Ginga-NCL
// location: base directory and initial document) runs in the NCL player,
// whose whole document is one app with one layer: its NCLua media get the
// options a Lua app would (store, network, settings), the keys it does not
// use go to the box, and the document's end is the app's exit (ErrExited).
// Other entries (Java classes, HTML) fail at once with ErrUnsupported and a
// message saying so.
//
// # AIT
//
// Each new version of an AIT sub-table (application type, test flag;
// test applications are ignored unless Options.TestApplications) is
// applied as a whole:
//
//   - AUTOSTART: the app loads and starts once its files are ready, once
//     per service selection: an app the viewer stopped, or that failed,
//     is not started again by a later AIT version (the viewer may Start
//     it). AUTOSTART changed to another code while loading cancels it.
//   - PRESENT (and PREFETCH, PLAYBACK_AUTOSTART): listed by Startable
//     (when visible to users), started by Start.
//   - KILL stops the app at once; DESTROY sends it an ncl presentation
//     stop, lets it handle that, then stops it. DISABLED and REMOTE cannot
//     be started (a running app goes on).
//   - An app missing from a new version of its sub-table stops and is
//     forgotten (EventRemoved).
//
// Transports are taken in the application descriptor's order: the first
// object carousel whose component tag the PMT maps to a PID (carousels on
// other services are not supported), or the first HTTP URL base.
//
// # When a carousel app starts
//
// The entry must be in the carousel, and then either the carousel is
// complete (every module of every DII, every object resolved), or the
// entry has been there for Options.EntryWait of clock time (default 10 s,
// about one carousel cycle) — so an app whose carousel never completes
// (a module that keeps failing) still starts. If such an early start
// fails because a required module was not there yet ("module ... not
// found"), the app goes back to loading and starts again when the
// carousel is complete (once). The app's files are rooted at its entry's
// directory; it reads the carousel as it is (files that arrive later
// appear).
//
// # New versions
//
// When the carousel changes (files changed, added or removed; a remount
// with a new DSI transactionId, which reports every file again) and is
// complete again, the files under the running app's root are compared
// by content with those it started with. If one changed or went away (or
// one was added to a carousel that was complete when it started), the app
// is stopped (ErrUpdated) and started again with the new files; until then
// the old version runs. A remount that changes nothing, or changes only
// files outside the app's directory, does not restart it. Persistent data
// lives in the store namespace ID.StoreID, the same for every run and
// version, so it survives. Reload does the same for a folder or an HTTP
// app (the emulator's hot reload); an HTTP app fetches its files again.
//
// # Service changes
//
// SetService stops the apps bound to the old service (service_bound_flag)
// and forgets the apps that were only signalled. Unbound running apps go
// on until the new service's AIT of their application type arrives; if it
// does not list them they stop (ErrNotSignalled). DemuxFeed then ignores
// AITs of other services' PMTs. Apps added with Add are not affected.
//
// # Sources
//
// A carousel (any Carousel: an fs.FS that says Complete; *dsmcc.Carousel),
// a folder (Spec.Dir: os.DirFS, or Spec.FS), or HTTP (an AIT transport
// with protocol 0x0003, or Spec.URL): HTTPFS GETs each file under the base
// URL, with a timeout, a size bound per file and per app, from the
// signalled host only (redirects elsewhere fail). The entry is fetched
// before the app starts; other files are fetched when the app opens them,
// on the app's goroutine, so a slow server counts against the app's Lua
// deadline. An HTTP app may also reach its own host over the return
// channel, on top of Options.Network.Allow.
//
// # Keys
//
// Keys go to the focused app: the last one started, or the one given to
// Focus; when it stops, the focus goes back to the previous running app,
// or to nobody. nclua tells the host neither which keys an app listens
// to nor whether a handler consumed a key, so the manager learns it from
// the app itself: before the main chunk runs, it registers a key handler
// at the end of the app's handler list and wraps event.register so that
// the handler stays last. A key that reaches it was not consumed (no
// handler returned true) and goes to the Box — so CHANNEL_UP changes
// channel under an app that ignores it. With no focused app every key
// goes to the Box. The Box gets presses and releases in order and paired;
// only keys the viewer pressed reach it (a key event an app posts to
// itself does not). Apps see press (also for repeats) and release.
//
// # Never blocking the box
//
// Every method is safe from any goroutine and returns without waiting for
// an app; those called from the demux or input goroutines (SignalAIT,
// CarouselEvent, the feed, Key, SetService) only queue work. The manager's
// goroutine does state changes and starts and stops apps; each app runs on
// its own goroutine under the runtime/lua watchdog. An app stopped by the
// watchdog is reported (EventFailed, with the app's name and a
// *lua.StopError that says why, file and line) and everything else goes
// on.
//
// # Events
//
// Options.OnEvent receives, in order on the manager's goroutine: signalled,
// loading (with Progress: entry present, modules and bytes received),
// started, stopped (Err), failed (Err), removed, focus. Event.String is a
// one-line notification.
//
// # Determinism
//
// With a *lua.VirtualClock in Options.Clock nothing moves unless the test
// (or the emulator) advances the clock. Sync runs the manager and every
// app until nothing is left to do, so tests act (SignalAIT, feed sections,
// Key, Advance), Sync, and look; they never sleep. Sync does not wait for
// an app's own network requests (tcp, http), which lua.VM.Sync does not
// count either; the watchdog's deadline is real time, since it bounds CPU.
package app
