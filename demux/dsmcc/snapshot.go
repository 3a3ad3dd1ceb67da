package dsmcc

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
)

// Snapshot is an immutable view of a carousel's object tree: an io/fs.FS (with ReadDir,
// Stat and ReadFile) that never changes. A Carousel swaps in a new Snapshot each time its
// tree changes; readers that hold a Snapshot, or files opened from one, keep a consistent
// view until they take a new one. File contents alias the module buffers, which are never
// written once complete, so a Snapshot costs only its nodes.
//
// Paths are fs paths from the service gateway: "." is the root, "tv/apps/main.class" a file.
type Snapshot struct {
	generation    uint64
	transactionID uint32
	resolved      bool // the service gateway was found
	root          *node
	nodes         map[string]*node
	missing       []MissingFile
	errs          []error
	files         int
	fileBytes     int64
	nodeCount     int
}

// node is a directory, file, stream or stream event object of a Snapshot.
type node struct {
	name     string
	kind     string // KindDirectory for the root and implicit directories
	content  []byte
	children []*node // sorted by name (directories)
	obj      *object // nil for implicit directories
}

var (
	_ fs.FS         = (*Snapshot)(nil)
	_ fs.ReadDirFS  = (*Snapshot)(nil)
	_ fs.StatFS     = (*Snapshot)(nil)
	_ fs.ReadFileFS = (*Snapshot)(nil)
)

func emptySnapshot(generation uint64) *Snapshot {
	root := &node{name: ".", kind: KindDirectory}
	return &Snapshot{generation: generation, root: root, nodes: map[string]*node{".": root}}
}

// Generation counts the DSI remounts: 0 until the first DSI with a new transactionId
// replaces the first one.
func (s *Snapshot) Generation() uint64 { return s.generation }

// Resolved reports whether the service gateway was found (the tree has a root).
func (s *Snapshot) Resolved() bool { return s.resolved }

// Missing returns the objects the tree names but does not have yet.
func (s *Snapshot) Missing() []MissingFile { return slices.Clone(s.missing) }

// Errors returns the problems met while resolving the tree (bad names, cycles, limits).
func (s *Snapshot) Errors() []error { return slices.Clone(s.errs) }

// Files returns the number of files and their total size.
func (s *Snapshot) Files() (n int, size int64) { return s.files, s.fileBytes }

func (s *Snapshot) lookup(op, name string) (*node, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	n := s.nodes[name]
	if n == nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return n, nil
}

// Open opens the named file or directory.
func (s *Snapshot) Open(name string) (fs.File, error) {
	n, err := s.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if n.isDir() {
		return &dirHandle{n: n}, nil
	}
	return &fileHandle{n: n, r: bytes.NewReader(n.content)}, nil
}

// ReadDir returns the entries of the named directory, sorted by name.
func (s *Snapshot) ReadDir(name string) ([]fs.DirEntry, error) {
	n, err := s.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if !n.isDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errNotDir}
	}
	out := make([]fs.DirEntry, len(n.children))
	for i, c := range n.children {
		out[i] = fileInfo{c}
	}
	return out, nil
}

// Stat returns a FileInfo whose Sys() is an *ObjectInfo.
func (s *Snapshot) Stat(name string) (fs.FileInfo, error) {
	n, err := s.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	return fileInfo{n}, nil
}

// ReadFile returns a copy of the named file's content.
func (s *Snapshot) ReadFile(name string) ([]byte, error) {
	n, err := s.lookup("readfile", name)
	if err != nil {
		return nil, err
	}
	if n.isDir() {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: errIsDir}
	}
	return bytes.Clone(n.content), nil
}

// Object returns what the carousel says about the object at name.
func (s *Snapshot) Object(name string) (*ObjectInfo, error) {
	n, err := s.lookup("object", name)
	if err != nil {
		return nil, err
	}
	return n.info(), nil
}

// StreamEventObject is a stream event ("ste") object of the tree.
type StreamEventObject struct {
	Path string
	// Events maps event names to ids.
	Events map[string]uint16
	// AssociationTag is the tag of the stream carrying the 0x3D sections (STR_EVENT_USE
	// tap), when HasTap. Map it to a PID through the PMT (stream_identifier_descriptor
	// component_tag, or association_tag_descriptor).
	AssociationTag uint16
	HasTap         bool
	Message        *StreamEventMessage
}

// StreamEvents returns the stream event objects of the tree, sorted by path.
func (s *Snapshot) StreamEvents() []StreamEventObject {
	var out []StreamEventObject
	for p, n := range s.nodes {
		if n.obj == nil || n.obj.streamEvent == nil {
			continue
		}
		ste := n.obj.streamEvent
		tag, ok := ste.EventTap()
		out = append(out, StreamEventObject{Path: p, Events: ste.Events(), AssociationTag: tag, HasTap: ok, Message: ste})
	}
	slices.SortFunc(out, func(a, b StreamEventObject) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// ObjectInfo is the FileInfo.Sys() of carousel entries. Its messages alias the module
// data: do not modify them.
type ObjectInfo struct {
	Kind          string // "srg", "dir", "fil", "str", "ste"; "dir" for implicit directories
	DownloadID    uint32
	ModuleID      uint16
	ModuleVersion uint8
	ObjectKey     []byte
	Implicit      bool // a directory made from a name containing '/'
	Stream        *StreamMessage
	StreamEvent   *StreamEventMessage
	File          *FileMessage
	Directory     *DirectoryMessage
}

func (n *node) isDir() bool { return n.kind == KindDirectory || n.kind == KindServiceGateway }

func (n *node) info() *ObjectInfo {
	if n.obj == nil {
		return &ObjectInfo{Kind: n.kind, Implicit: true}
	}
	o := n.obj
	return &ObjectInfo{
		Kind: o.kind, DownloadID: o.downloadID, ModuleID: o.key.moduleID, ModuleVersion: o.moduleVersion,
		ObjectKey: []byte(o.key.key), Stream: o.stream, StreamEvent: o.streamEvent, File: o.file, Directory: o.dir,
	}
}

type fileInfo struct{ n *node }

func (fi fileInfo) Name() string       { return fi.n.name }
func (fi fileInfo) Size() int64        { return int64(len(fi.n.content)) }
func (fi fileInfo) ModTime() time.Time { return time.Time{} }
func (fi fileInfo) IsDir() bool        { return fi.n.isDir() }
func (fi fileInfo) Sys() any           { return fi.n.info() }
func (fi fileInfo) Type() fs.FileMode  { return fi.Mode().Type() }
func (fi fileInfo) Info() (fs.FileInfo, error) {
	return fi, nil
}

// Mode: directories 0555, files 0444, stream and stream event objects irregular 0444.
func (fi fileInfo) Mode() fs.FileMode {
	switch fi.n.kind {
	case KindDirectory, KindServiceGateway:
		return fs.ModeDir | 0o555
	case KindFile:
		return 0o444
	}
	return fs.ModeIrregular | 0o444
}

func (fi fileInfo) String() string { return fs.FormatFileInfo(fi) }

type fileHandle struct {
	n      *node
	r      *bytes.Reader
	closed bool
}

func (f *fileHandle) Stat() (fs.FileInfo, error) { return fileInfo{f.n}, nil }
func (f *fileHandle) Read(p []byte) (int, error) {
	if f.closed {
		return 0, fs.ErrClosed
	}
	return f.r.Read(p)
}

func (f *fileHandle) ReadAt(p []byte, off int64) (int, error) {
	if f.closed {
		return 0, fs.ErrClosed
	}
	return f.r.ReadAt(p, off)
}

func (f *fileHandle) Seek(off int64, whence int) (int64, error) {
	if f.closed {
		return 0, fs.ErrClosed
	}
	return f.r.Seek(off, whence)
}

func (f *fileHandle) Close() error {
	f.closed = true
	return nil
}

type dirHandle struct {
	n   *node
	off int
}

func (d *dirHandle) Stat() (fs.FileInfo, error) { return fileInfo{d.n}, nil }
func (d *dirHandle) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.n.name, Err: errIsDir}
}
func (d *dirHandle) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *dirHandle) ReadDir(count int) ([]fs.DirEntry, error) {
	rest := d.n.children[d.off:]
	if count > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if count > 0 && count < len(rest) {
		rest = rest[:count]
	}
	d.off += len(rest)
	out := make([]fs.DirEntry, len(rest))
	for i, c := range rest {
		out[i] = fileInfo{c}
	}
	return out, nil
}

var (
	errIsDir  = fmt.Errorf("%w: is a directory", fs.ErrInvalid)
	errNotDir = fmt.Errorf("%w: not a directory", fs.ErrInvalid)
)
