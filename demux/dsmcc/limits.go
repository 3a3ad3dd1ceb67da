package dsmcc

// Limits bound what a Carousel keeps in memory. A carousel that exceeds one is reported
// with an ErrLimit decode error naming the limit and the numbers; the offending module,
// object or block is dropped and everything else goes on.
type Limits struct {
	// MaxCarouselBytes bounds the sum over all modules of max(moduleSize, original_size).
	MaxCarouselBytes int64
	// MaxModuleSize bounds one module's moduleSize (the bytes carried by its blocks).
	MaxModuleSize int64
	// MaxInflatedSize bounds one compressed module's inflated size; the inflater reads at
	// most this many bytes, so a zlib bomb costs no more.
	MaxInflatedSize int64
	// MaxObjects bounds the BIOP objects of the carousel and the nodes of its tree.
	MaxObjects int
	// MaxOrphanBlocks and MaxOrphanBytes bound the DDB blocks kept while their DII is not
	// known (yet). 0 disables orphan buffering. The oldest orphans are dropped first.
	MaxOrphanBlocks int
	MaxOrphanBytes  int64
}

// Default limits: sized for a set-top box, well above any broadcast carousel seen (a few
// MB), and enough for a full loop of orphan blocks of a large carousel.
const (
	DefaultMaxCarouselBytes = 64 << 20
	DefaultMaxModuleSize    = 16 << 20
	DefaultMaxInflatedSize  = 32 << 20
	DefaultMaxObjects       = 65536
	DefaultMaxOrphanBlocks  = 4096
	DefaultMaxOrphanBytes   = 16 << 20
)

// DefaultLimits returns the default Limits.
func DefaultLimits() Limits {
	return Limits{
		MaxCarouselBytes: DefaultMaxCarouselBytes,
		MaxModuleSize:    DefaultMaxModuleSize,
		MaxInflatedSize:  DefaultMaxInflatedSize,
		MaxObjects:       DefaultMaxObjects,
		MaxOrphanBlocks:  DefaultMaxOrphanBlocks,
		MaxOrphanBytes:   DefaultMaxOrphanBytes,
	}
}

// maxDepth bounds the depth of the object tree (path components), so that a hostile
// directory chain cannot recurse without end. Real carousels are under 16 levels deep.
const maxDepth = 128
