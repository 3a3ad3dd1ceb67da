package demux

// versionCache recognises a section that repeats one already delivered on the PID: same
// table_id, table_id_extension, section_number, version and CRC. Broadcasters repeat PSI
// every 100 ms, so most sections are repeats and cost one lookup here.
type versionCache struct {
	entries []versionEntry
}

type versionEntry struct {
	key uint32 // table_id << 24 | table_id_extension << 8 | section_number
	ver uint8
	crc uint32
}

// maxVersionEntries bounds the cache of one PID; past it sections are treated as new.
const maxVersionEntries = 256

// repeat reports whether sec (a long-header section) was seen before, and records it.
func (c *versionCache) repeat(sec []byte) bool {
	n := len(sec)
	key := uint32(sec[0])<<24 | uint32(sec[3])<<16 | uint32(sec[4])<<8 | uint32(sec[6])
	ver := sec[5] >> 1 & 0x1F
	crc := uint32(sec[n-4])<<24 | uint32(sec[n-3])<<16 | uint32(sec[n-2])<<8 | uint32(sec[n-1])
	for i := range c.entries {
		e := &c.entries[i]
		if e.key == key {
			if e.ver == ver && e.crc == crc {
				return true
			}
			e.ver, e.crc = ver, crc
			return false
		}
	}
	if len(c.entries) < maxVersionEntries {
		c.entries = append(c.entries, versionEntry{key: key, ver: ver, crc: crc})
	}
	return false
}
