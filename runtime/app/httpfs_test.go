package app

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestHTTPFS(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("from elsewhere"))
	}))
	t.Cleanup(other.Close)
	fsrv, srv := newFileServer(t, map[string]string{
		"/app/main.lua":        "print('hi')",
		"/app/a b/c%.txt":      "escaped",
		"/app/big.bin":         strings.Repeat("x", 2048),
		"/app/moved.lua":       "redirect:/app/main.lua",
		"/app/away.lua":        "redirect:" + other.URL + "/x",
		"/app/sub/../etc.txt":  "never asked",
		"/app/sub/nested.json": "{}",
	})
	h, err := NewHTTPFS(srv.URL+"/app", HTTPOptions{MaxFileSize: 1024, MaxTotalSize: 1 << 20})
	require.NoError(t, err)

	b, err := fs.ReadFile(h, "main.lua")
	require.NoError(t, err)
	require.Equal(t, "print('hi')", string(b))
	_, err = fs.ReadFile(h, "main.lua")
	require.NoError(t, err)
	require.Equal(t, 1, fsrv.count("/app/main.lua"), "cached")

	st, err := fs.Stat(h, "sub/nested.json")
	require.NoError(t, err)
	require.Equal(t, int64(2), st.Size())
	require.False(t, st.IsDir())
	st, err = fs.Stat(h, ".")
	require.NoError(t, err)
	require.True(t, st.IsDir())

	b, err = fs.ReadFile(h, "a b/c%.txt")
	require.NoError(t, err)
	require.Equal(t, "escaped", string(b))
	require.Equal(t, srv.URL+"/app/a%20b/c%25.txt", h.URL("a b/c%.txt"))

	_, err = h.Open("missing.lua")
	require.ErrorIs(t, err, fs.ErrNotExist)
	_, err = h.Open("sub/../etc.txt")
	require.ErrorIs(t, err, fs.ErrInvalid, "not a valid fs path: never sent")
	_, err = h.Open("/etc/passwd")
	require.ErrorIs(t, err, fs.ErrInvalid)

	_, err = fs.ReadFile(h, "big.bin")
	require.ErrorIs(t, err, ErrTooLarge)

	b, err = fs.ReadFile(h, "moved.lua")
	require.NoError(t, err, "a redirect on the same host is followed")
	require.Equal(t, "print('hi')", string(b))
	_, err = fs.ReadFile(h, "away.lua")
	require.ErrorIs(t, err, ErrForeignHost)

	_, err = NewHTTPFS("file:///etc/", HTTPOptions{})
	require.ErrorIs(t, err, ErrSpec)
}

func TestHTTPFSErrorsAndBounds(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/fail.lua":
			http.Error(w, "boom", http.StatusInternalServerError)
		case "/slow.lua":
			select {
			case <-block:
			case <-r.Context().Done():
			}
		default:
			_, _ = w.Write([]byte(strings.Repeat("y", 600)))
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(block) })
	h, err := NewHTTPFS(srv.URL, HTTPOptions{MaxTotalSize: 1000, Timeout: 50 * time.Millisecond})
	require.NoError(t, err)
	_, err = fs.ReadFile(h, "fail.lua")
	require.ErrorIs(t, err, ErrHTTP)
	_, err = fs.ReadFile(h, "slow.lua")
	require.Error(t, err, "the request times out")
	_, err = fs.ReadFile(h, "one.lua")
	require.NoError(t, err)
	_, err = fs.ReadFile(h, "two.lua")
	require.ErrorIs(t, err, ErrTooLarge, "the app's files together are bounded")
}
