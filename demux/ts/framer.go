package ts

// Framer cuts a byte stream that arrives in chunks of any size into 188-byte transport
// packets. It finds sync (several sync bytes at a steady spacing), detects the packet
// size (188, 192 or 204 bytes), and resynchronises after garbage. Locked, it hands out
// packets that alias the caller's chunk and copies only the fraction of a packet that
// straddles two chunks, so it allocates nothing after construction.
type Framer struct {
	// Size is the detected packet spacing (188, 192 or 204), 0 before the first lock.
	Size int
	// Packets, SyncLosses and GarbageBytes count what the Framer has seen.
	Packets      int64
	SyncLosses   int64
	GarbageBytes int64

	locked bool
	emit   func(pkt []byte)
	carry  [carryCap]byte
	n      int
}

// acquireRun is how many sync bytes at a steady spacing establish lock.
const acquireRun = 4

const carryCap = (acquireRun + 2) * PacketSizeRS

var sizes = [3]int{PacketSize, PacketSizeM2TS, PacketSizeRS}

// NewFramer returns a Framer that calls emit for every packet, synchronously. The packet
// slice is only valid during the call.
func NewFramer(emit func(pkt []byte)) *Framer { return &Framer{emit: emit} }

// Write consumes b. It never fails: garbage is counted and skipped.
func (f *Framer) Write(b []byte) {
	for len(b) > 0 {
		if f.n > 0 || !f.locked {
			b = f.feedCarry(b)
			continue
		}
		b = f.fast(b)
		if len(b) > 0 && f.locked {
			// Less than one packet left: keep it for the next chunk.
			f.n = copy(f.carry[:], b)
			return
		}
	}
}

// fast hands out whole packets straight from b while the lock holds.
func (f *Framer) fast(b []byte) []byte {
	s := f.Size
	for len(b) >= s {
		// The next sync byte, when this chunk holds it, confirms that the packet is whole; a
		// torn packet is dropped rather than handed out with another packet's bytes in it.
		if b[0] != SyncByte || (len(b) > s && b[s] != SyncByte) {
			f.loseSync()
			return b
		}
		f.Packets++
		f.emit(b[:PacketSize:PacketSize])
		b = b[s:]
	}
	// A last packet may be whole even though the spacing's trailer is not there yet.
	return b
}

func (f *Framer) loseSync() {
	f.locked = false
	f.SyncLosses++
}

// feedCarry moves bytes of b into the carry buffer and works on it: completing a packet that
// straddled two chunks while locked, or searching for sync while not.
func (f *Framer) feedCarry(b []byte) []byte {
	if f.locked {
		need := f.Size - f.n
		k := min(need, len(b))
		copy(f.carry[f.n:], b[:k])
		f.n += k
		b = b[k:]
		if f.n < f.Size {
			return b
		}
		if f.carry[0] == SyncByte {
			f.Packets++
			f.emit(f.carry[:PacketSize:PacketSize])
			f.n = 0
			return b
		}
		f.loseSync()
		// fall through to the search with what is in carry
	} else {
		k := min(carryCap-f.n, len(b))
		copy(f.carry[f.n:], b[:k])
		f.n += k
		b = b[k:]
	}
	f.search(false)
	return b
}

// search looks for lock in the carry buffer. With atEnd it accepts a shorter run, since no
// more bytes will come.
func (f *Framer) search(atEnd bool) {
	c := f.carry[:f.n]
	for i := 0; i < len(c); i++ {
		if c[i] != SyncByte {
			continue
		}
		size, ok := f.lockAt(c[i:], atEnd)
		if !ok {
			if !atEnd && i+(acquireRun-1)*PacketSizeRS+1 > len(c) {
				// Not enough bytes yet to decide about position i: keep them.
				f.drop(i)
				return
			}
			continue
		}
		f.drop(i)
		f.Size, f.locked = size, true
		f.drainCarry()
		return
	}
	// No sync byte worth keeping.
	f.drop(len(c))
}

// lockAt reports the packet spacing for which b starts a run of sync bytes.
func (f *Framer) lockAt(b []byte, atEnd bool) (int, bool) {
	try := func(s int) bool {
		run := 0
		for k := 0; k < acquireRun; k++ {
			if k*s >= len(b) {
				break
			}
			if b[k*s] != SyncByte {
				return false
			}
			run++
		}
		if run == acquireRun {
			return true
		}
		// Fewer packets than a full run: only at the end of the stream, and the bytes left
		// must make whole packets.
		return atEnd && len(b) >= PacketSize && (len(b)%s == 0 || (len(b)-PacketSize)%s == 0)
	}
	if f.Size != 0 && try(f.Size) {
		return f.Size, true
	}
	for _, s := range sizes {
		if try(s) {
			return s, true
		}
	}
	return 0, false
}

func (f *Framer) drop(i int) {
	if i == 0 {
		return
	}
	f.GarbageBytes += int64(i)
	f.n = copy(f.carry[:], f.carry[i:f.n])
}

// drainCarry emits the whole packets now in the carry buffer (after a lock) and keeps the
// remainder.
func (f *Framer) drainCarry() {
	c := f.carry[:f.n]
	off := 0
	for len(c)-off >= PacketSize {
		if c[off] != SyncByte {
			f.loseSync()
			f.drop(off)
			return
		}
		if len(c)-off < f.Size {
			break
		}
		f.Packets++
		f.emit(c[off : off+PacketSize : off+PacketSize])
		off += f.Size
	}
	f.n = copy(f.carry[:], c[off:])
}

// Flush is called at the end of the stream: packets still held for lack of a full sync run
// are handed out if they look whole, and the rest is counted as garbage.
func (f *Framer) Flush() {
	if !f.locked && f.n > 0 {
		f.search(true)
	}
	if f.locked && f.n >= PacketSize && f.carry[0] == SyncByte {
		f.Packets++
		f.emit(f.carry[:PacketSize:PacketSize])
		f.n = 0
	}
	f.GarbageBytes += int64(f.n)
	f.n = 0
}
