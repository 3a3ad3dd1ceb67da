package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
	"github.com/antena-tv/antena/runtime/store"
)

func init() {
	register("lua", "run an NCLua script headless: events out as JSON lines, a screenshot", runLua)
}

// sendFlags collects repeated --send values.
type sendFlags []string

func (s *sendFlags) String() string     { return strings.Join(*s, " ") }
func (s *sendFlags) Set(v string) error { *s = append(*s, v); return nil }

func runLua(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("lua", "[flags] SCRIPT.lua", stderr)
	size := fl.String("size", "1280x720", "size `WxH` of the global canvas")
	timeout := fl.Duration("timeout", 10*time.Second, "stop the script after this much (virtual) time")
	deadline := fl.Duration("deadline", lua.DefaultDeadline, "longest one entry into Lua may run (the watchdog)")
	shot := fl.String("screenshot", "", "write the global canvas as last flushed to `OUT.png`")
	var sends sendFlags
	fl.Var(&sends, "send", "send an `EVENT` written class=ncl,type=attribution,name=x,value=1 (repeatable)")
	keys := fl.String("keys", "", "press and release these keys in turn, e.g. \"CURSOR_DOWN ENTER\"")
	storeDir := fl.String("store", "", "keep persistent data (and the outbox) in `DIR`/antena.db")
	luaPath := fl.String("lua-path", "", "more places require looks, Lua-style `PATTERNS` (a/?.lua;b/?/init.lua)")
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("lua needs one SCRIPT.lua")
	}
	w, h, err := parseCanvasSize(*size)
	if err != nil {
		return err
	}
	var events []nclua.Event
	for _, s := range sends {
		e, err := parseEvent(s)
		if err != nil {
			return err
		}
		events = append(events, e)
	}
	for _, k := range strings.Fields(*keys) {
		events = append(events, nclua.KeyEvent("press", k), nclua.KeyEvent("release", k))
	}
	script := pos[0]
	if st, err := os.Stat(script); err != nil || st.IsDir() {
		return usagef("cannot read script %s", script)
	}
	searchers, err := luaSearchers(script, *luaPath)
	if err != nil {
		return err
	}

	opts := nclua.Options{
		Name:      filepath.Base(script),
		FS:        searchers[0].FS,
		Main:      filepath.Base(script),
		Searchers: searchers,
		Width:     w, Height: h,
		Deadline: *deadline,
		Logger:   slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError})),
		Print:    func(s string) { fmt.Fprintln(stderr, s) },
		Network:  nclua.Network{Allow: []string{"*"}}, // local development: any host
	}
	if *storeDir != "" {
		if err := os.MkdirAll(*storeDir, 0o755); err != nil {
			return err
		}
		db, err := store.Open(filepath.Join(*storeDir, "antena.db"), nil)
		if err != nil {
			return err
		}
		defer db.Close()
		opts.Store = db
		opts.Network.Outbox = nclua.NewOutbox(db, nil, 0, opts.Logger)
	}
	var mu sync.Mutex
	enc := json.NewEncoder(stdout)
	opts.OnPost = func(e nclua.Event) {
		mu.Lock()
		defer mu.Unlock()
		_ = enc.Encode(e)
	}
	clock := lua.NewVirtualClock(time.Now())
	opts.Clock = clock
	app, err := nclua.New(opts)
	if err != nil {
		return err
	}
	if err := app.Start(); err != nil {
		return err
	}
	for _, e := range events {
		if err := app.Send(e); err != nil {
			return err
		}
	}
	if opts.Network.Outbox != nil {
		_, _ = opts.Network.Outbox.Flush(context.Background())
	}
	runUntilIdle(app, clock, *timeout)
	app.Stop()
	<-app.Done()

	if se := app.Err(); se != nil && !errors.Is(se, lua.ErrStopped) {
		fmt.Fprintln(stderr, se.Message)
		if se.Traceback != "" {
			fmt.Fprintln(stderr, se.Traceback)
		}
		return fmt.Errorf("%s: %w", script, se.Reason)
	}
	if *shot != "" {
		f, err := os.Create(*shot)
		if err != nil {
			return err
		}
		if err := png.Encode(f, app.Frame()); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	return nil
}

// runUntilIdle drives the virtual clock: it jumps to the next timer when
// the app waits only for timers, and follows real time while network I/O
// is pending, until the app is idle, stops, or timeout of clock time
// passed.
func runUntilIdle(app *nclua.App, clock *lua.VirtualClock, timeout time.Duration) {
	end := clock.Now().Add(timeout)
	realEnd := time.Now().Add(timeout)
	for {
		_ = app.Sync()
		st := app.Status()
		if st.Stopped || st.Idle() || !clock.Now().Before(end) || time.Now().After(realEnd) {
			return
		}
		if st.PendingIO > 0 || st.Queued > 0 {
			t0 := time.Now()
			select {
			case <-app.Done():
			case <-time.After(5 * time.Millisecond):
			}
			clock.Advance(time.Since(t0))
			continue
		}
		next := st.NextTimer
		if next.After(end) {
			next = end
		}
		if d := next.Sub(clock.Now()); d > 0 {
			clock.Advance(d)
		} else {
			clock.Advance(0)
		}
	}
}

func parseCanvasSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil || w <= 0 || h <= 0 || w > 8192 || h > 8192 {
		return 0, 0, usagef("bad --size %q (want WxH, e.g. 1280x720)", s)
	}
	return w, h, nil
}

// parseEvent reads class=ncl,type=attribution,name=x,value=1. Values are
// strings, except x and y (pointer coordinates), which are numbers.
func parseEvent(s string) (nclua.Event, error) {
	e := nclua.Event{}
	for _, f := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(f, "=")
		if !ok || k == "" {
			return nil, usagef("bad --send %q: want field=value,...", s)
		}
		e[k] = v
		if k == "x" || k == "y" {
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return nil, usagef("bad --send %q: %s must be a number", s, k)
			}
			e[k] = n
		}
	}
	if e.Class() == "" {
		return nil, usagef("bad --send %q: no class", s)
	}
	return e, nil
}

// luaSearchers: the script's folder ("?.lua", "?/init.lua"), then each
// pattern of luaPath, resolved from the current directory.
func luaSearchers(script, luaPath string) ([]lua.Searcher, error) {
	dir, err := filepath.Abs(filepath.Dir(script))
	if err != nil {
		return nil, err
	}
	scriptFS := os.DirFS(dir)
	s := []lua.Searcher{{FS: scriptFS, Pattern: "?.lua"}, {FS: scriptFS, Pattern: "?/init.lua"}}
	var root fs.FS
	for _, p := range strings.Split(luaPath, ";") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, usagef("bad --lua-path pattern %q: %v", p, err)
		}
		vol := filepath.VolumeName(abs)
		if root == nil {
			root = os.DirFS(vol + string(filepath.Separator))
		}
		rel := filepath.ToSlash(strings.TrimPrefix(abs[len(vol):], string(filepath.Separator)))
		s = append(s, lua.Searcher{FS: root, Pattern: rel})
	}
	return s, nil
}
