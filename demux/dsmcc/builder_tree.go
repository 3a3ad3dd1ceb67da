package dsmcc

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
)

// bnode is one object of the tree being built.
type bnode struct {
	path     string // "." for the service gateway
	name     string
	kind     string // KindServiceGateway, KindDirectory, KindFile, KindStreamEvent
	children []*bnode
	content  []byte
	ste      *StreamEventSpec
	depth    int

	key    uint32
	size   int    // BIOP message size
	module uint16 // where the object lives
}

// scan reads fsys into a tree of bnodes. Names are checked (ErrBuildName), irregular
// entries refused (ErrBuildFileType), file sizes bounded (ErrBuildFileSize).
func (b *Builder) scan(fsys fs.FS) (*bnode, error) {
	root := &bnode{path: ".", kind: KindServiceGateway}
	dirs := map[string]*bnode{".": root}
	var total int64
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			if !d.IsDir() {
				return fmt.Errorf("%w: the carousel root is not a directory", ErrBuildFileType)
			}
			return nil
		}
		parent := dirs[path.Dir(p)]
		if err := checkName(p, d.Name(), parent.depth+1); err != nil {
			return err
		}
		n := &bnode{path: p, name: d.Name(), depth: parent.depth + 1}
		switch {
		case d.IsDir():
			n.kind = KindDirectory
			dirs[p] = n
		default:
			if err := b.readFile(fsys, p, d, n); err != nil {
				return err
			}
			total += int64(len(n.content))
		}
		parent.children = append(parent.children, n)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range b.cfg.StreamEvents {
		if err := addStreamEvent(root, dirs, &b.cfg.StreamEvents[i]); err != nil {
			return nil, err
		}
	}
	root.sort()
	return root, nil
}

// readFile reads a regular file (or a symbolic link to one) into n.
func (b *Builder) readFile(fsys fs.FS, p string, d fs.DirEntry, n *bnode) error {
	t := d.Type()
	if t&fs.ModeSymlink != 0 {
		fi, err := fs.Stat(fsys, p)
		if err != nil {
			return err
		}
		t = fi.Mode().Type()
	}
	if !t.IsRegular() {
		return fmt.Errorf("%w: %s (%v)", ErrBuildFileType, p, t)
	}
	fi, err := d.Info()
	if err == nil && fi.Mode().IsRegular() && fi.Size() > b.lim.MaxModuleSize {
		return b.tooLarge(p, fi.Size())
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return err
	}
	if int64(len(data)) > b.lim.MaxModuleSize {
		return b.tooLarge(p, int64(len(data)))
	}
	n.kind, n.content = KindFile, data
	return nil
}

func (b *Builder) tooLarge(p string, size int64) error {
	return fmt.Errorf("%w: %s is %d bytes; a module holds at most %d (MaxModuleSize)",
		ErrBuildFileSize, p, size, b.lim.MaxModuleSize)
}

// checkName refuses names a binding cannot carry or a receiver would reject.
func checkName(p, name string, depth int) error {
	switch {
	case !utf8.ValidString(name):
		return fmt.Errorf("%w: %q is not UTF-8", ErrBuildName, p)
	case len(name) > MaxNameLen:
		return fmt.Errorf("%w: %q is %d bytes, at most %d", ErrBuildName, p, len(name), MaxNameLen)
	case strings.IndexByte(name, 0) >= 0 || strings.IndexByte(name, '/') >= 0 || name == "." || name == "..":
		return fmt.Errorf("%w: %q", ErrBuildName, p)
	case depth > maxDepth:
		return fmt.Errorf("%w: %q is %d levels deep, receivers follow %d", ErrBuildName, p, depth, maxDepth)
	}
	return nil
}

// addStreamEvent places a stream event object at its path, making missing directories.
func addStreamEvent(root *bnode, dirs map[string]*bnode, s *StreamEventSpec) error {
	parent := root
	elems := strings.Split(s.Path, "/")
	for i, e := range elems {
		p := strings.Join(elems[:i+1], "/")
		if err := checkName(p, e, i+1); err != nil {
			return err
		}
		if i == len(elems)-1 {
			break
		}
		d := dirs[p]
		if d == nil {
			if parent.child(e) != nil {
				return fmt.Errorf("%w: stream event object %q: %q is a file", ErrBuildConfig, s.Path, p)
			}
			d = &bnode{path: p, name: e, kind: KindDirectory, depth: i + 1}
			dirs[p] = d
			parent.children = append(parent.children, d)
		}
		parent = d
	}
	name := elems[len(elems)-1]
	if parent.child(name) != nil {
		return fmt.Errorf("%w: stream event object %q: the folder has an entry of that name", ErrBuildConfig, s.Path)
	}
	parent.children = append(parent.children, &bnode{
		path: s.Path, name: name, kind: KindStreamEvent, ste: s, depth: len(elems),
	})
	return nil
}

func (n *bnode) child(name string) *bnode {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// sort orders every directory's children by name (bytes), so that builds are reproducible.
func (n *bnode) sort() {
	slices.SortFunc(n.children, func(a, b *bnode) int { return strings.Compare(a.name, b.name) })
	for _, c := range n.children {
		c.sort()
	}
}

// flatten lists the tree depth first, parents before children.
func (n *bnode) flatten(dst []*bnode) []*bnode {
	dst = append(dst, n)
	for _, c := range n.children {
		dst = c.flatten(dst)
	}
	return dst
}

// keyBytes returns a 4-byte object key (DVB allows at most 4).
func keyBytes(k uint32) []byte { return []byte{byte(k >> 24), byte(k >> 16), byte(k >> 8), byte(k)} }
