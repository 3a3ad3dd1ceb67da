package dsmcc

import (
	"fmt"
	"io/fs"
	"slices"
)

// Builder defaults.
const (
	// DefaultBlockSize is the DDB block size that fills a 4096-byte section (WIRE-FORMATS §2.6).
	DefaultBlockSize = 4066
	// DefaultModuleSize is the size up to which small objects share a module.
	DefaultModuleSize = 64 << 10
	// DefaultCarouselID is the carousel_id (and downloadId) when none is given.
	DefaultCarouselID = 1
	// DefaultAssociationTag is the association tag (component_tag) of the carousel stream
	// when none is given.
	DefaultAssociationTag = 0x40
	// MaxNameLen is the longest file or directory name a binding carries: id_length is 8
	// bits and counts the NUL terminator.
	MaxNameLen = 254
	// compressionMethod is written in the compressed_module_descriptor (OpenCaster's value;
	// receivers ignore it, see WIRE-FORMATS lesson 4).
	compressionMethod = 0x08
	// transactionOriginator is the originator part (0b10, network) of transactionIds.
	transactionOriginator = 0x80000000
	// timeoutForever is the DII timeout written in the taps and the module timeouts.
	timeoutForever = 0xFFFFFFFF
)

// BuilderConfig configures a Builder. The zero value gives a DVB/ISDB-conformant object
// carousel: carousel_id 1, association tag 0x40, 4066-byte blocks, 64 KiB modules, zlib
// where it shrinks a module, and the receiver's default Limits.
type BuilderConfig struct {
	// CarouselID is the carousel_id; it is also the downloadId of the DIIs and DDBs, as
	// DVB requires (TR 101 202 §4.7.7). Default DefaultCarouselID.
	CarouselID uint32
	// AssociationTag is the association tag of the elementary stream that carries the
	// carousel (the component_tag of its stream_identifier_descriptor). It is written in the
	// DSI and binding taps and in every module's BIOP_OBJECT_USE tap.
	// Default DefaultAssociationTag.
	AssociationTag uint16
	// BlockSize is the DDB block size, 1-4066. Default DefaultBlockSize.
	BlockSize int
	// ModuleSize is the size up to which objects share a module (their BIOP messages,
	// uncompressed). An object larger than this has a module of its own.
	// Default DefaultModuleSize.
	ModuleSize int
	// NoCompression turns zlib off. Otherwise every module is compressed when that makes
	// it smaller, and says so with a compressed_module_descriptor.
	NoCompression bool
	// Limits are the receiver limits the carousel must respect (MaxModuleSize: a module's
	// uncompressed size, so that it fits with or without compression; MaxCarouselBytes;
	// MaxObjects). Nil means DefaultLimits().
	Limits *Limits
	// StreamEvents are stream event ("ste") objects to add to the tree.
	StreamEvents []StreamEventSpec
}

// StreamEventSpec describes a stream event object of the carousel.
type StreamEventSpec struct {
	// Path is where the object appears in the tree, slash-separated ("events" or
	// "app/events"); missing directories are made. It must not name a file of the folder.
	Path string
	// Names and EventIDs are the events, paired by position.
	Names    []string
	EventIDs []uint16
	// AssociationTag is the tag of the stream whose 0x3D sections carry the events (an
	// STR_EVENT_USE tap).
	AssociationTag uint16
	// NPT adds an STR_NPT_USE tap to the same stream, for events scheduled on the Normal
	// Play Time.
	NPT bool
}

// Builder turns an fs.FS into the sections of an object carousel: one DSI, the DIIs and
// the DDBs of every module. Call Build again after the folder changed: object keys stay
// with their paths, objects stay in their modules while they fit, and only the modules
// whose bytes changed get a new moduleVersion; the DSI and DII transactionIds then take a
// new version (WIRE-FORMATS §2.3), which makes receivers remount the carousel and reuse
// the modules announced unchanged. A Builder is not safe for concurrent use.
type Builder struct {
	cfg BuilderConfig
	lim Limits

	keys     map[string]uint32 // object keys by path; they never change
	nextKey  uint32
	versions map[uint16]uint8 // last moduleVersion of every module id ever used
	prev     *BuiltCarousel
	prevMods map[uint16]*builtState
	builds   int
}

// builtState is what the Builder remembers of a module between builds.
type builtState struct {
	mod     BuiltModule
	hash    [32]byte
	members []string // object paths, in order
	pool    int
}

// BuiltCarousel is the result of a Build: the sections of one version of the carousel.
// Its byte slices are not modified by later Builds.
type BuiltCarousel struct {
	CarouselID     uint32
	AssociationTag uint16
	BlockSize      int
	// TransactionVersion is the version part of the DSI and DII transactionIds.
	TransactionVersion uint16
	DSITransactionID   uint32
	// DSI is the DSI section; DII the DII sections, in order of identification.
	DSI               []byte
	DII               [][]byte
	DIITransactionIDs []uint32
	// Modules are the modules in moduleId order.
	Modules []BuiltModule
	// Files, Directories (the service gateway included) and StreamEvents count the
	// objects; FileBytes is the sum of the file sizes.
	Files, Directories, StreamEvents int
	FileBytes                        int64
	// Changed is false when the Build found nothing different from the previous one (the
	// carousel is the previous one, sections and versions alike).
	Changed bool
}

// BuiltModule is one module of a BuiltCarousel.
type BuiltModule struct {
	ModuleID uint16
	Version  uint8
	// DII is the transactionId of the DII that lists the module.
	DII uint32
	// Size is the moduleSize on the air (compressed when Compressed), OriginalSize the
	// size of its BIOP messages.
	Size         int
	OriginalSize int
	Compressed   bool
	// Objects are the paths of the objects it carries ("." is the service gateway).
	Objects []string
	// DDB holds one section per block.
	DDB [][]byte
	// Changed is true when this Build gave the module new content (a new version), or made
	// it.
	Changed bool
}

// NewBuilder checks cfg and returns a Builder.
func NewBuilder(cfg BuilderConfig) (*Builder, error) {
	if cfg.CarouselID == 0 {
		cfg.CarouselID = DefaultCarouselID
	}
	if cfg.AssociationTag == 0 {
		cfg.AssociationTag = DefaultAssociationTag
	}
	if cfg.BlockSize == 0 {
		cfg.BlockSize = DefaultBlockSize
	}
	if cfg.ModuleSize == 0 {
		cfg.ModuleSize = DefaultModuleSize
	}
	lim := DefaultLimits()
	if cfg.Limits != nil {
		lim = *cfg.Limits
	}
	switch {
	case cfg.BlockSize < 1 || cfg.BlockSize > DefaultBlockSize:
		return nil, fmt.Errorf("%w: block size %d, want 1-%d", ErrBuildConfig, cfg.BlockSize, DefaultBlockSize)
	case cfg.ModuleSize < 1:
		return nil, fmt.Errorf("%w: module size %d", ErrBuildConfig, cfg.ModuleSize)
	case lim.MaxModuleSize < 1 || lim.MaxCarouselBytes < 1 || lim.MaxObjects < 1:
		return nil, fmt.Errorf("%w: limits %+v", ErrBuildConfig, lim)
	}
	for i, s := range cfg.StreamEvents {
		if len(s.Names) != len(s.EventIDs) || len(s.Names) == 0 || len(s.Names) > 0xFF {
			return nil, fmt.Errorf("%w: stream event object %q: %d names, %d ids (1-255, paired)",
				ErrBuildConfig, s.Path, len(s.Names), len(s.EventIDs))
		}
		if !fs.ValidPath(s.Path) || s.Path == "." {
			return nil, fmt.Errorf("%w: stream event object %d: path %q", ErrBuildConfig, i, s.Path)
		}
	}
	return &Builder{
		cfg: cfg, lim: lim, keys: map[string]uint32{}, nextKey: 1,
		versions: map[uint16]uint8{}, prevMods: map[uint16]*builtState{},
	}, nil
}

// Config returns the configuration with its defaults filled in.
func (b *Builder) Config() BuilderConfig { return b.cfg }

// Build reads fsys and returns the carousel. The first Build gives transaction version 0
// and moduleVersion 1 to every module; each later Build that finds a difference takes the
// next transaction version and bumps the version of the modules that differ. Errors name
// the offending path: ErrBuildName, ErrBuildFileSize, ErrBuildFileType, ErrBuildLimit, or
// the error of fsys.
func (b *Builder) Build(fsys fs.FS) (*BuiltCarousel, error) {
	root, err := b.scan(fsys)
	if err != nil {
		return nil, err
	}
	nodes := root.flatten(nil)
	if len(nodes) > b.lim.MaxObjects {
		return nil, fmt.Errorf("%w: %d objects, at most %d (MaxObjects)", ErrBuildLimit, len(nodes), b.lim.MaxObjects)
	}
	for _, n := range nodes {
		n.key = b.key(n.path)
	}
	if err := b.measure(nodes); err != nil {
		return nil, err
	}
	plan, err := b.pack(nodes)
	if err != nil {
		return nil, err
	}
	version := uint16(0)
	if b.prev != nil {
		version = b.prev.TransactionVersion
	}
	raw, err := b.marshalModules(plan, version)
	if err != nil {
		return nil, err
	}
	if b.prev != nil && b.sameAsPrevious(plan, raw) {
		c := *b.prev
		c.Changed = false
		c.Modules = slices.Clone(c.Modules)
		for i := range c.Modules {
			c.Modules[i].Changed = false
		}
		return &c, nil
	}
	if b.prev != nil {
		version = (version + 1) & transactionVerMask
		if raw, err = b.marshalModules(plan, version, raw); err != nil {
			return nil, err
		}
	}
	c, err := b.assemble(plan, raw, version, nodes)
	if err != nil {
		return nil, err
	}
	b.builds++
	return c, nil
}

// key returns the object key of a path, making one the first time.
func (b *Builder) key(p string) uint32 {
	if k, ok := b.keys[p]; ok {
		return k
	}
	k := b.nextKey
	b.nextKey++
	b.keys[p] = k
	return k
}

// Sections returns every section of one carousel cycle in the order DSI, DIIs, then the
// DDBs of each module: what a plain carousel loop sends.
func (c *BuiltCarousel) Sections() [][]byte {
	out := make([][]byte, 0, 1+len(c.DII)+c.Blocks())
	out = append(out, c.DSI)
	out = append(out, c.DII...)
	for i := range c.Modules {
		out = append(out, c.Modules[i].DDB...)
	}
	return out
}

// Blocks returns the number of DDB sections of the carousel.
func (c *BuiltCarousel) Blocks() int {
	n := 0
	for i := range c.Modules {
		n += len(c.Modules[i].DDB)
	}
	return n
}

// OnAirBytes returns the sum of the modules' sizes on the air (compressed where they are).
func (c *BuiltCarousel) OnAirBytes() int64 {
	var n int64
	for i := range c.Modules {
		n += int64(c.Modules[i].Size)
	}
	return n
}
