package dsmcc

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math/bits"
)

type moduleKey struct {
	downloadID uint32
	moduleID   uint16
}

// module is the acquisition state of one module version, as announced by a DII. Blocks
// are copied into buf at blockNumber*blockSize as they arrive, whatever their order; the
// module is complete when every block has been seen. A module's data never changes once
// complete, so the objects that alias it can be shared by snapshots without copies.
type module struct {
	key          moduleKey
	dii          uint16 // identification of the DII that lists it
	version      uint8
	size         uint32
	blockSize    uint16
	nblocks      int
	compressed   bool
	originalSize uint32
	assocTag     uint16 // BIOP_OBJECT_USE tap: the stream carrying the DDBs
	hasTap       bool

	have     []uint64 // bit per block
	received int
	buf      []byte
	complete bool
	data     []byte // the module's content (inflated) once complete
	err      error  // last failure to decode the completed module
	failures int
}

// sameAs reports whether m describes the same module version as n (so that a repeated or
// re-sent DII keeps the blocks already received).
func (m *module) sameAs(n *module) bool {
	return m.version == n.version && m.size == n.size && m.blockSize == n.blockSize &&
		m.compressed == n.compressed && m.originalSize == n.originalSize
}

// footprint is what the module may hold in memory: max(moduleSize, original_size).
func (m *module) footprint() int64 { return int64(max(m.size, m.originalSize)) }

// addBlock stores block n. It reports whether the module became complete with it.
func (m *module) addBlock(n uint16, data []byte) (bool, error) {
	if m.complete {
		return false, nil
	}
	i := int(n)
	if i >= m.nblocks {
		return false, fmt.Errorf("%w: module 0x%04X v%d block %d, module has %d blocks",
			ErrBlock, m.key.moduleID, m.version, n, m.nblocks)
	}
	off := i * int(m.blockSize)
	want := min(int(m.blockSize), int(m.size)-off)
	if len(data) != want {
		return false, fmt.Errorf("%w: module 0x%04X v%d block %d has %d bytes, want %d",
			ErrBlock, m.key.moduleID, m.version, n, len(data), want)
	}
	if m.have == nil {
		m.have = make([]uint64, (m.nblocks+63)/64)
	}
	if m.have[i/64]&(1<<(i%64)) != 0 {
		return false, nil
	}
	if m.buf == nil {
		m.buf = make([]byte, m.size)
	}
	copy(m.buf[off:], data)
	m.have[i/64] |= 1 << (i % 64)
	m.received++
	return m.received == m.nblocks, nil
}

// missingBlocks returns the numbers of the blocks not received yet, as ranges.
func (m *module) missingBlocks() []BlockRange {
	if m.complete {
		return nil
	}
	var out []BlockRange
	for i := 0; i < m.nblocks; i++ {
		if m.have != nil && m.have[i/64]&(1<<(i%64)) != 0 {
			continue
		}
		if k := len(out) - 1; k >= 0 && int(out[k].Last)+1 == i {
			out[k].Last = uint16(i)
			continue
		}
		out = append(out, BlockRange{First: uint16(i), Last: uint16(i)})
	}
	return out
}

// finish turns the received blocks into the module's data: it inflates a compressed module
// within the limit. On failure the blocks are dropped so that the next cycle brings them
// again.
func (m *module) finish(lim *Limits) error {
	data := m.buf
	if data == nil {
		data = []byte{}
	}
	if m.compressed {
		out, err := inflate(data, m.originalSize, lim.MaxInflatedSize)
		if err != nil {
			m.err = fmt.Errorf("module 0x%04X v%d: %w", m.key.moduleID, m.version, err)
			m.failures++
			m.reset()
			return m.err
		}
		data = out
	}
	m.buf, m.have = nil, nil
	m.data = data
	m.complete, m.err = true, nil
	return nil
}

func (m *module) reset() {
	m.buf, m.have, m.received, m.complete, m.data = nil, nil, 0, false, nil
}

// receivedBytes returns the bytes of the blocks received.
func (m *module) receivedBytes() int64 {
	if m.complete {
		return int64(m.size)
	}
	n := 0
	for _, w := range m.have {
		n += bits.OnesCount64(w)
	}
	if n == 0 {
		return 0
	}
	total := int64(n) * int64(m.blockSize)
	last := m.nblocks - 1
	if m.have[last/64]&(1<<(last%64)) != 0 {
		total -= int64(m.blockSize) - (int64(m.size) - int64(last)*int64(m.blockSize))
	}
	return total
}

// inflate decompresses a zlib stream that must inflate to exactly originalSize bytes. It
// never reads more than originalSize+1 bytes from the inflater, so a zlib bomb costs no
// more than its declared size, which is itself bounded by limit.
func inflate(src []byte, originalSize uint32, limit int64) ([]byte, error) {
	if int64(originalSize) > limit {
		return nil, fmt.Errorf("%w: original_size %d > MaxInflatedSize %d", ErrLimit, originalSize, limit)
	}
	zr, err := zlib.NewReader(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInflate, err)
	}
	out := make([]byte, originalSize)
	n, err := io.ReadFull(zr, out)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%w: inflated %d bytes, original_size %d", ErrInflatedSize, n, originalSize)
		}
		return nil, fmt.Errorf("%w: after %d bytes: %w", ErrInflate, n, err)
	}
	var one [1]byte
	k, err := io.ReadFull(zr, one[:])
	if k > 0 {
		return nil, fmt.Errorf("%w: inflates to more than original_size %d", ErrInflatedSize, originalSize)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: %w", ErrInflate, err)
	}
	return out, nil
}
