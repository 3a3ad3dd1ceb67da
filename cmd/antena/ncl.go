package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/antena-tv/antena/runtime/ncl"
)

func init() {
	register("ncl", "check an NCL document: its errors and warnings with file and line, what it holds, missing files", runNCL)
}

// nclReport is what `antena ncl --json` prints.
type nclReport struct {
	Document    string         `json:"document"`
	Errors      int            `json:"errors"`
	Warnings    int            `json:"warnings"`
	Diagnostics []nclDiag      `json:"diagnostics"`
	Counts      map[string]int `json:"counts"`
	MediaTypes  map[string]int `json:"media_types"`
	Missing     []nclMissing   `json:"missing_files"`
}

type nclDiag struct {
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
}

type nclMissing struct {
	Media string `json:"media"`
	Src   string `json:"src"`
	File  string `json:"file"`
	Line  int    `json:"line"`
}

func runNCL(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("ncl", "[--json] [--strict] DOC.ncl|APPDIR", stderr)
	asJSON := fl.Bool("json", false, "print the report as JSON")
	strict := fl.Bool("strict", false, "fail on warnings and missing files too")
	pos, err := parseFlags(fl, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("ncl needs one DOC.ncl or APPDIR")
	}
	dir, entry := pos[0], "main.ncl"
	if st, err := os.Stat(dir); err != nil {
		return usageError{err}
	} else if !st.IsDir() {
		dir, entry = filepath.Dir(dir), filepath.Base(dir)
	}
	fsys := os.DirFS(dir)
	doc, err := ncl.Parse(fsys, entry, ncl.Limits{})
	if err != nil {
		return usageError{err}
	}
	rep := nclReport{Document: filepath.Join(dir, entry), Counts: map[string]int{}, MediaTypes: map[string]int{},
		Diagnostics: []nclDiag{}, Missing: []nclMissing{}}
	for _, d := range doc.Diagnostics {
		rep.Diagnostics = append(rep.Diagnostics, nclDiag{d.Severity.String(), d.File, d.Line, d.Message})
		if d.Severity == ncl.Error {
			rep.Errors++
		} else {
			rep.Warnings++
		}
	}
	countDocument(doc, fsys, &rep)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printNCLReport(stdout, &rep)
	}
	switch {
	case rep.Errors > 0:
		return fmt.Errorf("%s: %d errors (the parts in error are skipped when it plays)", rep.Document, rep.Errors)
	case *strict && (rep.Warnings > 0 || len(rep.Missing) > 0):
		return fmt.Errorf("%s: %d warnings, %d missing files (--strict)", rep.Document, rep.Warnings, len(rep.Missing))
	}
	return nil
}

// countDocument counts what the document holds and finds the media files
// that are not there.
func countDocument(doc *ncl.Document, fsys fs.FS, rep *nclReport) {
	c := rep.Counts
	c["regions"] = len(doc.ResolveRegions("", 1280, 720))
	c["descriptors"] = len(doc.Descriptors)
	c["connectors"] = len(doc.Connectors)
	c["rules"] = len(doc.Rules)
	c["imports"] = len(doc.Imports)
	var walk func(ns []ncl.Node)
	walk = func(ns []ncl.Node) {
		for _, n := range ns {
			switch n := n.(type) {
			case *ncl.Media:
				c["media"]++
				m := n
				if n.Refer != "" {
					if r := doc.Media(n.ID); r != nil {
						m = r
					}
				}
				t := m.Type
				if t == "" {
					t = "(unknown)"
				}
				rep.MediaTypes[t]++
				if p, ok := m.SrcPath(); ok {
					if _, err := fs.Stat(fsys, p); errors.Is(err, fs.ErrNotExist) {
						rep.Missing = append(rep.Missing, nclMissing{m.ID, m.Src, m.File, m.Line})
					}
				}
			case *ncl.Context:
				c["contexts"]++
				c["links"] += len(n.Links)
				walk(n.Nodes)
			case *ncl.Switch:
				c["switches"]++
				walk(n.Nodes)
			}
		}
	}
	if doc.Body != nil {
		c["links"] += len(doc.Body.Links)
		walk(doc.Body.Nodes)
	}
}

func printNCLReport(w io.Writer, rep *nclReport) {
	for _, d := range rep.Diagnostics {
		fmt.Fprintf(w, "%s:%d: %s: %s\n", d.File, d.Line, d.Severity, d.Message)
	}
	for _, m := range rep.Missing {
		fmt.Fprintf(w, "%s:%d: missing file: media %q src %q (a placeholder is shown)\n", m.File, m.Line, m.Media, m.Src)
	}
	keys := make([]string, 0, len(rep.Counts))
	for k := range rep.Counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d %s", rep.Counts[k], k))
	}
	types := make([]string, 0, len(rep.MediaTypes))
	for t, n := range rep.MediaTypes {
		types = append(types, fmt.Sprintf("%s ×%d", t, n))
	}
	sort.Strings(types)
	fmt.Fprintf(w, "%s: %d errors, %d warnings, %d missing files\n", rep.Document, rep.Errors, rep.Warnings, len(rep.Missing))
	fmt.Fprintf(w, "  %s\n", strings.Join(parts, ", "))
	if len(types) > 0 {
		fmt.Fprintf(w, "  media: %s\n", strings.Join(types, ", "))
	}
}
