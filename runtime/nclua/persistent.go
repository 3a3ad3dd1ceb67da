package nclua

import (
	"fmt"
	"strconv"

	lua "github.com/yuin/gopher-lua"

	"github.com/antena-tv/antena/runtime/store"
)

// persistentModule is the persistent table: persistent.shared, .service
// and .channel read and write the app's store namespace, every assignment
// synced to disk before it returns. Without a store (Options.Store nil)
// values live in memory for the app's life, with the same quota.
type persistentModule struct {
	app    *App
	ns     *store.Namespace
	quota  int64
	mem    map[store.Scope]map[string]store.Value
	used   int64
	proxy  *lua.LTable
	scopes map[string]*lua.LTable
}

func newPersistentModule(a *App) (*persistentModule, error) {
	m := &persistentModule{app: a, scopes: map[string]*lua.LTable{}}
	if a.opts.Store != nil {
		id := a.opts.StoreID
		if id == "" {
			id = a.opts.Name
		}
		ns, err := a.opts.Store.Namespace(id, a.opts.StoreQuota)
		if err != nil {
			return nil, err
		}
		m.ns = ns
	} else {
		m.mem = map[store.Scope]map[string]store.Value{}
		m.quota = a.opts.StoreQuota
		if m.quota <= 0 {
			m.quota = store.DefaultQuota
		}
	}
	service, channel := a.opts.ServiceID, a.opts.ChannelID
	if service == "" {
		service = "default"
	}
	if channel == "" {
		channel = "default"
	}
	L := a.vm.State()
	for name, scope := range map[string]store.Scope{
		"shared": store.Shared, "service": store.Service(service), "channel": store.Channel(channel),
	} {
		m.scopes[name] = m.scopeProxy(L, name, scope)
	}
	m.proxy = L.NewTable()
	mt := L.CreateTable(0, 3)
	mt.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		if s, ok := L.Get(2).(lua.LString); ok {
			if p := m.scopes[string(s)]; p != nil {
				L.Push(p)
				return 1
			}
		}
		L.Push(lua.LNil)
		return 1
	}))
	mt.RawSetString("__newindex", L.NewFunction(func(L *lua.LState) int {
		L.RaiseError("persistent: only the fields of persistent.shared, persistent.service and " +
			"persistent.channel can be assigned")
		return 0
	}))
	mt.RawSetString("__metatable", lua.LString("persistent"))
	L.SetMetatable(m.proxy, mt)
	return m, nil
}

func (m *persistentModule) loader(L *lua.LState) int {
	L.Push(m.proxy)
	return 1
}

func persistentKey(L *lua.LState, v lua.LValue) string {
	switch k := v.(type) {
	case lua.LString:
		return string(k)
	case lua.LNumber:
		return k.String()
	}
	L.ArgError(2, "persistent keys are strings or numbers, got "+v.Type().String())
	return ""
}

func (m *persistentModule) scopeProxy(L *lua.LState, name string, scope store.Scope) *lua.LTable {
	p := L.NewTable()
	mt := L.CreateTable(0, 3)
	mt.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		key := persistentKey(L, L.Get(2))
		v, err := m.get(scope, key)
		if err != nil {
			L.RaiseError("persistent.%s.%s: %v", name, key, err)
			return 0
		}
		L.Push(storeToLua(L, v))
		return 1
	}))
	mt.RawSetString("__newindex", L.NewFunction(func(L *lua.LState) int {
		key := persistentKey(L, L.Get(2))
		v, err := luaToStore(L.Get(3), 0, map[*lua.LTable]bool{})
		if err != nil {
			L.RaiseError("persistent.%s.%s: %v", name, key, err)
			return 0
		}
		if err := m.put(scope, key, v); err != nil {
			L.RaiseError("persistent.%s.%s: %v", name, key, err)
		}
		return 0
	}))
	mt.RawSetString("__metatable", lua.LString("persistent"))
	L.SetMetatable(p, mt)
	return p
}

func (m *persistentModule) get(scope store.Scope, key string) (store.Value, error) {
	if m.ns != nil {
		v, _, err := m.ns.Get(scope, key)
		return v, err
	}
	return m.mem[scope][key], nil
}

func (m *persistentModule) put(scope store.Scope, key string, v store.Value) error {
	if m.ns != nil {
		return m.ns.Put(scope, key, v)
	}
	size := func(v store.Value) int64 {
		if v == nil {
			return 0
		}
		b, _ := store.Encode(v)
		return int64(len(b) + len(key))
	}
	delta := size(v) - size(m.mem[scope][key])
	if delta > 0 && m.used+delta > m.quota {
		return fmt.Errorf("%w: %d bytes over %d", store.ErrQuota, m.used+delta, m.quota)
	}
	if _, err := store.Encode(v); err != nil {
		return err
	}
	m.used += delta
	if m.mem[scope] == nil {
		m.mem[scope] = map[string]store.Value{}
	}
	if v == nil {
		delete(m.mem[scope], key)
	} else {
		m.mem[scope][key] = v
	}
	return nil
}

// luaToStore converts a Lua value for the store: nil, boolean, number,
// string, or tables of those (no cycles, at most store.MaxDepth deep).
func luaToStore(v lua.LValue, depth int, seen map[*lua.LTable]bool) (store.Value, error) {
	switch x := v.(type) {
	case *lua.LNilType:
		return nil, nil
	case lua.LBool:
		return bool(x), nil
	case lua.LNumber:
		return float64(x), nil
	case lua.LString:
		return string(x), nil
	case *lua.LTable:
		if seen[x] {
			return nil, fmt.Errorf("cannot store a table that contains itself")
		}
		if depth >= store.MaxDepth {
			return nil, fmt.Errorf("tables nested deeper than %d", store.MaxDepth)
		}
		seen[x] = true
		defer delete(seen, x)
		t := store.Table{}
		var err error
		x.ForEach(func(k, val lua.LValue) {
			if err != nil {
				return
			}
			var sk, sv store.Value
			switch k.(type) {
			case lua.LString, lua.LNumber, lua.LBool:
				sk, _ = luaToStore(k, depth+1, seen)
			default:
				err = fmt.Errorf("cannot store a table key of type %s", k.Type())
				return
			}
			if sv, err = luaToStore(val, depth+1, seen); err != nil {
				return
			}
			t = append(t, store.Entry{Key: sk, Value: sv})
		})
		return t, err
	}
	return nil, fmt.Errorf("cannot store a %s", v.Type())
}

func storeToLua(L *lua.LState, v store.Value) lua.LValue {
	switch x := v.(type) {
	case nil:
		return lua.LNil
	case bool:
		return lua.LBool(x)
	case float64:
		return lua.LNumber(x)
	case string:
		return lua.LString(x)
	case store.Table:
		t := L.CreateTable(0, len(x))
		for _, e := range x {
			t.RawSet(storeToLua(L, e.Key), storeToLua(L, e.Value))
		}
		return t
	}
	return lua.LString(strconv.Quote(fmt.Sprint(v)))
}
