package dsmcc

// CarouselKind says what the DSI announced.
type CarouselKind uint8

// Carousel kinds.
const (
	KindUnknown CarouselKind = iota // no DSI yet
	KindObjectCarousel
	KindDataCarousel
)

func (k CarouselKind) String() string {
	switch k {
	case KindObjectCarousel:
		return "object carousel"
	case KindDataCarousel:
		return "data carousel"
	}
	return "unknown"
}

// Progress is a carousel's acquisition state, for `antena carousel stats` and for
// applications that wait for files.
type Progress struct {
	Kind       CarouselKind
	Generation uint64
	DSI        bool // a DSI was received
	DIIs       int  // DIIs received
	// Modules of all DIIs received, and how many are complete.
	Modules, ModulesComplete int
	// Blocks and bytes of those modules as broadcast (compressed size).
	Blocks, BlocksReceived int
	Bytes, BytesReceived   int64
	// Orphan blocks held while their DII is unknown, and how many were dropped.
	OrphanBlocks   int
	OrphanBytes    int64
	OrphansDropped int64
	// Objects indexed and files resolved in the current snapshot.
	Objects   int
	Files     int
	FileBytes int64
	Complete  bool
	// ModuleStates lists every module, sorted by downloadId and moduleId.
	ModuleStates []ModuleProgress
	// MissingFiles lists the objects that resolved directories name but whose modules are
	// not complete (or not announced) yet.
	MissingFiles []MissingFile
}

// ModuleProgress is the state of one module.
type ModuleProgress struct {
	DownloadID     uint32
	ModuleID       uint16
	ModuleVersion  uint8
	ModuleSize     uint32
	OriginalSize   uint32 // compressed modules
	Compressed     bool
	AssociationTag uint16 // of the BIOP_OBJECT_USE tap, when HasTap
	HasTap         bool
	Blocks         int
	BlocksReceived int
	Complete       bool
	Missing        []BlockRange
	Objects        int
	Err            error // the last failure to decode it (it is then acquired again)
}

// BlockRange is a run of block numbers, both ends included.
type BlockRange struct{ First, Last uint16 }

// MissingFile is an object named by a resolved directory but not available yet.
type MissingFile struct {
	Path        string // fs path, no leading slash
	Kind        string // from the binding: "dir", "fil", "str", "ste"
	ModuleID    uint16
	ObjectKey   []byte
	ContentSize uint64 // files, from the binding's objectInfo (0 when absent)
}
