package dsmcc

import "fmt"

// EventKind says what an Event reports.
type EventKind uint8

// Event kinds.
const (
	// EventFileAdded: a file (or stream, stream event object) appeared at Path.
	EventFileAdded EventKind = iota + 1
	// EventFileChanged: the content at Path changed (a new module version, or a module
	// whose size changed at the same version).
	EventFileChanged
	// EventFileRemoved: Path is no longer in the carousel.
	EventFileRemoved
	// EventModuleComplete: module ModuleID version ModuleVersion has all its blocks and
	// decoded (inflated) without error.
	EventModuleComplete
	// EventCarouselComplete: every module of every DII known is complete and every object
	// the tree refers to is resolved.
	EventCarouselComplete
	// EventCarouselReplaced: a DSI with a new transactionId arrived; the carousel is
	// remounted (generation Generation). The previous snapshot stays readable.
	EventCarouselReplaced
	// EventDataCarousel: the DSI is a data carousel's GroupInfoIndication; there is no
	// object tree.
	EventDataCarousel
)

var eventNames = [...]string{
	EventFileAdded: "file added", EventFileChanged: "file changed", EventFileRemoved: "file removed",
	EventModuleComplete: "module complete", EventCarouselComplete: "carousel complete",
	EventCarouselReplaced: "carousel replaced", EventDataCarousel: "data carousel",
}

func (k EventKind) String() string {
	if int(k) < len(eventNames) && eventNames[k] != "" {
		return eventNames[k]
	}
	return fmt.Sprintf("EventKind(%d)", uint8(k))
}

// Event is what a Carousel reports to Config.OnEvent.
type Event struct {
	Kind       EventKind
	Generation uint64
	// Path is the fs path (no leading slash) of file events.
	Path string
	// DownloadID, ModuleID and ModuleVersion identify the module of EventModuleComplete.
	DownloadID    uint32
	ModuleID      uint16
	ModuleVersion uint8
	// Snapshot is the carousel's snapshot after the change (nil for module and data
	// carousel events).
	Snapshot *Snapshot
}

func (e Event) String() string {
	switch e.Kind {
	case EventFileAdded, EventFileChanged, EventFileRemoved:
		return fmt.Sprintf("%v /%s", e.Kind, e.Path)
	case EventModuleComplete:
		return fmt.Sprintf("%v 0x%04X v%d", e.Kind, e.ModuleID, e.ModuleVersion)
	}
	return fmt.Sprintf("%v (generation %d)", e.Kind, e.Generation)
}
