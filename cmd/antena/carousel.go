package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/progress"
)

func init() {
	register("carousel", "list, extract or time the object carousels of a stream (ls, extract, stats)", runCarousel)
}

const carouselUsage = `ls|extract|stats [--pid PID] [--service N] STREAM [OUTDIR]

  ls STREAM               the carousel's tree with sizes, module and version
  extract STREAM OUTDIR   write the tree (newest version in the stream) under OUTDIR; exit 3
                          with the list of what is missing when the stream ends first
  stats STREAM            cycle length of each module (by PCR), bitrate, acquisition time`

func runCarousel(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintf(stderr, "usage: antena carousel %s\n", carouselUsage)
		return usagef("carousel needs a subcommand: ls, extract or stats")
	}
	sub := args[0]
	fsx := newFlags("carousel "+sub, carouselUsage, stderr)
	pidFlag := fsx.String("pid", "", "the carousel's PID (decimal or 0x hex)")
	service := fsx.Int("service", -1, "the service (program number) whose carousel to use")
	pos, err := parseFlags(fsx, args[1:])
	if err != nil {
		return err
	}
	want := 1
	if sub == "extract" {
		want = 2
	}
	switch sub {
	case "ls", "extract", "stats":
	default:
		return usagef("unknown carousel subcommand %q (ls, extract, stats)", sub)
	}
	if len(pos) != want {
		return usagef("carousel %s needs %d argument(s), got %d", sub, want, len(pos))
	}
	sel := selector{pid: -1, service: *service}
	if *pidFlag != "" {
		v, err := strconv.ParseUint(*pidFlag, 0, 13)
		if err != nil {
			return usagef("--pid %q: want a PID from 0 to 0x1FFF", *pidFlag)
		}
		sel.pid = int(v)
	}
	acq, err := acquire(pos[0], sel, stderr)
	if err != nil {
		return err
	}
	switch sub {
	case "ls":
		return carouselLs(acq, stdout)
	case "extract":
		return carouselExtract(acq, pos[1], stdout, stderr)
	default:
		return carouselStats(acq, stdout)
	}
}

type selector struct {
	pid     int
	service int
}

// acquisition is what reading a stream for its carousel gives.
type acquisition struct {
	d        *demux.Demuxer
	pid      uint16
	carousel *dsmcc.Carousel
	timing   *carouselTiming
	aits     []*ait.Table
	pmts     map[uint16]*psi.PMT
}

// acquire reads the whole stream and returns the selected carousel.
func acquire(name string, sel selector, stderr io.Writer) (*acquisition, error) {
	in, size, err := openInput(name)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	acq := &acquisition{pmts: map[uint16]*psi.PMT{}, timing: newCarouselTiming()}
	h := demux.Handlers{
		AIT: func(_ demux.Info, t *ait.Table) { acq.aits = append(acq.aits, t) },
		PMT: func(_ demux.Info, p *psi.PMT) { acq.pmts[p.ProgramNumber] = clonePMT(p) },
		Section: func(i demux.Info, sec []byte, _ bool) {
			if acq.d.Kind(i.PID) == demux.KindDSMCC {
				acq.timing.section(i, sec)
			}
		},
		Carousel: func(i demux.Info, e demux.CarouselEvent) { acq.timing.event(i, e) },
	}
	acq.d = demux.New(h, demux.Options{Sniff: true})
	bar := progress.New(stderr, "reading", size)
	var r io.Reader = in
	if size > 0 {
		r = &progress.Reader{R: in, Bar: bar}
	}
	_, err = acq.d.ReadFrom(r)
	bar.Done()
	if err != nil {
		return nil, usageError{err}
	}
	if err := acq.pick(sel); err != nil {
		return nil, err
	}
	return acq, nil
}

// pick chooses the carousel: --pid, else the one of --service, else the first that an AIT
// signals, else the first found.
func (a *acquisition) pick(sel selector) error {
	pids := a.d.CarouselPIDs()
	if len(pids) == 0 {
		return fmt.Errorf("%w: no DSM-CC carousel found in the stream", errIncomplete)
	}
	has := func(pid uint16) bool { return a.d.Carousel(pid) != nil }
	switch {
	case sel.pid >= 0:
		if !has(uint16(sel.pid)) {
			return usagef("PID 0x%04X carries no carousel (carousels: %s)", sel.pid, pidList(pids))
		}
		a.pid = uint16(sel.pid)
	case sel.service >= 0:
		p, ok := a.pmts[uint16(sel.service)]
		if !ok {
			return usagef("service %d has no PMT in the stream", sel.service)
		}
		found := false
		for _, es := range p.Streams {
			if has(es.ElementaryPID) {
				a.pid, found = es.ElementaryPID, true
				break
			}
		}
		if !found {
			return usagef("service %d carries no carousel (carousels: %s)", sel.service, pidList(pids))
		}
	default:
		a.pid = pids[0]
		if pid, ok := a.signalled(); ok {
			a.pid = pid
		}
	}
	a.carousel = a.d.Carousel(a.pid)
	return nil
}

// signalled finds the carousel the first AIT application's object-carousel transport names.
func (a *acquisition) signalled() (uint16, bool) {
	for _, t := range a.aits {
		for k := range t.Applications {
			if tp := t.Applications[k].ObjectCarousel(t.CommonDescriptors); tp != nil && !tp.RemoteConnection {
				if pid, ok := a.d.ComponentPID(uint16(tp.ComponentTag)); ok && a.d.Carousel(pid) != nil {
					return pid, true
				}
			}
		}
	}
	return 0, false
}

func pidList(pids []uint16) string {
	s := ""
	for i, p := range pids {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("0x%04X", p)
	}
	return s
}

// printDataCarousel describes a data carousel, which has groups and modules but no tree.
func printDataCarousel(w io.Writer, a *acquisition) {
	info := a.carousel.Info()
	p := a.carousel.Progress()
	fmt.Fprintf(w, "PID 0x%04X carries a data carousel (DSI with a GroupInfoIndication), not an object carousel: "+
		"it has modules but no file tree\n", a.pid)
	for _, g := range info.GroupInfo.Groups {
		fmt.Fprintf(w, "  group 0x%08X: %d bytes\n", g.GroupID, g.GroupSize)
	}
	fmt.Fprintf(w, "  %d of %d modules received\n", p.ModulesComplete, p.Modules)
}

func carouselLs(a *acquisition, w io.Writer) error {
	p := a.carousel.Progress()
	if p.Kind == dsmcc.KindDataCarousel {
		printDataCarousel(w, a)
		return nil
	}
	fmt.Fprintf(w, "carousel on PID 0x%04X: %s, %d of %d modules, %d of %d blocks, %d files (%d bytes)\n",
		a.pid, p.Kind, p.ModulesComplete, p.Modules, p.BlocksReceived, p.Blocks, p.Files, p.FileBytes)
	snap := a.carousel.Snapshot()
	err := fs.WalkDir(snap, ".", func(name string, de fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(w, "  %s: %v\n", name, err)
			return nil
		}
		if name == "." {
			return nil
		}
		obj, oerr := snap.Object(name)
		loc := ""
		if oerr == nil && !obj.Implicit {
			loc = fmt.Sprintf("module 0x%04X v%d", obj.ModuleID, obj.ModuleVersion)
		}
		depth := len(splitPath(name)) - 1
		line := strings.Repeat("  ", depth+1) + path.Base(name)
		if de.IsDir() {
			fmt.Fprintf(w, "%-48s %10s  %s\n", line+"/", "", loc)
			return nil
		}
		if oerr == nil && obj.Kind != "fil" {
			line += " [" + obj.Kind + "]"
		}
		size := int64(0)
		if fi, _ := de.Info(); fi != nil {
			size = fi.Size()
		}
		fmt.Fprintf(w, "%-48s %10d  %s\n", line, size, loc)
		return nil
	})
	if err != nil {
		return err
	}
	if !p.Complete {
		printMissing(w, p)
	}
	return nil
}

func splitPath(p string) []string {
	var out []string
	for p != "." && p != "" {
		out = append(out, path.Base(p))
		p = path.Dir(p)
	}
	return out
}

func printMissing(w io.Writer, p dsmcc.Progress) {
	fmt.Fprintln(w, "incomplete: the stream ended before the carousel was whole")
	if !p.DSI {
		fmt.Fprintln(w, "  no DSI received: the service gateway is unknown")
	}
	for _, m := range p.ModuleStates {
		if m.Complete {
			continue
		}
		fmt.Fprintf(w, "  module 0x%04X v%d: %d of %d blocks", m.ModuleID, m.ModuleVersion, m.BlocksReceived, m.Blocks)
		if len(m.Missing) > 0 {
			fmt.Fprint(w, ", missing")
			for _, r := range m.Missing {
				if r.First == r.Last {
					fmt.Fprintf(w, " %d", r.First)
				} else {
					fmt.Fprintf(w, " %d-%d", r.First, r.Last)
				}
			}
		}
		if m.Err != nil {
			fmt.Fprintf(w, " (%v)", m.Err)
		}
		fmt.Fprintln(w)
	}
	for _, f := range p.MissingFiles {
		name := f.Path
		if name == "." || name == "" {
			name = "/ (the service gateway)"
		} else {
			name = "/" + name
		}
		fmt.Fprintf(w, "  missing %s %s (module 0x%04X)\n", f.Kind, name, f.ModuleID)
	}
}

// carouselExtract writes the snapshot's files under outdir, through an os.Root so that no
// path can land outside it.
func carouselExtract(a *acquisition, outdir string, stdout, stderr io.Writer) error {
	if a.carousel.Progress().Kind == dsmcc.KindDataCarousel {
		printDataCarousel(stdout, a)
		return fmt.Errorf("PID 0x%04X: a data carousel has no files to extract", a.pid)
	}
	if err := os.MkdirAll(outdir, 0o755); err != nil {
		return usageError{err}
	}
	root, err := os.OpenRoot(outdir)
	if err != nil {
		return usageError{err}
	}
	defer root.Close()
	snap := a.carousel.Snapshot()
	var files int
	var bytes int64
	err = fs.WalkDir(snap, ".", func(name string, de fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(stderr, "skipped %s: %v\n", name, err)
			return nil
		}
		if name == "." {
			return nil
		}
		if de.IsDir() {
			return root.MkdirAll(name, 0o755)
		}
		if !de.Type().IsRegular() {
			return nil
		}
		data, err := snap.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "skipped %s: %v\n", name, err)
			return nil
		}
		if err := root.WriteFile(name, data, 0o644); err != nil {
			return err
		}
		files++
		bytes += int64(len(data))
		return nil
	})
	if err != nil {
		return fmt.Errorf("writing under %s: %w", outdir, err)
	}
	fmt.Fprintf(stdout, "wrote %d files (%d bytes) from PID 0x%04X to %s\n", files, bytes, a.pid, outdir)
	if p := a.carousel.Progress(); !p.Complete {
		printMissing(stdout, p)
		return fmt.Errorf("%w: carousel on PID 0x%04X not complete (%d of %d modules)", errIncomplete,
			a.pid, p.ModulesComplete, p.Modules)
	}
	return nil
}

var errNoTiming = errors.New("no PCR in the stream: times are given in packets")

func carouselStats(a *acquisition, w io.Writer) error {
	t := a.timing
	p := a.carousel.Progress()
	st := a.d.Stats()
	ps := a.d.PIDStats(a.pid)
	fmt.Fprintf(w, "carousel on PID 0x%04X: %d modules, %d blocks, %d bytes on air\n", a.pid, p.Modules, p.Blocks, p.Bytes)
	secs := st.Duration()
	if secs > 0 {
		fmt.Fprintf(w, "PID bitrate: %.0f bit/s (%d packets over %.3f s)\n", float64(ps.Packets)*188*8/secs, ps.Packets, secs)
	} else {
		fmt.Fprintf(w, "PID: %d packets (%v)\n", ps.Packets, errNoTiming)
	}
	if c, ok := t.complete[a.pid]; ok {
		fmt.Fprintf(w, "acquired: complete at packet %d%s from the start of the stream\n", c.Packet, t.at(c, st))
	} else {
		fmt.Fprintln(w, "acquired: not complete when the stream ended")
	}
	mods := t.modules[a.pid]
	keys := make([]moduleKey, 0, len(mods))
	for k := range mods {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].less(keys[j]) })
	fmt.Fprintln(w, "module cycle (time between repetitions of block 0):")
	for _, k := range keys {
		m := mods[k]
		fmt.Fprintf(w, "  module 0x%04X v%-3d %4d blocks seen  %s\n", k.module, k.version, m.blocks, m.cycle(st))
	}
	return nil
}
