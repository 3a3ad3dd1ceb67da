package main

import (
	"encoding/hex"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/demux/dsmcc"
)

// CarouselReport summarises the carousel of one PID.
type CarouselReport struct {
	PID             uint16   `json:"pid"`
	Kind            string   `json:"kind"` // object carousel, data carousel, unknown
	Complete        bool     `json:"complete"`
	CompletePacket  *int64   `json:"complete_packet,omitempty"`
	Modules         int      `json:"modules"`
	ModulesComplete int      `json:"modules_complete"`
	Blocks          int      `json:"blocks"`
	BlocksReceived  int      `json:"blocks_received"`
	Files           int      `json:"files"`
	FileBytes       int64    `json:"file_bytes"`
	Missing         []string `json:"missing"`
}

func (c *collector) onCarousel(i demux.Info, e demux.CarouselEvent) {
	if e.Kind == dsmcc.EventCarouselComplete {
		if c.carouselDone == nil {
			c.carouselDone = map[uint16]int64{}
		}
		if _, ok := c.carouselDone[i.PID]; !ok {
			c.carouselDone[i.PID] = i.Packet
		}
	}
	if c.emit == nil {
		return
	}
	ev := event{Packet: i.Packet, PID: i.PID}
	switch e.Kind {
	case dsmcc.EventModuleComplete:
		ev.Type = "module_complete"
		c.emit(struct {
			event
			DownloadID    uint32 `json:"download_id"`
			ModuleID      uint16 `json:"module_id"`
			ModuleVersion uint8  `json:"module_version"`
		}{ev, e.DownloadID, e.ModuleID, e.ModuleVersion})
	case dsmcc.EventCarouselComplete:
		ev.Type = "carousel_complete"
		n, size := e.Snapshot.Files()
		c.emit(struct {
			event
			Files     []string `json:"files"`
			FileCount int      `json:"file_count"`
			Bytes     int64    `json:"bytes"`
		}{ev, filePaths(e.Snapshot), n, size})
	case dsmcc.EventFileAdded, dsmcc.EventFileChanged, dsmcc.EventFileRemoved:
		ev.Type = map[dsmcc.EventKind]string{dsmcc.EventFileAdded: "file_added", dsmcc.EventFileChanged: "file_changed",
			dsmcc.EventFileRemoved: "file_removed"}[e.Kind]
		c.emit(struct {
			event
			Path string `json:"path"`
		}{ev, "/" + e.Path})
	case dsmcc.EventCarouselReplaced:
		ev.Type = "carousel_replaced"
		c.emit(struct {
			event
			Generation uint64 `json:"generation"`
		}{ev, e.Generation})
	case dsmcc.EventDataCarousel:
		ev.Type = "data_carousel"
		c.emit(ev)
	}
}

func (c *collector) onStreamEvent(i demux.Info, e dsmcc.StreamEvent) {
	c.streamEventCount++
	if c.emit == nil {
		return
	}
	out := struct {
		event
		EventID     uint16  `json:"event_id"`
		Name        string  `json:"name,omitempty"`
		NPT         uint64  `json:"npt"`
		DoItNow     bool    `json:"do_it_now"`
		Version     uint8   `json:"version"`
		PrivateData *string `json:"private_data"`
		PrivateHex  string  `json:"private_data_hex"`
	}{event: event{"stream_event", i.Packet, i.PID}, EventID: e.EventID, Name: e.Name, NPT: e.EventNPT,
		DoItNow: e.DoItNow, Version: e.Version, PrivateHex: hex.EncodeToString(e.PrivateData)}
	if printable(e.PrivateData) {
		s := string(e.PrivateData)
		out.PrivateData = &s
	}
	c.emit(out)
}

// filePaths lists the files of a snapshot, "/"-rooted, in walk order.
func filePaths(snap *dsmcc.Snapshot) []string {
	out := []string{}
	_ = fs.WalkDir(snap, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, "/"+p)
		}
		return nil
	})
	return out
}

// printable reports whether b reads as text: valid UTF-8 without control characters.
func printable(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return false
		}
	}
	return true
}

func (c *collector) carouselReports() []CarouselReport {
	out := []CarouselReport{}
	for _, pid := range c.d.CarouselPIDs() {
		p := c.d.Carousel(pid).Progress()
		r := CarouselReport{PID: pid, Kind: p.Kind.String(), Complete: p.Complete, Modules: p.Modules,
			ModulesComplete: p.ModulesComplete, Blocks: p.Blocks, BlocksReceived: p.BlocksReceived, Files: p.Files,
			FileBytes: p.FileBytes, Missing: []string{}}
		if pk, ok := c.carouselDone[pid]; ok {
			r.CompletePacket = &pk
		}
		for _, f := range p.MissingFiles {
			r.Missing = append(r.Missing, "/"+strings.TrimPrefix(f.Path, "."))
		}
		out = append(out, r)
	}
	return out
}
