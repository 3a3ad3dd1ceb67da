package dsmcc

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// Scenario builders (STYLE T4): carousels are built field by field with this package's
// Marshal code.

const (
	testCarouselID = 7
	testTag        = 0x0B
	testDSITID     = 0x80050000
	testDIITID     = 0x80050002
	testBlockSize  = 4066
)

func key(k uint32) []byte { return []byte{byte(k >> 24), byte(k >> 16), byte(k >> 8), byte(k)} }

func testLoc(mod uint16, k uint32) ObjectLocation {
	return ObjectLocation{CarouselID: testCarouselID, ModuleID: mod, VersionMajor: 1, ObjectKey: key(k)}
}

func testBinder(diiTID uint32) ConnBinder {
	return ConnBinder{Taps: []Tap{NewDeliveryParaTap(testTag, diiTID, 0xFFFFFFFF)}}
}

// bind returns a binding of name to the object (mod, k) of the given kind.
func bind(t testing.TB, name, kind string, mod uint16, k uint32) Binding {
	t.Helper()
	var info []byte
	if kind == KindFile {
		info = FileObjectInfo(0, nil)
	}
	b, err := NewBinding(name, kind, testLoc(mod, k), testBinder(testDIITID), info)
	require.NoError(t, err)
	return b
}

// dirMsg returns the BIOP message of a directory (or the service gateway).
func dirMsg(t testing.TB, srg bool, k uint32, bindings ...Binding) []byte {
	t.Helper()
	d := DirectoryMessage{ObjectKey: key(k), ServiceGateway: srg, Bindings: bindings}
	b, err := d.Marshal()
	require.NoError(t, err)
	return b
}

// fileMsg returns the BIOP message of a file.
func fileMsg(t testing.TB, k uint32, content []byte) []byte {
	t.Helper()
	f := FileMessage{ObjectKey: key(k), ContentSize: uint64(len(content)), Content: content}
	b, err := f.Marshal()
	require.NoError(t, err)
	return b
}

// header returns a U-N download message header.
func header(messageID uint16, tid uint32) MessageHeader {
	return MessageHeader{
		ProtocolDiscriminator: ProtocolDiscriminatorDSMCC, DSMCCType: DSMCCTypeUNDownload,
		MessageID: messageID, TransactionID: tid,
	}
}

// makeDSI returns a DSI section pointing at the service gateway (mod, k) through the DII
// diiTID.
func makeDSI(t testing.TB, tid uint32, mod uint16, k uint32, diiTID uint32) []byte {
	t.Helper()
	ior, err := NewIOR(KindServiceGateway,
		BIOPProfileBody{ObjectLocation: testLoc(mod, k), ConnBinder: testBinder(diiTID)})
	require.NoError(t, err)
	sgi := ServiceGatewayInfo{IOR: ior}
	priv, err := sgi.Marshal()
	require.NoError(t, err)
	d := DSI{Header: header(MessageIDDSI, tid), PrivateData: priv}
	for i := range d.ServerID {
		d.ServerID[i] = 0xFF
	}
	sec, err := AppendDSISection(nil, &d)
	require.NoError(t, err)
	return sec
}

// modSpec is one module as broadcast.
type modSpec struct {
	id           uint16
	version      uint8
	data         []byte // as carried by the blocks (compressed when compressed)
	compressed   bool
	originalSize uint32
}

func plainMod(id uint16, version uint8, msgs ...[]byte) modSpec {
	return modSpec{id: id, version: version, data: bytes.Join(msgs, nil)}
}

func zlibMod(t testing.TB, id uint16, version uint8, msgs ...[]byte) modSpec {
	t.Helper()
	raw := bytes.Join(msgs, nil)
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	_, err := zw.Write(raw)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return modSpec{id: id, version: version, data: buf.Bytes(), compressed: true, originalSize: uint32(len(raw))}
}

func (m modSpec) moduleInfo(t testing.TB) []byte {
	t.Helper()
	mi := ModuleInfo{Taps: []Tap{{Use: TapUseBIOPObject, AssociationTag: testTag}}}
	if m.compressed {
		cd := CompressedModuleDescriptor{CompressionMethod: 0x08, OriginalSize: m.originalSize}
		data, err := cd.Marshal()
		require.NoError(t, err)
		mi.UserInfo = append([]byte{TagCompressedModule, byte(len(data))}, data...)
	}
	b, err := mi.Marshal()
	require.NoError(t, err)
	return b
}

// makeDII returns a DII section listing the modules.
func makeDII(t testing.TB, tid, downloadID uint32, blockSize uint16, mods ...modSpec) []byte {
	t.Helper()
	d := DII{
		Header:     header(MessageIDDII, tid),
		DownloadID: downloadID, BlockSize: blockSize,
	}
	for _, m := range mods {
		d.Modules = append(d.Modules, DIIModule{ModuleID: m.id, ModuleSize: uint32(len(m.data)),
			ModuleVersion: m.version, ModuleInfo: m.moduleInfo(t)})
	}
	sec, err := AppendDIISection(nil, &d)
	require.NoError(t, err)
	return sec
}

// makeDDB returns the DDB section of one block.
func makeDDB(t testing.TB, downloadID uint32, moduleID uint16, version uint8, block uint16, data []byte,
	last uint16,
) []byte {
	t.Helper()
	d := DDB{
		Header:   header(MessageIDDDB, downloadID),
		ModuleID: moduleID, ModuleVersion: version, BlockNumber: block, BlockData: data,
	}
	sec, err := AppendDDBSection(nil, &d, last)
	require.NoError(t, err)
	return sec
}

// makeDDBs returns the DDB sections of every block of m.
func makeDDBs(t testing.TB, downloadID uint32, blockSize uint16, m modSpec) [][]byte {
	t.Helper()
	n := (len(m.data) + int(blockSize) - 1) / int(blockSize)
	out := make([][]byte, 0, n)
	for i := 0; i < n; i++ {
		end := min((i+1)*int(blockSize), len(m.data))
		out = append(out, makeDDB(t, downloadID, m.id, m.version, uint16(i), m.data[i*int(blockSize):end], uint16(n-1)))
	}
	return out
}

// feedAll feeds sections and fails the test on a decode error.
func feedAll(t testing.TB, c *Carousel, secs ...[]byte) {
	t.Helper()
	for _, s := range secs {
		require.NoError(t, c.Feed(s))
	}
}

// genCarousel is a generated carousel: a service gateway with files spread over modules.
type genCarousel struct {
	dsi, dii    []byte
	mods        []modSpec
	ddbs        [][]byte // every block of every module, module after module
	files       map[string][]byte
	moduleBytes int64
}

// generateCarousel makes nfiles incompressible files of fileSize bytes, packed into
// modules of about moduleTarget bytes; the service gateway is module 1, and every tenth
// file lives in directory "sub".
func generateCarousel(t testing.TB, nfiles, fileSize, moduleTarget int, seed uint64) genCarousel {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	g := genCarousel{files: map[string][]byte{}}
	var root, sub []Binding
	var msgs [][]byte
	modID := uint16(3)
	flush := func() {
		if len(msgs) > 0 {
			g.mods = append(g.mods, plainMod(modID, 1, msgs...))
			modID++
			msgs = nil
		}
	}
	size := 0
	for i := 0; i < nfiles; i++ {
		content := make([]byte, fileSize)
		for j := range content {
			content[j] = byte(rng.Uint32())
		}
		k := uint32(100 + i)
		name := fmt.Sprintf("f%04d.bin", i)
		if i%10 == 9 {
			sub = append(sub, bind(t, name, KindFile, modID, k))
			g.files["sub/"+name] = content
		} else {
			root = append(root, bind(t, name, KindFile, modID, k))
			g.files[name] = content
		}
		msgs = append(msgs, fileMsg(t, k, content))
		if size += fileSize; size >= moduleTarget {
			flush()
			size = 0
		}
	}
	flush()
	root = append(root, bind(t, "sub", KindDirectory, 2, 2))
	dirs := []modSpec{plainMod(1, 1, dirMsg(t, true, 1, root...)), plainMod(2, 1, dirMsg(t, false, 2, sub...))}
	g.mods = append(dirs, g.mods...)
	g.dsi = makeDSI(t, testDSITID, 1, 1, testDIITID)
	g.dii = makeDII(t, testDIITID, testCarouselID, testBlockSize, g.mods...)
	for _, m := range g.mods {
		g.ddbs = append(g.ddbs, makeDDBs(t, testCarouselID, testBlockSize, m)...)
		g.moduleBytes += int64(len(m.data))
	}
	return g
}

// loop returns one cycle of the carousel as a broadcaster sends it: DSI and DII, then the
// blocks, with DSI and DII again every diiEvery blocks.
func (g *genCarousel) loop(diiEvery int) [][]byte {
	var out [][]byte
	for i, d := range g.ddbs {
		if i%diiEvery == 0 {
			out = append(out, g.dsi, g.dii)
		}
		out = append(out, d)
	}
	return out
}
