package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/antena-tv/antena/internal/tsgen"
)

func init() {
	register("gen", "write a synthetic test mux (video, audio, PSI, DSM-CC, null) for benchmarks", runGen)
}

func runGen(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("gen", "[--size 200MB] [--rate 30M] [--seed N] -o OUT.ts|-", stderr)
	size := fs.String("size", "200MB", "bytes to write (KB, MB, GB suffixes)")
	rate := fs.String("rate", "30M", "mux rate in bit/s used for PCR timing (k, M suffixes)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same bytes")
	out := fs.String("o", "", "output file, or - for stdout")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *out == "" {
		return usagef("gen takes no arguments and needs -o OUT")
	}
	n, err := parseSize(*size)
	if err != nil {
		return usagef("--size: %v", err)
	}
	r, err := parseSize(strings.TrimSuffix(strings.TrimSuffix(*rate, "bit/s"), "bps"))
	if err != nil || r < 100_000 {
		return usagef("--rate: want a rate of at least 100k, got %q", *rate)
	}
	var w io.Writer = stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return usageError{err}
		}
		defer f.Close()
		w = f
	}
	g := tsgen.New(tsgen.Config{MuxRate: int(r), Seed: *seed})
	written, err := g.WriteTo(w, n)
	if err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(stderr, "wrote %d bytes (%d packets) to %s\n", written, written/188, *out)
	}
	return nil
}

// parseSize reads 200MB, 16k, 30M, 1G (powers of 1000 for rates, 1024 for byte sizes with B).
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	u := strings.ToUpper(s)
	switch {
	case strings.HasSuffix(u, "KB"), strings.HasSuffix(u, "KIB"):
		mult = 1 << 10
	case strings.HasSuffix(u, "MB"), strings.HasSuffix(u, "MIB"):
		mult = 1 << 20
	case strings.HasSuffix(u, "GB"), strings.HasSuffix(u, "GIB"):
		mult = 1 << 30
	case strings.HasSuffix(u, "K"):
		mult = 1000
	case strings.HasSuffix(u, "M"):
		mult = 1000_000
	case strings.HasSuffix(u, "G"):
		mult = 1000_000_000
	}
	num := strings.TrimRight(u, "KMGIB")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("not a size: %q", s)
	}
	return int64(v * float64(mult)), nil
}
