package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/internal/mux"
	"github.com/antena-tv/antena/runtime/ncl"
)

func init() {
	register("mux", "put an app folder on the air: PSI, AIT, object carousel, events, test warnings", runMux)
}

const muxUsage = "--app DIR -o OUT.ts|-|udp://HOST:PORT [flags]"

// muxList collects a repeatable flag.
type muxList []string

func (l *muxList) String() string     { return strings.Join(*l, " ") }
func (l *muxList) Set(v string) error { *l = append(*l, v); return nil }

// muxFlags are the raw flag values of antena mux.
type muxFlags struct {
	app, out, in                                     *string
	appType, org, appID, control, name, lang, entry  *string
	carouselRate, muxRate, duration                  *string
	cycles                                           *int
	realtime, watch, noCompress                      *bool
	program, carouselID, componentTag, dataBroadcast *string
	pidPMT, pidAIT, pidCarousel, pidEvents           *string
	tsid, networkID, moduleSize, blockSize           *string
	eventMode, eventObject                           *string
	events, ewbs, scte18                             muxList
}

func newMuxFlags(fs *flag.FlagSet) *muxFlags {
	f := &muxFlags{}
	f.app = fs.String("app", "", "application folder (required)")
	f.out = fs.String("o", "", "output: a file, - for stdout, or udp://HOST:PORT[?ttl=N] "+
		"(IPv4, [IPv6], multicast)")
	f.in = fs.String("in", "", "mux into this transport stream (its video and audio are kept)")
	f.appType = fs.String("type", "ginga", "application type: ginga (Ginga-NCL, 0x0009), hbbtv (0x0010) "+
		"or a number")
	f.org = fs.String("org", "1", "organisation_id (32 bits)")
	f.appID = fs.String("app-id", "1", "application_id (16 bits)")
	f.control = fs.String("control", "autostart", "control code: autostart, present, destroy, kill, "+
		"prefetch, remote, disabled, playback-autostart or 1-8")
	f.name = fs.String("name", "", "application name (default: the folder's name)")
	f.lang = fs.String("lang", "", "ISO 639-2 language of the name (default por for ginga, eng for hbbtv)")
	f.entry = fs.String("entry", "", "entry file in the folder (default main.ncl, else main.lua; "+
		"hbbtv also index.html)")
	f.carouselRate = fs.String("carousel-rate", "1M", "carousel bit rate (k, M suffixes)")
	f.muxRate = fs.String("mux-rate", "", "constant output rate, null packets filling "+
		"(default: what the content needs)")
	f.cycles = fs.Int("cycles", 0, "stop after N carousel cycles (default 1 for files; "+
		"network and --watch run until stopped)")
	f.duration = fs.String("duration", "", "stop after this much stream time (90s, 1m30s, or seconds)")
	f.realtime = fs.Bool("realtime", false, "pace the output in real time (always on for udp:// and --watch)")
	f.watch = fs.Bool("watch", false, "follow the folder and put every change on the air")
	f.noCompress = fs.Bool("no-compress", false, "do not zlib-compress modules")
	f.program = fs.String("program", "", "program number of the data service (default 1); "+
		"with --in, the program to add to (default the first)")
	f.carouselID = fs.String("carousel-id", "1", "carousel_id (and downloadId)")
	f.componentTag = fs.String("component-tag", "", "component tag of the carousel stream "+
		"(default 0x40, or the next free)")
	f.dataBroadcast = fs.String("data-broadcast-id", "", "data_broadcast_id of the carousel "+
		"(default 0x00F0 ginga, 0x0123 hbbtv)")
	f.pidPMT = fs.String("pid-pmt", "", "PMT PID of the data service (default 0x0100)")
	f.pidAIT = fs.String("pid-ait", "", "AIT PID (default: the first free from 0x0100)")
	f.pidCarousel = fs.String("pid-carousel", "", "carousel PID (default: the first free from 0x0100)")
	f.pidEvents = fs.String("pid-events", "", "stream event PID (default: the first free from 0x0100)")
	f.tsid = fs.String("tsid", "1", "transport_stream_id of a standalone stream")
	f.networkID = fs.String("network-id", "1", "network_id (and original_network_id) of the NIT "+
		"made for --ewbs")
	f.moduleSize = fs.String("module-size", "64KB", "size up to which files share a module")
	f.blockSize = fs.String("block-size", "4066", "DDB block size (at most 4066)")
	f.eventMode = fs.String("event-mode", "now", "stream events: now (do-it-now sections at T) "+
		"or npt (scheduled on the NPT)")
	f.eventObject = fs.String("event-object", mux.DefaultEventObject, "path of the stream event object in the carousel")
	fs.Var(&f.events, "event", "stream event NAME@T[:DATA] (repeatable)")
	fs.Var(&f.ewbs, "ewbs", "ISDB warning start@T[,end@T],area=CODE[,area=CODE...][,level=1|2]"+
		"[,service=ID] (repeatable)")
	fs.Var(&f.scte18, "scte18", "SCTE-18 alert [start@T][,duration=D][,code=RWT][,priority=N][,originator=EAS][,event=ID]"+
		"[,location=SS:CCC[:D]...][,details=MAJ.MIN][,lang=eng][,text=TEXT to the end] (repeatable)")
	return f
}

func runMux(args []string, stdout, stderr io.Writer) error {
	fset := newFlags("mux", muxUsage, stderr)
	f := newMuxFlags(fset)
	pos, err := parseFlags(fset, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("mux takes no arguments (%q): the folder is --app DIR", pos[0])
	}
	if *f.app == "" || *f.out == "" {
		return usagef("usage: antena mux %s", muxUsage)
	}
	out, err := mux.ParseOutput(*f.out)
	if err != nil {
		return usageError{err}
	}
	cfg, closeIn, err := f.config(out)
	if err != nil {
		return err
	}
	defer closeIn()
	m, err := mux.New(cfg)
	if err != nil {
		return muxError(err)
	}
	warnNCL(*f.app, m.App().Entry, stderr)
	w, err := out.Open(stdout)
	if err != nil {
		return usageError{err}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *f.watch {
		m.OnRebuild = func(c *dsmcc.BuiltCarousel, err error) {
			switch {
			case err != nil:
				fmt.Fprintf(stderr, "antena mux: folder changed, not put on the air: %v\n", err)
			case c.Changed:
				fmt.Fprintf(stderr, "antena mux: folder changed: transaction version %d, %d modules changed\n",
					c.TransactionVersion, muxChanged(c))
			}
		}
		go func() {
			if err := m.Watch(ctx, *f.app, 0); err != nil {
				fmt.Fprintf(stderr, "antena mux: --watch: %v\n", err)
			}
		}()
	}
	realtime := *f.realtime || out.Network() || *f.watch
	sum, err := m.Run(ctx, w, mux.RunOptions{Realtime: realtime, Progress: stderr})
	if cerr := w.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		if errors.Is(err, mux.ErrInput) {
			return usageError{err}
		}
		return err
	}
	sum.Write(stderr)
	return nil
}

func muxChanged(c *dsmcc.BuiltCarousel) int {
	n := 0
	for _, m := range c.Modules {
		if m.Changed {
			n++
		}
	}
	return n
}

// muxError makes the caller's mistakes (bad values, a folder the carousel cannot carry,
// an unusable input) usage errors.
func muxError(err error) error {
	for _, e := range []error{mux.ErrSyntax, mux.ErrConfig, mux.ErrInput, dsmcc.ErrBuildName, dsmcc.ErrBuildFileSize,
		dsmcc.ErrBuildLimit, dsmcc.ErrBuildFileType, dsmcc.ErrBuildConfig, fs.ErrNotExist, fs.ErrPermission} {
		if errors.Is(err, e) {
			return usageError{err}
		}
	}
	return err
}

// config turns the flags into a mux configuration. closeIn closes the --in file.
func (f *muxFlags) config(out mux.Output) (cfg mux.Config, closeIn func(), err error) {
	closeIn = func() {}
	fi, err := os.Stat(*f.app)
	if err != nil {
		return cfg, closeIn, usageError{err}
	}
	if !fi.IsDir() {
		return cfg, closeIn, usagef("--app %s is not a folder", *f.app)
	}
	cfg.FS = os.DirFS(*f.app)
	if err := f.appConfig(&cfg); err != nil {
		return cfg, closeIn, usageError{err}
	}
	if err := f.serviceConfig(&cfg); err != nil {
		return cfg, closeIn, usageError{err}
	}
	if err := f.runConfig(&cfg, out); err != nil {
		return cfg, closeIn, usageError{err}
	}
	if err := f.timelineConfig(&cfg); err != nil {
		return cfg, closeIn, usageError{err}
	}
	if *f.in != "" {
		if *f.watch {
			return cfg, closeIn, usagef("--watch and --in cannot be used together")
		}
		r, size, err := openInput(*f.in)
		if err != nil {
			return cfg, closeIn, err
		}
		cfg.Input, cfg.InputSize, closeIn = r, size, func() { r.Close() }
	}
	return cfg, closeIn, nil
}

func (f *muxFlags) appConfig(cfg *mux.Config) error {
	var err error
	a := &cfg.App
	if a.Type, err = mux.ParseApplicationType(*f.appType); err != nil {
		return fmt.Errorf("--type: %w", err)
	}
	if a.ControlCode, err = mux.ParseControlCode(*f.control); err != nil {
		return fmt.Errorf("--control: %w", err)
	}
	org, err := mux.ParseUint(*f.org, 32)
	if err != nil {
		return fmt.Errorf("--org: %w", err)
	}
	id, err := mux.ParseUint(*f.appID, 16)
	if err != nil {
		return fmt.Errorf("--app-id: %w", err)
	}
	a.OrganisationID, a.ApplicationID = uint32(org), uint16(id)
	a.Name, a.Language, a.Entry = *f.name, *f.lang, filepath.ToSlash(*f.entry)
	if a.Name == "" {
		abs, err := filepath.Abs(*f.app)
		if err != nil {
			return err
		}
		a.Name = filepath.Base(abs)
	}
	if a.Language != "" && len(a.Language) != 3 {
		return fmt.Errorf("--lang %q: a 3-letter ISO 639-2 code", a.Language)
	}
	return nil
}

// muxNum is an optional numeric flag: "" (the default) or a number of at most bits.
type muxNum struct {
	name string
	v    string
	bits int
	dst  func(uint64)
}

// muxNumbers parses optional numeric flags.
func muxNumbers(specs ...muxNum) error {
	for _, s := range specs {
		if s.v == "" {
			continue
		}
		n, err := mux.ParseUint(s.v, s.bits)
		if err != nil {
			return fmt.Errorf("--%s: %w", s.name, err)
		}
		s.dst(n)
	}
	return nil
}

func (f *muxFlags) serviceConfig(cfg *mux.Config) error {
	s, b := &cfg.Service, &cfg.Builder
	err := muxNumbers(
		muxNum{"program", *f.program, 16, func(n uint64) { s.ProgramNumber = uint16(n) }},
		muxNum{"carousel-id", *f.carouselID, 32, func(n uint64) { b.CarouselID = uint32(n) }},
		muxNum{"component-tag", *f.componentTag, 8, func(n uint64) { s.ComponentTag = uint8(n) }},
		muxNum{"data-broadcast-id", *f.dataBroadcast, 16, func(n uint64) { s.DataBroadcastID = uint16(n) }},
		muxNum{"pid-pmt", *f.pidPMT, 13, func(n uint64) { s.PMTPID = uint16(n) }},
		muxNum{"pid-ait", *f.pidAIT, 13, func(n uint64) { s.AITPID = uint16(n) }},
		muxNum{"pid-carousel", *f.pidCarousel, 13, func(n uint64) { s.CarouselPID = uint16(n) }},
		muxNum{"pid-events", *f.pidEvents, 13, func(n uint64) { s.EventPID = uint16(n) }},
		muxNum{"tsid", *f.tsid, 16, func(n uint64) { s.TransportStreamID = uint16(n) }},
		muxNum{"network-id", *f.networkID, 16, func(n uint64) { s.NetworkID = uint16(n) }},
		muxNum{"block-size", *f.blockSize, 16, func(n uint64) { b.BlockSize = int(n) }},
	)
	if err != nil {
		return err
	}
	switch {
	case *f.program != "" && s.ProgramNumber == 0:
		return fmt.Errorf("--program 0 is the NIT's entry: use 1-65535")
	case b.BlockSize < 1 || b.BlockSize > dsmcc.DefaultBlockSize:
		return fmt.Errorf("--block-size %d: 1-%d", b.BlockSize, dsmcc.DefaultBlockSize)
	case *f.componentTag != "" && s.ComponentTag == 0:
		return fmt.Errorf("--component-tag 0: use 1-255")
	}
	ms, err := parseSize(*f.moduleSize)
	if err != nil || ms < 1 {
		return fmt.Errorf("--module-size %q: a size such as 64KB", *f.moduleSize)
	}
	b.ModuleSize, b.NoCompression = int(min(ms, 1<<30)), *f.noCompress
	return nil
}

func (f *muxFlags) runConfig(cfg *mux.Config, out mux.Output) error {
	var err error
	if cfg.CarouselRate, err = mux.ParseRate(*f.carouselRate); err != nil {
		return fmt.Errorf("--carousel-rate: %w", err)
	}
	if *f.muxRate != "" {
		if cfg.MuxRate, err = mux.ParseRate(*f.muxRate); err != nil {
			return fmt.Errorf("--mux-rate: %w", err)
		}
		if *f.in != "" {
			return fmt.Errorf("--mux-rate and --in: the input's rate stands (raised only where its null packets do not suffice)")
		}
	}
	if *f.duration != "" {
		if cfg.Duration, err = mux.ParseStreamTime(*f.duration); err != nil || cfg.Duration == 0 {
			return fmt.Errorf("--duration %q: a positive time (90s, 1m30s or seconds)", *f.duration)
		}
	}
	if *f.cycles < 0 {
		return fmt.Errorf("--cycles %d: at least 1", *f.cycles)
	}
	cfg.Cycles = *f.cycles
	cfg.Forever = (out.Network() || *f.watch) && cfg.Cycles == 0 && cfg.Duration == 0
	return nil
}

func (f *muxFlags) timelineConfig(cfg *mux.Config) error {
	switch *f.eventMode {
	case "now":
		cfg.EventMode = mux.EventsNow
	case "npt":
		cfg.EventMode = mux.EventsNPT
	default:
		return fmt.Errorf("--event-mode %q: now or npt", *f.eventMode)
	}
	cfg.EventObject = *f.eventObject
	for _, s := range f.events {
		e, err := mux.ParseEvent(s)
		if err != nil {
			return fmt.Errorf("--event: %w", err)
		}
		cfg.Events = append(cfg.Events, e)
	}
	for _, s := range f.ewbs {
		w, err := mux.ParseEWBS(s)
		if err != nil {
			return fmt.Errorf("--ewbs: %w", err)
		}
		cfg.EWBS = append(cfg.EWBS, w)
	}
	for _, s := range f.scte18 {
		a, err := mux.ParseSCTE18(s)
		if err != nil {
			return fmt.Errorf("--scte18: %w", err)
		}
		cfg.SCTE18 = append(cfg.SCTE18, a)
	}
	return nil
}

// warnNCL tells the broadcaster, before anything goes on air, when the
// app's NCL entry has errors or missing files (antena ncl lists them).
func warnNCL(dir, entry string, stderr io.Writer) {
	if !strings.EqualFold(path.Ext(entry), ".ncl") {
		return
	}
	fsys := os.DirFS(dir)
	doc, err := ncl.Parse(fsys, entry, ncl.Limits{})
	if err != nil {
		fmt.Fprintf(stderr, "antena mux: warning: %s: %v\n", entry, err)
		return
	}
	rep := nclReport{Counts: map[string]int{}, MediaTypes: map[string]int{}}
	countDocument(doc, fsys, &rep)
	if errs := len(doc.Diagnostics.Errors()); errs > 0 || len(rep.Missing) > 0 {
		fmt.Fprintf(stderr, "antena mux: warning: %s has %d errors and %d missing media files "+
			"(antena ncl %s lists them)\n", entry, errs, len(rep.Missing), filepath.Join(dir, entry))
	}
}
