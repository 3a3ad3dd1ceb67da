package main

import (
	"fmt"
	"sort"

	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/ts"
)

// carouselTiming records when the blocks of each module pass, to measure cycle lengths.
type carouselTiming struct {
	modules  map[uint16]map[moduleKey]*moduleTiming // by PID
	complete map[uint16]demux.Info                  // first carousel-complete event by PID
	ddb      dsmcc.DDB
}

type moduleKey struct {
	download uint32
	module   uint16
	version  uint8
}

func (k moduleKey) less(o moduleKey) bool {
	if k.download != o.download {
		return k.download < o.download
	}
	if k.module != o.module {
		return k.module < o.module
	}
	return k.version < o.version
}

type moduleTiming struct {
	blocks int          // DDB sections seen
	starts []demux.Info // each time block 0 passed
}

func newCarouselTiming() *carouselTiming {
	return &carouselTiming{modules: map[uint16]map[moduleKey]*moduleTiming{}, complete: map[uint16]demux.Info{}}
}

func (t *carouselTiming) section(i demux.Info, sec []byte) {
	if len(sec) == 0 || sec[0] != 0x3C {
		return
	}
	_, payload, err := dsmcc.ParseSection(sec)
	if err != nil || t.ddb.Unmarshal(payload) != nil {
		return
	}
	mods := t.modules[i.PID]
	if mods == nil {
		mods = map[moduleKey]*moduleTiming{}
		t.modules[i.PID] = mods
	}
	k := moduleKey{t.ddb.DownloadID(), t.ddb.ModuleID, t.ddb.ModuleVersion}
	m := mods[k]
	if m == nil {
		m = &moduleTiming{}
		mods[k] = m
	}
	m.blocks++
	if t.ddb.BlockNumber == 0 {
		m.starts = append(m.starts, i)
	}
}

func (t *carouselTiming) event(i demux.Info, e demux.CarouselEvent) {
	if e.Kind == dsmcc.EventCarouselComplete {
		if _, ok := t.complete[i.PID]; !ok {
			t.complete[i.PID] = i
		}
	}
}

// at gives the time of an event from the first PCR, when the stream has PCR.
func (t *carouselTiming) at(i demux.Info, st demux.Stats) string {
	if !i.HasPCR || !st.HasPCR {
		return ""
	}
	return fmt.Sprintf(" (%.3f s)", float64(ts.PCRDelta(st.FirstPCR, i.PCR))/27e6)
}

// cycle describes the intervals between repetitions of block 0 of a module.
func (m *moduleTiming) cycle(st demux.Stats) string {
	if len(m.starts) < 2 {
		return "sent once: no cycle in this stream"
	}
	var ms, pk []float64
	for k := 1; k < len(m.starts); k++ {
		a, b := m.starts[k-1], m.starts[k]
		pk = append(pk, float64(b.Packet-a.Packet))
		if a.HasPCR && b.HasPCR {
			ms = append(ms, float64(ts.PCRDelta(a.PCR, b.PCR))/27e3)
		}
	}
	s := fmt.Sprintf("cycle median %.0f packets", median(pk))
	if len(ms) == len(pk) {
		s += fmt.Sprintf(", %.1f ms (min %.1f, max %.1f)", median(ms), minOf(ms), maxOf(ms))
	}
	return s + fmt.Sprintf(", %d repetitions", len(m.starts))
}

func median(v []float64) float64 {
	c := append([]float64(nil), v...)
	sort.Float64s(c)
	return c[len(c)/2]
}

func minOf(v []float64) float64 {
	m := v[0]
	for _, x := range v {
		m = min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := v[0]
	for _, x := range v {
		m = max(m, x)
	}
	return m
}
