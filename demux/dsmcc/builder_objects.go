package dsmcc

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"

	"github.com/antena-tv/antena/demux/psi"
)

// transactionID returns a transactionId: originator 0b10 (network), version 14,
// identification 15 (0 for the DSI, the DII's number otherwise), updated_flag 1 (toggled by
// each version). Specification: ETSI TR 101 202 §4.6.5; WIRE-FORMATS §2.3.
func transactionID(version, ident uint16) uint32 {
	return transactionOriginator | uint32(version&transactionVerMask)<<transactionVerShift |
		uint32(ident&transactionIdentMask)<<transactionIdentShift | uint32(version&1)
}

func (b *Builder) header(messageID uint16, tid uint32) MessageHeader {
	return MessageHeader{
		ProtocolDiscriminator: ProtocolDiscriminatorDSMCC, DSMCCType: DSMCCTypeUNDownload,
		MessageID: messageID, TransactionID: tid,
	}
}

// location returns the ObjectLocation and ConnBinder that lead to object n, whose module
// is listed by the DII with transactionId tid.
func (b *Builder) location(n *bnode, tid uint32) (ObjectLocation, ConnBinder) {
	loc := ObjectLocation{CarouselID: b.cfg.CarouselID, ModuleID: n.module, VersionMajor: 1, ObjectKey: keyBytes(n.key)}
	return loc, ConnBinder{Taps: []Tap{NewDeliveryParaTap(b.cfg.AssociationTag, tid, timeoutForever)}}
}

// message returns the BIOP message of object n. tidOf gives the transactionId of the DII
// that lists an object's module.
func (b *Builder) message(n *bnode, tidOf func(*bnode) uint32) ([]byte, error) {
	key := keyBytes(n.key)
	switch n.kind {
	case KindFile:
		f := FileMessage{ObjectKey: key, ContentSize: uint64(len(n.content)), Content: n.content}
		return f.Marshal()
	case KindStreamEvent:
		return b.streamEventMessage(n, key)
	}
	d := DirectoryMessage{ObjectKey: key, ServiceGateway: n.kind == KindServiceGateway}
	d.Bindings = make([]Binding, 0, len(n.children))
	for _, c := range n.children {
		loc, binder := b.location(c, tidOf(c))
		var info []byte
		if c.kind == KindFile {
			info = FileObjectInfo(uint64(len(c.content)), nil)
		}
		bd, err := NewBinding(c.name, c.kind, loc, binder, info)
		if err != nil {
			return nil, fmt.Errorf("/%s: %w", c.path, err)
		}
		d.Bindings = append(d.Bindings, bd)
	}
	msg, err := d.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: directory /%s: %w", ErrBuildLimit, trimDot(n.path), err)
	}
	return msg, nil
}

// streamEventMessage returns the BIOP::StreamEvent message of a stream event object, laid
// out as OpenCaster's (WIRE-FORMATS §2.8): Info_T with data 1, the event names, an
// STR_EVENT_USE tap (and an STR_NPT_USE tap for scheduled events) and the event ids.
func (b *Builder) streamEventMessage(n *bnode, key []byte) ([]byte, error) {
	s := n.ste
	m := StreamEventMessage{ObjectKey: key, Info: StreamInfo{Data: 1}, EventIDs: s.EventIDs}
	for _, name := range s.Names {
		m.EventNames = append(m.EventNames, append([]byte(name), 0))
	}
	m.Taps = []Tap{{Use: TapUseStrEvent, AssociationTag: s.AssociationTag}}
	if s.NPT {
		m.Taps = append(m.Taps, Tap{ID: 1, Use: TapUseStrNPT, AssociationTag: s.AssociationTag})
	}
	msg, err := m.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: stream event object /%s: %w", ErrBuildConfig, n.path, err)
	}
	return msg, nil
}

// marshalModules returns the bytes of every module of the plan (its BIOP messages in
// order) for the given transaction version. Modules of the file pool do not depend on the
// version: with reuse they are taken from a previous call.
func (b *Builder) marshalModules(p *plan, version uint16, reuse ...[][]byte) ([][]byte, error) {
	tids := make([]uint32, len(p.diis))
	for i := range p.diis {
		tids[i] = transactionID(version, uint16(i+1))
	}
	mods := map[uint16]*pmod{}
	for _, m := range p.modules {
		mods[m.id] = m
	}
	tidOf := func(n *bnode) uint32 { return tids[mods[n.module].dii] }
	raw := make([][]byte, len(p.modules))
	for i, m := range p.modules {
		if len(reuse) > 0 && m.pool == poolFiles {
			raw[i] = reuse[0][i]
			continue
		}
		buf := make([]byte, 0, m.size)
		for _, n := range m.members {
			msg, err := b.message(n, tidOf)
			if err != nil {
				return nil, err
			}
			buf = append(buf, msg...)
		}
		raw[i] = buf
	}
	return raw, nil
}

// moduleInfo returns the BIOP::ModuleInfo of a module: no timeouts, a BIOP_OBJECT_USE tap
// to the carousel stream, and a compressed_module_descriptor when it is compressed.
func (b *Builder) moduleInfo(compressed bool, originalSize int) ([]byte, error) {
	mi := ModuleInfo{
		ModuleTimeOut: timeoutForever, BlockTimeOut: timeoutForever,
		Taps: []Tap{{Use: TapUseBIOPObject, AssociationTag: b.cfg.AssociationTag}},
	}
	if compressed {
		cd := CompressedModuleDescriptor{CompressionMethod: compressionMethod, OriginalSize: uint32(originalSize)}
		data, err := cd.Marshal()
		if err != nil {
			return nil, err
		}
		mi.UserInfo = psi.AppendDescriptor(nil, TagCompressedModule, data)
	}
	return mi.Marshal()
}

func hashOf(b []byte) [32]byte { return sha256.Sum256(b) }

// assemble makes the sections: the modules that changed (compressed, cut into DDBs) and
// those that did not (taken from the previous build), the DIIs and the DSI.
func (b *Builder) assemble(p *plan, raw [][]byte, version uint16, nodes []*bnode) (*BuiltCarousel, error) {
	c := &BuiltCarousel{
		CarouselID: b.cfg.CarouselID, AssociationTag: b.cfg.AssociationTag, BlockSize: b.cfg.BlockSize,
		TransactionVersion: version, DSITransactionID: transactionID(version, 0), Changed: true,
	}
	for i := range p.diis {
		c.DIITransactionIDs = append(c.DIITransactionIDs, transactionID(version, uint16(i+1)))
	}
	next := make(map[uint16]*builtState, len(p.modules))
	var zw *zlib.Writer
	for i, m := range p.modules {
		st := &builtState{hash: hashOf(raw[i]), pool: m.pool}
		for _, n := range m.members {
			st.members = append(st.members, n.path)
		}
		if prev := b.prevMods[m.id]; prev != nil && prev.hash == st.hash {
			st.mod = prev.mod
			st.mod.Changed = false
		} else {
			mod, err := b.buildModule(m, raw[i], &zw)
			if err != nil {
				return nil, err
			}
			st.mod = mod
		}
		st.mod.DII = c.DIITransactionIDs[m.dii]
		st.mod.Objects = st.members
		next[m.id] = st
		c.Modules = append(c.Modules, st.mod)
	}
	if err := b.controlSections(c, p); err != nil {
		return nil, err
	}
	for _, n := range nodes {
		switch n.kind {
		case KindFile:
			c.Files++
			c.FileBytes += int64(len(n.content))
		case KindStreamEvent:
			c.StreamEvents++
		default:
			c.Directories++
		}
	}
	b.prev, b.prevMods = c, next
	return c, nil
}

// buildModule gives a module with new content its next version, compresses it when that
// shrinks it, and cuts it into DDB sections.
func (b *Builder) buildModule(m *pmod, raw []byte, zw **zlib.Writer) (BuiltModule, error) {
	b.versions[m.id]++
	if b.versions[m.id] == 0 { // 8 bits wrap; 0 was the first version's predecessor
		b.versions[m.id] = 1
	}
	mod := BuiltModule{ModuleID: m.id, Version: b.versions[m.id], OriginalSize: len(raw), Changed: true}
	payload := raw
	if !b.cfg.NoCompression {
		var z bytes.Buffer
		if *zw == nil {
			*zw = zlib.NewWriter(&z)
		} else {
			(*zw).Reset(&z)
		}
		if _, err := (*zw).Write(raw); err != nil {
			return mod, err
		}
		if err := (*zw).Close(); err != nil {
			return mod, err
		}
		if z.Len() < len(raw) {
			payload, mod.Compressed = z.Bytes(), true
		}
	}
	mod.Size = len(payload)
	blocks := max(1, (len(payload)+b.cfg.BlockSize-1)/b.cfg.BlockSize)
	buf := make([]byte, 0, len(payload)+blocks*(psi.HeaderLen+MessageHeaderLen+ddbFixed+4))
	mod.DDB = make([][]byte, 0, blocks)
	for n := range blocks {
		data := payload[min(n*b.cfg.BlockSize, len(payload)):min((n+1)*b.cfg.BlockSize, len(payload))]
		ddb := DDB{
			Header: b.header(MessageIDDDB, b.cfg.CarouselID), ModuleID: m.id, ModuleVersion: mod.Version,
			BlockNumber: uint16(n), BlockData: data,
		}
		start := len(buf)
		var err error
		if buf, err = AppendDDBSection(buf, &ddb, uint16(blocks-1)); err != nil {
			return mod, fmt.Errorf("module 0x%04X block %d: %w", m.id, n, err)
		}
		mod.DDB = append(mod.DDB, buf[start:len(buf):len(buf)])
	}
	return mod, nil
}

// controlSections makes the DII sections and the DSI section.
func (b *Builder) controlSections(c *BuiltCarousel, p *plan) error {
	byID := map[uint16]*BuiltModule{}
	for i := range c.Modules {
		byID[c.Modules[i].ModuleID] = &c.Modules[i]
	}
	for i, group := range p.diis {
		d := DII{Header: b.header(MessageIDDII, c.DIITransactionIDs[i]), DownloadID: b.cfg.CarouselID,
			BlockSize: uint16(b.cfg.BlockSize)}
		for _, m := range group {
			bm := byID[m.id]
			mi, err := b.moduleInfo(bm.Compressed, bm.OriginalSize)
			if err != nil {
				return err
			}
			d.Modules = append(d.Modules, DIIModule{
				ModuleID: m.id, ModuleSize: uint32(bm.Size), ModuleVersion: bm.Version, ModuleInfo: mi,
			})
		}
		sec, err := AppendDIISection(nil, &d)
		if err != nil {
			return fmt.Errorf("%w: DII %d: %w", ErrBuildLimit, i+1, err)
		}
		c.DII = append(c.DII, sec)
	}
	var root *bnode
	rootDII := 0
	for _, m := range p.modules {
		for _, n := range m.members {
			if n.kind == KindServiceGateway {
				root, rootDII = n, m.dii
			}
		}
	}
	if root == nil {
		return fmt.Errorf("%w: no service gateway module", ErrBuildConfig) // cannot happen
	}
	loc, binder := b.location(root, c.DIITransactionIDs[rootDII])
	ior, err := NewIOR(KindServiceGateway, BIOPProfileBody{ObjectLocation: loc, ConnBinder: binder})
	if err != nil {
		return err
	}
	sgi := ServiceGatewayInfo{IOR: ior}
	priv, err := sgi.Marshal()
	if err != nil {
		return err
	}
	dsi := DSI{Header: b.header(MessageIDDSI, c.DSITransactionID), PrivateData: priv}
	for i := range dsi.ServerID {
		dsi.ServerID[i] = 0xFF
	}
	c.DSI, err = AppendDSISection(nil, &dsi)
	return err
}
