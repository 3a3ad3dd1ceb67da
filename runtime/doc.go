// Package runtime is the box: Receiver joins a transport-stream source, the Demuxer, the
// app manager (runtime/app), the alert manager (runtime/alert), the on-screen display
// (runtime/osd) and the screen (runtime/screen) into a receiver.
//
// # The flow
//
//	source ──Play/Write──▶ demux.Demuxer (the demux goroutine)
//	   PAT, PMT, SDT ──▶ services, the selected service (handed off under a short lock)
//	   PMT, AIT, carousel ──▶ app.DemuxFeed ──▶ app.Manager (its own goroutine)
//	   alerts ──▶ alert.Manager.Handle (decides at once, draws at the next frame)
//	keys ──Key──▶ alert.Manager.FilterKey ─▶ OSD list (when open) ─▶ app.Manager.Key
//	   └─ keys no app consumed ─▶ the box: CHANNEL_UP/DOWN, VOLUME_UP/DOWN, MUTE, INFO
//	frames ──Frame/Run──▶ alert.Manager.Render, osd.Render ─▶ Compositor ─▶ Display
//
// Nothing the box does blocks the demux goroutine: its handlers copy what they need and
// hand it to the managers' queues; the managers never wait for an app.
//
// # Services
//
// Services come from the PAT, their names from the SDT (actual). The box selects
// Options.Service, or else the first service whose PMT signals an AIT, or else (once every
// PMT was seen) the first service of the PAT. CHANNEL_UP and CHANNEL_DOWN move through
// the PAT's services (wrapping); each selection calls app.Manager.SetService (apps bound
// to the old service stop, the new service's AIT starts its apps) and shows the service
// banner.
//
// # The clock
//
// One rlua.Clock drives everything: Since (time since New on it) is the Demuxer's
// Options.Clock and the alert manager's Clock; the app manager and every app run on the
// clock itself; Frame draws at its Now. A box uses rlua.RealClock; tests and the
// headless emulator use an *rlua.VirtualClock, advance it, Sync and Frame, so that the
// same keys give the same pixels.
//
// # Sources
//
// Play reads an Opener (a file, stdin, a network source) into the Demuxer as fast as
// it goes, or paced by the stream's PCR on the box's clock (Realtime), opening it again
// at its end (Loop). A Feeder does the same step by step for the emulator: FeedUntil a
// stream time.
//
// # Standby
//
// SetStandby(true) stops drawing and ignores keys (but the standby key, when
// Options.StandbyKey names one); the Demuxer and the alert manager go on, and a warning
// for the box's area brings it out of standby (alert.Box).
//
// # The on-screen display
//
// The OSD shows the service banner on every selection, the list of apps the viewer may
// start on INFO (when the focused app does not consume INFO), the loading progress of an
// app's carousel, a message when an app stops on its own fault or by the broadcaster
// (name and reason; not when the viewer or a service change stopped it), and the volume.
package runtime
