package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/internal/progress"
)

func init() {
	register("inspect", "report what a transport stream carries: services, PIDs, apps, alerts, errors", runInspect)
}

func runInspect(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("inspect", "[--json] [--events] FILE|-", stderr)
	asJSON := fs.Bool("json", false, "print the report as one JSON document (schema in the README)")
	events := fs.Bool("events", false, "print one JSON object a line for each event as it happens")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("inspect needs one FILE (or - for stdin)")
	}
	in, size, err := openInput(pos[0])
	if err != nil {
		return err
	}
	defer in.Close()

	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	c := newCollector(pos[0])
	if *events {
		enc := json.NewEncoder(out)
		live := size < 0
		c.emit = func(v any) {
			_ = enc.Encode(v)
			if live { // a reader of a live stream sees each event at once
				_ = out.Flush()
			}
		}
	}
	d := demux.New(c.handlers(), demux.Options{Sniff: true})
	c.d = d
	bar := progress.New(stderr, "reading", size)
	var r io.Reader = in
	if size > 0 {
		r = &progress.Reader{R: in, Bar: bar}
	}
	var n int64
	if size < 0 {
		n, err = d.ReadFromSize(r, demux.LiveChunk)
	} else {
		n, err = d.ReadFromSize(r, 1<<20)
	}
	bar.Done()
	if err != nil {
		return usageError{err}
	}
	rep := c.report(n)
	switch {
	case *events:
		return nil
	case *asJSON:
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	default:
		writeText(out, rep)
		return nil
	}
}

func hex16(v uint16) string { return fmt.Sprintf("0x%04X", v) }
