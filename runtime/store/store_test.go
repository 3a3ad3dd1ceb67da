package store

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func openTemp(t *testing.T, opts *Options) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "antena.db"), opts)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func TestPutGetDelete(t *testing.T) {
	db := openTemp(t, nil)
	ns, err := db.Namespace("app.1", 0)
	require.NoError(t, err)

	_, found, err := ns.Get(Shared, "score")
	require.NoError(t, err)
	require.False(t, found)

	require.NoError(t, ns.Put(Shared, "score", 10))
	v, found, err := ns.Get(Shared, "score")
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, 10.0, v)

	tb := Table{{"name", "Ana"}, {"level", 3.0}}
	require.NoError(t, ns.Put(Service("1.2.3"), "player", tb))
	v, _, err = ns.Get(Service("1.2.3"), "player")
	require.NoError(t, err)
	require.ElementsMatch(t, tb, v)
	_, found, err = ns.Get(Service("9.9.9"), "player")
	require.NoError(t, err)
	require.False(t, found, "scopes are separate")

	keys, err := ns.Keys(Shared)
	require.NoError(t, err)
	require.Equal(t, []string{"score"}, keys)

	require.NoError(t, ns.Delete(Shared, "score"))
	_, found, err = ns.Get(Shared, "score")
	require.NoError(t, err)
	require.False(t, found)
}

func TestNamespacesAreSeparate(t *testing.T) {
	db := openTemp(t, nil)
	a, _ := db.Namespace("a", 0)
	b, _ := db.Namespace("b", 0)
	require.NoError(t, a.Put(Shared, "k", "from a"))
	_, found, err := b.Get(Shared, "k")
	require.NoError(t, err)
	require.False(t, found)
	ids, err := db.Namespaces()
	require.NoError(t, err)
	require.Equal(t, []string{"a"}, ids)
}

func TestBadScopeAndKey(t *testing.T) {
	db := openTemp(t, nil)
	ns, _ := db.Namespace("a", 0)
	require.ErrorIs(t, ns.Put("global", "k", 1), ErrScope)
	require.ErrorIs(t, ns.Put(Channel("x\x00y"), "k", 1), ErrScope)
	require.ErrorIs(t, ns.Put(Shared, strings.Repeat("k", MaxKeyLen+1), 1), ErrKey)
	_, err := db.Namespace("", 0)
	require.ErrorIs(t, err, ErrKey)
}

func TestQuota(t *testing.T) {
	db := openTemp(t, &Options{Quota: 100})
	ns, _ := db.Namespace("a", 0)
	require.NoError(t, ns.Put(Shared, "a", strings.Repeat("x", 50)))
	err := ns.Put(Shared, "b", strings.Repeat("x", 50))
	require.ErrorIs(t, err, ErrQuota)
	_, found, _ := ns.Get(Shared, "b")
	require.False(t, found, "a refused write changes nothing")
	// Shrinking is always allowed, and frees room.
	require.NoError(t, ns.Put(Shared, "a", "small"))
	require.NoError(t, ns.Put(Shared, "b", strings.Repeat("x", 50)))
	u, err := ns.Usage()
	require.NoError(t, err)
	require.LessOrEqual(t, u, int64(100))
	// Deleting releases everything.
	require.NoError(t, ns.Delete(Shared, "a"))
	require.NoError(t, ns.Delete(Shared, "b"))
	u, _ = ns.Usage()
	require.Zero(t, u)
}

func TestReopenKeepsValues(t *testing.T) {
	path := filepath.Join(t.TempDir(), "antena.db")
	db, err := Open(path, nil)
	require.NoError(t, err)
	ns, _ := db.Namespace("a", 0)
	require.NoError(t, ns.Put(Channel("5"), "x", Table{{"deep", Table{{1, true}}}}))
	require.NoError(t, db.Close())

	db, err = Open(path, nil)
	require.NoError(t, err)
	defer db.Close()
	ns, _ = db.Namespace("a", 0)
	v, found, err := ns.Get(Channel("5"), "x")
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, Table{{"deep", Table{{1.0, true}}}}, v)
}
