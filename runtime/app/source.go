package app

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"net/url"
	"os"

	"github.com/antena-tv/antena/demux/dsmcc"
)

// Carousel is what the manager needs of an object carousel: its files as
// they are now, and whether every module has arrived. *dsmcc.Carousel is
// one; tests may give another.
type Carousel interface {
	fs.FS
	Complete() bool
}

// progressCarousel is a Carousel that can say how far it is (dsmcc).
type progressCarousel interface {
	Progress() dsmcc.Progress
}

// snapshotCarousel is a Carousel with consistent snapshots (dsmcc).
type snapshotCarousel interface {
	Snapshot() *dsmcc.Snapshot
}

var _ Carousel = (*dsmcc.Carousel)(nil)

// source is where one app's files come from.
type source interface {
	kind() SourceKind
	location() string
	files() fs.FS // nil while unknown (a carousel not seen yet)
}

// carouselSource: an object carousel on a PID, found through the
// component tag of the AIT's transport.
type carouselSource struct {
	tag uint8
	pid uint16
	c   Carousel // nil until its first section
}

func (s *carouselSource) kind() SourceKind { return SourceCarousel }
func (s *carouselSource) location() string {
	return fmt.Sprintf("PID 0x%04X (component 0x%02X)", s.pid, s.tag)
}

func (s *carouselSource) files() fs.FS {
	if s.c == nil {
		return nil
	}
	return s.c
}

// view returns a consistent view of the carousel when it has one.
func (s *carouselSource) view() fs.FS {
	if sc, ok := s.c.(snapshotCarousel); ok {
		return sc.Snapshot()
	}
	return s.c
}

func (s *carouselSource) progress(entry string) Progress {
	var p Progress
	if s.c == nil {
		return p
	}
	p.EntryPresent = isFile(s.c, entry)
	p.Complete = s.c.Complete()
	if pc, ok := s.c.(progressCarousel); ok {
		pr := pc.Progress()
		p.Modules, p.ModulesComplete, p.Bytes, p.BytesReceived = pr.Modules, pr.ModulesComplete, pr.Bytes, pr.BytesReceived
	}
	return p
}

// folderSource: a directory, or any fs.FS the host gives.
type folderSource struct {
	fsys fs.FS
	dir  string
}

func (s *folderSource) kind() SourceKind { return SourceFolder }
func (s *folderSource) location() string {
	if s.dir != "" {
		return s.dir
	}
	return "fs.FS"
}
func (s *folderSource) files() fs.FS { return s.fsys }

// refresh gives a folder given by path a fresh view (os.DirFS is live, so
// this only matters for hosts that pass their own FS).
func (s *folderSource) refresh() {
	if s.dir != "" {
		s.fsys = os.DirFS(s.dir)
	}
}

// httpSource: an HTTP base URL. Each run gets a fresh HTTPFS (a fresh
// cache), so a restart sees the server's new files.
type httpSource struct {
	base string
	host string
	opts HTTPOptions
	fs   *HTTPFS
}

func newHTTPSource(base string, opts HTTPOptions) (*httpSource, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %w", ErrSpec, base, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: %q is not an http(s) URL", ErrSpec, base)
	}
	return &httpSource{base: base, host: u.Hostname(), opts: opts}, nil
}

func (s *httpSource) kind() SourceKind { return SourceHTTP }
func (s *httpSource) location() string { return s.base }
func (s *httpSource) files() fs.FS {
	if s.fs == nil {
		return nil
	}
	return s.fs
}

// renew makes a fresh HTTPFS.
func (s *httpSource) renew() error {
	h, err := NewHTTPFS(s.base, s.opts)
	if err != nil {
		return err
	}
	s.fs = h
	return nil
}

// isFile reports whether name is a regular file of fsys.
func isFile(fsys fs.FS, name string) bool {
	if fsys == nil || name == "" {
		return false
	}
	st, err := fs.Stat(fsys, name)
	return err == nil && st.Mode().IsRegular()
}

// fingerprint hashes every regular file under root: what says whether a
// carousel update changed the app. Errors reading a file count as a
// distinct content.
func fingerprint(fsys fs.FS, root string) map[string][sha256.Size]byte {
	fp := map[string][sha256.Size]byte{}
	if fsys == nil {
		return fp
	}
	_ = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			fp[p] = sha256.Sum256([]byte("\x00unreadable: " + err.Error()))
			return nil
		}
		fp[p] = sha256.Sum256(b)
		return nil
	})
	return fp
}

// compareFingerprints tells whether files of old changed or went away,
// and whether cur has files old did not.
func compareFingerprints(old, cur map[string][sha256.Size]byte) (changed, added bool) {
	for p, h := range old {
		if c, ok := cur[p]; !ok || c != h {
			changed = true
			break
		}
	}
	for p := range cur {
		if _, ok := old[p]; !ok {
			added = true
			break
		}
	}
	return changed, added
}
