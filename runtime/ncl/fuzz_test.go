package ncl

import (
	"io/fs"
	"os"
	"path"
	"testing"
	"testing/fstest"
)

// FuzzParse parses arbitrary bytes as the entry document, next to the
// testdata files (so imports resolve), and walks the result: no panic, and
// the work is bounded by Limits.
func FuzzParse(f *testing.F) {
	base := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("testdata"), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || path.Ext(p) != ".ncl" {
			return err
		}
		b, err := fs.ReadFile(os.DirFS("testdata"), p)
		if err != nil {
			return err
		}
		base[p] = &fstest.MapFile{Data: b}
		f.Add(b)
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	lim := Limits{MaxFileSize: 64 << 10, MaxElements: 2000, MaxDepth: 32, MaxImportDepth: 4}
	f.Fuzz(func(t *testing.T, b []byte) {
		fsys := fstest.MapFS{"fuzz.ncl": {Data: b}}
		for k, v := range base {
			fsys[k] = v
		}
		d, err := Parse(fsys, "fuzz.ncl", lim)
		if err != nil {
			return
		}
		walk(d)
		d.Validate()
	})
}

// walk touches what a player would.
func walk(d *Document) {
	d.ResolveRegions("", 1920, 1080)
	for _, c := range d.Connectors {
		c.Roles()
	}
	if d.Body == nil {
		return
	}
	var ctx func(c *Context)
	ctx = func(c *Context) {
		for _, l := range c.Links {
			cc := d.Connector(l.XConnector)
			for _, b := range l.Binds {
				d.Node(b.Component).Interface(b.Interface)
				for _, sa := range cc.SimpleActions() {
					ResolveAction(sa, l, b)
				}
				for _, sc := range cc.SimpleConditions() {
					ResolveCondition(sc, l, b)
				}
			}
		}
		for _, n := range c.Nodes {
			d.Parent(n)
			switch n := n.(type) {
			case *Context:
				ctx(n)
			case *Media:
				d.Media(n.ID)
			}
		}
	}
	ctx(d.Body)
}
