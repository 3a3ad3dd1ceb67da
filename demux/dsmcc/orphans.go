package dsmcc

import "bytes"

// orphanKey names a module version whose blocks arrive before (or without) its DII.
type orphanKey struct {
	downloadID uint32
	moduleID   uint16
	version    uint8
}

type orphanRef struct {
	key   orphanKey
	block uint16
}

// orphanStore keeps copies of DDB blocks whose DII is not known yet, so that a receiver
// that joins the loop between a DII and the next one still completes within one cycle
// (TSDuck's DSMCCModuleAssembler does the same; MythTV and libdsmcc drop such blocks). It is
// bounded in blocks and bytes; the oldest blocks are dropped first.
type orphanStore struct {
	maxBlocks int
	maxBytes  int64
	mods      map[orphanKey]map[uint16][]byte
	fifo      []orphanRef
	count     int
	bytes     int64
	dropped   int64
}

func newOrphanStore(l Limits) orphanStore {
	return orphanStore{maxBlocks: l.MaxOrphanBlocks, maxBytes: l.MaxOrphanBytes, mods: map[orphanKey]map[uint16][]byte{}}
}

// add keeps a copy of data as block n of k. It reports whether the block is kept.
func (s *orphanStore) add(k orphanKey, n uint16, data []byte) bool {
	if s.maxBlocks <= 0 || int64(len(data)) > s.maxBytes {
		s.dropped++
		return false
	}
	blocks := s.mods[k]
	if _, dup := blocks[n]; dup {
		return true
	}
	for s.count+1 > s.maxBlocks || s.bytes+int64(len(data)) > s.maxBytes {
		if !s.evictOldest() {
			return false
		}
	}
	if blocks == nil {
		blocks = map[uint16][]byte{}
		s.mods[k] = blocks
	}
	blocks[n] = bytes.Clone(data)
	s.fifo = append(s.fifo, orphanRef{k, n})
	s.count++
	s.bytes += int64(len(data))
	return true
}

// evictOldest drops the oldest block still held.
func (s *orphanStore) evictOldest() bool {
	for len(s.fifo) > 0 {
		ref := s.fifo[0]
		s.fifo = s.fifo[1:]
		blocks := s.mods[ref.key]
		data, ok := blocks[ref.block]
		if !ok {
			continue // taken already
		}
		delete(blocks, ref.block)
		if len(blocks) == 0 {
			delete(s.mods, ref.key)
		}
		s.count--
		s.bytes -= int64(len(data))
		s.dropped++
		return true
	}
	return false
}

// take removes and returns the blocks held for k.
func (s *orphanStore) take(k orphanKey) map[uint16][]byte {
	blocks := s.mods[k]
	if blocks == nil {
		return nil
	}
	delete(s.mods, k)
	for _, b := range blocks {
		s.count--
		s.bytes -= int64(len(b))
	}
	s.compact()
	return blocks
}

// compact drops references to taken blocks once they dominate the queue.
func (s *orphanStore) compact() {
	if len(s.fifo) < 2*s.count+64 {
		return
	}
	kept := s.fifo[:0]
	for _, ref := range s.fifo {
		if _, ok := s.mods[ref.key][ref.block]; ok {
			kept = append(kept, ref)
		}
	}
	clear(s.fifo[len(kept):])
	s.fifo = kept
}
