package nclua

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// classSpec describes an event class: the fields register(f, class, ...)
// filters on, in order, and the check of an event the app posts.
type classSpec struct {
	filter []string
	check  func(ev *lua.LTable, dest string) string
}

var classes = map[string]classSpec{
	"key":     {filter: []string{"type", "key"}, check: checkKey},
	"ncl":     {check: checkNCL}, // filter built in classFilter
	"pointer": {filter: []string{"type", "x", "y"}, check: checkPointer},
	"user":    {},
	"tcp":     {filter: []string{"connection"}, check: checkTCP},
	"http":    {filter: []string{"type", "session"}, check: checkHTTP},
	"si":      {filter: []string{"type"}, check: checkSI},
	"alert":   {filter: []string{"type"}, check: checkAlert},
	"edit":    {filter: []string{"command"}},
}

func oneOf(ev *lua.LTable, field string, allowed ...string) string {
	v, ok := ev.RawGetString(field).(lua.LString)
	if !ok {
		return fmt.Sprintf("missing or non-string field '%s'", field)
	}
	for _, a := range allowed {
		if string(v) == a {
			return ""
		}
	}
	return fmt.Sprintf("invalid %s '%s' (expected %s)", field, v, strings.Join(allowed, ", "))
}

func isString(ev *lua.LTable, field string, optional bool) string {
	switch ev.RawGetString(field).(type) {
	case lua.LString:
		return ""
	case *lua.LNilType:
		if optional {
			return ""
		}
	}
	return fmt.Sprintf("field '%s' must be a string", field)
}

func checkKey(ev *lua.LTable, _ string) string {
	if msg := oneOf(ev, "type", "press", "release"); msg != "" {
		return msg
	}
	return isString(ev, "key", false)
}

var nclActions = []string{"start", "stop", "abort", "pause", "resume"}

// checkNCL checks an ncl event and, as nclua does, coerces a number value
// of an attribution to a string.
func checkNCL(ev *lua.LTable, _ string) string {
	if msg := oneOf(ev, "type", "presentation", "selection", "attribution"); msg != "" {
		return msg
	}
	if msg := oneOf(ev, "action", nclActions...); msg != "" {
		return msg
	}
	if ev.RawGetString("type") == lua.LString("attribution") {
		if msg := isString(ev, "name", false); msg != "" {
			return msg
		}
		switch v := ev.RawGetString("value").(type) {
		case lua.LString:
		case lua.LNumber:
			ev.RawSetString("value", lua.LString(v.String()))
		case *lua.LNilType:
			if ev.RawGetString("action") == lua.LString("start") {
				return "field 'value' must be a string"
			}
		default:
			return "field 'value' must be a string"
		}
		return ""
	}
	return isString(ev, "label", true) // optional since nclua 78de76d
}

func checkPointer(ev *lua.LTable, _ string) string {
	if msg := oneOf(ev, "type", "press", "release", "move"); msg != "" {
		return msg
	}
	for _, f := range []string{"x", "y"} {
		if _, ok := ev.RawGetString(f).(lua.LNumber); !ok {
			return fmt.Sprintf("field '%s' must be a number", f)
		}
	}
	return ""
}

func checkTCP(ev *lua.LTable, dest string) string {
	if dest == "in" {
		return ""
	}
	if msg := oneOf(ev, "type", "connect", "data", "disconnect"); msg != "" {
		return msg
	}
	switch ev.RawGetString("type") {
	case lua.LString("connect"):
		if msg := isString(ev, "host", false); msg != "" {
			return msg
		}
		if _, ok := ev.RawGetString("port").(lua.LNumber); !ok {
			if s, ok := ev.RawGetString("port").(lua.LString); !ok || s == "" {
				return "field 'port' must be a number"
			}
		}
	case lua.LString("data"):
		if _, ok := ev.RawGetString("connection").(lua.LNumber); !ok {
			return "field 'connection' must be a connection"
		}
		if msg := isString(ev, "value", false); msg != "" {
			return msg
		}
	case lua.LString("disconnect"):
		if _, ok := ev.RawGetString("connection").(lua.LNumber); !ok {
			return "field 'connection' must be a connection"
		}
	}
	return ""
}

var httpMethods = []string{"get", "post", "put", "delete", "head", "options", "trace", "patch", "connect"}

func checkHTTP(ev *lua.LTable, dest string) string {
	if dest == "in" {
		return ""
	}
	if msg := oneOf(ev, "type", "request", "cancel"); msg != "" {
		return msg
	}
	if ev.RawGetString("type") == lua.LString("cancel") {
		if ev.RawGetString("session") == lua.LNil {
			return "field 'session' is required to cancel"
		}
		return ""
	}
	m, ok := ev.RawGetString("method").(lua.LString)
	if !ok {
		ev.RawSetString("method", lua.LString("get"))
	} else {
		ev.RawSetString("method", lua.LString(strings.ToLower(string(m))))
		if msg := oneOf(ev, "method", httpMethods...); msg != "" {
			return msg
		}
	}
	if msg := isString(ev, "uri", false); msg != "" {
		return msg
	}
	if msg := isString(ev, "body", true); msg != "" {
		return msg
	}
	switch ev.RawGetString("headers").(type) {
	case *lua.LTable, *lua.LNilType:
	default:
		return "field 'headers' must be a table"
	}
	return ""
}

// si events come from the box; an app may post one out as a request
// (type services, epg, time or mosaic), which the host may answer.
func checkSI(ev *lua.LTable, dest string) string {
	if dest == "in" {
		return ""
	}
	return oneOf(ev, "type", "services", "epg", "time", "mosaic")
}

// alert events come only from the box: an app cannot raise a warning.
func checkAlert(_ *lua.LTable, dest string) string {
	if dest == "in" {
		return ""
	}
	return "alert events cannot be posted out"
}
