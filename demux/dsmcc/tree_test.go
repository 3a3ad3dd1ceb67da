package dsmcc

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// listing describes a tree: every path with its kind and content.
func listing(t *testing.T, fsys fs.FS) string {
	t.Helper()
	var sb strings.Builder
	require.NoError(t, fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fmt.Fprintf(&sb, "%s %v", p, d.Type())
		if !d.IsDir() {
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(&sb, " %q", b)
		}
		sb.WriteByte('\n')
		return nil
	}))
	return sb.String()
}

// TestTreeExtension checks that snapshots extended module by module, in any order, equal a
// full build, and that earlier snapshots never change (path copying shares nodes).
func TestTreeExtension(t *testing.T) {
	mods := []modSpec{
		plainMod(1, 1, dirMsg(t, true, 1,
			bind(t, "a", KindDirectory, 2, 1), bind(t, "x/y/z.txt", KindFile, 3, 1), bind(t, "x", KindDirectory, 4, 1),
			bind(t, "top.txt", KindFile, 5, 1))),
		plainMod(2, 1, dirMsg(t, false, 1, bind(t, "b", KindDirectory, 2, 2), bind(t, "f1", KindFile, 3, 2)),
			dirMsg(t, false, 2, bind(t, "f2", KindFile, 5, 2), bind(t, "deep/f3", KindFile, 5, 3))),
		plainMod(3, 1, fileMsg(t, 1, []byte("z")), fileMsg(t, 2, []byte("one"))),
		plainMod(4, 1, dirMsg(t, false, 1, bind(t, "w.txt", KindFile, 5, 4), bind(t, "y/q.txt", KindFile, 5, 5))),
		plainMod(5, 1, fileMsg(t, 1, []byte("top")), fileMsg(t, 2, []byte("two")), fileMsg(t, 3, []byte("three")),
			fileMsg(t, 4, []byte("w")), fileMsg(t, 5, []byte("q"))),
	}
	var want string
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 2))
		order := rng.Perm(len(mods))
		var r recorder
		c := New(r.config(nil))
		feedAll(t, c, makeDSI(t, testDSITID, 1, 1, testDIITID), makeDII(t, testDIITID, testCarouselID, 32, mods...))
		type seen struct {
			s    *Snapshot
			list string
		}
		var history []seen
		for _, i := range order {
			feedAll(t, c, makeDDBs(t, testCarouselID, 32, mods[i])...)
			history = append(history, seen{c.Snapshot(), listing(t, c.Snapshot())})
		}
		require.True(t, c.Complete(), "order %v", order)
		require.Empty(t, r.errs)
		got := listing(t, c.Snapshot())
		full := buildSnapshot(c.objects, objectKey{1, string(key(1))}, 0, testDSITID, 100)
		require.Equal(t, listing(t, full), got, "order %v", order)
		for _, h := range history {
			require.Equal(t, h.list, listing(t, h.s), "a published snapshot changed")
		}
		if want == "" {
			want = got
			require.Contains(t, got, "x/y/z.txt")
			require.Contains(t, got, "x/y/q.txt")
			require.Contains(t, got, "a/b/deep/f3")
		}
		require.Equal(t, want, got)
		require.Len(t, r.kinds(EventFileAdded), 7, "order %v: %v", order, r.kinds(EventFileAdded))
	}
}
