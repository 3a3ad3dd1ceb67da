// Package emulator is Antena's emulator machine: the box (runtime.Receiver) on a
// headless display, a scripted input and a virtual clock, with what app developers need:
// an app folder loaded directly and reloaded when its files change, stream events and
// emergency warnings on demand, and screenshots.
//
//	m, _ := emulator.New(emulator.Options{})
//	m.Load("apps/showcase")          // an app (a folder, a .ncl, a .lua) or a .ts
//	m.Step(time.Second)              // the virtual clock moves; everything runs until idle
//	m.Press("CURSOR_DOWN", "ENTER")
//	m.SaveScreenshot("out.png")
//
// # Determinism
//
// Nothing moves unless Step moves the virtual clock: Step advances it a frame (1/60 s)
// at a time, feeds the stream up to that stream time (a stream is paced by its PCR
// against the virtual clock, so an emergency warning that starts and ends in a file is
// seen on screen in between), runs the app manager and every app until idle
// (runtime.Receiver.Sync) and draws the frame. The same loads, keys and steps give the
// same pixels. The watchdog that stops a runaway app runs on real time (it bounds CPU).
//
// # Folders
//
// Load(dir) adds the folder as an app (app.Spec, AUTOSTART: its main.lua, else its
// main.ncl), the way a broadcast carries it; Load(doc.ncl) and Load(script.lua) add the
// file's folder with that file as the entry. A watcher (fsnotify) follows the folder and its subfolders: a change
// reloads the app (app.Manager.Reload, which keeps persistent data) at the next Step,
// so within a frame of the notification. Changed reports the notifications.
//
// # Streams
//
// Load(file.ts) plays the stream as `antena play` would: the box selects the first
// service that signals an app and shows what the box shows.
//
// # Stream events
//
// The app manager does not yet route DSM-CC stream events to apps, so FireEvent posts
// what an app would receive for one as an NCLua event of class 'user':
//
//	{class='user', type='streamevent', name=NAME, data=DATA}
//
// to every running app (apps written for a later runtime also get it through the same
// handler once stream events are routed as ncl events).
//
// # Window
//
// `antena emu` shows the machine in an SDL window (hardware/sdl) with a Legend beside
// the picture: the remote's buttons laid out as on a remote, each with its keyboard
// shortcut (hardware/sdl.Keyboard); a click on a button is its key. F12 (DebugKey)
// toggles the debug overlay (SetDebug: frame rate, Go memory, app states, carousel
// progress, the last events and log lines, on a layer above the alert plane, never in
// an app's layer); Ctrl+S (ScreenshotKey) writes the frame to antena-YYYYMMDD-HHMMSS.png
// (SaveScreenshotIn). The log, apps' print output included, goes to Options.Logger and
// its last lines are kept for the overlay (LogLines).
//
// # Developer actions
//
// What a developer causes from the window's hotkeys (listed in the legend's footer) is
// also a Machine method, for tests and headless runs:
//
//   - F5 (EventKey): FireEvent; `antena emu` fires the --event values in turn, or a
//     stream event named "test" without data when none was given.
//   - F6 (WarningKey): ToggleWarning starts an ISDB test warning for the box's first
//     area (area 0 without areas: a box without areas shows any warning) and ends it.
//   - F7 (NetworkKey): SetOffline / ToggleOffline cut and restore the return channel
//     while apps run: their http requests and tcp connections fail with ErrOffline.
//   - F8 (LanguageKey): SetLanguage / CycleLanguage change settings.system.language of
//     the running apps (pt → es → en). The alert overlay's language is fixed at New.
//
// Each action is listed among the debug overlay's events.
package emulator
