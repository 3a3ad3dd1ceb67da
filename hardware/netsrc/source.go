package netsrc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/antena-tv/antena/hardware"
)

// Options tune a source. The zero value is usable.
type Options struct {
	// Silence is how long nothing may arrive before Notify hears of it; default 5 s.
	Silence time.Duration
	// Redial is how long nothing may arrive before the connection is dropped and
	// made again (an HTTP server that stalls, a multicast join a switch forgot);
	// default 3 × Silence, negative never.
	Redial time.Duration
	// MinBackoff and MaxBackoff bound the pause between reconnection attempts, which
	// doubles from one to the other; default 250 ms and 10 s.
	MinBackoff, MaxBackoff time.Duration
	// Notify, when set, receives the source's events (Event.String is the message
	// to log). It is called from the reading goroutine or the source's watchdog and
	// must not block.
	Notify func(Event)
	// HTTPClient serves http and https; default a client without a time limit (a
	// stream has no end).
	HTTPClient *http.Client
	// ReadBuffer is the socket receive buffer of udp and rtp sources, bytes; default
	// 4 MiB, as much as the system allows.
	ReadBuffer int
}

func (o *Options) defaults() {
	if o.Silence <= 0 {
		o.Silence = 5 * time.Second
	}
	if o.Redial == 0 {
		o.Redial = 3 * o.Silence
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = 250 * time.Millisecond
	}
	if o.MaxBackoff < o.MinBackoff {
		o.MaxBackoff = max(10*time.Second, o.MinBackoff)
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	if o.ReadBuffer == 0 {
		o.ReadBuffer = 4 << 20
	}
}

// conn is one connection of a source.
type conn interface {
	Read(p []byte) (int, error)
	Close() error
}

type dialFunc func(ctx context.Context) (conn, error)

var _ hardware.Source = (*Source)(nil)

// Source is a network transport stream; see the package documentation.
type Source struct {
	uri   string
	opts  Options
	dial  dialFunc
	stats counters
	ctx   context.Context
	stop  context.CancelFunc
	done  chan struct{} // the watchdog has ended
	now   func() time.Time

	mu      sync.Mutex
	c       conn // nil between connections
	backoff time.Duration
	attempt int
	err     error // why the last connection ended

	last   atomic.Int64 // time of the last data, Unix nanoseconds
	silent atomic.Bool  // Silent was reported and data has not come back
}

// Stats are a source's counters.
type Stats struct {
	Bytes      int64 // bytes returned by Read
	Datagrams  int64 // UDP datagrams received (udp, rtp)
	Lost       int64 // RTP packets missing from the sequence
	Dropped    int64 // RTP packets dropped: unreadable, or not MP2T
	Reconnects int64
}

// Open opens a udp://, rtp://, http:// or https:// source and makes its first
// connection (for udp and rtp: the socket and the multicast join).
func Open(uri string, opts Options) (*Source, error) {
	opts.defaults()
	u, err := url.Parse(uri)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrURI, err)
	}
	s := &Source{uri: redact(u), opts: opts, done: make(chan struct{}), now: time.Now}
	switch u.Scheme {
	case "udp", "rtp":
		e, err := parseEndpoint(u)
		if err != nil {
			return nil, err
		}
		s.dial = dialUDP(e, u.Scheme == "rtp", opts.ReadBuffer, &s.stats)
	case "http", "https":
		s.dial = (&httpSource{client: opts.HTTPClient, url: uri, length: -1}).dial
	default:
		return nil, fmt.Errorf("%w: %q: want udp, rtp, http or https", ErrURI, u.Scheme)
	}
	s.ctx, s.stop = context.WithCancel(context.Background())
	c, err := s.dial(s.ctx)
	if err != nil {
		s.stop()
		return nil, err
	}
	s.c = c
	s.backoff = opts.MinBackoff
	s.last.Store(s.now().UnixNano())
	go s.watchdog()
	return s, nil
}

// Read reads the next bytes, at most hardware.MaxLiveRead, reconnecting as long as it
// takes. It returns io.EOF only at the end of an HTTP resource of known length.
func (s *Source) Read(p []byte) (int, error) {
	if len(p) > hardware.MaxLiveRead {
		p = p[:hardware.MaxLiveRead]
	}
	for {
		c, err := s.connection()
		if err != nil {
			return 0, err
		}
		n, err := c.Read(p)
		if n > 0 {
			s.arrived(n)
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				s.drop(c, nil)
				return n, io.EOF
			}
			s.drop(c, err)
		}
		if n > 0 {
			return n, nil
		}
	}
}

// arrived notes data: the watchdog's clock restarts, the backoff resets.
func (s *Source) arrived(n int) {
	now := s.now()
	prev := time.Unix(0, s.last.Swap(now.UnixNano()))
	s.stats.bytes.Add(int64(n))
	if s.silent.Swap(false) {
		s.notify(Event{Kind: Resumed, Silence: now.Sub(prev)})
	}
	s.mu.Lock()
	s.backoff, s.attempt = s.opts.MinBackoff, 0
	s.mu.Unlock()
}

// drop ends a connection; the next Read makes another.
func (s *Source) drop(c conn, why error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.c == c {
		s.c = nil
		if why != nil {
			s.err = why
		}
	}
	_ = c.Close()
}

// connection returns the connection, making a new one after a pause when there is
// none. It fails only when the source is closed (or its HTTP resource ended).
func (s *Source) connection() (conn, error) {
	for {
		s.mu.Lock()
		if s.ctx.Err() != nil {
			s.mu.Unlock()
			return nil, fmt.Errorf("netsrc: %s: %w", s.uri, hardware.ErrClosed)
		}
		if c := s.c; c != nil {
			s.mu.Unlock()
			return c, nil
		}
		if s.err == nil {
			s.mu.Unlock()
			return nil, io.EOF
		}
		wait := s.backoff
		s.backoff = min(2*s.backoff, s.opts.MaxBackoff)
		s.attempt++
		ev := Event{Kind: Reconnecting, Err: s.err, Wait: wait, Attempt: s.attempt}
		s.mu.Unlock()
		s.notify(ev)
		select {
		case <-s.ctx.Done():
			continue
		case <-time.After(wait):
		}
		c, err := s.dial(s.ctx)
		s.mu.Lock()
		if err != nil {
			s.err = err
			s.mu.Unlock()
			continue
		}
		if s.ctx.Err() != nil {
			s.mu.Unlock()
			_ = c.Close()
			continue
		}
		s.c, s.err = c, nil
		s.mu.Unlock()
		s.stats.reconnects.Add(1)
		s.notify(Event{Kind: Connected})
	}
}

// watchdog reports silence, and drops a connection that stays silent for Redial.
func (s *Source) watchdog() {
	defer close(s.done)
	tick := min(s.opts.Silence, s.opts.Redial) / 4
	if s.opts.Redial < 0 {
		tick = s.opts.Silence / 4
	}
	t := time.NewTicker(max(tick, time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-t.C:
		}
		quiet := s.now().Sub(time.Unix(0, s.last.Load()))
		if quiet >= s.opts.Silence && !s.silent.Swap(true) {
			s.notify(Event{Kind: Silent, Silence: quiet})
		}
		if s.opts.Redial > 0 && quiet >= s.opts.Redial {
			s.mu.Lock()
			c := s.c
			s.mu.Unlock()
			if c != nil {
				s.drop(c, fmt.Errorf("no data for %v", quiet.Round(time.Millisecond)))
				s.last.Store(s.now().UnixNano()) // give the new connection its time
			}
		}
	}
}

func (s *Source) notify(ev Event) {
	if s.opts.Notify != nil {
		ev.URI = s.uri
		s.opts.Notify(ev)
	}
}

// Stats returns the counters.
func (s *Source) Stats() Stats {
	return Stats{
		Bytes: s.stats.bytes.Load(), Datagrams: s.stats.datagrams.Load(), Lost: s.stats.lost.Load(),
		Dropped: s.stats.dropped.Load(), Reconnects: s.stats.reconnects.Load(),
	}
}

// String returns the URI (without user information for http and https).
func (s *Source) String() string { return s.uri }

// Close stops the source: a Read in progress returns an error wrapping
// hardware.ErrClosed.
func (s *Source) Close() error {
	s.mu.Lock()
	if s.ctx.Err() != nil {
		s.mu.Unlock()
		return nil
	}
	s.stop()
	c := s.c
	s.c = nil
	s.mu.Unlock()
	var err error
	if c != nil {
		err = c.Close()
	}
	<-s.done
	return err
}
