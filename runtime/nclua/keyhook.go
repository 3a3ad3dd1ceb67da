package nclua

import lua "github.com/yuin/gopher-lua"

// OnUnconsumedKeys makes the app call f, on its goroutine, with every key
// event (type "press" or "release", key name) that no handler of the app
// consumed (none returned true), in order: the host passes those on (the
// app manager to the box, the NCL player to its navigation). Call it
// before Start. f must not block.
func (a *App) OnUnconsumedKeys(f func(typ, key string)) error {
	return a.vm.Post(func() { installKeyHook(a, f) })
}

// installKeyHook adds, at the end of the app's handler list, a key handler
// that tells the host about the keys no other handler consumed, and keeps
// it last: event.register is wrapped so that every registration moves it
// back to the end. It uses only the app's own event API. VM goroutine,
// before the main chunk.
func installKeyHook(a *App, onUnconsumed func(typ, key string)) {
	L := a.VM().State()
	ev, ok := L.GetGlobal("event").(*lua.LTable)
	if !ok {
		return
	}
	reg, ok1 := L.GetField(ev, "register").(*lua.LFunction)
	unreg, ok2 := L.GetField(ev, "unregister").(*lua.LFunction)
	if !ok1 || !ok2 {
		return
	}
	sentinel := L.NewFunction(func(L *lua.LState) int {
		if t, ok := L.Get(1).(*lua.LTable); ok {
			typ, _ := t.RawGetString("type").(lua.LString)
			key, _ := t.RawGetString("key").(lua.LString)
			onUnconsumed(string(typ), string(key))
		}
		return 0
	})
	if err := L.CallByParam(lua.P{Fn: reg, NRet: 0, Protect: true}, sentinel, lua.LString("key")); err != nil {
		a.VM().Logger().Warn("key hook not installed", "err", err)
		return
	}
	L.SetField(ev, "register", L.NewFunction(func(L *lua.LState) int {
		n := L.GetTop()
		L.Push(reg)
		for i := 1; i <= n; i++ {
			L.Push(L.Get(i))
		}
		L.Call(n, lua.MultRet)
		nret := L.GetTop() - n
		L.Push(unreg)
		L.Push(sentinel)
		L.Call(1, 0)
		L.Push(reg)
		L.Push(sentinel)
		L.Push(lua.LString("key"))
		L.Call(2, 0)
		return nret
	}))
}
