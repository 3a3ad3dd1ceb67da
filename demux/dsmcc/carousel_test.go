package dsmcc

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

type recorder struct {
	events []Event
	errs   []error
}

func (r *recorder) config(lim *Limits) Config {
	return Config{
		Limits:        lim,
		OnEvent:       func(e Event) { r.events = append(r.events, e) },
		OnDecodeError: func(err error) { r.errs = append(r.errs, err) },
	}
}

func (r *recorder) kinds(k EventKind) []string {
	var out []string
	for _, e := range r.events {
		if e.Kind == k {
			out = append(out, e.Path)
		}
	}
	return out
}

// smallCarousel: srg (module 1) with "a.txt" and dir "d" (module 1) holding "b.txt"
// (module 2).
func smallCarousel(t *testing.T, version uint8, a, b []byte) (srg, files modSpec) {
	t.Helper()
	srg = plainMod(1, version,
		dirMsg(t, true, 1, bind(t, "a.txt", KindFile, 2, 10), bind(t, "d", KindDirectory, 1, 2)),
		dirMsg(t, false, 2, bind(t, "b.txt", KindFile, 2, 11)))
	files = plainMod(2, version, fileMsg(t, 10, a), fileMsg(t, 11, b))
	return srg, files
}

func TestCarouselBasic(t *testing.T) {
	srg, files := smallCarousel(t, 1, []byte("hello"), []byte("world"))
	var r recorder
	c := New(r.config(nil))
	feedAll(t, c, makeDSI(t, testDSITID, 1, 1, testDIITID), makeDII(t, testDIITID, testCarouselID, 16, srg, files))
	feedAll(t, c, makeDDBs(t, testCarouselID, 16, srg)...)
	require.False(t, c.Complete())
	p := c.Progress()
	require.Equal(t, []string{"a.txt", "d/b.txt"}, missingPaths(p))
	feedAll(t, c, makeDDBs(t, testCarouselID, 16, files)...)
	require.True(t, c.Complete())
	require.NoError(t, fstest.TestFS(c.Snapshot(), "a.txt", "d/b.txt"))
	got, err := fs.ReadFile(c, "d/b.txt")
	require.NoError(t, err)
	require.Equal(t, "world", string(got))
	require.Equal(t, []string{"a.txt", "d/b.txt"}, r.kinds(EventFileAdded))
	require.Len(t, r.kinds(EventModuleComplete), 2)
	require.Len(t, r.kinds(EventCarouselComplete), 1)
	require.Empty(t, r.errs)
}

func missingPaths(p Progress) []string {
	var out []string
	for _, m := range p.MissingFiles {
		out = append(out, m.Path)
	}
	return out
}

func TestCarouselOrphanBlocks(t *testing.T) {
	g := generateCarousel(t, 20, 3000, 20000, 1)
	for _, orphans := range []bool{true, false} {
		lim := DefaultLimits()
		if !orphans {
			lim.MaxOrphanBlocks = 0
		}
		c := New(Config{Limits: &lim})
		// The blocks come first, then DSI and DII, as in the OpenCaster sample.
		feedAll(t, c, g.ddbs...)
		feedAll(t, c, g.dsi, g.dii)
		require.Equal(t, orphans, c.Complete(), "orphans %v", orphans)
		if !orphans {
			feedAll(t, c, g.ddbs...)
			require.True(t, c.Complete())
		}
		require.Equal(t, g.files, readAll(t, c.Snapshot()))
	}
}

func readAll(t *testing.T, fsys fs.FS) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	require.NoError(t, fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		out[p] = b
		return err
	}))
	return out
}

func TestCarouselVersionBump(t *testing.T) {
	srg1, files1 := smallCarousel(t, 1, []byte("hello"), []byte("world"))
	var r recorder
	c := New(r.config(nil))
	feedAll(t, c, makeDSI(t, testDSITID, 1, 1, testDIITID), makeDII(t, testDIITID, testCarouselID, 16, srg1, files1))
	feedAll(t, c, makeDDBs(t, testCarouselID, 16, srg1)...)
	feedAll(t, c, makeDDBs(t, testCarouselID, 16, files1)...)
	require.True(t, c.Complete())
	old := c.Snapshot()
	f, err := old.Open("a.txt")
	require.NoError(t, err)

	// Module 2 goes to version 2 with new content; the DII's transactionId version changes.
	_, files2 := smallCarousel(t, 2, []byte("HELLO!"), []byte("world"))
	feedAll(t, c, makeDII(t, testDIITID+0x10000, testCarouselID, 16, srg1, files2))
	require.False(t, c.Complete())
	// Until version 2 is complete, the tree still serves version 1.
	got, err := c.ReadFile("a.txt")
	require.NoError(t, err)
	require.Equal(t, "hello", string(got))
	feedAll(t, c, makeDDBs(t, testCarouselID, 16, files2)...)
	require.True(t, c.Complete())
	got, err = c.ReadFile("a.txt")
	require.NoError(t, err)
	require.Equal(t, "HELLO!", string(got))
	require.Equal(t, []string{"a.txt"}, r.kinds(EventFileChanged), "b.txt did not change")
	// A reader of the old snapshot keeps its view.
	b := make([]byte, 16)
	n, _ := f.Read(b)
	require.Equal(t, "hello", string(b[:n]))
	got, err = old.ReadFile("a.txt")
	require.NoError(t, err)
	require.Equal(t, "hello", string(got))
	require.Len(t, r.kinds(EventCarouselComplete), 2)
}

func TestCarouselSizeChangeSameVersion(t *testing.T) {
	srg, files1 := smallCarousel(t, 1, []byte("hello"), []byte("world"))
	var r recorder
	c := New(r.config(nil))
	feedAll(t, c, makeDSI(t, testDSITID, 1, 1, testDIITID), makeDII(t, testDIITID, testCarouselID, 16, srg, files1))
	feedAll(t, c, makeDDBs(t, testCarouselID, 16, srg)...)
	feedAll(t, c, makeDDBs(t, testCarouselID, 16, files1)...)
	require.True(t, c.Complete())
	// Same version, same transactionId, new size (MythTV's ITV4 workaround).
	_, files2 := smallCarousel(t, 1, []byte("hello, longer"), []byte("world"))
	feedAll(t, c, makeDII(t, testDIITID, testCarouselID, 16, srg, files2))
	require.False(t, c.Complete())
	feedAll(t, c, makeDDBs(t, testCarouselID, 16, files2)...)
	require.True(t, c.Complete())
	got, err := c.ReadFile("a.txt")
	require.NoError(t, err)
	require.Equal(t, "hello, longer", string(got))
	require.Equal(t, []string{"a.txt"}, r.kinds(EventFileChanged))
}

func TestCarouselTwoDIIs(t *testing.T) {
	// DII 0x80050002 carries the service gateway module, DII 0x80050004 the files.
	const diiB = 0x80050004
	srg := plainMod(1, 1, dirMsg(t, true, 1, bind(t, "x", KindFile, 5, 1), bind(t, "y", KindFile, 6, 1)))
	m5 := plainMod(5, 1, fileMsg(t, 1, []byte("xx")))
	m6 := zlibMod(t, 6, 1, fileMsg(t, 1, bytes.Repeat([]byte("y"), 5000)))
	c := New(Config{})
	feedAll(t, c, makeDSI(t, testDSITID, 1, 1, testDIITID), makeDII(t, testDIITID, testCarouselID, 100, srg))
	feedAll(t, c, makeDDBs(t, testCarouselID, 100, srg)...)
	require.False(t, c.Complete())
	require.Equal(t, []string{"x", "y"}, missingPaths(c.Progress()))
	feedAll(t, c, makeDII(t, diiB, testCarouselID, 100, m5, m6))
	feedAll(t, c, makeDDBs(t, testCarouselID, 100, m5)...)
	feedAll(t, c, makeDDBs(t, testCarouselID, 100, m6)...)
	require.True(t, c.Complete())
	require.Len(t, c.Info().DIIs, 2)
	y, err := c.ReadFile("y")
	require.NoError(t, err)
	require.Len(t, y, 5000)
}

func TestCarouselLargeModule(t *testing.T) {
	// One module over 1 MB: more than 256 blocks, so section_number wraps; blocks are
	// keyed by the DDB's blockNumber (TSDuck issue #1719).
	big := bytes.Repeat([]byte("0123456789abcdef"), 70_000) // 1,120,000 bytes
	big[12345] = 'X'
	srg := plainMod(1, 1, dirMsg(t, true, 1, bind(t, "big.bin", KindFile, 2, 1)))
	m := plainMod(2, 3, fileMsg(t, 1, big))
	ddbs := makeDDBs(t, testCarouselID, testBlockSize, m)
	require.GreaterOrEqual(t, len(ddbs), 260)
	c := New(Config{})
	feedAll(t, c, makeDSI(t, testDSITID, 1, 1, testDIITID), makeDII(t, testDIITID, testCarouselID, testBlockSize, srg, m))
	feedAll(t, c, makeDDBs(t, testCarouselID, testBlockSize, srg)...)
	// Blocks in reverse order.
	for i := len(ddbs) - 1; i >= 0; i-- {
		feedAll(t, c, ddbs[i])
	}
	require.True(t, c.Complete())
	got, err := c.ReadFile("big.bin")
	require.NoError(t, err)
	require.Equal(t, big, got)
}

func TestCarouselBlockLostThenReceived(t *testing.T) {
	g := generateCarousel(t, 10, 5000, 30000, 2)
	c := New(Config{})
	loop := g.loop(8)
	lost := loop[len(loop)/2]
	for _, s := range loop {
		if &s[0] != &lost[0] {
			feedAll(t, c, s)
		}
	}
	p := c.Progress()
	require.False(t, p.Complete)
	require.Equal(t, p.Blocks-1, p.BlocksReceived)
	var missing []BlockRange
	for _, m := range p.ModuleStates {
		missing = append(missing, m.Missing...)
	}
	require.Len(t, missing, 1)
	require.NotEmpty(t, p.MissingFiles)
	feedAll(t, c, loop...)
	require.True(t, c.Complete())
	require.Equal(t, g.files, readAll(t, c.Snapshot()))
}

func TestCarouselMaliciousNames(t *testing.T) {
	srg := plainMod(1, 1,
		dirMsg(t, true, 1,
			bind(t, "ok.txt", KindFile, 2, 1),
			bind(t, "..", KindFile, 2, 1),
			bind(t, ".", KindFile, 2, 1),
			bind(t, "", KindFile, 2, 1),
			bind(t, "a/../../x", KindFile, 2, 1),
			bind(t, "nul\x00inside", KindFile, 2, 1),
			bind(t, "sub/dir/deep.txt", KindFile, 2, 1), // '/' is a sub-path
			bind(t, "loop", KindDirectory, 1, 3),
			bind(t, "self", KindDirectory, 1, 1)),
		dirMsg(t, false, 3, bind(t, "back", KindDirectory, 1, 3), bind(t, "f", KindFile, 2, 1)))
	files := plainMod(2, 1, fileMsg(t, 1, []byte("data")))
	var r recorder
	c := New(r.config(nil))
	for _, s := range append([][]byte{makeDSI(t, testDSITID, 1, 1, testDIITID),
		makeDII(t, testDIITID, testCarouselID, 100, srg, files)},
		append(makeDDBs(t, testCarouselID, 100, srg), makeDDBs(t, testCarouselID, 100, files)...)...) {
		c.Section(s)
	}
	require.True(t, c.Complete())
	got := readAll(t, c.Snapshot())
	data := []byte("data")
	require.Equal(t, map[string][]byte{"ok.txt": data, "sub/dir/deep.txt": data, "loop/f": data}, got)
	var bad, cycles int
	for _, err := range r.errs {
		switch {
		case errors.Is(err, ErrBadName):
			bad++
		case errors.Is(err, ErrCycle):
			cycles++
		default:
			t.Errorf("unexpected error %v", err)
		}
	}
	require.Equal(t, 5, bad, "%v", r.errs)
	require.Equal(t, 2, cycles, "%v", r.errs)
	fi, err := c.Stat("sub")
	require.NoError(t, err)
	require.True(t, fi.IsDir())
	require.True(t, fi.Sys().(*ObjectInfo).Implicit)
	require.NoError(t, fstest.TestFS(c.Snapshot(), "ok.txt", "sub/dir/deep.txt", "loop/f"))
}

func TestCarouselZlibBomb(t *testing.T) {
	// 8 MB of zeros compress to ~8 KB; the DII says original_size 1000. Only 1001 bytes
	// are ever inflated.
	bomb := zlibMod(t, 2, 1, make([]byte, 8<<20))
	bomb.originalSize = 1000
	srg := plainMod(1, 1, dirMsg(t, true, 1, bind(t, "f", KindFile, 2, 1)))
	c := New(Config{})
	feedAll(t, c, makeDSI(t, testDSITID, 1, 1, testDIITID),
		makeDII(t, testDIITID, testCarouselID, testBlockSize, srg, bomb))
	feedAll(t, c, makeDDBs(t, testCarouselID, testBlockSize, srg)...)
	var errs []error
	for _, s := range makeDDBs(t, testCarouselID, testBlockSize, bomb) {
		if err := c.Feed(s); err != nil {
			errs = append(errs, err)
		}
	}
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], ErrInflatedSize)
	require.False(t, c.Complete())
	// The module is dropped and acquired again on the next cycle; the error stays in its state.
	ms := c.Progress().ModuleStates[1]
	require.Equal(t, 0, ms.BlocksReceived)
	require.ErrorIs(t, ms.Err, ErrInflatedSize)

	// A declared original_size over the limit is refused at the DII.
	bomb.originalSize = 1 << 30
	c = New(Config{})
	err := c.Feed(makeDII(t, testDIITID, testCarouselID, testBlockSize, srg, bomb))
	require.ErrorIs(t, err, ErrLimit)
	require.Contains(t, err.Error(), "MaxInflatedSize")
}

func TestCarouselLimits(t *testing.T) {
	g := generateCarousel(t, 30, 4000, 40000, 3)
	for _, tc := range []struct {
		name string
		set  func(*Limits)
		want string
	}{
		{"module size", func(l *Limits) { l.MaxModuleSize = 10000 }, "MaxModuleSize"},
		{"carousel bytes", func(l *Limits) { l.MaxCarouselBytes = 50000 }, "MaxCarouselBytes"},
		{"objects", func(l *Limits) { l.MaxObjects = 12 }, "MaxObjects"},
		{"inflated", func(l *Limits) { l.MaxInflatedSize = 10 }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lim := DefaultLimits()
			tc.set(&lim)
			var r recorder
			c := New(r.config(&lim))
			for _, s := range g.loop(10) {
				c.Section(s)
			}
			if tc.want == "" {
				require.Empty(t, r.errs)
				require.True(t, c.Complete())
				return
			}
			require.NotEmpty(t, r.errs)
			for _, err := range r.errs {
				require.ErrorIs(t, err, ErrLimit)
				require.Contains(t, err.Error(), tc.want)
			}
			require.False(t, c.Complete())
		})
	}
}

func TestCarouselOrphanLimits(t *testing.T) {
	g := generateCarousel(t, 20, 3000, 20000, 4)
	lim := DefaultLimits()
	lim.MaxOrphanBlocks = 5
	c := New(Config{Limits: &lim})
	feedAll(t, c, g.ddbs...)
	p := c.Progress()
	require.Equal(t, 5, p.OrphanBlocks)
	require.EqualValues(t, len(g.ddbs)-5, p.OrphansDropped)
	lim = DefaultLimits()
	lim.MaxOrphanBytes = 3 * testBlockSize
	c = New(Config{Limits: &lim})
	feedAll(t, c, g.ddbs...)
	require.LessOrEqual(t, c.Progress().OrphanBytes, int64(3*testBlockSize))
}

func TestCarouselRemount(t *testing.T) {
	srg, files := smallCarousel(t, 1, []byte("hello"), []byte("world"))
	var r recorder
	c := New(r.config(nil))
	feedAll(t, c, makeDSI(t, testDSITID, 1, 1, testDIITID), makeDII(t, testDIITID, testCarouselID, 16, srg, files))
	feedAll(t, c, makeDDBs(t, testCarouselID, 16, srg)...)
	feedAll(t, c, makeDDBs(t, testCarouselID, 16, files)...)
	require.True(t, c.Complete())
	old := c.Snapshot()
	// A new DSI transactionId remounts; the DII of the new generation lists the same
	// modules, which are reused without their blocks.
	feedAll(t, c, makeDSI(t, testDSITID+0x10000, 1, 1, testDIITID+0x10000))
	require.False(t, c.Complete())
	require.Same(t, old, c.Snapshot(), "the old tree stays until the new one resolves")
	feedAll(t, c, makeDII(t, testDIITID+0x10000, testCarouselID, 16, srg, files))
	require.True(t, c.Complete())
	require.EqualValues(t, 1, c.Snapshot().Generation())
	require.Len(t, r.kinds(EventCarouselReplaced), 1)
	require.Len(t, r.kinds(EventFileAdded), 2, "unchanged files are not added again")
	require.Empty(t, r.kinds(EventFileRemoved))
}

func TestCarouselConcurrentReaders(t *testing.T) {
	g := generateCarousel(t, 40, 2000, 10000, 5)
	c := New(Config{})
	var wg sync.WaitGroup
	done := make(chan struct{})
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				s := c.Snapshot()
				_ = fs.WalkDir(s, ".", func(p string, d fs.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						b, rerr := fs.ReadFile(s, p)
						if rerr != nil || !bytes.Equal(b, g.files[p]) {
							t.Errorf("%s: %v", p, rerr)
						}
					}
					return err
				})
				_ = c.Progress()
			}
		}()
	}
	for _, s := range g.loop(10) {
		feedAll(t, c, s)
	}
	close(done)
	wg.Wait()
	require.True(t, c.Complete())
}

func TestCarouselBadInput(t *testing.T) {
	c := New(Config{})
	require.ErrorIs(t, c.Feed([]byte{0x3B, 0xB0}), ErrShortBuffer)
	sec, err := appendSection(nil, 0x3B, 0, 0, 0, []byte{0x11, 0x03, 0x10, 0x99, 0, 0, 0, 0, 0xFF, 0, 0, 0})
	require.NoError(t, err)
	require.ErrorIs(t, c.Feed(sec), ErrUnexpectedMsg)
	sec, err = appendSection(nil, 0x3D, 0, 0, 0, nil)
	require.NoError(t, err)
	require.ErrorIs(t, c.Feed(sec), ErrUnexpectedTable)
	require.True(t, strings.HasPrefix(ErrLimit.Error(), "dsmcc: "))
}
