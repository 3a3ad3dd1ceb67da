package refservice

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestValidCPF(t *testing.T) {
	for id, want := range map[string]bool{
		"52998224725": true, "11144477735": true, "12345678909": true,
		"52998224724": false, "11111111111": false, "1234567890": false, "1234567890a": false, "": false,
	} {
		require.Equal(t, want, ValidCPF(id), id)
	}
}

func do(t *testing.T, srv *httptest.Server, method, path, key, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if key != "" {
		req.Header.Set(IdempotencyHeader, key)
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

func TestBenefit(t *testing.T) {
	srv := httptest.NewServer(New(Benefit{ID: "52998224725", Status: "active", Benefit: "Bolsa", NextPayment: "2026-03-18"}))
	defer srv.Close()
	code, body := do(t, srv, "GET", "/benefit?id=52998224725", "", "")
	require.Equal(t, 200, code)
	require.JSONEq(t, `{"id":"52998224725","status":"active","benefit":"Bolsa","next_payment":"2026-03-18"}`, body)
	code, _ = do(t, srv, "POST", "/benefit", "k", `{"id":"52998224725"}`)
	require.Equal(t, 200, code)
	code, _ = do(t, srv, "GET", "/benefit?id=11144477735", "", "")
	require.Equal(t, 404, code)
	code, _ = do(t, srv, "GET", "/benefit?id=52998224724", "", "")
	require.Equal(t, 400, code)
	code, _ = do(t, srv, "GET", "/nothing", "", "")
	require.Equal(t, 404, code)
}

func TestAppointmentIdempotent(t *testing.T) {
	s := New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	body := `{"name":"MARIA","id":"52998224725","centre":"UBS Centro","day":"mon"}`
	code, first := do(t, srv, "POST", "/appointments", "key-1", body)
	require.Equal(t, 201, code)
	require.JSONEq(t, `{"receipt":"AG-000001"}`, first)
	// The same key again, also concurrently: one appointment, the same receipt.
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			code, again := do(t, srv, "POST", "/appointments", "key-1", body)
			require.Equal(t, 200, code)
			require.Equal(t, first, again)
		})
	}
	wg.Wait()
	require.Len(t, s.Appointments(), 1)
	require.Equal(t, 9, s.Requests())
	code, second := do(t, srv, "POST", "/appointments", "key-2", body)
	require.Equal(t, 201, code)
	require.JSONEq(t, `{"receipt":"AG-000002"}`, second)

	code, _ = do(t, srv, "POST", "/appointments", "", body)
	require.Equal(t, 400, code, "no key")
	code, _ = do(t, srv, "POST", "/appointments", "key-3", `{"name":"","id":"52998224725","centre":"x","day":"y"}`)
	require.Equal(t, 422, code)
	code, _ = do(t, srv, "POST", "/appointments", "key-4", `{`)
	require.Equal(t, 400, code)
	require.Len(t, s.Appointments(), 2)
}
