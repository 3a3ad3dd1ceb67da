package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/hardware/linux"
)

func init() {
	register("scan", "tune a DVB adapter through a channel plan and list the services found", runScan)
}

// scanDevices gives the configuration of the adapter a scan opens: the real devices
// under /dev/dvb. Tests put a linux.Simulator's behind it.
var scanDevices = func(adapter, frontend int) linux.AdapterConfig {
	return linux.AdapterConfig{Adapter: adapter, Frontend: frontend}
}

// scanReport is the JSON document of antena scan --json.
type scanReport struct {
	Adapter  int                   `json:"adapter"`
	Frontend int                   `json:"frontend"`
	System   string                `json:"system"`
	Country  string                `json:"country"`
	Complete bool                  `json:"complete"` // every channel asked for was tried
	Channels []hardware.ScanResult `json:"channels"` // those that locked
}

func runScan(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("scan",
		"[--adapter N] [--system isdbt|dvbt|dvbt2|atsc] [--country CODE] [--channels LIST] [--json]", stderr)
	adapter := fs.Int("adapter", 0, "DVB adapter number (/dev/dvb/adapterN)")
	frontend := fs.Int("frontend", 0, "frontend of the adapter")
	system := fs.String("system", "isdbt", "delivery system: isdbt, dvbt, dvbt2 or atsc")
	country := fs.String("country", "",
		"country of the channel plan, ISO 3166 (default br for isdbt, eu for dvbt and dvbt2, us for atsc)")
	channels := fs.String("channels", "", "channels of the plan to scan, as 14-20,33 (default all)")
	lockTimeout := fs.Duration("lock-timeout", linux.DefaultLockTimeout, "how long a channel may take to lock")
	tableTimeout := fs.Duration("table-timeout", linux.DefaultTableTimeout,
		"how long to read a channel's PAT, SDT and NIT")
	asJSON := fs.Bool("json", false, "print the result as one JSON document")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("scan takes no arguments, got %q", pos)
	}
	sys, err := hardware.ParseDeliverySystem(*system)
	if err != nil {
		return usageError{err}
	}
	if *country == "" {
		*country = map[hardware.DeliverySystem]string{hardware.ISDBT: "br", hardware.ATSC: "us"}[sys]
		if *country == "" {
			*country = "eu"
		}
	}
	plan, err := hardware.ChannelPlan(sys, *country)
	if err != nil {
		return usageError{err}
	}
	if plan, err = selectChannels(plan, *channels); err != nil {
		return err
	}
	a, err := linux.OpenAdapter(scanDevices(*adapter, *frontend))
	if errors.Is(err, linux.ErrNoAdapter) {
		return usagef("%w (is a tuner plugged in, with its driver loaded?)", err)
	}
	if err != nil {
		return err
	}
	defer a.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	progress := func(r hardware.ScanResult) { fmt.Fprintf(stderr, "%s: %s\n", r.Channel, scanProgress(r)) }
	opts := hardware.ScanOptions{LockTimeout: *lockTimeout, TableTimeout: *tableTimeout, Progress: progress}
	found, err := a.Scan(ctx, plan, opts)
	interrupted := errors.Is(err, context.Canceled)
	if err != nil && !interrupted {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if found == nil {
			found = []hardware.ScanResult{}
		}
		return enc.Encode(scanReport{*adapter, *frontend, sys.String(), *country, !interrupted, found})
	}
	writeScan(stdout, found)
	if interrupted {
		fmt.Fprintln(stdout, "scan interrupted")
	}
	return nil
}

func scanProgress(r hardware.ScanResult) string {
	if !r.Status.Lock {
		return r.Status.String()
	}
	s := fmt.Sprintf("%s, %s", r.Status, scanPlural(len(r.Services), "service"))
	if !r.Complete {
		s += " (tables incomplete)"
	}
	return s
}

// selectChannels keeps the channels of plan listed in spec ("14-20,33"; "" keeps all).
func selectChannels(plan []hardware.Channel, spec string) ([]hardware.Channel, error) {
	if spec == "" {
		return plan, nil
	}
	want := map[int]bool{}
	for _, part := range strings.Split(spec, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := a, error(nil)
		if isRange {
			b, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || b < a {
			return nil, usagef("--channels: %q is not N or N-M", part)
		}
		for n := a; n <= b; n++ {
			want[n] = true
		}
	}
	var out []hardware.Channel
	for _, c := range plan {
		if want[c.Number] {
			out = append(out, c)
			delete(want, c.Number)
		}
	}
	if len(want) > 0 {
		var missing []string
		for _, n := range slices.Sorted(maps.Keys(want)) {
			missing = append(missing, strconv.Itoa(n))
		}
		return nil, usagef("--channels: not in the plan: %s", strings.Join(missing, ", "))
	}
	return out, nil
}

func writeScan(w io.Writer, found []hardware.ScanResult) {
	services := 0
	for _, r := range found {
		fmt.Fprintf(w, "channel %s  strength %s  quality %s\n", r.Channel, r.Status.Strength, r.Status.Quality)
		head := fmt.Sprintf("  transport stream %s", hex16(r.TransportStreamID))
		if r.NetworkName != "" || r.NetworkID != 0 {
			head += fmt.Sprintf(", network %s %q", hex16(r.NetworkID), r.NetworkName)
		}
		if !r.Complete {
			head += " (tables incomplete after the time allowed)"
		}
		fmt.Fprintln(w, head)
		for _, s := range r.Services {
			fmt.Fprintf(w, "  service %5d (%s)  PMT PID %s  type 0x%02X  %s\n",
				s.ID, hex16(s.ID), hex16(s.PMTPID), s.Type, s.Name)
		}
		services += len(r.Services)
	}
	fmt.Fprintf(w, "%s on %s\n", scanPlural(services, "service"), scanPlural(len(found), "channel"))
}

func scanPlural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
