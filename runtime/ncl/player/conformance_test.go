package player

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	rlua "github.com/antena-tv/antena/runtime/lua"
)

// TestRealApps runs the public Ginga apps of a corpus kept outside the
// repository (their licences vary: GPL, CC BY-NC-SA): every .ncl document
// with a <body> under $ANTENA_NCL_APPS (default ../../../../ncl-apps, beside
// the checkout). Each must start without error, draw, answer a round of
// keys and go on (a missing media file is a placeholder and a warning).
// With $ANTENA_NCL_SHOTS set, the frames at 3 s and at the end are
// written there.
func TestRealApps(t *testing.T) {
	root := os.Getenv("ANTENA_NCL_APPS")
	if root == "" {
		root = filepath.Join("..", "..", "..", "..", "ncl-apps")
	}
	if _, err := os.Stat(root); err != nil {
		t.Skipf("no corpus of real NCL apps at %s (set ANTENA_NCL_APPS): %v", root, err)
	}
	var docs []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".ncl") {
			if b, rerr := os.ReadFile(p); rerr == nil && bytes.Contains(b, []byte("<body")) {
				docs = append(docs, p)
			}
		}
		return nil
	})
	sort.Strings(docs)
	require.NotEmpty(t, docs)
	shots := os.Getenv("ANTENA_NCL_SHOTS")
	for _, doc := range docs {
		name, _ := filepath.Rel(root, doc)
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, os.DirFS(filepath.Dir(doc)), filepath.Base(doc))
			h.advance(3 * time.Second)
			start := h.frame()
			for _, k := range []string{"CURSOR_DOWN", "CURSOR_UP", "CURSOR_RIGHT", "ENTER", "RED", "GREEN",
				"YELLOW", "BLUE", "1", "ENTER", "BACK"} {
				h.key(k)
				h.advance(200 * time.Millisecond)
			}
			h.advance(2 * time.Second)
			img := h.frame()
			if se := h.p.Err(); se != nil {
				require.False(t, errors.Is(se, rlua.ErrPanic), "the player failed: %v", se)
			}
			drawn := func(img *image.RGBA) int {
				n := 0
				for i := 0; i < len(img.Pix); i += 4 {
					if img.Pix[i] != 30 || img.Pix[i+1] != 30 || img.Pix[i+2] != 30 {
						n++
					}
				}
				return n
			}
			d := h.p.Document().Diagnostics
			logs := h.logs.String()
			t.Logf("%s: %d diagnostics (%d errors); %d placeholders; %d scripts stopped; %d px drawn at 3 s, %d at the end; exited %v",
				name, len(d), len(d.Errors()), strings.Count(logs, "placeholder instead"),
				strings.Count(logs, "NCLua media stopped"), drawn(start), drawn(img), h.hasExited())
			if strings.Contains(logs, "NCLua media stopped") {
				for _, l := range strings.Split(logs, "\n") {
					if strings.Contains(l, "NCLua media stopped") {
						t.Log(l)
					}
				}
			}
			if shots != "" {
				for suffix, im := range map[string]*image.RGBA{"-start.png": start, "-end.png": img} {
					f, err := os.Create(filepath.Join(shots, strings.ReplaceAll(name, "/", "_")+suffix))
					require.NoError(t, err)
					require.NoError(t, png.Encode(f, im))
					require.NoError(t, f.Close())
				}
			}
		})
	}
}
