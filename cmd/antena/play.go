package main

import (
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/hardware/linux"
	"github.com/antena-tv/antena/hardware/netsrc"
	"github.com/antena-tv/antena/hardware/sdl"
	"github.com/antena-tv/antena/runtime"
	"github.com/antena-tv/antena/runtime/alert"
	"github.com/antena-tv/antena/runtime/app"
	"github.com/antena-tv/antena/runtime/screen"
)

func init() {
	register("play", "be the box: play a transport stream (file, - for stdin) full screen or headless", runPlay)
}

// boxFlags are the flags play and emu share: what the box knows of itself.
type boxFlags struct {
	area, lang, file *string
	service          *uint
}

func addBoxFlags(fl interface {
	String(name, value, usage string) *string
	Uint(name string, value uint, usage string) *uint
},
) boxFlags {
	return boxFlags{
		area:    fl.String("area", "", "the box's ISDB area `CODE`s, e.g. 0x5A5,0x15A (none: every warning)"),
		file:    fl.String("config", "", "the box's configuration `FILE` (area, area-name, language, scte18-location); flags win"),
		lang:    fl.String("lang", "", "the box's language: pt, es or en (default: the config file's, else pt)"),
		service: fl.Uint("service", 0, "select service `N` (service_id; 0: the first that signals an app)"),
	}
}

func (b boxFlags) config() (alert.Config, error) {
	var c alert.Config
	var err error
	if *b.file != "" {
		f, err := os.Open(*b.file)
		if err != nil {
			return c, usageError{err}
		}
		c, err = alert.ParseConfig(f)
		f.Close()
		if err != nil {
			return c, usageError{fmt.Errorf("%s: %w", *b.file, err)}
		}
	}
	if *b.area != "" {
		if c.Areas, err = alert.ParseAreas(*b.area); err != nil {
			return c, usageError{err}
		}
	}
	if *b.lang != "" {
		if c.Language, err = alert.ParseLanguage(*b.lang); err != nil {
			return c, usageError{err}
		}
	}
	*b.lang = c.Language.String() // what settings.system.language will say
	if *b.service > 0xFFFF {
		return c, usagef("--service %d: a service_id has 16 bits", *b.service)
	}
	return c, nil
}

// logger writes the box's log (and the apps' print output) to stderr.
func logger(stderr io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// sourceOpener opens SOURCE: a file, - for stdin, a network stream (udp://, rtp://,
// http://, https://) or a Linux DVB tuner (dvb://ADAPTER?freq=HZ&system=isdbt). live is
// true for every source but a file: those cannot be looped or rewound.
//
// For a tuner, emergency (when set) hears the ISDB TMCC emergency flag where the driver
// exposes it: the fastest warning signal, ahead of the transport stream.
func sourceOpener(name string, log *slog.Logger, emergency func(on bool)) (open runtime.Opener, live bool, err error) {
	scheme, _, hasScheme := strings.Cut(name, "://")
	switch {
	case name == "-":
		return func() (io.ReadCloser, error) { return io.NopCloser(os.Stdin), nil }, true, nil
	case hasScheme && scheme == "dvb":
		if _, err := linux.ParseDVB(name); err != nil {
			return nil, false, usageError{err}
		}
		return func() (io.ReadCloser, error) {
			src, err := linux.OpenDVB(name)
			if err != nil {
				return nil, err
			}
			if emergency != nil {
				if err := src.Adapter.WatchEmergency(emergency); err != nil && !errors.Is(err, errors.ErrUnsupported) {
					log.Warn("TMCC emergency flag", "err", err)
				}
			}
			return src, nil
		}, true, nil
	case hasScheme && (scheme == "udp" || scheme == "rtp" || scheme == "http" || scheme == "https"):
		opts := netsrc.Options{Notify: func(e netsrc.Event) { log.Warn(e.String()) }}
		return func() (io.ReadCloser, error) { return netsrc.Open(name, opts) }, true, nil
	case hasScheme:
		return nil, false, usagef("%s: unknown source; use a file, -, udp://, rtp://, http(s):// or dvb://", name)
	}
	if _, _, err := openInput(name); err != nil {
		return nil, false, err
	}
	return func() (io.ReadCloser, error) { return os.Open(name) }, false, nil
}

func runPlay(args []string, _, stderr io.Writer) error {
	fl := newFlags("play", "[flags] SOURCE (a .ts file, - for stdin, a stream URL, dvb://; or an app: a folder, a .ncl or .lua file)", stderr)
	box := addBoxFlags(fl)
	realtime := fl.Bool("realtime", false, "pace the stream by its PCR, as a broadcast arrives")
	loop := fl.Bool("loop", false, "play the file again at its end, for ever")
	headless := fl.Bool("headless", false, "no window: draw on a memory display")
	frames := fl.Int("frames", 0, "stop after `N` frames (60 a second; 0: until interrupted, or the end headless)")
	shot := fl.String("screenshot", "", "write the last frame to `OUT.png` at the end")
	display := fl.String("display", "auto", "`auto`, sdl, kmsdrm, fbdev[:/dev/fbN] or memory (see the README)")
	remote := fl.String("remote", "auto", "remote controls: `auto` (evdev devices with remote keys), off, or /dev/input/eventN,...")
	keymap := fl.String("keymap", "", "a key-map `FILE` for the remote (KEY_OK = ENTER lines)")
	standbyKey := fl.String("standby-key", "", "the remote `KEY` that toggles standby (an NCLua key name, e.g. EXIT); none by default")
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("play needs one SOURCE")
	}
	cfg, err := box.config()
	if err != nil {
		return err
	}
	log := logger(stderr)
	var rx *runtime.Receiver                           // set before Play opens the source
	appDir, appEntry, isApp, _ := app.LocalApp(pos[0]) // an unreadable SOURCE is reported below
	var open runtime.Opener
	live := false
	if !isApp {
		if open, live, err = sourceOpener(pos[0], log, func(on bool) { rx.Alerts().EmergencyFlag(on) }); err != nil {
			return err
		}
	}
	if *loop && live {
		return usagef("--loop needs a file, not a live source")
	}
	disp, win, err := boxDisplay(*display, *headless, "Antena — "+pos[0], runtime.DefaultWidth, runtime.DefaultHeight, stderr)
	if err != nil {
		return err
	}
	defer disp.Close()
	rc, err := boxRemote(*remote, *keymap, log)
	if err != nil {
		return err
	}
	if rc != nil {
		defer rc.Close()
	}
	var standby hardware.Key
	if *standbyKey != "" {
		if standby, err = hardware.ParseKey(*standbyKey); err != nil {
			return usageError{fmt.Errorf("--standby-key: %w", err)}
		}
	}
	rx, err = runtime.New(runtime.Options{Display: disp, Service: uint16(*box.service), Alert: cfg, Logger: log,
		StandbyKey: standby, Video: nclVideo()})
	if err != nil {
		return err
	}
	defer rx.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	played := make(chan error, 1)
	if isApp {
		if err := rx.Apps().Add(app.Spec{ID: localApp, Name: filepath.Base(appDir), Dir: appDir, Entry: appEntry,
			Autostart: true}); err != nil {
			return usageError{err}
		}
		go func() { played <- waitApp(ctx, rx.Apps(), localApp) }()
	} else {
		go func() { played <- rx.Play(ctx, open, runtime.PlayOptions{Realtime: *realtime, Loop: *loop}) }()
	}
	for _, in := range []hardware.Input{winInput(win), rc} {
		if in != nil {
			go func() {
				for ev := range in.Events() {
					rx.Key(ev)
				}
			}()
		}
	}
	err = frameLoop(ctx, rx, win, *frames, win == nil && *frames == 0, played)
	if *shot != "" {
		if serr := writePNG(*shot, rx); serr != nil {
			return serr
		}
		fmt.Fprintf(stderr, "screenshot: %s\n", *shot)
	}
	return err
}

// frameLoop draws a frame every screen.DefaultInterval until ctx is done, the window is
// closed, frames frames were drawn (when > 0), or, with untilEnd, the stream ended.
func frameLoop(ctx context.Context, rx *runtime.Receiver, win *sdl.Window, frames int, untilEnd bool,
	played <-chan error,
) error {
	tick := time.NewTicker(screen.DefaultInterval)
	defer tick.Stop()
	var quit <-chan struct{}
	if win != nil {
		quit = win.Quit()
	}
	for n := 0; frames <= 0 || n < frames; n++ {
		if _, err := rx.Frame(); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-quit:
			return nil
		case err := <-played:
			if err != nil {
				return err
			}
			if untilEnd {
				_ = rx.Sync()
				_, err = rx.Frame()
				return err
			}
			played = nil
		case <-tick.C:
		}
	}
	return nil
}

func writePNG(path string, rx *runtime.Receiver) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, rx.Snapshot()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// winInput is the window as an input, or nil without a window.
func winInput(win *sdl.Window) hardware.Input {
	if win == nil {
		return nil
	}
	return win
}

// localApp is the ID of an app that play runs from a folder or a file.
var localApp = app.ID{OrganisationID: 0, ApplicationID: 1}

// waitApp returns when the app has stopped (nil) or failed (its error), or
// ctx is done.
func waitApp(ctx context.Context, m *app.Manager, id app.ID) error {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		i, ok := m.App(id)
		switch {
		case !ok:
			return nil
		case i.State == app.StateFailed:
			return fmt.Errorf("%s: %w", i.Label(), i.Err)
		case i.State == app.StateStopped:
			return nil
		}
	}
}
