package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/antena-tv/antena/emulator"
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
	fl := newFlags("emu", "[flags] APPDIR|STREAM", stderr)
	box := addBoxFlags(fl)
	headless := fl.Bool("headless", false, "no window: a memory display and the virtual clock")
	keys := fl.String("keys", "", "press these keys in turn, e.g. \"CURSOR_DOWN ENTER\" (memory.ParseScript names)")
	interval := fl.Duration("key-interval", 500*time.Millisecond, "virtual time before the first key and after each")
	frames := fl.Int("frames", 0, "run `N` more frames (1/60 s of virtual time each) after the keys")
	untilIdle := fl.Bool("until-idle", false, "run until the apps are idle and the stream ended (at most 60 s of virtual time)")
	shot := fl.String("screenshot", "", "write the last frame to `OUT.png`")
	offline := fl.Bool("offline", false, "cut the return channel: apps reach no host")
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
	m, err := emulator.New(emulator.Options{Alert: cfg, Language: *box.lang, Service: uint16(*box.service),
		Offline: *offline, Logger: logger(stderr)})
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
	if !*headless {
		if err := emuWindow(m, pos[0], stderr); err == nil {
			return nil
		} else if err != errNoWindow {
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

// emuWindow runs the emulator in an SDL window in real time until it is closed:
// keys from the keyboard, a frame every Tick. It returns errNoWindow when there is no
// window to open (built without SDL, no display).
func emuWindow(m *emulator.Machine, title string, stderr io.Writer) error {
	w, h := m.Display().Size()
	_, win := openDisplay(false, "Antena emulator — "+title, w, h, stderr)
	if win == nil {
		return errNoWindow
	}
	defer win.Close()
	fmt.Fprintln(stderr, "keys:", legend())
	tick := time.NewTicker(emulator.Tick)
	defer tick.Stop()
	last := -1
	for {
		select {
		case <-win.Quit():
			return nil
		case ev, ok := <-win.Events():
			if !ok {
				return nil
			}
			ev.Time = m.Clock().Now()
			m.Receiver().Key(ev)
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

// legend lists the remote's keys on the desktop keyboard (hardware/sdl.Keyboard), one
// binding a key.
func legend() string {
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
