package ncl

import (
	"errors"
	"fmt"
)

// Sentinel errors. Parse returns an error only when there is no document at
// all; everything else is a Diagnostic.
var (
	// ErrNotNCL: the entry file has no <ncl> root element.
	ErrNotNCL = errors.New("ncl: not an NCL document")
	// ErrTooLarge: a file is over Limits.MaxFileSize.
	ErrTooLarge = errors.New("ncl: file too large")
)

// Severity of a Diagnostic.
type Severity int

// Severities. A Warning is something Antena tolerates (an unknown element or
// attribute, a value it replaced by its default); an Error is a part of the
// document that was skipped (a link to a missing component, a bind to a
// missing role, a descriptor that does not exist).
const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Pos is where an element starts: the file (its path in the app's fs.FS) and
// the 1-based line of its start tag.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// Diagnostic is one problem found while parsing or validating a document.
type Diagnostic struct {
	Severity Severity
	Pos
	Message string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", d.File, d.Line, d.Severity, d.Message)
}

// Diagnostics is a list of diagnostics.
type Diagnostics []Diagnostic

// Errors returns only the diagnostics of severity Error.
func (ds Diagnostics) Errors() Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

type reporter struct {
	diags *Diagnostics
}

func (r reporter) warnf(p Pos, format string, args ...any) {
	*r.diags = append(*r.diags, Diagnostic{Severity: Warning, Pos: p, Message: fmt.Sprintf(format, args...)})
}

func (r reporter) errorf(p Pos, format string, args ...any) {
	*r.diags = append(*r.diags, Diagnostic{Severity: Error, Pos: p, Message: fmt.Sprintf(format, args...)})
}
