// Command antena is the Antena receiver middleware in one binary: the box (play), the
// broadcaster's tools (mux, carousel) and the developer's tools (emu, inspect, lua, gen).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes shared by the subcommands.
const (
	exitOK         = 0
	exitFailure    = 1 // the work itself failed (a Lua error, a write that failed)
	exitUsage      = 2 // bad flags or unreadable input
	exitIncomplete = 3 // the stream ended before the work could complete
)

// usageError marks errors that deserve exit code 2.
type usageError struct{ error }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{}

func register(name, summary string, run func(args []string, stdout, stderr io.Writer) error) {
	commands[name] = command{summary: summary, run: run}
}

func main() {
	os.Exit(runMain(os.Args[1:], os.Stdout, os.Stderr))
}

func runMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "antena: unknown command %q\n\n", args[0])
		printUsage(stderr)
		return exitUsage
	}
	err := cmd.run(args[1:], stdout, stderr)
	return exitCode(stderr, args[0], err)
}

// errIncomplete is returned (wrapped) by commands whose input ended too early.
var errIncomplete = errors.New("incomplete")

func exitCode(stderr io.Writer, name string, err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "antena %s: %v\n", name, err)
	var ue usageError
	switch {
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, errIncomplete):
		return exitIncomplete
	}
	return exitFailure
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: antena COMMAND [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nantena COMMAND -h shows the flags of a command.")
}

// newFlags returns a FlagSet that reports errors instead of exiting.
func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: antena %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses, turning flag errors into usage errors. Flags may follow positional
// arguments (antena inspect FILE --json).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// openInput opens FILE, or stdin for "-". The size is -1 when unknown.
func openInput(name string) (io.ReadCloser, int64, error) {
	if name == "-" {
		return io.NopCloser(os.Stdin), -1, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, usageError{err}
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, usageError{err}
	}
	if fi.IsDir() {
		f.Close()
		return nil, 0, usagef("%s is a directory", name)
	}
	return f, fi.Size(), nil
}
