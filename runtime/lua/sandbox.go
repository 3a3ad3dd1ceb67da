package lua

import (
	"fmt"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// gopher-lua's own os.date, os.time and os.difftime, taken once from a
// throwaway state so that an app's state never opens the os library.
var osDate, osTime, osDiffTime lua.LGFunction

func init() {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	L.Push(L.NewFunction(lua.OpenOs))
	L.Push(lua.LString(lua.OsLibName))
	L.Call(1, 1)
	os := L.Get(-1).(*lua.LTable)
	get := func(name string) lua.LGFunction { return os.RawGetString(name).(*lua.LFunction).GFunction }
	osDate, osTime, osDiffTime = get("date"), get("time"), get("difftime")
}

var stdLibs = []struct {
	name string
	open lua.LGFunction
}{
	{lua.LoadLibName, lua.OpenPackage},
	{lua.BaseLibName, lua.OpenBase},
	{lua.TabLibName, lua.OpenTable},
	{lua.StringLibName, lua.OpenString},
	{lua.MathLibName, lua.OpenMath},
	{lua.CoroutineLibName, lua.OpenCoroutine},
}

// openLibs builds the sandbox (STYLE R1): base without dofile, loadfile
// and _printregs; package with require resolving only package.preload and
// the searchers' file systems; table (plus table.unpack), string (with size
// caps), math, coroutine (threads under the watchdog); os with only time,
// clock, date and difftime on the VM's clock; io read-only over the app's
// files (iolib.go); collectgarbage stubbed. No debug, no channel, no
// os.exit.
func (vm *VM) openLibs() error {
	L := vm.L
	for _, lib := range stdLibs {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		if err := L.PCall(1, 0, nil); err != nil {
			return fmt.Errorf("lua: open %s: %w", lib.name, err)
		}
	}
	G := L.G.Global
	for _, name := range []string{"dofile", "loadfile", "_printregs"} {
		G.RawSetString(name, lua.LNil)
	}
	G.RawSetString("print", L.NewFunction(vm.print))
	G.RawSetString("collectgarbage", L.NewFunction(vm.collectgarbage))
	G.RawSetString("loadstring", L.NewFunction(vm.loadstring))

	loaded := L.GetField(L.G.Registry, "_LOADED").(*lua.LTable)

	pkg := G.RawGetString("package").(*lua.LTable)
	pkg.RawSetString("loadlib", lua.LNil)
	pkg.RawSetString("cpath", lua.LString(""))
	patterns := make([]string, len(vm.searchers))
	for i, s := range vm.searchers {
		patterns[i] = s.Pattern
	}
	pkg.RawSetString("path", lua.LString(strings.Join(patterns, ";")))
	oldLoaders := pkg.RawGetString("loaders").(*lua.LTable)
	loaders := L.CreateTable(2, 0)
	loaders.RawSetInt(1, oldLoaders.RawGetInt(1)) // package.preload
	loaders.RawSetInt(2, L.NewFunction(vm.loaderFS))
	pkg.RawSetString("loaders", loaders)
	L.SetField(L.G.Registry, "_LOADERS", loaders)

	tab := G.RawGetString("table").(*lua.LTable)
	tab.RawSetString("unpack", G.RawGetString("unpack"))
	vm.capTableConcat(tab)

	str := G.RawGetString("string").(*lua.LTable)
	vm.capStrings(str)

	co := G.RawGetString("coroutine").(*lua.LTable)
	vm.watchCoroutines(co)

	os := L.CreateTable(0, 4)
	os.RawSetString("time", L.NewFunction(vm.osTime))
	os.RawSetString("clock", L.NewFunction(vm.osClock))
	os.RawSetString("date", L.NewFunction(vm.osDate))
	os.RawSetString("difftime", L.NewFunction(osDiffTime))
	G.RawSetString("os", os)
	loaded.RawSetString("os", os)

	io := vm.openIO()
	G.RawSetString("io", io)
	loaded.RawSetString("io", io)
	return nil
}

func (vm *VM) print(L *lua.LState) int {
	n := L.GetTop()
	parts := make([]string, n)
	for i := 1; i <= n; i++ {
		parts[i-1] = L.ToStringMeta(L.Get(i)).String()
	}
	msg := strings.Join(parts, "\t")
	if vm.opts.Print != nil {
		vm.opts.Print(msg)
	} else {
		vm.log.Info("print", "msg", msg)
	}
	return 0
}

// collectgarbage never runs the Go collector (that would stop the whole
// box); "count" returns the memory estimate in KiB.
func (vm *VM) collectgarbage(L *lua.LState) int {
	opt := L.OptString(1, "collect")
	switch opt {
	case "count":
		L.Push(lua.LNumber(float64(vm.memoryEstimate(2*vm.limits.Memory)) / 1024))
	case "step":
		L.Push(lua.LTrue)
	case "setpause", "setstepmul":
		L.Push(lua.LNumber(200))
	case "collect", "stop", "restart":
		L.Push(lua.LNumber(0))
	default:
		L.ArgError(1, "invalid option '"+opt+"'")
		return 0
	}
	return 1
}

func (vm *VM) osTime(L *lua.LState) int {
	if L.GetTop() == 0 || L.Get(1) == lua.LNil {
		L.Push(lua.LNumber(vm.clock.Now().Unix()))
		return 1
	}
	return osTime(L)
}

// osClock returns the seconds of clock time since the VM was made (the app
// sees no CPU clock).
func (vm *VM) osClock(L *lua.LState) int {
	L.Push(lua.LNumber(float64(vm.Uptime()) / float64(time.Second)))
	return 1
}

func (vm *VM) osDate(L *lua.LState) int {
	if L.GetTop() < 2 || L.Get(2) == lua.LNil {
		format := L.OptString(1, "%c")
		L.SetTop(0)
		L.Push(lua.LString(format))
		L.Push(lua.LNumber(vm.clock.Now().Unix()))
	}
	return osDate(L)
}

// capStrings wraps the string functions whose result can be much larger
// than their arguments, so that no library call makes a string over
// MaxString.
func (vm *VM) capStrings(str *lua.LTable) {
	L := vm.L
	max := vm.limits.MaxString
	rep := str.RawGetString("rep").(*lua.LFunction).GFunction
	str.RawSetString("rep", L.NewFunction(func(L *lua.LState) int {
		s := L.CheckString(1)
		n := L.CheckInt(2)
		if n > 0 && len(s) > 0 && (n > max || len(s)*n > max) {
			L.RaiseError("resulting string too large (%d × %d bytes, max %d)", len(s), n, max)
			return 0
		}
		return rep(L)
	}))
	format := str.RawGetString("format").(*lua.LFunction).GFunction
	str.RawSetString("format", L.NewFunction(func(L *lua.LState) int {
		if err := checkFormat(L.CheckString(1)); err != "" {
			L.RaiseError("%s", err)
			return 0
		}
		n := format(L)
		vm.checkResult(L, n)
		return n
	}))
	gsub := str.RawGetString("gsub").(*lua.LFunction).GFunction
	str.RawSetString("gsub", L.NewFunction(func(L *lua.LState) int {
		s := L.CheckString(1)
		if r, ok := L.Get(3).(lua.LString); ok && int64(len(s)+1)*int64(len(r)) > 16*int64(max) {
			L.RaiseError("resulting string too large (max %d)", max)
			return 0
		}
		n := gsub(L)
		vm.checkResult(L, n)
		return n
	}))
}

func (vm *VM) capTableConcat(tab *lua.LTable) {
	concat := tab.RawGetString("concat").(*lua.LFunction).GFunction
	tab.RawSetString("concat", vm.L.NewFunction(func(L *lua.LState) int {
		n := concat(L)
		vm.checkResult(L, n)
		return n
	}))
}

// checkResult raises if the first of the n results on the stack is a
// string over MaxString.
func (vm *VM) checkResult(L *lua.LState, n int) {
	if n < 1 {
		return
	}
	if s, ok := L.Get(-n).(lua.LString); ok && len(s) > vm.limits.MaxString {
		L.RaiseError("resulting string too large (%d bytes, max %d)", len(s), vm.limits.MaxString)
	}
}

// checkFormat applies Lua 5.1's limit: at most two digits of width and of
// precision in a conversion.
func checkFormat(f string) string {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		if i < len(f) && f[i] == '%' {
			continue
		}
		for i < len(f) && strings.IndexByte("-+ #0", f[i]) >= 0 {
			i++
		}
		d := 0
		for i < len(f) && f[i] >= '0' && f[i] <= '9' {
			i++
			d++
		}
		if i < len(f) && f[i] == '.' {
			i++
			p := 0
			for i < len(f) && f[i] >= '0' && f[i] <= '9' {
				i++
				p++
			}
			d = max(d, p)
		}
		if d > 2 {
			return "invalid format (width or precision too long)"
		}
	}
	return ""
}

// watchCoroutines makes every coroutine run under the watchdog itself
// (gopher-lua would give it a derived context that the watchdog's
// instruction hook never sees, and that dies with the entry that made it).
func (vm *VM) watchCoroutines(co *lua.LTable) {
	L := vm.L
	create := co.RawGetString("create").(*lua.LFunction).GFunction
	resume := co.RawGetString("resume").(*lua.LFunction).GFunction
	newCoroutine := func(L *lua.LState) *lua.LState {
		create(L)
		th := L.Get(-1).(*lua.LState)
		th.SetContext(vm.wd)
		return th
	}
	co.RawSetString("create", L.NewFunction(func(L *lua.LState) int {
		newCoroutine(L)
		return 1
	}))
	wrapAux := func(L *lua.LState) int {
		th := L.Get(lua.UpvalueIndex(1))
		L.Insert(th, 1)
		n := resume(L)
		if n < 1 {
			return 0
		}
		if L.Get(-n) == lua.LFalse {
			msg := lua.LValue(lua.LNil)
			if n > 1 {
				msg = L.Get(-n + 1)
			}
			L.Error(msg, 0)
			return 0
		}
		return n - 1
	}
	co.RawSetString("wrap", L.NewFunction(func(L *lua.LState) int {
		th := newCoroutine(L)
		L.Pop(1)
		L.Push(L.NewClosure(wrapAux, th))
		return 1
	}))
}
