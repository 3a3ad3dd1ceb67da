// Command astitsloop reads a transport stream with go-astits's own demuxer (the
// Demuxer.NextData loop) and prints how many data units it returned. It exists only to time
// the peer against `antena inspect` as whole processes on the same file (see BENCHMARKS.md).
package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/asticode/go-astits"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: astitsloop FILE.ts")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer f.Close()
	dmx := astits.NewDemuxer(context.Background(), bufio.NewReaderSize(f, 1<<20))
	var units, pmts, errs int
	for {
		d, err := dmx.NextData()
		if errors.Is(err, astits.ErrNoMorePackets) || errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs++
			continue
		}
		units++
		if d.PMT != nil {
			pmts++
		}
	}
	fmt.Printf("%d data units, %d PMTs, %d errors\n", units, pmts, errs)
}
