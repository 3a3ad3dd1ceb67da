package nclua

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/antena-tv/antena/runtime/store"
)

// IdempotencyHeader carries a durable submission's key on every attempt.
const IdempotencyHeader = "Idempotency-Key"

// OutboxResult is the answer that delivered a submission.
type OutboxResult struct {
	Code   int
	Header http.Header
	Body   []byte
}

// Outbox delivers the durable http requests of all apps from the store:
// one per box, shared by the apps' Network options. A submission counts as
// delivered when a server answers with a status below 500 (a 4xx is an
// answer: the server saw it); network errors and 5xx leave it pending.
// The host calls Flush when the return channel comes back (and may call it
// periodically). Each submission is delivered once: store.MarkDelivered
// succeeds once, and only that caller tells the app.
type Outbox struct {
	db      *store.DB
	client  *http.Client
	log     *slog.Logger
	timeout time.Duration

	mu       sync.Mutex
	inflight map[uint64]bool
	subs     map[string]map[int]func(store.Submission, OutboxResult)
	nextSub  int
}

// NewOutbox returns an outbox over db whose requests go through rt
// (default a clone of http.DefaultTransport); each attempt is bounded by
// timeout (default 30 s).
func NewOutbox(db *store.DB, rt http.RoundTripper, timeout time.Duration, log *slog.Logger) *Outbox {
	if rt == nil {
		rt = http.DefaultTransport.(*http.Transport).Clone()
	}
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	if log == nil {
		log = slog.Default()
	}
	return &Outbox{
		db: db, client: &http.Client{Transport: rt}, log: log, timeout: timeout,
		inflight: map[uint64]bool{}, subs: map[string]map[int]func(store.Submission, OutboxResult){},
	}
}

// subscribe registers fn to hear about deliveries of namespace ns.
func (o *Outbox) subscribe(ns string, fn func(store.Submission, OutboxResult)) (cancel func()) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.nextSub++
	id := o.nextSub
	if o.subs[ns] == nil {
		o.subs[ns] = map[int]func(store.Submission, OutboxResult){}
	}
	o.subs[ns][id] = fn
	return func() {
		o.mu.Lock()
		defer o.mu.Unlock()
		delete(o.subs[ns], id)
	}
}

// Flush tries every pending submission once, oldest first, and returns how
// many were delivered.
func (o *Outbox) Flush(ctx context.Context) (int, error) {
	pending, err := o.db.Pending()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range pending {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		if ok, _ := o.attempt(ctx, s); ok {
			n++
		}
	}
	return n, nil
}

var errInFlight = errors.New("nclua: submission already being sent")

// attempt sends s once and, when delivered, marks it and tells the
// subscribers of its namespace.
func (o *Outbox) attempt(ctx context.Context, s store.Submission) (bool, error) {
	o.mu.Lock()
	if o.inflight[s.ID] {
		o.mu.Unlock()
		return false, errInFlight
	}
	o.inflight[s.ID] = true
	o.mu.Unlock()
	defer func() {
		o.mu.Lock()
		delete(o.inflight, s.ID)
		o.mu.Unlock()
	}()
	res, err := o.send(ctx, s)
	if err != nil {
		if rerr := o.db.RecordAttempt(s.ID, err.Error()); rerr != nil && !errors.Is(rerr, store.ErrNotPending) {
			o.log.Warn("outbox: record attempt", "id", s.ID, "err", rerr)
		}
		return false, err
	}
	done, err := o.db.MarkDelivered(s.ID)
	if errors.Is(err, store.ErrNotPending) {
		return true, nil // someone else delivered and told it
	}
	if err != nil {
		return false, err
	}
	o.mu.Lock()
	var fns []func(store.Submission, OutboxResult)
	for _, fn := range o.subs[done.Namespace] {
		fns = append(fns, fn)
	}
	o.mu.Unlock()
	for _, fn := range fns {
		fn(done, res)
	}
	return true, nil
}

func (o *Outbox) send(ctx context.Context, s store.Submission) (OutboxResult, error) {
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, s.Method, s.URL, bytes.NewReader(s.Body))
	if err != nil {
		return OutboxResult{}, err
	}
	for k, vs := range s.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set(IdempotencyHeader, s.IdempotencyKey)
	resp, err := o.client.Do(req)
	if err != nil {
		return OutboxResult{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return OutboxResult{}, err
	}
	if resp.StatusCode >= 500 {
		return OutboxResult{}, fmt.Errorf("server answered %s", resp.Status)
	}
	return OutboxResult{Code: resp.StatusCode, Header: resp.Header, Body: body}, nil
}
