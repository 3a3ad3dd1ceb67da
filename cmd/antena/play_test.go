package main

import (
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/samples"
)

// play and emu on the sample broadcast, headless: the app starts and draws, a key moves
// its focus.
func TestPlayAndEmuHeadless(t *testing.T) {
	dir := t.TempDir()
	ts := filepath.Join(dir, "sample.ts")
	code, _, stderr := run(t, "mux", "--app", "../../apps/showcase", "--cycles", "2", "-o", ts)
	require.Equal(t, 0, code, stderr)

	shot := filepath.Join(dir, "play.png")
	code, _, stderr = run(t, "play", "--headless", "--frames", "30", "--screenshot", shot, ts)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "app started")

	shot = filepath.Join(dir, "emu.png")
	code, _, stderr = run(t, "emu", "--headless", "--keys", "CURSOR_DOWN ENTER", "--screenshot", shot, ts)
	require.Equal(t, 0, code, stderr)
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	r, g, b, _ := img.At(90, 340).RGBA()
	require.Equal(t, [3]uint32{255, 204, 0}, [3]uint32{r >> 8, g >> 8, b >> 8}, "focus on the second item")

	code, _, stderr = run(t, "emu", "--headless", "--alert", "start@0.1,end@5,area=0x5A5", "--frames", "30", "../../apps/showcase")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "raised")

	code, _, _ = run(t, "play", "foo://x")
	require.Equal(t, exitUsage, code)
	code, _, _ = run(t, "play", "dvb://0?freq=abc")
	require.Equal(t, exitUsage, code)
}

// The box plays a broadcast that arrives over HTTP (from a server on this machine only).
func TestPlayFromHTTP(t *testing.T) {
	dir := t.TempDir()
	ts := filepath.Join(dir, "sample.ts")
	code, _, stderr := run(t, "mux", "--app", "../../apps/showcase", "--cycles", "4", "-o", ts)
	require.Equal(t, 0, code, stderr)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	shot := filepath.Join(dir, "shot.png")
	code, _, stderr = run(t, "play", "--headless", "--frames", "30", "--screenshot", shot, srv.URL+"/sample.ts")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "app started")
}

func TestPlayDisplayChoices(t *testing.T) {
	p := samples.Path(t, "synthetic_isdb_ewbs_0xFC.ts")
	code, _, stderr := run(t, "play", "--display", "memory", "--remote", "off", "--frames", "5", p)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = run(t, "play", "--display", "fbdev:/nonexistent/fb9", "--remote", "off", "--frames", "5", p)
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, "/nonexistent/fb9")
	code, _, stderr = run(t, "play", "--headless", "--remote", "/nonexistent/event7", "--frames", "5", p)
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, "/nonexistent/event7")
	code, _, stderr = run(t, "play", "--headless", "--standby-key", "FOO", "--frames", "5", p)
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, "--standby-key")
	code, _, stderr = run(t, "play", "--headless", "--standby-key", "EXIT", "--frames", "5", p)
	require.Equal(t, 0, code, stderr)
}

// play and emu run an NCL document given as a file; headless, play runs it until the
// document ends by itself.
func TestPlayAndEmuNCL(t *testing.T) {
	dir := t.TempDir()
	shot := filepath.Join(dir, "emu.png")
	code, _, stderr := run(t, "emu", "--headless", "--keys", "CURSOR_DOWN", "--screenshot", shot,
		"../../emulator/testdata/ncl/main.ncl")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "app started")

	doc := `<ncl><head><regionBase><region id="r" width="200" height="100"/></regionBase>
<descriptorBase><descriptor id="d" region="r" explicitDur="0.3s"/></descriptorBase></head>
<body><port id="p" component="t"/><media id="t" src="t.txt" descriptor="d"/></body></ncl>`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.ncl"), []byte(doc), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "t.txt"), []byte("Olá"), 0o644))
	code, _, stderr = run(t, "play", "--headless", "--remote", "off", dir)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "the document ended")
}
