package main

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
)

// muxCmd runs antena with args and returns the exit code, stdout and stderr.
func muxCmd(t *testing.T, args ...string) (int, []byte, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := runMain(args, &stdout, &stderr)
	return code, stdout.Bytes(), stderr.String()
}

// muxAppDir writes an application folder: deep paths, names with spaces and accents, an empty
// file and a file over 1 MB.
func muxAppDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(3, 3))
	big := make([]byte, 1_100_000)
	for i := range big {
		big[i] = byte(r.Uint32())
	}
	files := map[string][]byte{
		"main.ncl":                     []byte("<ncl id='main'/>"),
		"main.lua":                     []byte("print('olá')"),
		"media/vídeo e áudio/capa.png": bytes.Repeat([]byte("png"), 3000),
		"a/b/c/d/e/f/g/deep.txt":       []byte("deep"),
		"empty.txt":                    nil,
		"data/big.bin":                 big,
		"ação/çedilha ñ/日本語 ファイル.lua": []byte("-- utf-8"),
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, data, 0o644))
	}
	return dir
}

// muxCarouselOf acquires the carousel of a stream (the PID from the PMT's 0x0B stream).
func muxCarouselOf(t *testing.T, data []byte) *dsmcc.Carousel {
	t.Helper()
	car := dsmcc.New(dsmcc.Config{})
	asm := map[uint16]*psi.Assembler{}
	var pid uint16
	var pmt psi.PMT
	for off := 0; off+ts.PacketSize <= len(data); off += ts.PacketSize {
		h, _, payload, err := ts.ParsePacket(data[off : off+ts.PacketSize])
		require.NoError(t, err)
		if !h.HasPayload {
			continue
		}
		a := asm[h.PID]
		if a == nil {
			a = &psi.Assembler{}
			asm[h.PID] = a
		}
		switch {
		case h.PID == pid && pid != 0:
			a.Feed(payload, h.PayloadUnitStartIndicator, false, car)
		case pid == 0:
			a.Feed(payload, h.PayloadUnitStartIndicator, false, muxSectionFunc(func(sec []byte) {
				if sec[0] == psi.TableIDPMT && pmt.Unmarshal(sec) == nil {
					for _, s := range pmt.Streams {
						if s.StreamType == 0x0B {
							pid = s.ElementaryPID
						}
					}
				}
			}))
		}
	}
	return car
}

type muxSectionFunc func([]byte)

func (f muxSectionFunc) Section(sec []byte)   { f(sec) }
func (muxSectionFunc) SectionError(err error) {}

func muxSameTree(t *testing.T, want, got fs.FS) {
	t.Helper()
	n := 0
	require.NoError(t, fs.WalkDir(want, ".", func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if d.IsDir() {
			return nil
		}
		w, err := fs.ReadFile(want, p)
		require.NoError(t, err)
		g, err := fs.ReadFile(got, p)
		require.NoError(t, err, "file %q", p)
		require.True(t, bytes.Equal(w, g), "file %q differs", p)
		n++
		return nil
	}))
	require.Positive(t, n)
}

// muxManyFiles writes n small files over a deep tree.
func muxManyFiles(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(uint64(n), 1))
	names := []string{"a", "b c", "ção", "d/e", "日本"}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lua"), []byte("--"), 0o644))
	for i := range n {
		p := filepath.Join(dir, filepath.FromSlash(names[r.IntN(len(names))]), names[r.IntN(len(names))],
			"f "+strings.Repeat("x", r.IntN(40))+string(rune('a'+i%26))+".txt")
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		data := make([]byte, r.IntN(3000))
		for j := range data {
			data[j] = byte(r.Uint32())
		}
		require.NoError(t, os.WriteFile(p, data, 0o644))
	}
	return dir
}

func TestMuxFileRoundTrip(t *testing.T) {
	emptyish := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(emptyish, "main.lua"), nil, 0o644))
	for name, dir := range map[string]string{
		"mixed": muxAppDir(t), "only an empty entry": emptyish, "many files": muxManyFiles(t, 300),
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.ts")
			code, _, stderr := muxCmd(t, "mux", "--app", dir, "-o", out, "--carousel-rate", "4M", "--cycles", "2")
			require.Equal(t, exitOK, code, stderr)
			require.Contains(t, stderr, "cycle:")
			require.Contains(t, stderr, "2 carousel cycles")
			data, err := os.ReadFile(out)
			require.NoError(t, err)
			car := muxCarouselOf(t, data)
			require.True(t, car.Complete())
			muxSameTree(t, os.DirFS(dir), car.Snapshot())

			// antena carousel extract reads it back (when that command is built in).
			if _, ok := commands["carousel"]; !ok {
				t.Log("antena carousel not registered: extract round trip skipped")
				return
			}
			ext := filepath.Join(t.TempDir(), "extracted")
			code, _, stderr = muxCmd(t, "carousel", "extract", out, ext)
			require.Equal(t, exitOK, code, stderr)
			muxSameTree(t, os.DirFS(dir), os.DirFS(ext))
		})
	}
}

func TestMuxStdoutHbbTV(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte("<html/>"), 0o644))
	code, stdout, stderr := muxCmd(t, "mux", "--app", dir, "-o", "-", "--type", "hbbtv", "--duration", "1s",
		"--event", "go@0.5:payload")
	require.Equal(t, exitOK, code, stderr)
	require.Zero(t, len(stdout)%ts.PacketSize)
	require.Contains(t, stderr, `HbbTV`)
	require.Contains(t, stderr, `entry "index.html"`)
	car := muxCarouselOf(t, stdout)
	muxSameTree(t, os.DirFS(dir), car.Snapshot())
	require.Len(t, car.Snapshot().StreamEvents(), 1)
}

func TestMuxUDP(t *testing.T) {
	for _, network := range []string{"udp4", "udp6"} {
		t.Run(network, func(t *testing.T) {
			addr := "127.0.0.1:0"
			if network == "udp6" {
				addr = "[::1]:0"
			}
			conn, err := net.ListenPacket(network, addr)
			if err != nil {
				t.Skipf("no %s loopback: %v", network, err)
			}
			defer conn.Close()
			got := make(chan []byte, 4096)
			go func() {
				buf := make([]byte, 2048)
				for {
					n, _, err := conn.ReadFrom(buf)
					if err != nil {
						close(got)
						return
					}
					got <- bytes.Clone(buf[:n])
				}
			}()
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lua"), []byte("print(1)"), 0o644))
			start := time.Now()
			code, _, stderr := muxCmd(t, "mux", "--app", dir, "-o", "udp://"+conn.LocalAddr().String(), "--duration", "0.3")
			require.Equal(t, exitOK, code, stderr)
			require.GreaterOrEqual(t, time.Since(start), 250*time.Millisecond, "paced in real time")
			time.Sleep(50 * time.Millisecond)
			conn.Close()
			var data []byte
			n := 0
			for d := range got {
				require.Zero(t, len(d)%ts.PacketSize)
				require.LessOrEqual(t, len(d), 7*ts.PacketSize)
				data = append(data, d...)
				n++
			}
			require.Positive(t, n)
			for off := 0; off < len(data); off += ts.PacketSize {
				require.Equal(t, byte(ts.SyncByte), data[off])
			}
		})
	}
}

func TestMuxBadUsage(t *testing.T) {
	dir := muxAppDir(t)
	noEntry := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(noEntry, "x.txt"), nil, 0o644))
	badName := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(badName, "main.lua"), nil, 0o644))
	if err := os.WriteFile(filepath.Join(badName, "caf\xe9.txt"), nil, 0o644); err != nil {
		t.Logf("the file system refuses a non-UTF-8 name: %v", err)
	}
	tooLarge := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(tooLarge, "main.lua"), nil, 0o644))
	f, err := os.Create(filepath.Join(tooLarge, "video.bin"))
	require.NoError(t, err)
	require.NoError(t, f.Truncate(dsmcc.DefaultMaxModuleSize+1)) // sparse
	require.NoError(t, f.Close())
	notTS := filepath.Join(t.TempDir(), "not.ts")
	require.NoError(t, os.WriteFile(notTS, bytes.Repeat([]byte("not a transport stream "), 1000), 0o644))
	out := filepath.Join(t.TempDir(), "out.ts")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{}, "usage"},
		{[]string{"--app", dir}, "usage"},
		{[]string{"-o", out}, "usage"},
		{[]string{"--app", filepath.Join(dir, "missing"), "-o", out}, "no such file"},
		{[]string{"--app", filepath.Join(dir, "main.ncl"), "-o", out}, "not a folder"},
		{[]string{"--app", noEntry, "-o", out}, "entry"},
		{[]string{"--app", dir, "-o", out, "--entry", "nope.ncl"}, "entry"},
		{[]string{"--app", badName, "-o", out}, "UTF-8"},
		{[]string{"--app", tooLarge, "-o", out}, "video.bin"},
		{[]string{"--app", dir, "-o", out, "extra"}, "no arguments"},
		{[]string{"--app", dir, "-o", out, "--bogus"}, "flag provided but not defined"},
		{[]string{"--app", dir, "-o", "tcp://1.2.3.4:5"}, "udp://"},
		{[]string{"--app", dir, "-o", "udp://host"}, "HOST:PORT"},
		{[]string{"--app", dir, "-o", "udp://1.2.3.4:5?ttl=0"}, "ttl"},
		{[]string{"--app", dir, "-o", out, "--type", "mhp-html"}, "--type"},
		{[]string{"--app", dir, "-o", out, "--control", "launch"}, "--control"},
		{[]string{"--app", dir, "-o", out, "--org", "0x1FFFFFFFF"}, "--org"},
		{[]string{"--app", dir, "-o", out, "--app-id", "-1"}, "--app-id"},
		{[]string{"--app", dir, "-o", out, "--lang", "pt"}, "--lang"},
		{[]string{"--app", dir, "-o", out, "--carousel-rate", "0"}, "--carousel-rate"},
		{[]string{"--app", dir, "-o", out, "--carousel-rate", "fast"}, "--carousel-rate"},
		{[]string{"--app", dir, "-o", out, "--mux-rate", "500k"}, "below what the content needs"},
		{[]string{"--app", dir, "-o", out, "--cycles", "-1"}, "--cycles"},
		{[]string{"--app", dir, "-o", out, "--duration", "soon"}, "--duration"},
		{[]string{"--app", dir, "-o", out, "--duration", "0"}, "--duration"},
		{[]string{"--app", dir, "-o", out, "--event", "noat"}, "NAME@T"},
		{[]string{"--app", dir, "-o", out, "--event", "@1s"}, "event name"},
		{[]string{"--app", dir, "-o", out, "--event", "x@-1"}, "time"},
		{[]string{"--app", dir, "-o", out, "--event", "x@1:" + strings.Repeat("d", 246)}, "at most 245"},
		{[]string{"--app", dir, "-o", out, "--event-mode", "later"}, "--event-mode"},
		{[]string{"--app", dir, "-o", out, "--ewbs", "area=0x5A5"}, "start@T"},
		{[]string{"--app", dir, "-o", out, "--ewbs", "start@1"}, "area"},
		{[]string{"--app", dir, "-o", out, "--ewbs", "start@2,end@1,area=1"}, "not after"},
		{[]string{"--app", dir, "-o", out, "--ewbs", "start@1,area=0x1000"}, "12 bits"},
		{[]string{"--app", dir, "-o", out, "--ewbs", "start@1,area=1,level=3"}, "level"},
		{[]string{"--app", dir, "-o", out, "--scte18", "priority=16"}, "priority"},
		{[]string{"--app", dir, "-o", out, "--scte18", "originator=LONG"}, "originator"},
		{[]string{"--app", dir, "-o", out, "--scte18", "location=100:1"}, "location"},
		{[]string{"--app", dir, "-o", out, "--scte18", "color=red"}, "want start@T"},
		{[]string{"--app", dir, "-o", out, "--pid-carousel", "0x10"}, "reserved"},
		{[]string{"--app", dir, "-o", out, "--pid-carousel", "0x2000"}, "--pid-carousel"},
		{[]string{"--app", dir, "-o", out, "--block-size", "5000"}, "--block-size"},
		{[]string{"--app", dir, "-o", out, "--module-size", "big"}, "--module-size"},
		{[]string{"--app", dir, "-o", out, "--program", "0"}, "--program"},
		{[]string{"--app", dir, "-o", out, "--in", filepath.Join(dir, "missing.ts")}, "no such file"},
		{[]string{"--app", dir, "-o", out, "--in", notTS}, "no PAT"},
		{[]string{"--app", dir, "-o", out, "--in", notTS, "--watch"}, "--watch and --in"},
		{[]string{"--app", dir, "-o", filepath.Join(dir, "no", "such", "dir", "o.ts")}, "no such file"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, stderr := muxCmd(t, append([]string{"mux"}, tc.args...)...)
			require.Equal(t, exitUsage, code, stderr)
			require.Contains(t, stderr, tc.want)
		})
	}
}
