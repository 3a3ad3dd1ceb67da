package dsmcc

import (
	"fmt"
	"slices"
)

// Objects are packed in two pools: the service gateway, directories and stream event
// objects (whose messages name the DII transactionIds, so change with every new version)
// go to the first modules; files to the others. An update then touches the directory
// modules and the modules of the files that changed, not every module that happens to
// share bytes with a directory.
const (
	poolDirectories = 0
	poolFiles       = 1
)

// plan is where every object goes: modules in moduleId order, and the DIIs that list them.
type plan struct {
	modules []*pmod
	diis    [][]*pmod // modules of each DII, DII identification = index + 1
}

type pmod struct {
	id        uint16
	pool      int
	members   []*bnode
	size      int  // raw size: the sum of the members' message sizes
	exclusive bool // a large object alone in its module
	dii       int  // index into plan.diis
}

func poolOf(n *bnode) int {
	if n.kind == KindFile {
		return poolFiles
	}
	return poolDirectories
}

// measure sets the BIOP message size of every object. Directory sizes do not depend on
// where their children are (every IOR has the same length), so placeholders serve.
func (b *Builder) measure(nodes []*bnode) error {
	for _, n := range nodes {
		if n.kind == KindFile {
			f := FileMessage{ObjectKey: keyBytes(n.key), ContentSize: uint64(len(n.content))}
			n.size = f.MarshalSize() + len(n.content)
			continue
		}
		msg, err := b.message(n, func(*bnode) uint32 { return 0 })
		if err != nil {
			return err
		}
		n.size = len(msg)
	}
	return nil
}

// pack places the objects in modules, keeping each object in the module it had in the
// previous build while that module has room, and groups the modules into DIIs.
func (b *Builder) pack(nodes []*bnode) (*plan, error) {
	prevOf := map[string]uint16{}
	for id, st := range b.prevMods {
		for _, p := range st.members {
			prevOf[p] = id
		}
	}
	p := &plan{}
	byID := map[uint16]*pmod{}
	for pool := poolDirectories; pool <= poolFiles; pool++ {
		var pending []*bnode
		for _, n := range nodes {
			if poolOf(n) != pool {
				continue
			}
			if !b.placePrevious(n, prevOf, byID, pool) {
				pending = append(pending, n)
			}
		}
		for _, n := range pending {
			b.placeNew(n, byID, pool)
		}
	}
	var total int64
	for _, m := range byID {
		p.modules = append(p.modules, m)
		total += int64(m.size)
		if int64(m.size) > b.lim.MaxModuleSize {
			return nil, fmt.Errorf("%w: %s makes a module of %d bytes; a module holds at most %d (MaxModuleSize)",
				ErrBuildFileSize, m.members[0].path, m.size, b.lim.MaxModuleSize)
		}
		if blocks := (m.size + b.cfg.BlockSize - 1) / b.cfg.BlockSize; blocks > 1<<16 {
			return nil, fmt.Errorf("%w: module of %d bytes needs %d blocks of %d, at most 65536",
				ErrBuildLimit, m.size, blocks, b.cfg.BlockSize)
		}
	}
	if total > b.lim.MaxCarouselBytes {
		return nil, fmt.Errorf("%w: the carousel is %d bytes, at most %d (MaxCarouselBytes)",
			ErrBuildLimit, total, b.lim.MaxCarouselBytes)
	}
	slices.SortFunc(p.modules, func(x, y *pmod) int { return int(x.id) - int(y.id) })
	for _, m := range p.modules {
		for _, n := range m.members {
			n.module = m.id
		}
	}
	return p, b.groupDIIs(p)
}

// placePrevious puts n back in its previous module when it still fits there.
func (b *Builder) placePrevious(n *bnode, prevOf map[string]uint16, byID map[uint16]*pmod, pool int) bool {
	id, ok := prevOf[n.path]
	if !ok || b.prevMods[id].pool != pool {
		return false
	}
	large := n.size > b.target()
	m := byID[id]
	switch {
	case large:
		if m != nil || len(b.prevMods[id].members) != 1 {
			return false
		}
		byID[id] = &pmod{id: id, pool: pool, members: []*bnode{n}, size: n.size, exclusive: true}
		return true
	case m == nil:
		byID[id] = &pmod{id: id, pool: pool, members: []*bnode{n}, size: n.size}
		return true
	case !m.exclusive && m.size+n.size <= b.target():
		m.members = append(m.members, n)
		m.size += n.size
		return true
	}
	return false
}

// placeNew puts n in the first module of its pool with room, or in a new module.
func (b *Builder) placeNew(n *bnode, byID map[uint16]*pmod, pool int) {
	if n.size <= b.target() {
		ids := make([]uint16, 0, len(byID))
		for id, m := range byID {
			if m.pool == pool && !m.exclusive && m.size+n.size <= b.target() {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			m := byID[slices.Min(ids)]
			m.members = append(m.members, n)
			m.size += n.size
			return
		}
	}
	id := uint16(1)
	for byID[id] != nil {
		id++
	}
	byID[id] = &pmod{id: id, pool: pool, members: []*bnode{n}, size: n.size, exclusive: n.size > b.target()}
}

// groupDIIs lists the modules in DIIs, in moduleId order, as many to a DII as a section
// holds.
func (b *Builder) groupDIIs(p *plan) error {
	per, err := b.modulesPerDII()
	if err != nil {
		return err
	}
	if len(p.modules) > 0x7FFF*per {
		return fmt.Errorf("%w: %d modules", ErrBuildLimit, len(p.modules))
	}
	if len(p.modules) > 0xFFFF {
		return fmt.Errorf("%w: %d modules, at most 65535", ErrBuildLimit, len(p.modules))
	}
	for i := 0; i < len(p.modules); i += per {
		group := p.modules[i:min(i+per, len(p.modules))]
		for _, m := range group {
			m.dii = len(p.diis)
		}
		p.diis = append(p.diis, group)
	}
	return nil
}

// modulesPerDII returns how many module entries fit in one DII section, counting each
// entry at its largest (with a compressed_module_descriptor).
func (b *Builder) modulesPerDII() (int, error) {
	empty := DII{Header: b.header(MessageIDDII, 0)}
	mi, err := b.moduleInfo(true, 0)
	if err != nil {
		return 0, err
	}
	entry := 8 + len(mi)
	room := maxSectionPayload - empty.MarshalSize()
	return room / entry, nil
}

// target is the size up to which objects share a module: the configured module size,
// within the receiver's module limit.
func (b *Builder) target() int { return int(min(int64(b.cfg.ModuleSize), b.lim.MaxModuleSize)) }

// maxSectionPayload is the most a DSM-CC section carries between its header and CRC.
const maxSectionPayload = 4096 - 8 - 4

// sameAsPrevious reports whether the plan and the module bytes are those of the last build.
func (b *Builder) sameAsPrevious(p *plan, raw [][]byte) bool {
	if len(p.modules) != len(b.prevMods) || len(p.diis) != len(b.prev.DII) {
		return false
	}
	for i, m := range p.modules {
		st := b.prevMods[m.id]
		if st == nil || st.pool != m.pool || st.mod.DII != b.prev.DIITransactionIDs[m.dii] || hashOf(raw[i]) != st.hash {
			return false
		}
	}
	return true
}
