package dsmcc

import (
	"bytes"
	"io/fs"
	"testing"
)

// FuzzCarouselFeed feeds a sequence of sections (concatenated, cut by their
// section_length) to a Carousel with small limits: no panic, no hang, and the tree and
// progress stay readable.
func FuzzCarouselFeed(f *testing.F) {
	srg := plainMod(1, 1,
		dirMsg(f, true, 1, bind(f, "a", KindFile, 2, 1), bind(f, "d/e", KindFile, 2, 1), bind(f, "s", KindDirectory, 1, 2)),
		dirMsg(f, false, 2, bind(f, "back", KindDirectory, 1, 1)))
	files := zlibMod(f, 2, 1, fileMsg(f, 1, bytes.Repeat([]byte("z"), 300)))
	secs := [][]byte{makeDSI(f, testDSITID, 1, 1, testDIITID), makeDII(f, testDIITID, testCarouselID, 64, srg, files)}
	secs = append(secs, makeDDBs(f, testCarouselID, 64, srg)...)
	secs = append(secs, makeDDBs(f, testCarouselID, 64, files)...)
	f.Add(bytes.Join(secs, nil))
	f.Add(bytes.Join(append(secs[2:], secs[:2]...), nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		lim := Limits{MaxCarouselBytes: 1 << 20, MaxModuleSize: 1 << 18, MaxInflatedSize: 1 << 18, MaxObjects: 64,
			MaxOrphanBlocks: 16, MaxOrphanBytes: 1 << 16}
		c := New(Config{Limits: &lim, OnEvent: func(Event) {}, OnDecodeError: func(error) {}})
		for len(b) >= 3 {
			n := 3 + (int(b[1]&0x0F)<<8 | int(b[2]))
			n = min(n, len(b))
			c.Section(b[:n])
			b = b[n:]
		}
		_ = c.Progress()
		_ = c.Info()
		s := c.Snapshot()
		_ = fs.WalkDir(s, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				_, _ = fs.ReadFile(s, p)
			}
			return err
		})
	})
}
