package dsmcc

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
)

// treeBuilder resolves the object tree from the service gateway through the directories'
// bindings, across modules, into a new Snapshot. Bindings whose object is not available
// yet are recorded as missing (and resolved by a later build, once their module
// completes). Bad names, cycles and limits are recorded as errors and the offending
// binding is skipped; the rest of the tree is still built.
//
// A full build makes every node. An extension (extendSnapshot) adds the objects that
// resolve missing entries to a copy of the previous snapshot that shares its unchanged
// nodes: only the directories on the way to a new object are copied, so a carousel whose
// modules complete one after another costs O(objects) overall, not O(objects x modules).
type treeBuilder struct {
	objects  map[objectKey]*object
	maxNodes int
	snap     *Snapshot
	onPath   map[objectKey]bool
	owned    map[string]bool // extensions: the nodes that belong to the new snapshot
	touched  map[*node]bool  // directories whose children were appended to
	added    []string        // non-directory nodes made
}

func newTreeBuilder(objects map[objectKey]*object, maxNodes int, s *Snapshot) *treeBuilder {
	return &treeBuilder{
		objects: objects, maxNodes: maxNodes, snap: s, onPath: map[objectKey]bool{}, touched: map[*node]bool{},
	}
}

func buildSnapshot(objects map[objectKey]*object, gw objectKey, generation uint64, tid uint32, maxNodes int) *Snapshot {
	s := emptySnapshot(generation)
	s.transactionID = tid
	b := newTreeBuilder(objects, maxNodes, s)
	root := objects[gw]
	switch {
	case root == nil:
		s.missing = append(s.missing, MissingFile{Path: ".", Kind: KindServiceGateway, ModuleID: gw.moduleID,
			ObjectKey: []byte(gw.key)})
	case root.dir == nil:
		s.errs = append(s.errs, fmt.Errorf("%w: service gateway %v is %q", ErrObjectKind, gw, root.kind))
	default:
		s.resolved = true
		s.root.obj = root
		s.root.kind = root.kind
		b.onPath[gw] = true
		b.directory(s.root, ".", root, 0)
	}
	b.finish()
	return s
}

// extendSnapshot returns old extended with the objects that resolve its missing entries
// (old itself when none does), and the paths of the files, streams and stream events it
// adds. old must be the full build of the objects less those added since.
func extendSnapshot(old *Snapshot, objects map[objectKey]*object, maxNodes int) (*Snapshot, []string) {
	var resolved, still []MissingFile
	for _, m := range old.missing {
		if m.Path != "." && objects[objectKey{m.ModuleID, string(m.ObjectKey)}] != nil {
			resolved = append(resolved, m)
		} else {
			still = append(still, m)
		}
	}
	if len(resolved) == 0 {
		return old, nil
	}
	s := *old
	s.nodes = maps.Clone(old.nodes)
	s.missing = still
	s.errs = slices.Clone(old.errs)
	b := newTreeBuilder(objects, maxNodes, &s)
	b.owned = map[string]bool{}
	for _, m := range resolved {
		if err := b.resolveMissing(m); err != nil {
			s.errs = append(s.errs, fmt.Errorf("/%s: %w", m.Path, err))
		}
	}
	b.finish()
	return &s, b.added
}

// resolveMissing adds the object of a formerly missing entry at its path.
func (b *treeBuilder) resolveMissing(m MissingFile) error {
	parentPath := path.Dir(m.Path)
	if b.snap.nodes[parentPath] == nil {
		return nil
	}
	clear(b.onPath)
	for p := parentPath; ; p = path.Dir(p) {
		if n := b.snap.nodes[p]; n != nil && n.obj != nil {
			b.onPath[n.obj.key] = true
		}
		if p == "." {
			break
		}
	}
	key := objectKey{m.ModuleID, string(m.ObjectKey)}
	if b.onPath[key] {
		return fmt.Errorf("%w: /%s refers to its ancestor %v", ErrCycle, m.Path, key)
	}
	return b.addChild(b.own(parentPath), m.Path, path.Base(m.Path), b.objects[key], strings.Count(m.Path, "/")+1)
}

// own returns the node at p as the new snapshot's own copy, copying its ancestors too
// (path copying); in a full build every node is already its own.
func (b *treeBuilder) own(p string) *node {
	n := b.snap.nodes[p]
	if b.owned == nil || b.owned[p] {
		return n
	}
	c := *n
	c.children = slices.Clone(n.children)
	if p == "." {
		b.snap.root = &c
	} else {
		parent := b.own(path.Dir(p))
		for i, ch := range parent.children {
			if ch == n {
				parent.children[i] = &c
			}
		}
	}
	b.snap.nodes[p] = &c
	b.owned[p] = true
	return &c
}

// directory adds the bindings of dir under n (at fs path p).
func (b *treeBuilder) directory(n *node, p string, dir *object, depth int) {
	for i := range dir.dir.Bindings {
		bd := &dir.dir.Bindings[i]
		if err := b.binding(n, p, bd, depth); err != nil {
			b.snap.errs = append(b.snap.errs, fmt.Errorf("directory /%s (%v) binding %d: %w", trimDot(p), dir.key, i, err))
		}
	}
}

func (b *treeBuilder) binding(parent *node, p string, bd *Binding, depth int) error {
	elems, err := bindingName(bd)
	if err != nil {
		return err
	}
	if depth+len(elems) > maxDepth {
		return fmt.Errorf("%w: path deeper than %d", ErrLimit, maxDepth)
	}
	prof, err := bd.IOR.BIOPProfile()
	if err != nil {
		return fmt.Errorf("name %q: %w", strings.Join(elems, "/"), err)
	}
	loc := prof.ObjectLocation
	key := objectKey{moduleID: loc.ModuleID, key: string(loc.ObjectKey)}
	// Names with '/' are sub-paths: make (or reuse) the intermediate directories.
	for _, e := range elems[:len(elems)-1] {
		p = path.Join(p, e)
		if parent, err = b.implicitDir(parent, p, e); err != nil {
			return err
		}
		depth++
	}
	name := elems[len(elems)-1]
	childPath := path.Join(p, name)
	obj := b.objects[key]
	if obj == nil {
		b.snap.missing = append(b.snap.missing, missingFrom(childPath, bd, key))
		return nil
	}
	if b.onPath[key] {
		return fmt.Errorf("%w: /%s refers to its ancestor %v", ErrCycle, childPath, key)
	}
	return b.addChild(parent, childPath, name, obj, depth+1)
}

func (b *treeBuilder) addChild(parent *node, p, name string, obj *object, depth int) error {
	if b.snap.nodeCount >= b.maxNodes {
		return fmt.Errorf("%w: tree has more than %d nodes (MaxObjects)", ErrLimit, b.maxNodes)
	}
	existing := b.snap.nodes[p]
	if existing != nil && (existing.obj != nil || obj.dir == nil) {
		return fmt.Errorf("%w: /%s", ErrDuplicateName, p)
	}
	var n *node
	if existing != nil {
		n = b.own(p) // an implicit directory, merged with the real one
	} else {
		n = b.newNode(parent, p, name)
	}
	n.obj, n.kind = obj, obj.kind
	switch {
	case obj.dir != nil:
		n.kind = KindDirectory
		b.onPath[obj.key] = true
		b.directory(n, p, obj, depth)
		delete(b.onPath, obj.key)
	case obj.file != nil:
		n.content = obj.file.Content
		b.snap.files++
		b.snap.fileBytes += int64(len(n.content))
		b.added = append(b.added, p)
	default:
		b.added = append(b.added, p)
	}
	return nil
}

func (b *treeBuilder) newNode(parent *node, p, name string) *node {
	n := &node{name: name}
	b.snap.nodeCount++
	parent.children = append(parent.children, n)
	b.touched[parent] = true
	b.snap.nodes[p] = n
	if b.owned != nil {
		b.owned[p] = true
	}
	return n
}

// implicitDir returns the directory at fs path p (child name of parent), making an
// implicit one.
func (b *treeBuilder) implicitDir(parent *node, p, name string) (*node, error) {
	if c := b.snap.nodes[p]; c != nil {
		if !c.isDir() {
			return nil, fmt.Errorf("%w: /%s is a %s, not a directory", ErrDuplicateName, p, c.kind)
		}
		return b.own(p), nil
	}
	if b.snap.nodeCount >= b.maxNodes {
		return nil, fmt.Errorf("%w: tree has more than %d nodes (MaxObjects)", ErrLimit, b.maxNodes)
	}
	n := b.newNode(parent, p, name)
	n.kind = KindDirectory
	return n, nil
}

// finish sorts the children of the directories that got new ones, and the missing list.
func (b *treeBuilder) finish() {
	for n := range b.touched {
		slices.SortFunc(n.children, func(x, y *node) int { return strings.Compare(x.name, y.name) })
	}
	slices.SortFunc(b.snap.missing, func(x, y MissingFile) int { return strings.Compare(x.Path, y.Path) })
}

func missingFrom(p string, bd *Binding, key objectKey) MissingFile {
	m := MissingFile{Path: p, ModuleID: key.moduleID, ObjectKey: []byte(key.key), Kind: bd.IOR.Kind()}
	if m.Kind == KindFile {
		m.ContentSize, _ = ContentSizeOf(bd.ObjectInfo)
	}
	return m
}

// bindingName returns the path elements of a binding's name. Each name component's id is
// NUL-terminated (the terminator is optional); a '/' inside an id separates sub-path
// elements (as libdsmcc treats it). Empty elements, "." and "..", and NUL bytes inside a
// name are rejected, so that no name can escape the root or alias another path.
func bindingName(bd *Binding) ([]string, error) {
	if len(bd.Name) == 0 {
		return nil, fmt.Errorf("%w: binding has no name component", ErrBadName)
	}
	var elems []string
	for _, c := range bd.Name {
		id := c.ID
		if k := len(id); k > 0 && id[k-1] == 0 {
			id = id[:k-1]
		}
		if bytes.IndexByte(id, 0) >= 0 {
			return nil, fmt.Errorf("%w: NUL inside %q", ErrBadName, id)
		}
		for _, e := range strings.Split(string(id), "/") {
			if e == "" || e == "." || e == ".." {
				return nil, fmt.Errorf("%w: %q", ErrBadName, id)
			}
			elems = append(elems, e)
		}
	}
	return elems, nil
}

func trimDot(p string) string {
	if p == "." {
		return ""
	}
	return p
}
