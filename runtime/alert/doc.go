// Package alert is the receiver's alert manager: it takes the emergency-warning events of
// the demultiplexer (ISDB-Tb/ARIB emergency_information_descriptor 0xFC from the PMT and
// the NIT, SCTE-18 cable_emergency_alert 0xD8, already merged and deduplicated by
// demux/alert's Tracker) and the ISDB TMCC emergency flag, decides which warnings are for
// this box, and raises them: it wakes the box, switches to the warning's service, draws
// the alert plane above everything, plays the attention tone, tells the apps, holds the
// keys — and undoes all of it when the warning ends.
//
// # Wiring
//
//	m, _ := alert.New(alert.Options{Config: cfg, Box: box, Clock: clock, Compositor: comp,
//		Notify: apps.Post, Logger: log})
//	d := demux.New(demux.Handlers{Alert: m.Handle}, demux.Options{Clock: clock})
//	tuner.OnEmergencyFlag(m.EmergencyFlag)
//	// screen loop, every frame:   m.Render(clock()); comp.Compose(); display.Present(…)
//	// input loop, every key:      if m.FilterKey(ev) { continue }; route(ev)
//
// The receiver implements Box (standby, wake, current channel, tune, tone); Channel names
// services the way both systems do (ISDB service_id; SCTE-18 virtual channel, source_ID,
// RF channel and program). Clock is a monotonic time.Duration; giving the Demuxer the same
// one (demux.Options.Clock) makes both agree on SCTE-18 expiry.
//
// # Threads and latency
//
// Handle runs in the demux goroutine, inside the Write of the packet that completed the
// section. It takes the Manager's lock (held for microseconds by every method: nothing is
// drawn under it), decides, drives the Box and Notify, and returns; it never touches the
// compositor, so it never waits for a frame being composed. Drawing is Render's: the
// screen loop calls Render right before Compose, every frame; Render copies the state
// under the lock and draws into the alert layers without it. So the first frame whose
// Render starts after Handle returned shows the overlay (or no longer shows it, after an
// end). Box methods and Notify are called with the lock held, in order, from whichever
// goroutine made the call that caused them: they must return at once (post to the
// receiver's loop) and must not call back into the Manager.
//
// # Which warnings are for this box
//
// Config holds the box's 12-bit ISDB area codes, its SCTE-18 locations (FIPS state,
// county, subdivision) and its language (Portuguese, Spanish, English). ParseConfig reads
// them from a small file (see its doc), ParseAreas, ParseLocation and ParseLanguage from
// flags; Config.UserLocation gives apps settings.user.location. An ISDB warning is for
// this box when its area list includes one of the box's areas, when the box has none
// configured, or when the warning lists none; an SCTE-18 alert when one of its location
// codes covers one of the box's locations (0 is a wildcard at every level), when the box
// has none, or when the alert lists none. Others are recorded (ActionIgnored) and left
// alone. An Update whose areas no longer include the box ends the alert; one whose areas
// now include it raises it.
//
// # Raising and ending
//
// A raised alert wakes the box from standby (ISDB warnings of both kinds, SCTE-18 of
// priority 11 and 15; a lower SCTE-18 crawl is kept but does not light the screen),
// remembers the viewer's channel and standby state, and tunes to the most severe held
// alert's channel: an ISDB warning's service_id, an SCTE-18 priority-15 alert's details
// channel (which it holds: keys cannot leave it). Lower SCTE-18 priorities show the crawl
// over the current service. An SCTE-18 alert whose exception list holds the viewer's
// channel is not shown and tunes nothing (ActionExcepted) while the viewer stays there.
// Severity, most first: ISDB first kind, SCTE-18 15, ISDB second kind, SCTE-18 11, 7, 3.
//
// When the last held alert ends — an End event (start_end_flag 0, withdrawal, the
// Demuxer's expiry), an SCTE-18 time running out on the Manager's own clock (Tick), or an
// Update that no longer matches — the overlay goes, the box tunes back to the viewer's
// channel and returns to standby if it was woken. If the viewer zapped elsewhere meanwhile
// (allowed once a second-kind warning is dismissed), the box stays where the viewer is.
//
// Repeats cause nothing: the Tracker drops repeated sections, and the Manager is
// idempotent on Update. An Update that changes what is shown (ISDB level or areas;
// SCTE-18 priority, texts, codes) shows the warning again: panel reopened, dismissal
// undone, tone, apps told. One that changes only how the box acts (SCTE-18 channels,
// locations, exceptions) re-applies them silently (retune, exception check; apps told).
// One that changes neither (a new SCTE-18 sequence_number) only refreshes the expiry. A
// warning that starts, ends and starts again is raised twice.
//
// # The screen
//
// Three layers on gfx.PlaneAlert, above every app (apps draw on gfx.PlaneApps and cannot
// reach the alert plane), hidden when unused, opaque when shown:
//   - the panel, mid-screen, for an ISDB warning: a warning sign and the headline
//     ("ALERTA DE EMERGÊNCIA"), the kind of warning and its meaning in words, the area
//     (by name when Config.AreaNames has one), whether the box switched to the warning's
//     service, and what the keys do. White on deep red for the first kind, near-black on
//     amber for the second; type from 84 down to 36 pixels at 1080 lines, scaled to the
//     frame, for reading at 3 m;
//   - the banner, at the top, for a minimized ISDB warning (INFO);
//   - the crawl, at the bottom, for an SCTE-18 alert: its nature of activation and text
//     scrolling right to left at 180 pixels a second (at 1080 lines), positioned from the
//     frame time Render is given — no timers, no sleeping.
//
// The panel's fixed part (everything but the area and service lines) is drawn by New into
// the hidden layer for the first kind, and stays there between warnings: a warning of the
// kind last drawn costs two lines of text; one of the other kind redraws the whole panel.
// At 1080 lines the three layers hold about 7 MB.
//
// # Keys
//
// FilterKey is the receiver's first stop for every key; its doc lists what a warning on
// screen lets through: volume and mute pass, INFO minimizes, OK/BACK/EXIT dismiss a
// second-kind warning only, every other key is swallowed.
//
// # Apps and log
//
// Running apps get an AppEvent (NCLua class 'si', type 'alert') on start, update and end;
// its doc lists the Lua-visible fields. Every decision is a Record — raised, updated,
// ended (with how long it was on), ignored, excepted, shown (with the time from raise to
// the first rendered frame), dismissed, TMCC — kept in a ring (Records) and logged with
// slog.
package alert
