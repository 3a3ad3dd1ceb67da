package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// writeText prints the readable report.
func writeText(w io.Writer, r *Report) {
	fmt.Fprintf(w, "%s: %d bytes, %d packets of %d bytes", r.Input, r.Bytes, r.Packets, r.PacketSize)
	if r.Bitrate > 0 {
		fmt.Fprintf(w, ", %.3f Mbit/s by PCR, %.2f s", float64(r.Bitrate)/1e6, r.DurationSeconds)
	}
	fmt.Fprintln(w)
	if r.TransportStreamID != nil {
		fmt.Fprintf(w, "transport stream %d", *r.TransportStreamID)
		if r.NetworkID != nil {
			fmt.Fprintf(w, ", network %d %q", *r.NetworkID, r.NetworkName)
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintf(w, "\nservices (%d)\n", len(r.Services))
	for _, s := range r.Services {
		name := s.Name
		if name == "" {
			name = "(no SDT name)"
		}
		fmt.Fprintf(w, "  %5d  %-28s PMT PID %s", s.ServiceID, name, hex16(s.PMTPID))
		if s.PCRPID != nil {
			fmt.Fprintf(w, "  PCR PID %s", hex16(*s.PCRPID))
		}
		if s.Provider != "" {
			fmt.Fprintf(w, "  provider %q", s.Provider)
		}
		fmt.Fprintln(w)
		for _, d := range s.Descriptors {
			fmt.Fprintf(w, "         %s\n", descText(d))
		}
		for _, st := range s.Streams {
			fmt.Fprintf(w, "         %s  type 0x%02X %s", hex16(st.PID), st.StreamType, st.StreamTypeName)
			if st.ComponentTag != nil {
				fmt.Fprintf(w, "  component_tag 0x%02X", *st.ComponentTag)
			}
			fmt.Fprintln(w)
			for _, d := range st.Descriptors {
				fmt.Fprintf(w, "                 %s\n", descText(d))
			}
		}
	}

	fmt.Fprintf(w, "\nPIDs (%d)\n", len(r.PIDs))
	fmt.Fprintf(w, "  %-7s %10s %7s %12s  %-8s %s\n", "PID", "packets", "share", "bit/s", "kind", "carries")
	for _, p := range r.PIDs {
		fmt.Fprintf(w, "  %-7s %10d %6.2f%% %12d  %-8s %s", hex16(p.PID), p.Packets, p.Share*100, p.Bitrate, p.Kind, p.Carries)
		var errs []string
		if p.CCErrors > 0 {
			errs = append(errs, fmt.Sprintf("%d CC errors", p.CCErrors))
		}
		if p.CRCErrors > 0 {
			errs = append(errs, fmt.Sprintf("%d CRC errors", p.CRCErrors))
		}
		if p.TransportErrors > 0 {
			errs = append(errs, fmt.Sprintf("%d transport errors", p.TransportErrors))
		}
		if p.Scrambled > 0 {
			errs = append(errs, fmt.Sprintf("%d scrambled", p.Scrambled))
		}
		if len(errs) > 0 {
			fmt.Fprintf(w, "  [%s]", strings.Join(errs, ", "))
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintf(w, "\napplications (%d)\n", len(r.Applications))
	for _, a := range r.Applications {
		fmt.Fprintf(w, "  %q  org 0x%08X app 0x%04X  %s (0x%04X)  control %s (%d)  AIT PID %s\n",
			a.Name, a.OrganisationID, a.ApplicationID, a.ApplicationTypeName, a.ApplicationType,
			a.ControlCodeName, a.ControlCode, hex16(a.PID))
		for _, t := range a.Transports {
			switch t.Protocol {
			case "object_carousel":
				pid := "PID unknown"
				if t.PID != nil {
					pid = "PID " + hex16(*t.PID)
				}
				fmt.Fprintf(w, "      transport object carousel, component_tag 0x%02X, %s\n", derefU8(t.ComponentTag), pid)
			case "http":
				fmt.Fprintf(w, "      transport HTTP %s\n", t.URL)
			default:
				fmt.Fprintf(w, "      transport %s\n", t.Protocol)
			}
		}
		if a.Entry != "" {
			fmt.Fprintf(w, "      entry %s\n", a.Entry)
		}
	}

	fmt.Fprintf(w, "\ncarousels (%d)\n", len(r.Carousels))
	for _, c := range r.Carousels {
		state := "incomplete"
		if c.Complete {
			state = "complete"
			if c.CompletePacket != nil {
				state += fmt.Sprintf(" at packet %d", *c.CompletePacket)
			}
		}
		fmt.Fprintf(w, "  PID %s  %s, %s: %d of %d modules, %d of %d blocks, %d files (%d bytes)\n", hex16(c.PID),
			c.Kind, state, c.ModulesComplete, c.Modules, c.BlocksReceived, c.Blocks, c.Files, c.FileBytes)
		for _, m := range c.Missing {
			fmt.Fprintf(w, "      missing %s\n", m)
		}
	}
	if r.StreamEvents > 0 {
		fmt.Fprintf(w, "\nstream events: %d (antena inspect --events lists them)\n", r.StreamEvents)
	}

	fmt.Fprintf(w, "\nemergency alerts (%d)\n", len(r.Alerts))
	for _, a := range r.Alerts {
		fmt.Fprintf(w, "  %s\n", a.Summary)
	}

	e := r.Errors
	fmt.Fprintf(w, "\nerrors: %d sync losses, %d garbage bytes, %d CC errors, %d CRC errors, %d decode errors\n",
		e.SyncLosses, e.GarbageBytes, e.CCErrors, e.CRCErrors, e.DecodeErrors)
	for _, m := range e.First {
		fmt.Fprintf(w, "  %s\n", m)
	}
}

func descText(d DescriptorReport) string {
	s := fmt.Sprintf("0x%02X %s", d.Tag, d.Name)
	if d.Value != nil {
		return s + " " + valueText(d.Value)
	}
	if d.Hex != "" {
		if len(d.Hex) > 48 {
			return s + " " + d.Hex[:48] + "..."
		}
		return s + " " + d.Hex
	}
	return s
}

func derefU8(p *uint8) uint8 {
	if p == nil {
		return 0
	}
	return *p
}

// valueText prints a decoded descriptor value as key=value pairs.
func valueText(v any) string {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s=%v", k, valueText(x[k])))
		}
		return strings.Join(parts, " ")
	case []map[string]any:
		parts := make([]string, 0, len(x))
		for _, m := range x {
			parts = append(parts, "{"+valueText(m)+"}")
		}
		return strings.Join(parts, " ")
	case []uint16:
		parts := make([]string, 0, len(x))
		for _, n := range x {
			parts = append(parts, fmt.Sprintf("0x%03X", n))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return fmt.Sprint(v)
}
