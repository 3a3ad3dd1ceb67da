package dsmcc

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/antena-tv/antena/demux/psi"
)

// Config configures a Carousel.
type Config struct {
	// Limits bounds memory; nil means DefaultLimits(). Given Limits are used as they are
	// (a zero field is a zero limit: MaxOrphanBlocks 0 disables orphan buffering).
	Limits *Limits
	// OnEvent, when set, receives every Event, synchronously, on the goroutine that calls
	// Feed or Section, after the carousel's lock is released, in order. It must not block
	// (hand slow work to another goroutine) and must not call Feed or Section; it may read
	// the carousel (Snapshot, Progress, the fs methods).
	OnEvent func(Event)
	// OnDecodeError, when set, receives the decode errors of sections passed to Section
	// (and the assembler's errors passed to SectionError). Feed returns them instead.
	OnDecodeError func(error)
}

// Carousel acquires one DSM-CC carousel from its sections (0x3B DSI and DII, 0x3C DDB) and
// serves its object tree as an io/fs.FS that grows while modules arrive. Feed it from one
// goroutine; read it (Snapshot, the fs methods, Progress, Info) from any number of others.
type Carousel struct {
	cfg  Config
	lim  Limits
	snap atomic.Pointer[Snapshot]

	mu         sync.Mutex
	generation uint64
	kind       CarouselKind
	dsi        *dsiState
	diis       map[uint16]*diiState
	modules    map[moduleKey]*module
	live       map[moduleKey]*liveModule // the last completed version of each module
	reuse      map[moduleKey]*liveModule // completed modules of the previous generation
	objects    map[objectKey]*object
	nobjects   int
	totalBytes int64
	orphans    orphanStore
	missing    []MissingFile
	complete   bool
	dirty      bool
	rebuild    bool // objects were replaced or removed: the next tree is a full build
	reported   map[string]bool
	events     []Event
	errs       []error
}

type dsiState struct {
	tid     uint32
	raw     []byte
	dsi     DSI
	kind    CarouselKind
	gateway Gateway
	gii     GroupInfoIndication
}

type diiState struct {
	tid uint32
	raw []byte
	dii DII
}

type liveModule struct {
	m       *module
	objects []*object
	parsed  bool
}

var (
	_ fs.FS              = (*Carousel)(nil)
	_ fs.ReadDirFS       = (*Carousel)(nil)
	_ fs.StatFS          = (*Carousel)(nil)
	_ fs.ReadFileFS      = (*Carousel)(nil)
	_ psi.SectionHandler = (*Carousel)(nil)
)

// New returns an empty Carousel.
func New(cfg Config) *Carousel {
	c := &Carousel{cfg: cfg, lim: DefaultLimits()}
	if cfg.Limits != nil {
		c.lim = *cfg.Limits
	}
	c.orphans = newOrphanStore(c.lim)
	c.resetState()
	c.reuse = map[moduleKey]*liveModule{}
	c.reported = map[string]bool{}
	c.snap.Store(emptySnapshot(0))
	return c
}

func (c *Carousel) resetState() {
	c.diis = map[uint16]*diiState{}
	c.modules = map[moduleKey]*module{}
	c.live = map[moduleKey]*liveModule{}
	c.objects = map[objectKey]*object{}
	c.nobjects, c.totalBytes, c.complete, c.missing = 0, 0, false, nil
}

// Feed takes one whole section (table 0x3B or 0x3C; the CRC checked already when
// section_syntax_indicator is 1) and returns the decode errors it met, joined. A data
// carousel's DSI gives ErrDataCarousel (and EventDataCarousel) once per DSI version.
func (c *Carousel) Feed(sec []byte) error {
	h, payload, err := ParseSection(sec)
	if err != nil {
		return err
	}
	c.mu.Lock()
	switch h.TableID {
	case psi.TableIDDSMCCUNMessage:
		c.unMessage(payload)
	case psi.TableIDDSMCCDDB:
		c.handleDDB(payload)
	default:
		c.fail(fmt.Errorf("%w: 0x%02X, a carousel takes 0x3B and 0x3C", ErrUnexpectedTable, h.TableID))
	}
	if c.dirty {
		c.settle()
	}
	events, errs := c.events, c.errs
	c.events, c.errs = nil, nil
	c.mu.Unlock()
	if c.cfg.OnEvent != nil {
		for _, e := range events {
			c.cfg.OnEvent(e)
		}
	}
	return errors.Join(errs...)
}

// Section implements psi.SectionHandler: it feeds sec and passes decode errors to
// OnDecodeError (ErrDataCarousel, which is not a decode error, is reported by its event).
func (c *Carousel) Section(sec []byte) {
	err := c.Feed(sec)
	if err == nil || c.cfg.OnDecodeError == nil {
		return
	}
	errs := []error{err}
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		errs = joined.Unwrap()
	}
	for _, e := range errs {
		if !errors.Is(e, ErrDataCarousel) {
			c.cfg.OnDecodeError(e)
		}
	}
}

// SectionError implements psi.SectionHandler: it passes err to OnDecodeError.
func (c *Carousel) SectionError(err error) {
	if c.cfg.OnDecodeError != nil {
		c.cfg.OnDecodeError(err)
	}
}

func (c *Carousel) fail(err error)      { c.errs = append(c.errs, err) }
func (c *Carousel) emit(e Event)        { c.events = append(c.events, e) }
func (c *Carousel) Snapshot() *Snapshot { return c.snap.Load() }

// Open opens name in the current snapshot. A walk over the Carousel may see several
// snapshots; walk c.Snapshot() for a consistent view.
func (c *Carousel) Open(name string) (fs.File, error) { return c.Snapshot().Open(name) }

// ReadDir reads the directory name of the current snapshot.
func (c *Carousel) ReadDir(name string) ([]fs.DirEntry, error) { return c.Snapshot().ReadDir(name) }

// Stat returns the FileInfo of name in the current snapshot.
func (c *Carousel) Stat(name string) (fs.FileInfo, error) { return c.Snapshot().Stat(name) }

// ReadFile reads name from the current snapshot.
func (c *Carousel) ReadFile(name string) ([]byte, error) { return c.Snapshot().ReadFile(name) }

// Complete reports whether the carousel is complete (see EventCarouselComplete).
func (c *Carousel) Complete() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.complete
}

// settle updates the tree after a change and checks completion. When objects were only
// added, the current snapshot is extended; otherwise the tree is built again and compared
// with the current one.
func (c *Carousel) settle() {
	c.dirty = false
	if c.kind != KindObjectCarousel {
		return
	}
	old := c.snap.Load()
	var s *Snapshot
	if !c.rebuild && old.resolved && old.generation == c.generation && old.transactionID == c.dsi.tid {
		var added []string
		s, added = extendSnapshot(old, c.objects, c.lim.MaxObjects)
		if s != old {
			c.snap.Store(s)
			for _, p := range added {
				c.emit(Event{Kind: EventFileAdded, Generation: s.generation, Path: p, Snapshot: s})
			}
		}
	} else {
		gw := c.dsi.gateway.Location
		s = buildSnapshot(c.objects, objectKey{gw.ModuleID, string(gw.ObjectKey)}, c.generation, c.dsi.tid, c.lim.MaxObjects)
		// An unresolved tree does not replace a resolved one; the next change builds again.
		c.rebuild = !s.resolved && old.resolved
		if !c.rebuild {
			c.snap.Store(s)
			c.diff(old, s)
		}
	}
	c.missing = s.missing
	for _, err := range s.errs {
		if msg := err.Error(); !c.reported[msg] {
			c.reported[msg] = true
			c.fail(err)
		}
	}
	complete := s.resolved && len(s.missing) == 0 && len(c.diis) > 0
	for _, m := range c.modules {
		complete = complete && m.complete
	}
	if complete && !c.complete {
		clear(c.reuse)
		c.emit(Event{Kind: EventCarouselComplete, Generation: c.generation, Snapshot: s})
	}
	c.complete = complete
}

// diff emits the file events between two snapshots. Paths that the new tree names but
// does not have yet (missing, or under a missing directory) are not reported as removed.
func (c *Carousel) diff(old, s *Snapshot) {
	paths := make([]string, 0, len(s.nodes))
	for p, n := range s.nodes {
		if !n.isDir() {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		n, o := s.nodes[p], old.nodes[p]
		switch {
		case o == nil || o.isDir():
			c.emit(Event{Kind: EventFileAdded, Generation: s.generation, Path: p, Snapshot: s})
		case !sameContent(o, n):
			c.emit(Event{Kind: EventFileChanged, Generation: s.generation, Path: p, Snapshot: s})
		}
	}
	var gone []string
	for p, o := range old.nodes {
		if n := s.nodes[p]; !o.isDir() && (n == nil || n.isDir()) && !underMissing(s, p) {
			gone = append(gone, p)
		}
	}
	slices.Sort(gone)
	for _, p := range gone {
		c.emit(Event{Kind: EventFileRemoved, Generation: s.generation, Path: p, Snapshot: s})
	}
}

func sameContent(a, b *node) bool {
	if a.kind != b.kind || len(a.content) != len(b.content) {
		return false
	}
	if len(a.content) > 0 && &a.content[0] == &b.content[0] {
		return true
	}
	return string(a.content) == string(b.content)
}

func underMissing(s *Snapshot, p string) bool {
	for _, m := range s.missing {
		if m.Path == p || m.Path == "." || (len(p) > len(m.Path) && p[len(m.Path)] == '/' && p[:len(m.Path)] == m.Path) {
			return true
		}
	}
	return false
}

// Progress returns the acquisition state.
func (c *Carousel) Progress() Progress {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.snap.Load()
	p := Progress{
		Kind: c.kind, Generation: c.generation, DSI: c.dsi != nil, DIIs: len(c.diis), Modules: len(c.modules),
		OrphanBlocks: c.orphans.count, OrphanBytes: c.orphans.bytes, OrphansDropped: c.orphans.dropped,
		Objects: c.nobjects, Complete: c.complete, MissingFiles: slices.Clone(c.missing),
	}
	p.Files, p.FileBytes = s.Files()
	for _, m := range c.modules {
		mp := ModuleProgress{
			DownloadID: m.key.downloadID, ModuleID: m.key.moduleID, ModuleVersion: m.version, ModuleSize: m.size,
			OriginalSize: m.originalSize, Compressed: m.compressed, AssociationTag: m.assocTag, HasTap: m.hasTap,
			Blocks: m.nblocks, BlocksReceived: m.received, Complete: m.complete, Missing: m.missingBlocks(), Err: m.err,
		}
		if m.complete {
			mp.BlocksReceived = m.nblocks
			p.ModulesComplete++
		}
		if l := c.live[m.key]; l != nil && l.m == m {
			mp.Objects = len(l.objects)
		}
		p.Blocks += mp.Blocks
		p.BlocksReceived += mp.BlocksReceived
		p.Bytes += int64(m.size)
		p.BytesReceived += m.receivedBytes()
		p.ModuleStates = append(p.ModuleStates, mp)
	}
	slices.SortFunc(p.ModuleStates, func(a, b ModuleProgress) int {
		return cmp.Or(cmp.Compare(a.DownloadID, b.DownloadID), cmp.Compare(a.ModuleID, b.ModuleID))
	})
	return p
}

// Info is what the carousel's DSI and DIIs say, for choosing a carousel and mapping its
// taps to PIDs.
type Info struct {
	Kind             CarouselKind
	Generation       uint64
	DSITransactionID uint32
	// Gateway is set for an object carousel.
	Gateway Gateway
	// GroupInfo is set for a data carousel.
	GroupInfo GroupInfoIndication
	DIIs      []DIIInfo
}

// DIIInfo summarises one DII.
type DIIInfo struct {
	TransactionID uint32
	DownloadID    uint32
	BlockSize     uint16
	ModuleIDs     []uint16
}

// Info returns what the DSI and DIIs received say.
func (c *Carousel) Info() Info {
	c.mu.Lock()
	defer c.mu.Unlock()
	in := Info{Kind: c.kind, Generation: c.generation}
	if c.dsi != nil {
		in.DSITransactionID, in.Gateway, in.GroupInfo = c.dsi.tid, c.dsi.gateway, c.dsi.gii
	}
	for _, d := range c.diis {
		di := DIIInfo{TransactionID: d.tid, DownloadID: d.dii.DownloadID, BlockSize: d.dii.BlockSize}
		for _, m := range d.dii.Modules {
			di.ModuleIDs = append(di.ModuleIDs, m.ModuleID)
		}
		in.DIIs = append(in.DIIs, di)
	}
	slices.SortFunc(in.DIIs, func(a, b DIIInfo) int { return cmp.Compare(a.TransactionID, b.TransactionID) })
	return in
}

// ModuleData returns the content (inflated) of the last completed version of a module, for
// data carousels (which have no object tree) and for inspection. The slice is shared and
// never changes: do not modify it.
func (c *Carousel) ModuleData(downloadID uint32, moduleID uint16) (data []byte, version uint8, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.live[moduleKey{downloadID, moduleID}]
	if l == nil {
		return nil, 0, false
	}
	return l.m.data, l.m.version, true
}
