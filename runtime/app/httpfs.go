package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"
)

// HTTP source defaults.
const (
	DefaultHTTPTimeout  = 10 * time.Second
	DefaultMaxFileSize  = 8 << 20
	DefaultMaxTotalSize = 64 << 20
)

// HTTPOptions bound an HTTP source.
type HTTPOptions struct {
	// Timeout bounds one GET, body included (default DefaultHTTPTimeout).
	Timeout time.Duration
	// MaxFileSize bounds one file (default DefaultMaxFileSize).
	MaxFileSize int64
	// MaxTotalSize bounds what one HTTPFS keeps (default DefaultMaxTotalSize).
	MaxTotalSize int64
	// Transport carries the requests (default http.DefaultTransport).
	Transport http.RoundTripper
}

func (o HTTPOptions) withDefaults() HTTPOptions {
	if o.Timeout <= 0 {
		o.Timeout = DefaultHTTPTimeout
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxTotalSize <= 0 {
		o.MaxTotalSize = DefaultMaxTotalSize
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport
	}
	return o
}

// HTTPFS is an fs.FS over HTTP: Open(name) GETs the base URL joined with
// name (each element escaped) and serves the body from memory. Only the
// base URL's scheme and host are ever asked: names are fs.ValidPath, and a
// redirect elsewhere fails with ErrForeignHost. Files are cached for the
// life of the HTTPFS (a missing file too), so an app sees one version of
// each file; the manager makes a new HTTPFS for every run. HTTP has no
// directory listing: "." is an empty directory and ReadDir is not offered.
//
// Open blocks for the GET: the manager fetches the entry before the app
// starts; other files are fetched when the app asks for them, on the app's
// goroutine, and that time counts against the app's Lua deadline.
type HTTPFS struct {
	base   *url.URL
	opts   HTTPOptions
	client *http.Client

	mu    sync.Mutex
	files map[string]*httpEntry
	total int64
}

type httpEntry struct {
	once sync.Once
	data []byte
	err  error
}

// NewHTTPFS returns the HTTPFS of base, an http or https URL; a missing
// trailing slash is added (the base is a directory).
func NewHTTPFS(base string, opts HTTPOptions) (*HTTPFS, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %w", ErrSpec, base, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: %q is not an http(s) URL", ErrSpec, base)
	}
	u.RawQuery, u.Fragment = "", ""
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	h := &HTTPFS{base: u, opts: opts.withDefaults(), files: map[string]*httpEntry{}}
	h.client = &http.Client{
		Transport: h.opts.Transport,
		Timeout:   h.opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if req.URL.Scheme != u.Scheme || req.URL.Host != u.Host {
				return fmt.Errorf("%w: redirect to %s", ErrForeignHost, req.URL.Redacted())
			}
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			return nil
		},
	}
	return h, nil
}

// URL returns the URL of name.
func (h *HTTPFS) URL(name string) string {
	els := strings.Split(name, "/")
	for i, e := range els {
		els[i] = url.PathEscape(e)
	}
	return h.base.String() + strings.Join(els, "/")
}

// Open fetches name (once) and returns it.
func (h *HTTPFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return &httpFile{name: ".", dir: true}, nil
	}
	data, err := h.get(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &httpFile{name: path.Base(name), r: bytes.NewReader(data), size: int64(len(data))}, nil
}

// ReadFile returns the content of name (fs.ReadFileFS).
func (h *HTTPFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) || name == "." {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	data, err := h.get(name)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return bytes.Clone(data), nil
}

func (h *HTTPFS) get(name string) ([]byte, error) {
	h.mu.Lock()
	e := h.files[name]
	if e == nil {
		e = &httpEntry{}
		h.files[name] = e
	}
	h.mu.Unlock()
	e.once.Do(func() {
		e.data, e.err = h.fetch(name)
		if e.err == nil {
			h.mu.Lock()
			h.total += int64(len(e.data))
			over := h.total > h.opts.MaxTotalSize
			h.mu.Unlock()
			if over {
				e.data, e.err = nil, fmt.Errorf("%w: %s: the app's files exceed %d bytes", ErrTooLarge, name,
					h.opts.MaxTotalSize)
			}
		}
	})
	return e.data, e.err
}

func (h *HTTPFS) fetch(name string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), h.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.URL(name), nil)
	if err != nil {
		return nil, err
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, fs.ErrNotExist
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("%w: GET %s: %s", ErrHTTP, h.URL(name), resp.Status)
	case resp.ContentLength > h.opts.MaxFileSize:
		return nil, fmt.Errorf("%w: %s: %d bytes (max %d)", ErrTooLarge, name, resp.ContentLength, h.opts.MaxFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, h.opts.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > h.opts.MaxFileSize {
		return nil, fmt.Errorf("%w: %s: more than %d bytes", ErrTooLarge, name, h.opts.MaxFileSize)
	}
	return data, nil
}

// httpFile is an open file (or the root directory) of an HTTPFS.
type httpFile struct {
	name string
	dir  bool
	r    *bytes.Reader
	size int64
}

func (f *httpFile) Stat() (fs.FileInfo, error) { return httpInfo{f}, nil }
func (f *httpFile) Read(p []byte) (int, error) {
	if f.dir {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: errors.New("is a directory")}
	}
	return f.r.Read(p)
}
func (f *httpFile) Close() error { return nil }

// ReadDir of the root lists nothing: HTTP cannot list.
func (f *httpFile) ReadDir(int) ([]fs.DirEntry, error) {
	if !f.dir {
		return nil, &fs.PathError{Op: "readdir", Path: f.name, Err: errors.New("not a directory")}
	}
	return nil, nil
}

type httpInfo struct{ f *httpFile }

func (i httpInfo) Name() string { return i.f.name }
func (i httpInfo) Size() int64  { return i.f.size }
func (i httpInfo) Mode() fs.FileMode {
	if i.f.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i httpInfo) ModTime() time.Time { return time.Time{} }
func (i httpInfo) IsDir() bool        { return i.f.dir }
func (i httpInfo) Sys() any           { return nil }

var (
	_ fs.FS         = (*HTTPFS)(nil)
	_ fs.ReadFileFS = (*HTTPFS)(nil)
)
