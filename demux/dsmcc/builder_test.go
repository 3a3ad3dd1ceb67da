package dsmcc

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// builtAcquire feeds the sections of a built carousel to a receiving Carousel, in the order a
// plain loop sends them, and returns it.
func builtAcquire(t testing.TB, c *Carousel, secs [][]byte) *Carousel {
	t.Helper()
	if c == nil {
		c = New(Config{})
	}
	for i, s := range secs {
		require.NoError(t, c.Feed(s), "section %d", i)
	}
	return c
}

// builtSameTree checks that got holds exactly the regular files of want, byte for byte.
func builtSameTree(t testing.TB, want, got fs.FS) {
	t.Helper()
	wantFiles := map[string][]byte{}
	require.NoError(t, fs.WalkDir(want, ".", func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if !d.IsDir() {
			b, err := fs.ReadFile(want, p)
			require.NoError(t, err)
			wantFiles[p] = b
		}
		return nil
	}))
	n := 0
	require.NoError(t, fs.WalkDir(got, ".", func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		b, err := fs.ReadFile(got, p)
		require.NoError(t, err)
		w, ok := wantFiles[p]
		require.True(t, ok, "unexpected file %q", p)
		require.True(t, bytes.Equal(w, b), "file %q differs (%d vs %d bytes)", p, len(w), len(b))
		n++
		return nil
	}))
	require.Equal(t, len(wantFiles), n, "files acquired")
}

// builtGenTree makes a folder: files of the given sizes spread over a tree of the given depth.
func builtGenTree(seed uint64, files, depth int, sizes func(r *rand.Rand) int) fstest.MapFS {
	r := rand.New(rand.NewPCG(seed, 1))
	m := fstest.MapFS{}
	names := []string{"a", "b c", "ação", "日本", "x-y_z.v2", "ñ ü ß"}
	for i := range files {
		var p []string
		for range r.IntN(depth + 1) {
			p = append(p, names[r.IntN(len(names))])
		}
		p = append(p, fmt.Sprintf("f%03d %s.bin", i, names[r.IntN(len(names))]))
		data := make([]byte, sizes(r))
		// Half random (incompressible), half text (compressible).
		if r.IntN(2) == 0 {
			for j := range data {
				data[j] = byte(r.Uint32())
			}
		} else {
			for j := range data {
				data[j] = "lorem ipsum dolor sit amet "[j%27]
			}
		}
		m[strings.Join(p, "/")] = &fstest.MapFile{Data: data}
	}
	return m
}

func TestBuildRoundTrip(t *testing.T) {
	small := func(r *rand.Rand) int { return r.IntN(3000) }
	cases := []struct {
		name string
		fs   fstest.MapFS
		cfg  BuilderConfig
	}{
		{"empty folder", fstest.MapFS{}, BuilderConfig{}},
		{"one empty file", fstest.MapFS{"main.ncl": {}}, BuilderConfig{}},
		{"empty dirs", fstest.MapFS{"a/b/c": {Mode: fs.ModeDir}, "d": {Mode: fs.ModeDir}, "e": {Data: []byte("x")}}, BuilderConfig{}},
		{"flat small", builtGenTree(1, 40, 0, small), BuilderConfig{}},
		{"deep tree", builtGenTree(2, 60, 12, small), BuilderConfig{}},
		{"empty files", builtGenTree(3, 30, 3, func(*rand.Rand) int { return 0 }), BuilderConfig{}},
		{"large files", builtGenTree(4, 4, 2, func(r *rand.Rand) int { return 1<<20 + r.IntN(300_000) }), BuilderConfig{}},
		{"no compression", builtGenTree(5, 20, 3, small), BuilderConfig{NoCompression: true}},
		{"small blocks and modules", builtGenTree(6, 50, 4, small), BuilderConfig{BlockSize: 100, ModuleSize: 2000}},
		{"many DIIs", builtGenTree(7, 400, 2, func(r *rand.Rand) int { return r.IntN(200) }), BuilderConfig{ModuleSize: 1}},
		{"names", fstest.MapFS{
			"com espaço/índice.ncl": {Data: []byte("<ncl/>")}, "ü/日本語 ファイル.lua": {Data: []byte("print(1)")},
			strings.Repeat("n", MaxNameLen): {Data: []byte("long")}, "?$ odd#name": {Data: []byte("?")},
		}, BuilderConfig{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := NewBuilder(tc.cfg)
			require.NoError(t, err)
			bc, err := b.Build(tc.fs)
			require.NoError(t, err)
			c := builtAcquire(t, nil, bc.Sections())
			require.True(t, c.Complete(), "carousel complete; missing %v", c.Progress())
			builtSameTree(t, tc.fs, c.Snapshot())
			checkBuiltInvariants(t, bc)
		})
	}
}

// checkBuiltInvariants checks the numbers the mux and the summary rely on.
func checkBuiltInvariants(t *testing.T, bc *BuiltCarousel) {
	t.Helper()
	for _, m := range bc.Modules {
		blocks := max(1, (m.Size+bc.BlockSize-1)/bc.BlockSize)
		require.Len(t, m.DDB, blocks, "module 0x%04X", m.ModuleID)
		require.LessOrEqual(t, m.Size, max(m.OriginalSize, 1))
		for _, s := range m.DDB {
			require.LessOrEqual(t, len(s), 4096)
		}
	}
	for _, s := range bc.DII {
		require.LessOrEqual(t, len(s), 4096)
	}
	require.Equal(t, uint32(0x80000000)|uint32(bc.TransactionVersion)<<16|uint32(bc.TransactionVersion&1),
		bc.DSITransactionID)
}

// TestBuildLargeFileOwnModule: a file over the module size has a module of its own and
// more than 256 blocks (TSDuck #1719 territory) when not compressible.
func TestBuildLargeFileOwnModule(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	big := make([]byte, 1_200_000)
	for i := range big {
		big[i] = byte(r.Uint32())
	}
	fsys := fstest.MapFS{"big.bin": {Data: big}, "a.txt": {Data: []byte("a")}, "b.txt": {Data: []byte("b")}}
	b, err := NewBuilder(BuilderConfig{})
	require.NoError(t, err)
	bc, err := b.Build(fsys)
	require.NoError(t, err)
	var own *BuiltModule
	for i := range bc.Modules {
		if len(bc.Modules[i].Objects) == 1 && bc.Modules[i].Objects[0] == "big.bin" {
			own = &bc.Modules[i]
		}
	}
	require.NotNil(t, own, "big.bin alone in a module: %+v", bc.Modules)
	require.False(t, own.Compressed, "random bytes do not shrink")
	require.Greater(t, len(own.DDB), 256)
	c := builtAcquire(t, nil, bc.Sections())
	builtSameTree(t, fsys, c.Snapshot())
}

func TestBuildUpdate(t *testing.T) {
	fsys := builtGenTree(11, 30, 2, func(r *rand.Rand) int { return r.IntN(20_000) })
	fsys["main.ncl"] = &fstest.MapFile{Data: []byte("<ncl>v1</ncl>")}
	b, err := NewBuilder(BuilderConfig{ModuleSize: 16 << 10})
	require.NoError(t, err)
	v1, err := b.Build(fsys)
	require.NoError(t, err)
	require.True(t, v1.Changed)

	same, err := b.Build(fsys)
	require.NoError(t, err)
	require.False(t, same.Changed)
	require.Equal(t, v1.DSI, same.DSI)
	require.Equal(t, v1.DII, same.DII)

	fsys["main.ncl"] = &fstest.MapFile{Data: []byte("<ncl>version two</ncl>")}
	v2, err := b.Build(fsys)
	require.NoError(t, err)
	require.True(t, v2.Changed)
	require.Equal(t, v1.TransactionVersion+1, v2.TransactionVersion)
	require.NotEqual(t, v1.DSITransactionID, v2.DSITransactionID)
	require.Equal(t, TransactionIdentification(v1.DIITransactionIDs[0]), TransactionIdentification(v2.DIITransactionIDs[0]))

	// Only the module of main.ncl and the directory modules change.
	old := map[uint16]BuiltModule{}
	for _, m := range v1.Modules {
		old[m.ModuleID] = m
	}
	changed := 0
	for _, m := range v2.Modules {
		o := old[m.ModuleID]
		hasMain := false
		for _, p := range m.Objects {
			hasMain = hasMain || p == "main.ncl"
		}
		isDir := false
		for _, p := range m.Objects {
			if fsys[p] == nil {
				isDir = true
			}
		}
		if m.Changed {
			changed++
			require.True(t, hasMain || isDir, "module 0x%04X %v changed", m.ModuleID, m.Objects)
			require.Equal(t, o.Version+1, m.Version)
		} else {
			require.Equal(t, o.Version, m.Version)
			require.Equal(t, o.DDB, m.DDB)
		}
	}
	require.Less(t, changed, len(v2.Modules), "unchanged modules keep their version")

	// A receiver that has v1 takes v2 and shows the new file.
	c := builtAcquire(t, nil, v1.Sections())
	require.True(t, c.Complete())
	builtAcquire(t, c, v2.Sections())
	got, err := c.ReadFile("main.ncl")
	require.NoError(t, err)
	require.Equal(t, "<ncl>version two</ncl>", string(got))
	builtSameTree(t, fsys, c.Snapshot())

	// Removing and adding files.
	delete(fsys, "main.ncl")
	fsys["new/dir/file.txt"] = &fstest.MapFile{Data: []byte("new")}
	v3, err := b.Build(fsys)
	require.NoError(t, err)
	builtAcquire(t, c, v3.Sections())
	builtSameTree(t, fsys, c.Snapshot())
}

func TestBuildStreamEvents(t *testing.T) {
	b, err := NewBuilder(BuilderConfig{StreamEvents: []StreamEventSpec{{
		Path: "ev/events", Names: []string{"start", "stop"}, EventIDs: []uint16{1, 2}, AssociationTag: 0x41, NPT: true,
	}}})
	require.NoError(t, err)
	bc, err := b.Build(fstest.MapFS{"main.lua": {Data: []byte("--")}})
	require.NoError(t, err)
	require.Equal(t, 1, bc.StreamEvents)
	c := builtAcquire(t, nil, bc.Sections())
	require.True(t, c.Complete())
	ses := c.Snapshot().StreamEvents()
	require.Len(t, ses, 1)
	require.Equal(t, "ev/events", ses[0].Path)
	require.Equal(t, map[string]uint16{"start": 1, "stop": 2}, ses[0].Events)
	require.True(t, ses[0].HasTap)
	require.Equal(t, uint16(0x41), ses[0].AssociationTag)
}

func TestBuildErrors(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxModuleSize = 1000
	lim.MaxCarouselBytes = 5000
	deep := strings.Repeat("d/", maxDepth) + "f"
	cases := []struct {
		name string
		fs   fstest.MapFS
		cfg  BuilderConfig
		want error
	}{
		{"not UTF-8", fstest.MapFS{"caf\xe9.txt": {}}, BuilderConfig{}, ErrBuildName},
		{"name too long", fstest.MapFS{strings.Repeat("x", MaxNameLen+1): {}}, BuilderConfig{}, ErrBuildName},
		{"too deep", fstest.MapFS{deep: {}}, BuilderConfig{}, ErrBuildName},
		{"file too large", fstest.MapFS{"big": {Data: make([]byte, 2000)}}, BuilderConfig{Limits: &lim}, ErrBuildFileSize},
		{"file at the limit with its header", fstest.MapFS{"big": {Data: make([]byte, 990)}}, BuilderConfig{Limits: &lim}, ErrBuildFileSize},
		{"carousel too large", fstest.MapFS{"a": {Data: make([]byte, 900)}, "b": {Data: make([]byte, 900)},
			"c": {Data: make([]byte, 900)}, "d": {Data: make([]byte, 900)}, "e": {Data: make([]byte, 900)},
			"f": {Data: make([]byte, 900)}}, BuilderConfig{Limits: &lim}, ErrBuildLimit},
		{"device", fstest.MapFS{"dev": {Mode: fs.ModeDevice}}, BuilderConfig{}, ErrBuildFileType},
		{"stream event over a file", fstest.MapFS{"events": {}}, BuilderConfig{StreamEvents: []StreamEventSpec{{
			Path: "events", Names: []string{"a"}, EventIDs: []uint16{1}}}}, ErrBuildConfig},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := NewBuilder(tc.cfg)
			require.NoError(t, err)
			_, err = b.Build(tc.fs)
			require.ErrorIs(t, err, tc.want)
		})
	}
	_, err := NewBuilder(BuilderConfig{BlockSize: 5000})
	require.ErrorIs(t, err, ErrBuildConfig)
	_, err = NewBuilder(BuilderConfig{StreamEvents: []StreamEventSpec{{Path: "../x", Names: []string{"a"}, EventIDs: []uint16{1}}}})
	require.ErrorIs(t, err, ErrBuildConfig)
	_, err = NewBuilder(BuilderConfig{StreamEvents: []StreamEventSpec{{Path: "x", Names: []string{"a"}}}})
	require.ErrorIs(t, err, ErrBuildConfig)
	var pe *fs.PathError
	b, _ := NewBuilder(BuilderConfig{})
	_, err = b.Build(builtMissingFS{})
	require.True(t, errors.As(err, &pe))
}

type builtMissingFS struct{}

func (builtMissingFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// BenchmarkBuild10MB builds the carousel of a 10 MB folder (200 files of 50 KB, half
// random, half text) held in memory.
func BenchmarkBuild10MB(b *testing.B) {
	fsys := builtGenTree(42, 200, 3, func(*rand.Rand) int { return 50_000 })
	b.ReportAllocs()
	b.SetBytes(10_000_000)
	for b.Loop() {
		bl, _ := NewBuilder(BuilderConfig{})
		if _, err := bl.Build(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuild10MBOneFile rebuilds the same folder after one file changed.
func BenchmarkRebuild10MBOneFile(b *testing.B) {
	fsys := builtGenTree(42, 200, 3, func(*rand.Rand) int { return 50_000 })
	bl, _ := NewBuilder(BuilderConfig{})
	if _, err := bl.Build(fsys); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		fsys["changing.txt"] = &fstest.MapFile{Data: fmt.Appendf(nil, "version %d", i)}
		if _, err := bl.Build(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
