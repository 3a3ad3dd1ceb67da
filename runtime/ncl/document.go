package ncl

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// Limits bound what a load may cost. Zero fields take the defaults.
type Limits struct {
	// MaxFileSize is the largest file read, in bytes (default 4 MiB).
	MaxFileSize int64
	// MaxElements is the number of elements read over all the files of a
	// load, imports included (default 100000).
	MaxElements int
	// MaxDepth is the deepest element nesting (default 64).
	MaxDepth int
	// MaxImportDepth is the longest chain of imports (default 8).
	MaxImportDepth int
}

func (l Limits) withDefaults() Limits {
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = 4 << 20
	}
	if l.MaxElements <= 0 {
		l.MaxElements = 100000
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = 64
	}
	if l.MaxImportDepth <= 0 {
		l.MaxImportDepth = 8
	}
	return l
}

// Document is a parsed NCL document. Every field is plain data that a player
// may walk; lookups by ID use an index built by Parse (call Reindex after
// changing the model).
type Document struct {
	ID    string
	Title string
	// File is the document's path in its fs.FS.
	File string
	// RegionBases, Descriptors, DescriptorSwitches, Connectors, Rules and
	// Transitions are the head's bases, imported bases included (their
	// IDs prefixed "alias#").
	RegionBases        []*RegionBase
	Descriptors        []*Descriptor
	DescriptorSwitches []*DescriptorSwitch
	Connectors         []*CausalConnector
	Rules              []*Rule
	Transitions        []*Transition
	Meta               []Meta
	// Imports are the documents of importNCL (importedDocumentBase) and
	// importBase, by alias; "alias#id" looks up id in them.
	Imports map[string]*Document
	// Body is the <body>; nil when the document has none.
	Body *Context
	// Diagnostics of the whole load (imports included), in order.
	Diagnostics Diagnostics

	idx *index
}

type index struct {
	regions     map[string]*Region
	descriptors map[string]*Descriptor
	dswitches   map[string]*DescriptorSwitch
	connectors  map[string]*CausalConnector
	rules       map[string]*Rule
	transitions map[string]*Transition
	nodes       map[string]Node
	parents     map[Node]Node
}

// Parse reads the NCL document name from fsys, with its imports. It returns
// an error only when there is no document (unreadable, too large, no <ncl>
// root); everything else is in Document.Diagnostics, and the parts in error
// are left out of the model.
func Parse(fsys fs.FS, name string, lim Limits) (*Document, error) {
	l := &loader{fsys: fsys, lim: lim.withDefaults()}
	l.budget = l.lim.MaxElements
	l.r = reporter{&l.diags}
	d, err := l.load(name, nil, 0)
	if err != nil {
		return nil, err
	}
	d.Diagnostics = append(l.diags, d.Validate()...)
	return d, nil
}

type loader struct {
	fsys   fs.FS
	lim    Limits
	budget int
	diags  Diagnostics
	r      reporter
}

// load parses one file; chain holds the files importing it (for cycles).
func (l *loader) load(name string, chain []string, depth int) (*Document, error) {
	b, err := readFile(l.fsys, name, l.lim.MaxFileSize)
	if err != nil {
		return nil, err
	}
	root := readTree(b, name, &l.lim, &l.budget, l.r)
	if root == nil || root.name != "ncl" {
		return nil, fmt.Errorf("%w: %s", ErrNotNCL, name)
	}
	d := &Document{File: name, Imports: map[string]*Document{}}
	bl := &builder{l: l, d: d, chain: append(chain[:len(chain):len(chain)], name), depth: depth}
	bl.document(root)
	d.Reindex()
	return d, nil
}

func readFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: %s is over %d bytes", ErrTooLarge, name, limit)
	}
	return b, nil
}

// importPath resolves an import URI relative to the importing file.
func importPath(from, uri string) (string, bool) {
	uri = strings.TrimSpace(uri)
	uri = strings.TrimPrefix(uri, "file://")
	if uri == "" || strings.Contains(uri, "://") {
		return "", false
	}
	var p string
	if strings.HasPrefix(uri, "/") {
		p = path.Clean(strings.TrimPrefix(uri, "/"))
	} else {
		p = path.Join(path.Dir(from), uri)
	}
	if !fs.ValidPath(p) {
		return "", false
	}
	return p, true
}

// Reindex rebuilds the lookup index from the model.
func (d *Document) Reindex() {
	x := &index{
		regions: map[string]*Region{}, descriptors: map[string]*Descriptor{},
		dswitches: map[string]*DescriptorSwitch{}, connectors: map[string]*CausalConnector{},
		rules: map[string]*Rule{}, transitions: map[string]*Transition{},
		nodes: map[string]Node{}, parents: map[Node]Node{},
	}
	for _, rb := range d.RegionBases {
		walkRegions(rb.Regions, func(r *Region) { putFirst(x.regions, r.ID, r) })
	}
	for _, ds := range d.Descriptors {
		putFirst(x.descriptors, ds.ID, ds)
	}
	for _, s := range d.DescriptorSwitches {
		putFirst(x.dswitches, s.ID, s)
		for _, ds := range s.Descriptors {
			putFirst(x.descriptors, ds.ID, ds)
		}
	}
	for _, c := range d.Connectors {
		putFirst(x.connectors, c.ID, c)
	}
	var rule func(r *Rule)
	rule = func(r *Rule) {
		putFirst(x.rules, r.ID, r)
		for _, c := range r.Rules {
			rule(c)
		}
	}
	for _, r := range d.Rules {
		rule(r)
	}
	for _, t := range d.Transitions {
		putFirst(x.transitions, t.ID, t)
	}
	if d.Body != nil {
		putFirst(x.nodes, d.Body.ID, Node(d.Body))
		indexNodes(x, d.Body, d.Body.Nodes)
	}
	d.idx = x
}

func indexNodes(x *index, parent Node, ns []Node) {
	for _, n := range ns {
		putFirst(x.nodes, n.NodeID(), n)
		x.parents[n] = parent
		switch n := n.(type) {
		case *Context:
			indexNodes(x, n, n.Nodes)
		case *Switch:
			indexNodes(x, n, n.Nodes)
		}
	}
}

func putFirst[T any](m map[string]T, id string, v T) {
	if id == "" {
		return
	}
	if _, ok := m[id]; !ok {
		m[id] = v
	}
}

func (d *Document) index() *index {
	if d.idx == nil {
		d.Reindex()
	}
	return d.idx
}

// lookup finds id in get(d), or for "alias#id" in the imported document
// alias (recursively, "a#b#id").
func lookup[T any](d *Document, id string, get func(*index) map[string]T, depth int) (T, bool) {
	if v, ok := get(d.index())[id]; ok {
		return v, true
	}
	var zero T
	alias, rest, ok := strings.Cut(id, "#")
	if !ok || depth > 16 {
		return zero, false
	}
	sub := d.Imports[alias]
	if sub == nil {
		return zero, false
	}
	return lookup(sub, rest, get, depth+1)
}

// Region returns the region id (of any regionBase), or nil.
func (d *Document) Region(id string) *Region {
	v, _ := lookup(d, id, func(x *index) map[string]*Region { return x.regions }, 0)
	return v
}

// Descriptor returns the descriptor id (also one inside a descriptorSwitch),
// or nil.
func (d *Document) Descriptor(id string) *Descriptor {
	v, _ := lookup(d, id, func(x *index) map[string]*Descriptor { return x.descriptors }, 0)
	return v
}

// DescriptorSwitch returns the descriptorSwitch id, or nil.
func (d *Document) DescriptorSwitch(id string) *DescriptorSwitch {
	v, _ := lookup(d, id, func(x *index) map[string]*DescriptorSwitch { return x.dswitches }, 0)
	return v
}

// Connector returns the causalConnector id, or nil.
func (d *Document) Connector(id string) *CausalConnector {
	v, _ := lookup(d, id, func(x *index) map[string]*CausalConnector { return x.connectors }, 0)
	return v
}

// Rule returns the rule or compositeRule id, or nil.
func (d *Document) Rule(id string) *Rule {
	v, _ := lookup(d, id, func(x *index) map[string]*Rule { return x.rules }, 0)
	return v
}

// Transition returns the transition id, or nil.
func (d *Document) Transition(id string) *Transition {
	v, _ := lookup(d, id, func(x *index) map[string]*Transition { return x.transitions }, 0)
	return v
}

// Node returns the body node id (media, context, switch, or the body), or
// nil; "alias#id" finds a node of an imported document.
func (d *Document) Node(id string) Node {
	v, _ := lookup(d, id, func(x *index) map[string]Node { return x.nodes }, 0)
	return v
}

// Parent returns the context or switch holding n, or nil for the body or
// a node that is not in d.
func (d *Document) Parent(n Node) Node { return d.index().parents[n] }

// Media returns the media id, following refer to the media it reuses, or
// nil. The result's Areas and Properties are those of the referred media;
// use Node for the referring element itself.
func (d *Document) Media(id string) *Media {
	m, _ := d.Node(id).(*Media)
	for i := 0; m != nil && m.Refer != "" && i < 16; i++ {
		next, _ := d.Node(m.Refer).(*Media)
		if next == nil {
			return m
		}
		m = next
	}
	return m
}

// ResolveRegions returns the absolute rectangle of every region of the
// regionBases of device (""  or "systemScreen(0)" for the main screen) for
// a screen of screenW × screenH pixels, with those of imported documents
// under "alias#id".
func (d *Document) ResolveRegions(device string, screenW, screenH int) map[string]Rect {
	out := map[string]Rect{}
	d.resolveRegions(device, screenW, screenH, "", out, 0)
	return out
}

func (d *Document) resolveRegions(device string, w, h int, prefix string, out map[string]Rect, depth int) {
	if depth > 16 {
		return
	}
	for _, rb := range d.RegionBases {
		if !sameDevice(rb.Device, device) {
			continue
		}
		for id, r := range rb.Resolve(w, h) {
			if _, dup := out[prefix+id]; !dup {
				out[prefix+id] = r
			}
		}
	}
	for alias, sub := range d.Imports {
		sub.resolveRegions(device, w, h, prefix+alias+"#", out, depth+1)
	}
}

func sameDevice(a, b string) bool {
	norm := func(s string) string {
		if s == "systemScreen(0)" {
			return ""
		}
		return s
	}
	return norm(a) == norm(b)
}
