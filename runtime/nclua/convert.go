package nclua

import (
	"fmt"
	"math"
	"strconv"

	lua "github.com/yuin/gopher-lua"
)

// Event is an NCLua event as the host sees it: the fields of the Lua table.
// Values are string, float64 (ints are accepted when sending), bool, and
// nested Event (map) or []any for tables. Posted events come back in the
// same form, so they print as JSON directly.
type Event map[string]any

// Class returns the "class" field.
func (e Event) Class() string { s, _ := e["class"].(string); return s }

// Type returns the "type" field.
func (e Event) Type() string { s, _ := e["type"].(string); return s }

// Event constructors for the classes the host sends.

// KeyEvent is a remote-control key: typ "press" or "release", key an NCLua
// key name ("ENTER", "RED", "CURSOR_UP", "0"...).
func KeyEvent(typ, key string) Event { return Event{"class": "key", "type": typ, "key": key} }

// PresentationEvent is an ncl presentation event (action start, stop,
// abort, pause, resume) for the anchor label ("" for the whole media).
func PresentationEvent(action, label string) Event {
	return Event{"class": "ncl", "type": "presentation", "action": action, "label": label}
}

// SelectionEvent is an ncl selection event on the anchor label.
func SelectionEvent(action, label string) Event {
	return Event{"class": "ncl", "type": "selection", "action": action, "label": label}
}

// AttributionEvent is an ncl attribution event setting property name to value.
func AttributionEvent(action, name, value string) Event {
	return Event{"class": "ncl", "type": "attribution", "action": action, "name": name, "value": value}
}

// PointerEvent is a pointer press, release or move at (x, y).
func PointerEvent(typ string, x, y int) Event {
	return Event{"class": "pointer", "type": typ, "x": float64(x), "y": float64(y)}
}

const maxEventDepth = 16

// toLua converts a Go value to Lua. Unsupported types become their fmt
// representation.
func toLua(L *lua.LState, v any, depth int) lua.LValue {
	switch x := v.(type) {
	case nil:
		return lua.LNil
	case lua.LValue:
		return x
	case string:
		return lua.LString(x)
	case []byte:
		return lua.LString(x)
	case bool:
		return lua.LBool(x)
	case float64:
		return lua.LNumber(x)
	case float32:
		return lua.LNumber(x)
	case int:
		return lua.LNumber(x)
	case int64:
		return lua.LNumber(x)
	case uint64:
		return lua.LNumber(x)
	case int32:
		return lua.LNumber(x)
	case uint32:
		return lua.LNumber(x)
	case uint16:
		return lua.LNumber(x)
	case uint8:
		return lua.LNumber(x)
	case Event:
		return mapToLua(L, x, depth)
	case map[string]any:
		return mapToLua(L, x, depth)
	case map[string]string:
		t := L.CreateTable(0, len(x))
		for k, s := range x {
			t.RawSetString(k, lua.LString(s))
		}
		return t
	case []any:
		t := L.CreateTable(len(x), 0)
		if depth < maxEventDepth {
			for i, e := range x {
				t.RawSetInt(i+1, toLua(L, e, depth+1))
			}
		}
		return t
	case []string:
		t := L.CreateTable(len(x), 0)
		for i, e := range x {
			t.RawSetInt(i+1, lua.LString(e))
		}
		return t
	}
	return lua.LString(fmt.Sprint(v))
}

func mapToLua(L *lua.LState, m map[string]any, depth int) *lua.LTable {
	t := L.CreateTable(0, len(m))
	if depth < maxEventDepth {
		for k, v := range m {
			t.RawSetString(k, toLua(L, v, depth+1))
		}
	}
	return t
}

// eventToLua converts a host event to a Lua table.
func eventToLua(L *lua.LState, e Event) *lua.LTable { return mapToLua(L, e, 0) }

// fromLua converts a Lua value to Go: tables that are sequences become
// []any, other tables Event (non-string keys written as strings);
// functions, userdata and threads become their tostring.
func fromLua(v lua.LValue, depth int, seen map[*lua.LTable]bool) any {
	switch x := v.(type) {
	case lua.LString:
		return string(x)
	case lua.LNumber:
		f := float64(x)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return x.String()
		}
		return f
	case lua.LBool:
		return bool(x)
	case *lua.LTable:
		if seen[x] || depth >= maxEventDepth {
			return "<cycle>"
		}
		seen[x] = true
		defer delete(seen, x)
		n := x.Len()
		count := 0
		x.ForEach(func(lua.LValue, lua.LValue) { count++ })
		if n > 0 && n == count {
			arr := make([]any, n)
			for i := 1; i <= n; i++ {
				arr[i-1] = fromLua(x.RawGetInt(i), depth+1, seen)
			}
			return arr
		}
		m := make(Event, count)
		x.ForEach(func(k, val lua.LValue) {
			var key string
			switch kk := k.(type) {
			case lua.LString:
				key = string(kk)
			case lua.LNumber:
				key = kk.String()
			default:
				key = k.String()
			}
			m[key] = fromLua(val, depth+1, seen)
		})
		return m
	case *lua.LNilType:
		return nil
	}
	if v == lua.LNil {
		return nil
	}
	return v.String()
}

// eventFromLua converts a Lua event table to an Event.
func eventFromLua(t *lua.LTable) Event {
	switch v := fromLua(t, 0, map[*lua.LTable]bool{}).(type) {
	case Event:
		return v
	case []any:
		e := Event{}
		for i, x := range v {
			e[strconv.Itoa(i+1)] = x
		}
		return e
	}
	return Event{}
}

// shallowCopy returns a new table with t's fields (handlers see a copy).
func shallowCopy(L *lua.LState, t *lua.LTable) *lua.LTable {
	c := L.CreateTable(0, 8)
	t.ForEach(func(k, v lua.LValue) { c.RawSet(k, v) })
	return c
}
