package dsmcc

import (
	"bytes"
	"errors"
	"fmt"
)

// unMessage handles a U-N message section payload: a DSI or a DII.
func (c *Carousel) unMessage(payload []byte) {
	if len(payload) < MessageHeaderLen {
		c.fail(fmt.Errorf("%w: U-N message needs %d bytes, have %d", ErrShortBuffer, MessageHeaderLen, len(payload)))
		return
	}
	switch id := uint16(payload[2])<<8 | uint16(payload[3]); id {
	case MessageIDDSI:
		c.handleDSI(payload)
	case MessageIDDII:
		c.handleDII(payload)
	default:
		c.fail(fmt.Errorf("%w: 0x%04X in a 0x3B section", ErrUnexpectedMsg, id))
	}
}

// handleDSI mounts the carousel on its first DSI and remounts it when the DSI's
// transactionId changes. Repeated DSIs cost a header parse.
func (c *Carousel) handleDSI(payload []byte) {
	var d DSI
	if err := d.Unmarshal(payload); err != nil {
		c.fail(fmt.Errorf("DSI: %w", err))
		return
	}
	if c.dsi != nil && c.dsi.tid == d.Header.TransactionID {
		return
	}
	st := &dsiState{tid: d.Header.TransactionID, raw: bytes.Clone(payload)}
	if err := st.dsi.Unmarshal(st.raw); err != nil {
		c.fail(fmt.Errorf("DSI: %w", err))
		return
	}
	gw, err := st.dsi.Gateway()
	switch {
	case errors.Is(err, ErrDataCarousel):
		st.kind = KindDataCarousel
		st.gii, _ = st.dsi.GroupInfoIndication()
	case err != nil:
		c.fail(fmt.Errorf("DSI 0x%08X: %w", st.tid, err))
		return
	default:
		st.kind, st.gateway = KindObjectCarousel, gw
	}
	if c.dsi != nil {
		c.remount()
	}
	c.dsi, c.kind = st, st.kind
	if st.kind == KindDataCarousel {
		c.emit(Event{Kind: EventDataCarousel, Generation: c.generation})
		c.fail(fmt.Errorf("%w (DSI 0x%08X, %d groups)", ErrDataCarousel, st.tid, len(st.gii.Groups)))
		return
	}
	for k, l := range c.live {
		if !l.parsed {
			c.setLive(k, l.m)
		}
	}
	c.dirty = true
}

// remount starts a new generation: the DIIs and modules are forgotten, but completed
// modules are kept aside and reused when a DII of the new generation announces them
// unchanged. The current snapshot stays until the new tree resolves.
func (c *Carousel) remount() {
	c.generation++
	clear(c.reuse)
	for k, l := range c.live {
		if l.m.complete {
			c.reuse[k] = l
		}
	}
	c.resetState()
	c.rebuild = true
	c.emit(Event{Kind: EventCarouselReplaced, Generation: c.generation})
}

// handleDII records a DII and announces its modules. A DII that repeats the last one with
// the same identification costs a parse and a compare.
func (c *Carousel) handleDII(payload []byte) {
	var d DII
	if err := d.Unmarshal(payload); err != nil {
		c.fail(fmt.Errorf("DII: %w", err))
		return
	}
	ident := TransactionIdentification(d.Header.TransactionID)
	old := c.diis[ident]
	if old != nil && old.tid == d.Header.TransactionID && bytes.Equal(old.raw, payload) {
		return
	}
	st := &diiState{tid: d.Header.TransactionID, raw: bytes.Clone(payload)}
	if err := st.dii.Unmarshal(st.raw); err != nil {
		c.fail(fmt.Errorf("DII: %w", err))
		return
	}
	c.diis[ident] = st
	listed := make(map[moduleKey]bool, len(st.dii.Modules))
	for i := range st.dii.Modules {
		e := &st.dii.Modules[i]
		listed[moduleKey{st.dii.DownloadID, e.ModuleID}] = true
		c.announce(&st.dii, ident, e)
	}
	if old == nil {
		return
	}
	for _, e := range old.dii.Modules {
		k := moduleKey{old.dii.DownloadID, e.ModuleID}
		if m := c.modules[k]; m != nil && !listed[k] && m.dii == ident {
			c.dropModule(k)
		}
	}
}

// newModule makes the acquisition state of a DII module entry.
func (c *Carousel) newModule(d *DII, ident uint16, e *DIIModule) (*module, error) {
	m := &module{
		key: moduleKey{d.DownloadID, e.ModuleID}, dii: ident, version: e.ModuleVersion,
		size: e.ModuleSize, blockSize: d.BlockSize, nblocks: d.Blocks(e.ModuleSize),
	}
	if e.ModuleSize > 0 && d.BlockSize == 0 {
		return nil, fmt.Errorf("%w: DII 0x%08X module 0x%04X: blockSize 0", ErrBlock, d.Header.TransactionID, e.ModuleID)
	}
	var mi ModuleInfo
	if _, err := mi.Unmarshal(e.ModuleInfo); err != nil {
		if c.kind == KindObjectCarousel {
			c.fail(fmt.Errorf("module 0x%04X: %w", e.ModuleID, err))
		}
		return m, nil
	}
	cd, ok, err := mi.Compressed()
	if err != nil {
		c.fail(fmt.Errorf("module 0x%04X: %w", e.ModuleID, err))
	}
	m.compressed, m.originalSize = ok, cd.OriginalSize
	m.assocTag, m.hasTap = mi.ObjectTap()
	return m, nil
}

// announce handles one module entry of a DII: a module seen for the first time, or a new
// version or size of a known one (acquired again; its previous version stays in the tree
// until the new one is complete).
func (c *Carousel) announce(d *DII, ident uint16, e *DIIModule) {
	n, err := c.newModule(d, ident, e)
	if err != nil {
		c.fail(err)
		return
	}
	k := n.key
	old := c.modules[k]
	if old != nil && old.sameAs(n) {
		old.dii = ident
		return
	}
	if err := c.checkLimits(n, old); err != nil {
		c.fail(err)
		return
	}
	if old != nil {
		c.totalBytes -= old.footprint()
	}
	c.modules[k] = n
	c.totalBytes += n.footprint()
	c.dirty = true
	if r := c.reuse[k]; r != nil && r.m.sameAs(n) {
		delete(c.reuse, k)
		r.m.dii = ident
		c.modules[k] = r.m
		c.setLive(k, r.m)
		return
	}
	if n.nblocks == 0 {
		c.completeModule(n)
		return
	}
	for bn, data := range c.orphans.take(orphanKey{k.downloadID, k.moduleID, n.version}) {
		c.addBlock(n, bn, data)
	}
}

func (c *Carousel) checkLimits(n, replacing *module) error {
	if int64(n.size) > c.lim.MaxModuleSize {
		return fmt.Errorf("%w: module 0x%04X moduleSize %d > MaxModuleSize %d",
			ErrLimit, n.key.moduleID, n.size, c.lim.MaxModuleSize)
	}
	if n.compressed && int64(n.originalSize) > c.lim.MaxInflatedSize {
		return fmt.Errorf("%w: module 0x%04X original_size %d > MaxInflatedSize %d",
			ErrLimit, n.key.moduleID, n.originalSize, c.lim.MaxInflatedSize)
	}
	total := c.totalBytes + n.footprint()
	if replacing != nil {
		total -= replacing.footprint()
	}
	if total > c.lim.MaxCarouselBytes {
		return fmt.Errorf("%w: module 0x%04X brings the carousel to %d bytes > MaxCarouselBytes %d",
			ErrLimit, n.key.moduleID, total, c.lim.MaxCarouselBytes)
	}
	return nil
}

// handleDDB stores a block in its module, or keeps it as an orphan when no DII announces
// that module version (yet).
func (c *Carousel) handleDDB(payload []byte) {
	var d DDB
	if err := d.Unmarshal(payload); err != nil {
		c.fail(fmt.Errorf("DDB: %w", err))
		return
	}
	k := moduleKey{d.DownloadID(), d.ModuleID}
	m := c.modules[k]
	if m == nil || m.version != d.ModuleVersion {
		c.orphans.add(orphanKey{k.downloadID, k.moduleID, d.ModuleVersion}, d.BlockNumber, d.BlockData)
		return
	}
	c.addBlock(m, d.BlockNumber, d.BlockData)
}

func (c *Carousel) addBlock(m *module, n uint16, data []byte) {
	done, err := m.addBlock(n, data)
	if err != nil {
		c.fail(err)
		return
	}
	if done {
		c.completeModule(m)
	}
}

func (c *Carousel) completeModule(m *module) {
	if err := m.finish(&c.lim); err != nil {
		c.fail(err)
		return
	}
	c.emit(Event{Kind: EventModuleComplete, Generation: c.generation, DownloadID: m.key.downloadID,
		ModuleID: m.key.moduleID, ModuleVersion: m.version})
	c.setLive(m.key, m)
}

// setLive makes m the module whose objects the tree uses. Its BIOP messages are parsed
// once the DSI says this is an object carousel.
func (c *Carousel) setLive(k moduleKey, m *module) {
	c.unindex(k)
	l := &liveModule{m: m}
	c.live[k] = l
	c.dirty = true
	if c.kind != KindObjectCarousel {
		return
	}
	l.parsed = true
	objs, err := parseObjects(m, c.lim.MaxObjects-c.nobjects)
	if err != nil {
		c.fail(err)
	}
	l.objects = objs
	for _, o := range objs {
		if prev := c.objects[o.key]; prev != nil {
			c.fail(fmt.Errorf("%w: object %v defined twice", ErrDuplicateName, o.key))
			continue
		}
		c.objects[o.key] = o
	}
	c.nobjects += len(objs)
}

// unindex removes the objects of the live module k from the index.
func (c *Carousel) unindex(k moduleKey) {
	l := c.live[k]
	if l == nil {
		return
	}
	if len(l.objects) > 0 {
		c.rebuild = true
	}
	for _, o := range l.objects {
		if c.objects[o.key] == o {
			delete(c.objects, o.key)
		}
	}
	c.nobjects -= len(l.objects)
	delete(c.live, k)
}

func (c *Carousel) dropModule(k moduleKey) {
	if m := c.modules[k]; m != nil {
		c.totalBytes -= m.footprint()
		delete(c.modules, k)
	}
	c.unindex(k)
	c.dirty = true
}
