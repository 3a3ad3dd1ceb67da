package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestOutbox(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "antena.db")
	db, err := Open(path, &Options{Now: func() time.Time { return now }})
	require.NoError(t, err)
	ns, _ := db.Namespace("poll", 0)

	s1, err := ns.Enqueue(Submission{Method: "POST", URL: "http://127.0.0.1/vote", Body: []byte("a=1"), Tag: "v1"})
	require.NoError(t, err)
	require.NotZero(t, s1.ID)
	require.Len(t, s1.IdempotencyKey, 32)
	require.Equal(t, now, s1.Created)
	s2, err := ns.Enqueue(Submission{Method: "POST", URL: "http://127.0.0.1/vote", Body: []byte("a=2"),
		IdempotencyKey: "fixed"})
	require.NoError(t, err)
	require.Greater(t, s2.ID, s1.ID)

	u, _ := ns.Usage()
	require.Positive(t, u)

	require.NoError(t, db.RecordAttempt(s1.ID, "connection refused"))
	require.NoError(t, db.Close())

	// Pending survives a restart, in order, with the attempt recorded.
	db, err = Open(path, nil)
	require.NoError(t, err)
	defer db.Close()
	ns, _ = db.Namespace("poll", 0)
	p, err := db.Pending()
	require.NoError(t, err)
	require.Len(t, p, 2)
	require.Equal(t, s1.ID, p[0].ID)
	require.Equal(t, 1, p[0].Attempts)
	require.Equal(t, "connection refused", p[0].LastError)
	require.Equal(t, []byte("a=1"), p[0].Body)
	require.Equal(t, "fixed", p[1].IdempotencyKey)

	// Delivered exactly once.
	got, err := db.MarkDelivered(s1.ID)
	require.NoError(t, err)
	require.Equal(t, "v1", got.Tag)
	_, err = db.MarkDelivered(s1.ID)
	require.ErrorIs(t, err, ErrNotPending)
	_, err = db.MarkDelivered(s2.ID)
	require.NoError(t, err)
	p, err = ns.Pending()
	require.NoError(t, err)
	require.Empty(t, p)
	u, _ = ns.Usage()
	require.Zero(t, u, "delivery releases the quota")
}

func TestOutboxQuota(t *testing.T) {
	db := openTemp(t, &Options{Quota: 200})
	ns, _ := db.Namespace("a", 0)
	_, err := ns.Enqueue(Submission{Method: "POST", URL: "http://127.0.0.1/", Body: make([]byte, 300)})
	require.ErrorIs(t, err, ErrQuota)
	p, _ := db.Pending()
	require.Empty(t, p)
}
