package ncl

import "slices"

// loadImport parses the document uri imported from the current file, or
// reports why it cannot (bad path, import too deep, cycle, not NCL).
func (b *builder) loadImport(e *element, uri string) *Document {
	p, ok := importPath(b.d.File, uri)
	switch {
	case !ok:
		b.l.r.errorf(e.pos, "<%s>: documentURI %q is not a file of the app: skipped", e.name, uri)
		return nil
	case slices.Contains(b.chain, p):
		b.l.r.errorf(e.pos, "<%s>: import cycle through %q: skipped", e.name, p)
		return nil
	case b.depth+1 > b.l.lim.MaxImportDepth:
		b.l.r.errorf(e.pos, "<%s>: imports nested deeper than %d: %q skipped", e.name, b.l.lim.MaxImportDepth, p)
		return nil
	}
	sub, err := b.l.load(p, b.chain, b.depth+1)
	if err != nil {
		b.l.r.errorf(e.pos, "<%s>: %v: skipped", e.name, err)
		return nil
	}
	return sub
}

// importAttrs reads an importBase or importNCL; ok is false (reported) when
// the alias or documentURI is missing.
func (b *builder) importAttrs(e *element, extra ...string) (map[string]string, bool) {
	a := b.attrs(e, append([]string{"alias", "documentURI", "baseId"}, extra...)...)
	if a["alias"] == "" || a["documentURI"] == "" {
		b.l.r.errorf(e.pos, "<%s> needs alias and documentURI: skipped", e.name)
		return a, false
	}
	return a, true
}

// importBase imports the base of kind of another file: its elements join the
// document's with IDs "alias#id" (references inside them are prefixed the
// same way when they name elements of the imported file).
func (b *builder) importBase(e *element, kind string) {
	a, ok := b.importAttrs(e, "region")
	if !ok {
		return
	}
	sub := b.loadImport(e, a["documentURI"])
	if sub == nil {
		return
	}
	alias := a["alias"]
	b.addImport(e, alias, sub)
	pre := alias + "#"
	q := func(id string) string {
		if id == "" {
			return ""
		}
		return pre + id
	}
	switch kind {
	case "connectorBase":
		for _, c := range sub.Connectors {
			cp := *c
			cp.ID = q(c.ID)
			b.d.Connectors = append(b.d.Connectors, &cp)
		}
	case "descriptorBase":
		qd := func(d *Descriptor) *Descriptor {
			cp := *d
			cp.ID = q(d.ID)
			if d.Region != "" && sub.Region(d.Region) != nil {
				cp.Region = q(d.Region)
			}
			cp.TransIn = qualifyList(sub, d.TransIn, pre)
			cp.TransOut = qualifyList(sub, d.TransOut, pre)
			return &cp
		}
		for _, d := range sub.Descriptors {
			b.d.Descriptors = append(b.d.Descriptors, qd(d))
		}
		for _, s := range sub.DescriptorSwitches {
			cp := &DescriptorSwitch{ID: q(s.ID), DefaultDescriptor: q(s.DefaultDescriptor), Pos: s.Pos}
			for _, d := range s.Descriptors {
				cp.Descriptors = append(cp.Descriptors, qd(d))
			}
			for _, br := range s.BindRules {
				cp.BindRules = append(cp.BindRules, BindRule{Constituent: q(br.Constituent), Rule: q(br.Rule), Pos: br.Pos})
			}
			b.d.DescriptorSwitches = append(b.d.DescriptorSwitches, cp)
		}
	case "ruleBase":
		for _, r := range sub.Rules {
			b.d.Rules = append(b.d.Rules, qualifyRule(r, pre))
		}
	case "transitionBase":
		for _, t := range sub.Transitions {
			cp := *t
			cp.ID = q(t.ID)
			b.d.Transitions = append(b.d.Transitions, &cp)
		}
	}
}

func qualifyList(sub *Document, ids []string, pre string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if sub.Transition(id) != nil {
			out[i] = pre + id
		}
	}
	return out
}

func qualifyRule(r *Rule, pre string) *Rule {
	cp := *r
	if r.ID != "" {
		cp.ID = pre + r.ID
	}
	cp.Rules = nil
	for _, c := range r.Rules {
		cp.Rules = append(cp.Rules, qualifyRule(c, pre))
	}
	return &cp
}

func qualifyRegion(r *Region, pre string) *Region {
	cp := *r
	if r.ID != "" {
		cp.ID = pre + r.ID
	}
	cp.Regions = nil
	for _, c := range r.Regions {
		cp.Regions = append(cp.Regions, qualifyRegion(c, pre))
	}
	return &cp
}

// importRegions imports the regions of another file into rb: under the
// region named by the importBase's region attribute (or rb's), else at the
// top of rb.
func (b *builder) importRegions(e *element, rb *RegionBase) {
	a, ok := b.importAttrs(e, "region")
	if !ok {
		return
	}
	sub := b.loadImport(e, a["documentURI"])
	if sub == nil {
		return
	}
	b.addImport(e, a["alias"], sub)
	var regions []*Region
	for _, srb := range sub.RegionBases {
		if a["baseId"] != "" && srb.ID != a["baseId"] {
			continue
		}
		for _, r := range srb.Regions {
			regions = append(regions, qualifyRegion(r, a["alias"]+"#"))
		}
	}
	parentID := a["region"]
	if parentID == "" {
		parentID = rb.Region
	}
	if parentID == "" {
		rb.Regions = append(rb.Regions, regions...)
		return
	}
	var parent *Region
	walkRegions(rb.Regions, func(r *Region) {
		if parent == nil && r.ID == parentID {
			parent = r
		}
	})
	if parent == nil {
		b.l.r.errorf(e.pos, "<importBase>: region %q not found: regions imported at the top", parentID)
		rb.Regions = append(rb.Regions, regions...)
		return
	}
	parent.Regions = append(parent.Regions, regions...)
}

func (b *builder) addImport(e *element, alias string, sub *Document) {
	if _, dup := b.d.Imports[alias]; dup {
		b.l.r.warnf(e.pos, "<%s>: alias %q used twice", e.name, alias)
		return
	}
	b.d.Imports[alias] = sub
}

// importedDocumentBase reads importNCL children: each document is parsed
// (and its diagnostics reported); its elements are found as "alias#id".
func (b *builder) importedDocumentBase(e *element) {
	b.attrs(e, "id")
	for _, c := range e.children {
		if c.name != "importNCL" {
			b.unknown(e, c)
			continue
		}
		a, ok := b.importAttrs(c)
		if !ok {
			continue
		}
		if sub := b.loadImport(c, a["documentURI"]); sub != nil {
			b.addImport(c, a["alias"], sub)
		}
	}
}
