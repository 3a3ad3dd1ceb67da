package nclua

import (
	"fmt"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// MaxEventsPerCycle is how many queued input events one cycle dispatches
// (nclua's EVT_MAX). The rest wait for the next cycle, so that an app
// posting to itself cannot starve timers and the host's events.
const MaxEventsPerCycle = 128

// Bounds on what an app can pile up outside the Lua heap (where the
// memory watchdog does not look): queued input events, handlers, timers.
const (
	MaxQueuedEvents = 4096
	MaxHandlers     = 1024
	MaxTimers       = 4096
)

// handler is one entry of the handler list.
type handler struct {
	fn      *lua.LFunction
	filter  []filterField // nil: every event
	removed bool
}

type filterField struct {
	key lua.LValue
	val lua.LValue
}

// eventModule is the state of the event module (one per app): the handler
// list and the input queue. VM goroutine only.
type eventModule struct {
	app      *App
	handlers []*handler
	inq      []*lua.LTable
	cycling  bool // a cycle is queued on the VM
	timers   int  // pending
}

func (m *eventModule) loader(L *lua.LState) int {
	mod := L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
		"post":       m.eventPost,
		"register":   m.eventRegister,
		"unregister": m.eventUnregister,
		"timer":      m.eventTimer,
		"uptime":     m.eventUptime,
	})
	L.Push(mod)
	return 1
}

// enqueue puts an input event on the queue and makes sure a cycle will
// run. VM goroutine.
func (m *eventModule) enqueue(t *lua.LTable) {
	m.inq = append(m.inq, t)
	if !m.cycling {
		m.cycling = true
		if err := m.app.vm.Post(m.cycle); err != nil {
			m.cycling = false
		}
	}
}

// cycle dispatches at most MaxEventsPerCycle queued events, in order, and
// queues another cycle if some remain.
func (m *eventModule) cycle() {
	m.cycling = false
	n := min(len(m.inq), MaxEventsPerCycle)
	batch := m.inq[:n:n]
	m.inq = m.inq[n:]
	if len(m.inq) == 0 {
		m.inq = nil
	}
	for _, ev := range batch {
		if m.app.vm.Stopped() {
			return
		}
		m.dispatch(ev)
	}
	if len(m.inq) > 0 && !m.cycling && !m.app.vm.Stopped() {
		m.cycling = true
		if err := m.app.vm.Post(m.cycle); err != nil {
			m.cycling = false
		}
	}
}

// dispatch calls the matching handlers in list order, each with its own
// shallow copy of the event, until one returns true.
func (m *eventModule) dispatch(ev *lua.LTable) {
	L := m.app.vm.State()
	list := append([]*handler(nil), m.handlers...)
	for _, h := range list {
		if h.removed || !h.matches(ev) {
			continue
		}
		ret, err := m.app.vm.Call(h.fn, shallowCopy(L, ev))
		if err != nil {
			return
		}
		if ret == lua.LTrue {
			return
		}
	}
}

func (h *handler) matches(ev *lua.LTable) bool {
	for _, f := range h.filter {
		v := ev.RawGet(f.key)
		if v == lua.LNil || !equalValues(v, f.val) {
			return false
		}
	}
	return true
}

func equalValues(a, b lua.LValue) bool {
	switch x := a.(type) {
	case lua.LString:
		y, ok := b.(lua.LString)
		return ok && x == y
	case lua.LNumber:
		y, ok := b.(lua.LNumber)
		return ok && x == y
	case lua.LBool:
		y, ok := b.(lua.LBool)
		return ok && x == y
	}
	return a == b
}

// event.post([dest], evt) -> ok[, err]
func (m *eventModule) eventPost(L *lua.LState) int {
	dest := "out"
	evArg := 1
	if s, ok := L.Get(1).(lua.LString); ok {
		dest = string(s)
		evArg = 2
	} else if L.GetTop() >= 2 && L.Get(1) == lua.LNil {
		evArg = 2
	}
	if dest != "in" && dest != "out" {
		L.ArgError(1, "invalid destination '"+dest+"' (expected 'in' or 'out')")
		return 0
	}
	v := L.Get(evArg)
	if v == lua.LNil {
		L.Push(lua.LTrue)
		return 1
	}
	t, ok := v.(*lua.LTable)
	if !ok {
		L.ArgError(evArg, "table expected, got "+v.Type().String())
		return 0
	}
	ev := shallowCopy(L, t)
	class, _ := ev.RawGetString("class").(lua.LString)
	if class == "" {
		L.Push(lua.LFalse)
		L.Push(lua.LString("missing event class"))
		return 2
	}
	if spec, known := classes[string(class)]; known && spec.check != nil {
		if msg := spec.check(ev, dest); msg != "" {
			L.Push(lua.LFalse)
			L.Push(lua.LString(msg))
			return 2
		}
	}
	if (dest == "in" || class == "user") && len(m.inq) >= MaxQueuedEvents {
		L.Push(lua.LFalse)
		L.Push(lua.LString(fmt.Sprintf("event queue full (%d events)", MaxQueuedEvents)))
		return 2
	}
	if dest == "in" {
		m.enqueue(ev)
		L.Push(lua.LTrue)
		return 1
	}
	switch class {
	case "user":
		// nclua: a user event posted either way comes back to the script.
		m.enqueue(ev)
		m.app.emit(ev)
	case "tcp":
		m.app.tcp.post(ev)
	case "http":
		m.app.http.post(ev)
	default:
		m.app.emit(ev)
	}
	L.Push(lua.LTrue)
	return 1
}

// event.register([pos], f, [filter | class, ...]) -> true
func (m *eventModule) eventRegister(L *lua.LState) int {
	arg := 1
	pos := len(m.handlers) + 1
	if n, ok := L.Get(1).(lua.LNumber); ok {
		pos = int(n)
		if pos < 1 || pos > len(m.handlers)+1 {
			L.ArgError(1, "position out of range")
			return 0
		}
		arg = 2
	}
	fn, ok := L.Get(arg).(*lua.LFunction)
	if !ok {
		L.ArgError(arg, "function expected, got "+L.Get(arg).Type().String())
		return 0
	}
	if len(m.handlers) >= MaxHandlers {
		L.RaiseError("too many event handlers (max %d)", MaxHandlers)
		return 0
	}
	h := &handler{fn: fn}
	switch f := L.Get(arg + 1).(type) {
	case *lua.LTable:
		h.filter = []filterField{}
		f.ForEach(func(k, v lua.LValue) { h.filter = append(h.filter, filterField{k, v}) })
	case lua.LString:
		h.filter = classFilter(L, string(f), arg+2)
	case *lua.LNilType:
	default:
		L.ArgError(arg+1, "filter table or class name expected, got "+f.Type().String())
		return 0
	}
	m.handlers = append(m.handlers, nil)
	copy(m.handlers[pos:], m.handlers[pos-1:])
	m.handlers[pos-1] = h
	L.Push(lua.LTrue)
	return 1
}

// classFilter builds the filter of register(f, class, ...) from the
// class's positional fields. Unlike nclua, an unknown class still filters
// on the class (nclua gives such a handler every event).
func classFilter(L *lua.LState, class string, first int) []filterField {
	filter := []filterField{{lua.LString("class"), lua.LString(class)}}
	spec := classes[class]
	names := spec.filter
	if class == "ncl" {
		// (type, label-or-name, action), H.761 order: label before action.
		names = []string{"type", "label", "action"}
		if t, ok := L.Get(first).(lua.LString); ok && t == "attribution" {
			names = []string{"type", "name", "action"}
		}
	}
	for i, name := range names {
		v := L.Get(first + i)
		if v == lua.LNil {
			continue
		}
		filter = append(filter, filterField{lua.LString(name), v})
	}
	return filter
}

// event.unregister(f) -> n
func (m *eventModule) eventUnregister(L *lua.LState) int {
	fn := L.CheckFunction(1)
	kept := m.handlers[:0]
	n := 0
	for _, h := range m.handlers {
		if h.fn == fn {
			h.removed = true
			n++
			continue
		}
		kept = append(kept, h)
	}
	for i := len(kept); i < len(m.handlers); i++ {
		m.handlers[i] = nil
	}
	m.handlers = kept
	L.Push(lua.LNumber(n))
	return 1
}

// event.timer(ms, f) -> cancel
func (m *eventModule) eventTimer(L *lua.LState) int {
	ms := float64(L.CheckNumber(1))
	fn := L.CheckFunction(2)
	if ms < 0 || ms != ms {
		ms = 0
	}
	if m.timers >= MaxTimers {
		L.RaiseError("too many timers (max %d)", MaxTimers)
		return 0
	}
	vm := m.app.vm
	m.timers++
	cancel := vm.After(time.Duration(ms*float64(time.Millisecond)), func() {
		m.timers--
		_, _ = vm.Call(fn)
	})
	L.Push(L.NewFunction(func(L *lua.LState) int {
		if cancel() {
			m.timers--
		}
		return 0
	}))
	return 1
}

// event.uptime() -> ms
func (m *eventModule) eventUptime(L *lua.LState) int {
	L.Push(lua.LNumber(float64(m.app.vm.Uptime()) / float64(time.Millisecond)))
	return 1
}
