package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/antena-tv/antena/emulator"
	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/hardware/memory"
	"github.com/antena-tv/antena/hardware/sdl"
	"github.com/antena-tv/antena/internal/mux"
)

func init() {
	register("emu", "run an app folder or a stream in the emulator: window or headless, keys, events, screenshots", runEmu)
}

// listFlag collects repeated --event and --alert values.
type listFlag []string

func (s *listFlag) String() string     { return strings.Join(*s, " ") }
func (s *listFlag) Set(v string) error { *s = append(*s, v); return nil }

// timed is something the emulator does at a virtual time.
type timed struct {
	at   time.Duration
	name string
	data string
}

func runEmu(args []string, _, stderr io.Writer) error {
	fl := newFlags("emu", "[flags] APP|STREAM (APP: a folder, a .ncl or a .lua file; STREAM: a .ts file)", stderr)
	box := addBoxFlags(fl)
	headless := fl.Bool("headless", false, "no window: a memory display and the virtual clock")
	keys := fl.String("keys", "", "press these keys in turn, e.g. \"CURSOR_DOWN ENTER\" (memory.ParseScript names)")
	interval := fl.Duration("key-interval", 500*time.Millisecond, "virtual time before the first key and after each")
	frames := fl.Int("frames", 0, "run `N` more frames (1/60 s of virtual time each) after the keys")
	untilIdle := fl.Bool("until-idle", false, "run until the apps are idle and the stream ended (at most 60 s of virtual time)")
	shot := fl.String("screenshot", "", "write the last frame to `OUT.png`")
	storeDir := fl.String("store", "", "keep the apps' persistent data and the outbox in `DIR`/antena.db (default: a temporary store)")
	offline := fl.Bool("offline", false, "cut the return channel: apps reach no host")
	debugOn := fl.Bool("debug", false, "show the debug overlay from the start (F12 toggles it in the window)")
	var events, alerts listFlag
	fl.Var(&events, "event", "fire the stream event `NAME[:DATA]@T` at virtual time T (repeatable)")
	fl.Var(&alerts, "alert", "raise an ISDB warning `start@T[,end@T][,area=CODE][,level=1|2]` (repeatable)")
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("emu needs one APPDIR or STREAM")
	}
	cfg, err := box.config()
	if err != nil {
		return err
	}
	script, err := memory.ParseScript(*keys)
	if err != nil {
		return usageError{err}
	}
	var fire []timed
	for _, e := range events {
		spec, at, ok := strings.Cut(e, "@")
		t, perr := mux.ParseStreamTime(at)
		if !ok || perr != nil {
			return usagef("bad --event %q: want NAME[:DATA]@T", e)
		}
		name, data, _ := strings.Cut(spec, ":")
		fire = append(fire, timed{at: t, name: name, data: data})
	}
	sort.SliceStable(fire, func(i, j int) bool { return fire[i].at < fire[j].at })
	m, err := emulator.New(emulator.Options{StoreDir: *storeDir, Alert: cfg, Language: *box.lang, Service: uint16(*box.service),
		Offline: *offline, Logger: logger(stderr), Video: nclVideo()})
	if err != nil {
		return err
	}
	defer m.Close()
	for _, a := range alerts {
		w, err := mux.ParseEWBS(a)
		if err != nil {
			return usageError{err}
		}
		m.Warn(emulator.Warning{Start: w.Start, End: w.End, ServiceID: w.ServiceID, Level: w.SignalLevel,
			Areas: w.AreaCodes})
	}
	if err := m.Load(pos[0]); err != nil {
		return usageError{err}
	}
	m.SetDebug(*debugOn)
	if !*headless {
		if err := emuWindow(m, pos[0], *shot, fire, stderr); err != errNoWindow {
			return err
		}
	}

	step := func(d time.Duration) error { // Step, firing the events that fall due
		for end := m.Elapsed() + d; m.Elapsed() < end; {
			if err := m.Step(min(emulator.Tick, end-m.Elapsed())); err != nil {
				return err
			}
			for len(fire) > 0 && fire[0].at <= m.Elapsed() {
				if err := m.FireEvent(fire[0].name, fire[0].data); err != nil {
					fmt.Fprintln(stderr, err)
				}
				fire = fire[1:]
			}
		}
		return nil
	}
	if err := step(*interval); err != nil {
		return err
	}
	for _, ev := range script {
		ev.Time = m.Clock().Now()
		m.Receiver().Key(ev)
		if !ev.Pressed {
			if err := step(*interval); err != nil {
				return err
			}
		}
	}
	if err := step(time.Duration(*frames) * emulator.Tick); err != nil {
		return err
	}
	if *untilIdle || (*frames == 0 && len(fire) == 0) {
		if _, err := m.RunUntilIdle(60 * time.Second); err != nil {
			return err
		}
	}
	if len(fire) > 0 {
		if err := step(fire[len(fire)-1].at - m.Elapsed() + emulator.Tick); err != nil {
			return err
		}
	}
	for _, a := range m.Apps() {
		fmt.Fprintf(stderr, "app %s %s: %s", a.ID, a.Label(), a.State)
		if a.Err != nil {
			fmt.Fprintf(stderr, " (%v)", a.Err)
		}
		fmt.Fprintln(stderr)
	}
	if *shot != "" {
		if err := m.SaveScreenshot(*shot); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "screenshot: %s\n", *shot)
	}
	return nil
}

// errNoWindow says that the emulator runs headless.
var errNoWindow = fmt.Errorf("no window")

// emuWindow runs the emulator in an SDL window in real time until it is closed: keys
// from the keyboard and from clicks on the remote-control legend beside the picture, a
// frame every Tick, and the hotkeys of emuHotkeys (events are the --event values, fired
// in turn by F5 rather than at their times). The last frame is written to shot (if not
// "") when the window closes. It returns errNoWindow when there is no window to open
// (built without SDL, no display).
func emuWindow(m *emulator.Machine, title, shot string, events []timed, stderr io.Writer) (err error) {
	w, h := m.Display().Size()
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" && os.Getenv("SDL_VIDEODRIVER") == "" {
		fmt.Fprintln(stderr, "no display ($DISPLAY and $WAYLAND_DISPLAY are empty): running headless")
		return errNoWindow
	}
	legend := emulator.NewLegend(h)
	win, err := sdl.Open(sdl.Options{Title: "Antena emulator — " + title, Width: w, Height: h,
		Side:    &sdl.Side{Width: legend.Width, Hit: legend.Hit},
		Hotkeys: emulator.Hotkeys()})
	if err != nil {
		fmt.Fprintf(stderr, "no window (%v): running headless\n", err)
		return errNoWindow
	}
	defer win.Close()
	if shot != "" {
		defer func() {
			if serr := m.SaveScreenshot(shot); serr != nil {
				err = errors.Join(err, serr)
				return
			}
			fmt.Fprintf(stderr, "screenshot: %s\n", shot)
		}()
	}
	if err := win.PresentSide(legend.Draw()); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "keys:", keyList())
	fmt.Fprintf(stderr, "%s full screen, %s debug overlay, %s screenshot; click the remote beside the picture\n",
		sdl.FullscreenKey, emulator.DebugKey, emulator.ScreenshotKey)
	fmt.Fprintf(stderr, "%s stream event, %s test warning on/off, %s network on/off, %s language pt/es/en\n",
		emulator.EventKey, emulator.WarningKey, emulator.NetworkKey, emulator.LanguageKey)
	hot := &emuHotkeys{m: m, dir: ".", events: events, out: stderr}
	// Ctrl+C in the terminal (or a SIGTERM) ends the emulator as closing the window does,
	// so that --screenshot is still written.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	tick := time.NewTicker(emulator.Tick)
	defer tick.Stop()
	last := -1
	held := map[hardware.Key]bool{}
	for {
		select {
		case <-win.Quit():
			return nil
		case <-sigs:
			return nil
		case hk := <-win.Hotkeys():
			hot.do(hk, time.Now())
		case ev, ok := <-win.Events():
			if !ok {
				return nil
			}
			m.Key(ev)
			if held[ev.Key] != ev.Pressed { // the legend shows the keys held down
				held[ev.Key] = ev.Pressed
				if err := win.PresentSide(legend.Draw(heldKeys(held)...)); err != nil {
					return err
				}
			}
		case <-tick.C:
			if err := m.Step(emulator.Tick); err != nil {
				return err
			}
			if n := m.Display().Frames(); n != last {
				last = n
				if err := win.Present(m.Screenshot(), m.Display().LastDirty()); err != nil {
					return err
				}
			}
		}
	}
}

// emuHotkeys carries out the window's hotkeys (emulator.Hotkeys).
type emuHotkeys struct {
	m      *emulator.Machine
	dir    string  // where Ctrl+S writes
	events []timed // the --event values F5 fires in turn
	next   int
	out    io.Writer
}

// do carries out hk, logging what it did: F12 toggles the debug overlay; Ctrl+S writes
// the frame to dir as antena-YYYYMMDD-HHMMSS.png (the time is now); F5 fires the next
// --event (a stream event named "test" without any); F6 starts or ends a test warning; F7
// cuts or restores the return channel; F8 sets the next language (pt → es → en).
func (h *emuHotkeys) do(hk sdl.Hotkey, now time.Time) {
	m, out := h.m, h.out
	onOff := map[bool]string{true: "on", false: "off"}
	switch hk {
	case emulator.DebugKey:
		fmt.Fprintf(out, "debug overlay: %s\n", onOff[m.ToggleDebug()])
	case emulator.ScreenshotKey:
		p, err := m.SaveScreenshotIn(h.dir, now)
		if err != nil {
			fmt.Fprintf(out, "screenshot: %v\n", err)
			return
		}
		fmt.Fprintf(out, "screenshot: %s\n", p)
	case emulator.EventKey:
		ev := timed{name: "test"}
		if len(h.events) > 0 {
			ev = h.events[h.next%len(h.events)]
			h.next++
		}
		if err := m.FireEvent(ev.name, ev.data); err != nil {
			fmt.Fprintln(out, err)
			return
		}
		fmt.Fprintf(out, "stream event: %s %q\n", ev.name, ev.data)
	case emulator.WarningKey:
		fmt.Fprintf(out, "test warning: %s\n", onOff[m.ToggleWarning()])
	case emulator.NetworkKey:
		fmt.Fprintf(out, "network: %s\n", map[bool]string{true: "offline", false: "online"}[m.ToggleOffline()])
	case emulator.LanguageKey:
		lang, err := m.CycleLanguage()
		if err != nil {
			fmt.Fprintf(out, "language: %v\n", err)
			return
		}
		fmt.Fprintf(out, "settings.system.language: %s\n", lang)
	case emulator.AreaKey:
		areas := m.CycleArea()
		if len(areas) == 0 {
			fmt.Fprintln(out, "box area: none (every warning is shown)")
			return
		}
		fmt.Fprintf(out, "box area: %03X\n", areas)
	}
}

func heldKeys(held map[hardware.Key]bool) []hardware.Key {
	var ks []hardware.Key
	for k, on := range held {
		if on {
			ks = append(ks, k)
		}
	}
	return ks
}

// keyList lists the remote's keys on the desktop keyboard (hardware/sdl.Keyboard), one
// binding a key.
func keyList() string {
	seen := map[string]bool{}
	var parts []string
	for _, b := range sdl.Keyboard {
		k := b.Key.String()
		if seen[k] || strings.HasPrefix(b.Input, "Keypad") {
			continue
		}
		seen[k] = true
		in := b.Input
		if b.Shift {
			in = "Shift+" + in
		}
		parts = append(parts, in+"="+k)
	}
	return strings.Join(parts, " ")
}
