package nclua

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	lua "github.com/yuin/gopher-lua"

	"github.com/antena-tv/antena/runtime/store"
)

// httpChunk is the size of the body pieces of response events.
const httpChunk = 64 << 10

// httpModule is the http event class (nclua's extension): request,
// response (the body in pieces, the last with finished=true) and cancel,
// asynchronous. A request with durable=true goes through the outbox.
type httpModule struct {
	app      *App
	net      *Network
	client   *http.Client
	inflight map[lua.LValue]context.CancelFunc // by session, VM goroutine
	sessions map[uint64]lua.LValue             // durable submission → session, VM goroutine
	active   int                               // requests in flight, VM goroutine
	unsub    func()
}

func newHTTPModule(a *App) *httpModule {
	a.opts.Network.withDefaults()
	n := &a.opts.Network
	m := &httpModule{app: a, net: n, inflight: map[lua.LValue]context.CancelFunc{}, sessions: map[uint64]lua.LValue{}}
	m.client = &http.Client{
		Transport: n.Transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errors.New("stopped after 10 redirects")
			}
			if !n.Allowed(req.URL.Hostname()) {
				return fmt.Errorf("%w: redirect to %s", ErrNotAllowed, req.URL.Hostname())
			}
			return nil
		},
	}
	if n.Outbox != nil && a.persistent.ns != nil {
		m.unsub = n.Outbox.subscribe(a.persistent.ns.ID(), m.durableDone)
	}
	return m
}

type httpRequest struct {
	method, uri string
	header      http.Header
	body        string
	session     lua.LValue
	durable     bool
}

func (m *httpModule) reply(r *httpRequest, e Event) {
	e["class"] = "http"
	e["method"] = r.method
	e["uri"] = r.uri
	if r.session != lua.LNil {
		e["session"] = r.session
	}
	m.app.ev.enqueue(eventToLua(m.app.vm.State(), e))
}

// post handles an http event the app posted out. VM goroutine.
func (m *httpModule) post(ev *lua.LTable) {
	session := ev.RawGetString("session")
	if ev.RawGetString("type").String() == "cancel" {
		if cancel, ok := m.inflight[session]; ok {
			cancel()
		}
		return
	}
	r := &httpRequest{
		method:  ev.RawGetString("method").String(),
		uri:     ev.RawGetString("uri").String(),
		header:  http.Header{},
		session: session,
		durable: lua.LVAsBool(ev.RawGetString("durable")),
	}
	if b, ok := ev.RawGetString("body").(lua.LString); ok {
		r.body = string(b)
	}
	if h, ok := ev.RawGetString("headers").(*lua.LTable); ok {
		h.ForEach(func(k, v lua.LValue) { r.header.Add(k.String(), v.String()) })
	}
	fail := func(msg string) {
		m.reply(r, Event{"type": "response", "error": msg, "finished": true})
	}
	u, err := url.Parse(r.uri)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fail("invalid uri '" + r.uri + "' (want http:// or https://)")
		return
	}
	if !m.net.Allowed(u.Hostname()) {
		fail(fmt.Sprintf("%v: %s", ErrNotAllowed, u.Hostname()))
		return
	}
	if m.active >= m.net.MaxRequests {
		fail(fmt.Sprintf("too many requests in flight (max %d)", m.net.MaxRequests))
		return
	}
	if r.durable {
		m.durable(r)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), eventTimeout(ev, m.net.RequestTimeout))
	if session != lua.LNil {
		if old, ok := m.inflight[session]; ok {
			old()
		}
		m.inflight[session] = cancel
	}
	release := m.app.vm.Hold()
	m.active++
	go func() {
		defer release()
		defer cancel()
		m.do(ctx, r)
		_ = m.app.vm.Post(func() {
			m.active--
			if session != lua.LNil {
				delete(m.inflight, session)
			}
		})
	}()
}

// do runs one request and delivers its response events. Network goroutine.
func (m *httpModule) do(ctx context.Context, r *httpRequest) {
	deliver := func(e Event) {
		_ = m.app.vm.Post(func() { m.reply(r, e) })
	}
	req, err := http.NewRequestWithContext(ctx, strings.ToUpper(r.method), r.uri, strings.NewReader(r.body))
	if err != nil {
		deliver(Event{"type": "response", "error": err.Error(), "finished": true})
		return
	}
	req.Header = r.header
	resp, err := m.client.Do(req)
	if err != nil {
		deliver(Event{"type": "response", "error": errorText(ctx, err), "finished": true})
		return
	}
	defer resp.Body.Close()
	headers := map[string]string{}
	for k, v := range resp.Header {
		headers[k] = strings.Join(v, ", ")
	}
	body := io.LimitReader(resp.Body, m.net.MaxResponse+1)
	buf := make([]byte, httpChunk)
	var total int64
	for {
		n, rerr := io.ReadFull(body, buf)
		total += int64(n)
		e := Event{"type": "response", "code": resp.StatusCode, "headers": headers, "body": string(buf[:n])}
		switch {
		case total > m.net.MaxResponse:
			e["body"] = string(buf[:n-int(total-m.net.MaxResponse)])
			e["error"] = fmt.Sprintf("response larger than %d bytes", m.net.MaxResponse)
			e["finished"] = true
			deliver(e)
			return
		case rerr == io.EOF || rerr == io.ErrUnexpectedEOF:
			e["finished"] = true
			deliver(e)
			return
		case rerr != nil:
			e["error"] = errorText(ctx, rerr)
			e["finished"] = true
			deliver(e)
			return
		}
		e["finished"] = false
		deliver(e)
	}
}

func errorText(ctx context.Context, err error) string {
	if errors.Is(ctx.Err(), context.Canceled) {
		return "cancelled"
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return "timeout"
	}
	return err.Error()
}

// durable queues r in the outbox (synced) and tries it at once. The app
// gets type='queued' (with the idempotency key, and the error) when the
// first try fails, and type='response' with durable=true once delivered,
// now or after the network comes back. VM goroutine.
func (m *httpModule) durable(r *httpRequest) {
	ns := m.app.persistent.ns
	if m.net.Outbox == nil || ns == nil {
		m.reply(r, Event{"type": "response", "durable": true, "finished": true,
			"error": "durable requests need a store and an outbox"})
		return
	}
	tag := ""
	switch s := r.session.(type) {
	case lua.LString, lua.LNumber:
		tag = s.String()
	}
	sub, err := ns.Enqueue(store.Submission{
		Tag: tag, Method: strings.ToUpper(r.method), URL: r.uri, Header: r.header, Body: []byte(r.body),
	})
	if err != nil {
		m.reply(r, Event{"type": "response", "durable": true, "finished": true, "error": err.Error()})
		return
	}
	m.sessions[sub.ID] = r.session
	release := m.app.vm.Hold()
	m.active++
	go func() {
		defer release()
		delivered, err := m.net.Outbox.attempt(context.Background(), sub)
		_ = m.app.vm.Post(func() { m.active-- })
		if delivered {
			return // durableDone tells the app
		}
		msg := "not delivered"
		if err != nil {
			msg = err.Error()
		}
		_ = m.app.vm.Post(func() {
			m.reply(r, Event{"type": "queued", "durable": true, "key": sub.IdempotencyKey, "error": msg})
		})
	}()
}

// durableDone is the outbox telling this app a submission was delivered
// (any goroutine).
func (m *httpModule) durableDone(sub store.Submission, res OutboxResult) {
	_ = m.app.vm.Post(func() {
		session, ok := m.sessions[sub.ID]
		delete(m.sessions, sub.ID)
		if !ok {
			session = lua.LNil
			if sub.Tag != "" {
				session = lua.LString(sub.Tag)
			}
		}
		r := &httpRequest{method: strings.ToLower(sub.Method), uri: sub.URL, session: session}
		headers := map[string]string{}
		for k, v := range res.Header {
			headers[k] = strings.Join(v, ", ")
		}
		m.reply(r, Event{"type": "response", "durable": true, "key": sub.IdempotencyKey, "code": res.Code,
			"headers": headers, "body": string(bytes.Clone(res.Body)), "finished": true})
	})
}

// cancelAll cancels the requests in flight (the app stopped).
func (m *httpModule) cancelAll() {
	for _, cancel := range m.inflight {
		cancel()
	}
	if m.unsub != nil {
		m.unsub()
	}
}
