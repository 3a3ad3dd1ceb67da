package app

import (
	"fmt"
	"path"
	"strings"

	"github.com/antena-tv/antena/demux/ait"
)

// ID identifies an app: the organisation_id and application_id of the AIT.
// Apps given directly (Spec) choose theirs.
// Specification: ETSI TS 102 809 §5.3.4 (application_identifier).
type ID struct {
	OrganisationID uint32
	ApplicationID  uint16
}

// String returns "0x00000010.0x0001".
func (id ID) String() string {
	return fmt.Sprintf("0x%08X.0x%04X", id.OrganisationID, id.ApplicationID)
}

// StoreID is the app's persistent-storage namespace: the same for every run
// and every version of the app, so persistent data survives restarts and
// updates.
func (id ID) StoreID() string { return "app:" + id.String() }

// State is where an app is in its life.
type State uint8

// App states.
const (
	// StateSignalled: known (from the AIT or a Spec), not running, not
	// waiting: a PRESENT app the viewer may start, or an app that ran and
	// ended.
	StateSignalled State = iota
	// StateLoading: meant to run, waiting for its files (the entry in the
	// carousel, the carousel complete, the HTTP entry fetched).
	StateLoading
	// StateRunning: its nclua.App runs.
	StateRunning
	// StateStopped: it was stopped by the host or the broadcaster (Err says
	// which: ErrKilled, ErrUpdated, ...).
	StateStopped
	// StateFailed: it could not run, or it stopped on its own fault (Err:
	// a *lua.StopError from the watchdog or a Lua error, ErrUnsupported,
	// ErrNoEntry, a fetch error).
	StateFailed
)

var stateNames = [...]string{
	StateSignalled: "signalled", StateLoading: "loading", StateRunning: "running",
	StateStopped: "stopped", StateFailed: "failed",
}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// SourceKind says where an app's files come from.
type SourceKind uint8

// Sources.
const (
	SourceNone     SourceKind = iota // no usable transport
	SourceCarousel                   // a DSM-CC object carousel (AIT protocol 0x0001)
	SourceFolder                     // a directory (os.DirFS) or any fs.FS given by the host
	SourceHTTP                       // an HTTP base URL (AIT protocol 0x0003)
)

func (k SourceKind) String() string {
	switch k {
	case SourceCarousel:
		return "carousel"
	case SourceFolder:
		return "folder"
	case SourceHTTP:
		return "http"
	}
	return "none"
}

// Info is what the manager knows of an app, as a copy: the list the OSD
// shows, what events carry.
type Info struct {
	ID           ID
	Name         string              // application_name (first language), or the Spec's
	Type         ait.ApplicationType // 0 for apps given by Spec
	ControlCode  ait.ControlCode
	ServiceBound bool // service_bound_flag: stopped when the service changes
	Visibility   ait.Visibility
	Priority     uint8

	Source   SourceKind
	Location string // "PID 0x0100 (component 0x0B)", a directory, a URL
	Entry    string // the entry file, slash-separated, no leading slash

	State   State
	Err     error // why it stopped or failed (StateStopped, StateFailed)
	Runs    int   // how many times it was started
	Focused bool  // it receives the remote-control keys
}

// Label returns the app's name, or its ID when it has none.
func (i Info) Label() string {
	if i.Name != "" {
		return i.Name
	}
	return i.ID.String()
}

// Startable reports whether the viewer may start the app now: it is
// signalled PRESENT or AUTOSTART (or given by a Spec), not running or
// loading, and its entry is one this runtime runs.
func (i Info) Startable() bool {
	switch i.ControlCode {
	case ait.ControlCodeAutostart, ait.ControlCodePresent, ait.ControlCodePrefetch,
		ait.ControlCodePlaybackAutostart:
	default:
		return false
	}
	return i.State != StateRunning && i.State != StateLoading && entryKind(i.Entry) == entryLua
}

// Progress is how far the files of a loading app have come.
type Progress struct {
	EntryPresent bool // the entry file is there
	Complete     bool // the whole carousel is there
	// Modules and bytes of the carousel (zero for other sources).
	Modules, ModulesComplete int
	Bytes, BytesReceived     int64
}

type entryType uint8

const (
	entryUnknown entryType = iota
	entryLua
	entryNCL
)

// entryKind classifies an entry by its extension.
func entryKind(entry string) entryType {
	switch strings.ToLower(path.Ext(entry)) {
	case ".lua":
		return entryLua
	case ".ncl":
		return entryNCL
	}
	return entryUnknown
}

// cleanEntry turns an AIT entry ("/app/main.lua", "main.lua") into an fs
// path ("app/main.lua"); "" when it is not a valid path.
func cleanEntry(e string) string {
	e = path.Clean("/" + strings.TrimSpace(e))[1:]
	if e == "" || !isValidPath(e) {
		return ""
	}
	return e
}

func isValidPath(p string) bool {
	for _, el := range strings.Split(p, "/") {
		if el == "" || el == "." || el == ".." || strings.ContainsRune(el, 0) {
			return false
		}
	}
	return true
}

// unsupported explains why an entry does not run, or returns nil.
func unsupported(typ ait.ApplicationType, entry string) error {
	switch entryKind(entry) {
	case entryLua, entryNCL:
		return nil
	}
	if entry == "" {
		return fmt.Errorf("%w: no entry (no location descriptor)", ErrUnsupported)
	}
	t := "this app"
	if typ != 0 {
		t = "a " + typ.String() + " app"
	}
	return fmt.Errorf("%w: entry %q of %s; only Lua and NCL entries run", ErrUnsupported, entry, t)
}
