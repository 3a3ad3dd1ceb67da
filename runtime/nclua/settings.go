package nclua

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// Settings is a tree of settings variables: group name → variable →
// value (string, number or bool), as NCL's settings node names them
// ("system" → "language" → "pt"). Options.Settings are merged over
// DefaultSettings.
type Settings map[string]map[string]any

// LuaSupportedEventClasses is settings.system.luaSupportedEventClasses.
const LuaSupportedEventClasses = "ncl,key,pointer,user,tcp,http,si,alert"

// DefaultSettings returns the settings of a box with a w×h screen: the
// variables Ginga.ar defines, with its defaults where they make sense here.
func DefaultSettings(w, h int) Settings {
	size := strconv.Itoa(w) + "," + strconv.Itoa(h)
	return Settings{
		"system": {
			"language": "pt", "caption": "", "subtitle": "",
			"returnBitRate": 0, "returnBitRate(0)": 0,
			"audioType": "stereo", "audioType(0)": "stereo",
			"devNumber": 0, "devNumber(0)": 0,
			"classType": "passive", "classType(0)": "passive",
			"info": "", "info(0)": "", "classNumber": 1,
			"CPU": runtime.GOARCH, "memory": 0, "operatingSystem": runtime.GOOS,
			"luaVersion": "5.1", "luaSupportedEventClasses": LuaSupportedEventClasses,
			"nclVersion": "3.0", "gingaNCLProfile": "Enhanced", "gingaNCLVersion": "3.0",
			"screenSize": size, "screenSize(0)": size,
			"screenGraphicSize": size, "screenGraphicSize(0)": size,
		},
		"user":    {"age": 0, "location": "", "genre": ""},
		"service": {"currentFocus": "", "currentKeyMaster": "", "interactivity": true},
		"si":      {"numberOfServices": 0, "numberOfPartialServices": 0, "channelNumber": ""},
		"channel": {"keyCapture": "", "virtualKeyboard": false, "keyboardBounds": ""},
		"default": {
			"focusBorderColor": "white", "selBorderColor": "white",
			"focusBorderWidth": -3, "focusBorderTransparency": 0,
		},
		"shared": {},
	}
}

// settingsModule keeps the real tables behind the read-only proxies the
// app sees. VM goroutine only.
type settingsModule struct {
	app    *App
	proxy  *lua.LTable
	groups map[string]*lua.LTable // group name → real table
}

const settingsReadOnly = "settings is a read-only table"

func newSettingsModule(a *App) *settingsModule {
	m := &settingsModule{app: a, groups: map[string]*lua.LTable{}}
	all := DefaultSettings(a.opts.Width, a.opts.Height)
	for g, vars := range a.opts.Settings {
		if all[g] == nil {
			all[g] = map[string]any{}
		}
		for k, v := range vars {
			all[g][k] = v
		}
	}
	L := a.vm.State()
	root := L.CreateTable(0, len(all))
	for g, vars := range all {
		real := L.CreateTable(0, len(vars))
		for k, v := range vars {
			real.RawSetString(k, toLua(L, v, 0))
		}
		m.groups[g] = real
		root.RawSetString(g, m.readOnly(L, real))
	}
	m.proxy = m.readOnly(L, root)
	return m
}

// readOnly returns an empty table that reads through to real and raises
// on assignment; its metatable is protected.
func (m *settingsModule) readOnly(L *lua.LState, real *lua.LTable) *lua.LTable {
	p := L.NewTable()
	mt := L.CreateTable(0, 3)
	mt.RawSetString("__index", real)
	mt.RawSetString("__newindex", L.NewFunction(func(L *lua.LState) int {
		L.RaiseError(settingsReadOnly)
		return 0
	}))
	mt.RawSetString("__metatable", lua.LString("settings"))
	L.SetMetatable(p, mt)
	return p
}

func (m *settingsModule) loader(L *lua.LState) int {
	L.Push(m.proxy)
	return 1
}

// SetSetting changes a settings variable the app sees, as "group.name"
// (service.currentFocus changes as the NCL focus moves, for instance).
// New variables may be added to existing groups.
func (a *App) SetSetting(path string, value any) error {
	g, name, ok := strings.Cut(path, ".")
	if !ok || name == "" {
		return fmt.Errorf("%w: %q (want group.name)", ErrSetting, path)
	}
	return a.vm.Post(func() {
		real := a.settings.groups[g]
		if real == nil {
			a.log.Warn("unknown settings group", "path", path)
			return
		}
		real.RawSetString(name, toLua(a.vm.State(), value, 0))
	})
}
