package psi

// CRC-32/MPEG-2: polynomial 0x04C11DB7, initial value 0xFFFFFFFF, MSB first, no final XOR.
// hash/crc32 only computes the bit-reflected variants, so the table is built here.
var crcTable = func() (t [256]uint32) {
	for i := range t {
		c := uint32(i) << 24
		for range 8 {
			if c&0x80000000 != 0 {
				c = c<<1 ^ 0x04C11DB7
			} else {
				c <<= 1
			}
		}
		t[i] = c
	}
	return t
}()

// CRC32 returns the CRC-32/MPEG-2 of b. A section followed by its own CRC gives zero.
func CRC32(b []byte) uint32 { return UpdateCRC32(0xFFFFFFFF, b) }

// UpdateCRC32 continues a CRC-32/MPEG-2 computation.
func UpdateCRC32(crc uint32, b []byte) uint32 {
	for _, v := range b {
		crc = crc<<8 ^ crcTable[byte(crc>>24)^v]
	}
	return crc
}
