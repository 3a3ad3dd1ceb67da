package nclua

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// tcpModule is the tcp event class: connect, data and disconnect, all
// asynchronous. A connection is identified by a number (the event's
// connection field). Each open connection holds the VM (it is not idle).
type tcpModule struct {
	app        *App
	net        *Network
	conns      map[int]*tcpConn // VM goroutine
	next       int
	connecting int // connects in progress, VM goroutine
}

type tcpConn struct {
	id      int
	c       net.Conn
	writes  chan string
	closing sync.Once
	byApp   bool
	release func()
}

const tcpReadSize = 16 << 10

func newTCPModule(a *App) *tcpModule {
	a.opts.Network.withDefaults()
	return &tcpModule{app: a, net: &a.opts.Network, conns: map[int]*tcpConn{}}
}

func (m *tcpModule) reply(e Event) {
	e["class"] = "tcp"
	m.app.ev.enqueue(eventToLua(m.app.vm.State(), e))
}

func eventTimeout(ev *lua.LTable, def time.Duration) time.Duration {
	if n, ok := ev.RawGetString("timeout").(lua.LNumber); ok && n > 0 {
		return time.Duration(float64(n) * float64(time.Second))
	}
	return def
}

// post handles a tcp event the app posted out. VM goroutine.
func (m *tcpModule) post(ev *lua.LTable) {
	switch ev.RawGetString("type").String() {
	case "connect":
		m.connect(ev)
	case "data":
		id := int(lua.LVAsNumber(ev.RawGetString("connection")))
		c := m.conns[id]
		if c == nil {
			m.reply(Event{"type": "data", "connection": id, "error": "not connected"})
			return
		}
		select {
		case c.writes <- ev.RawGetString("value").String():
		default:
			m.reply(Event{"type": "data", "connection": id, "error": "send buffer full"})
		}
	case "disconnect":
		id := int(lua.LVAsNumber(ev.RawGetString("connection")))
		if c := m.conns[id]; c != nil {
			c.byApp = true
			c.close()
		}
	}
}

func (m *tcpModule) connect(ev *lua.LTable) {
	host := ev.RawGetString("host").String()
	port := ev.RawGetString("port").String()
	fail := func(msg string) {
		m.reply(Event{"type": "connect", "host": host, "port": portValue(port), "error": msg})
	}
	if !m.net.Allowed(host) {
		fail(fmt.Sprintf("%v: %s", ErrNotAllowed, host))
		return
	}
	if len(m.conns)+m.connecting >= m.net.MaxConnections {
		fail(fmt.Sprintf("too many connections (max %d)", m.net.MaxConnections))
		return
	}
	timeout := eventTimeout(ev, m.net.ConnectTimeout)
	release := m.app.vm.Hold()
	m.connecting++
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		c, err := m.net.Dial(ctx, "tcp", net.JoinHostPort(host, port))
		if err != nil {
			_ = m.app.vm.Post(func() {
				m.connecting--
				fail(err.Error())
			})
			release()
			return
		}
		conn := &tcpConn{c: c, writes: make(chan string, 64), release: release}
		if m.app.vm.Post(func() { m.connecting--; m.opened(conn, host, port) }) != nil {
			c.Close()
			release()
		}
	}()
}

func portValue(p string) any {
	if n, err := strconv.Atoi(p); err == nil {
		return n
	}
	return p
}

// opened registers a new connection and tells the app. VM goroutine.
func (m *tcpModule) opened(c *tcpConn, host, port string) {
	m.next++
	c.id = m.next
	m.conns[c.id] = c
	m.reply(Event{"type": "connect", "host": host, "port": portValue(port), "connection": c.id})
	go m.reader(c)
	go m.writer(c)
}

func (c *tcpConn) close() {
	c.closing.Do(func() {
		close(c.writes)
		c.c.Close()
	})
}

func (m *tcpModule) reader(c *tcpConn) {
	buf := make([]byte, tcpReadSize)
	var rerr error
	for {
		n, err := c.c.Read(buf)
		if n > 0 {
			m.app.deliver(Event{"class": "tcp", "type": "data", "connection": c.id, "value": string(buf[:n])})
		}
		if err != nil {
			rerr = err
			break
		}
	}
	c.close()
	e := Event{"class": "tcp", "type": "disconnect", "connection": c.id}
	_ = m.app.vm.Post(func() {
		if !c.byApp && !errors.Is(rerr, io.EOF) && !errors.Is(rerr, net.ErrClosed) {
			e["error"] = rerr.Error()
		}
		delete(m.conns, c.id)
		m.app.ev.enqueue(eventToLua(m.app.vm.State(), e))
	})
	c.release()
}

func (m *tcpModule) writer(c *tcpConn) {
	for v := range c.writes {
		_ = c.c.SetWriteDeadline(time.Now().Add(m.net.ConnectTimeout))
		if _, err := io.WriteString(c.c, v); err != nil {
			m.app.deliver(Event{"class": "tcp", "type": "data", "connection": c.id, "error": err.Error()})
			c.close()
			return
		}
	}
}

// closeAll closes every connection (the app stopped).
func (m *tcpModule) closeAll() {
	for _, c := range m.conns {
		c.byApp = true
		c.close()
	}
}
