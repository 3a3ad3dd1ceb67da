package netsrc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// errEnded reports a live HTTP stream that the server ended.
var errEnded = errors.New("the server ended the stream")

// httpStream is one response body. A body of declared length is a finite stream: a
// server that offers byte ranges is asked for the rest after a drop, and the end of it
// is the end of the source.
type httpStream struct {
	body   io.ReadCloser
	finite bool
	src    *httpSource
}

type httpSource struct {
	client *http.Client
	url    string
	offset int64 // bytes of a finite stream read so far
	length int64 // its length, -1 when unknown
	ranges bool
}

func (h *httpSource) dial(ctx context.Context) (conn, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.url, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrURI, err)
	}
	resume := h.length >= 0 && h.ranges && h.offset > 0
	if resume {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(h.offset, 10)+"-")
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("netsrc: %w", err)
	}
	switch {
	case resp.StatusCode == http.StatusPartialContent && resume:
	case resp.StatusCode == http.StatusOK:
		h.offset = 0
		h.length = resp.ContentLength
		h.ranges = resp.Header.Get("Accept-Ranges") == "bytes"
	default:
		resp.Body.Close()
		return nil, fmt.Errorf("%w: %s", ErrHTTPStatus, resp.Status)
	}
	return &httpStream{body: resp.Body, finite: h.length >= 0, src: h}, nil
}

func (s *httpStream) Read(p []byte) (int, error) {
	n, err := s.body.Read(p)
	s.src.offset += int64(n)
	if errors.Is(err, io.EOF) && !(s.finite && s.src.offset >= s.src.length) {
		err = errEnded // a live stream does not end: reconnect
	}
	return n, err
}

func (s *httpStream) Close() error { return s.body.Close() }
