package lua

import (
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// MemorySizer is implemented by the Go values behind userdata that hold
// memory of their own (a canvas's pixels), so that the memory estimate
// counts it.
type MemorySizer interface {
	MemorySize() int64
}

// Approximate costs, in bytes, of gopher-lua's objects on a 64-bit machine.
const (
	costTable    = 96 // LTable header, maps' headers
	costEntry    = 40 // key and value interfaces plus map overhead
	costString   = 16 // string header
	costFunction = 64
	costUpvalue  = 48
	costUserData = 48
	costThread   = 2048 // an LState with its small stacks
)

// MemoryEstimate returns an estimate of the bytes of Lua values the app
// keeps: everything reachable from its globals, registry, loaded modules,
// and the stacks of its threads. VM goroutine.
func (vm *VM) MemoryEstimate() int64 { return vm.memoryEstimate(1 << 62) }

// memoryEstimate walks the reachable values, giving up once past limit.
func (vm *VM) memoryEstimate(limit int64) int64 {
	s := &sizer{seen: map[any]struct{}{}, strs: map[*byte]struct{}{}, limit: limit}
	vm.walk(s)
	return s.total
}

// ReachableSize walks the app's reachable values like MemoryEstimate and
// returns the sum of size over the userdata it finds (the canvas module
// counts the pixels of the canvases the app still holds). VM goroutine.
func (vm *VM) ReachableSize(size func(*lua.LUserData) int64) int64 {
	s := &sizer{udSize: size, seen: map[any]struct{}{}, strs: map[*byte]struct{}{}, limit: 1 << 62}
	vm.walk(s)
	return s.udTotal
}

// walk feeds s what the app keeps: its registry, globals and the stacks of
// its threads.
func (vm *VM) walk(s *sizer) {
	L := vm.L
	s.push(L.G.Registry)
	s.push(L.G.Global)
	s.thread(L)
	if th := L.G.CurrentThread; th != nil && th != L {
		s.thread(th)
	}
	s.drain()
}

type sizer struct {
	udSize  func(*lua.LUserData) int64 // optional: ReachableSize
	udTotal int64
	seen    map[any]struct{}
	strs    map[*byte]struct{}
	total   int64
	limit   int64
	work    []lua.LValue
}

func (s *sizer) push(v lua.LValue) {
	if v != nil && v != lua.LNil {
		s.work = append(s.work, v)
	}
}

func (s *sizer) thread(th *lua.LState) {
	s.total += costThread
	for level := 0; ; level++ {
		dbg, ok := th.GetStack(level)
		if !ok {
			break
		}
		if fn, err := th.GetInfo("f", dbg, lua.LNil); err == nil {
			s.push(fn)
		}
		for n := 1; ; n++ {
			name, v := th.GetLocal(dbg, n)
			if name == "" {
				break
			}
			s.push(v)
		}
	}
	if !th.IsClosed() {
		for i, top := 1, th.GetTop(); i <= top; i++ {
			s.push(th.Get(i))
		}
	}
}

func (s *sizer) once(p any) bool {
	if _, ok := s.seen[p]; ok {
		return false
	}
	s.seen[p] = struct{}{}
	return true
}

func (s *sizer) drain() {
	for len(s.work) > 0 && s.total <= s.limit {
		v := s.work[len(s.work)-1]
		s.work = s.work[:len(s.work)-1]
		switch x := v.(type) {
		case lua.LString:
			if len(x) >= 64 {
				p := unsafe.StringData(string(x))
				if _, ok := s.strs[p]; ok {
					continue
				}
				s.strs[p] = struct{}{}
			}
			s.total += costString + int64(len(x))
		case *lua.LTable:
			if !s.once(x) {
				continue
			}
			s.total += costTable
			s.push(x.Metatable)
			x.ForEach(func(k, v lua.LValue) {
				s.total += costEntry
				if s.total <= s.limit {
					s.push(k)
					s.push(v)
				}
			})
		case *lua.LFunction:
			if !s.once(x) {
				continue
			}
			s.total += costFunction + costUpvalue*int64(len(x.Upvalues))
			if x.Env != nil {
				s.push(x.Env)
			}
			for _, uv := range x.Upvalues {
				if uv != nil {
					s.push(uv.Value())
				}
			}
			if x.Proto != nil {
				s.proto(x.Proto)
			}
		case *lua.LUserData:
			if !s.once(x) {
				continue
			}
			s.total += costUserData
			if s.udSize != nil {
				s.udTotal += s.udSize(x)
			}
			if m, ok := x.Value.(MemorySizer); ok {
				s.total += m.MemorySize()
			}
			s.push(x.Metatable)
			if x.Env != nil {
				s.push(x.Env)
			}
		case *lua.LState:
			if !s.once(x) {
				continue
			}
			s.thread(x)
		}
	}
}

func (s *sizer) proto(p *lua.FunctionProto) {
	if !s.once(p) {
		return
	}
	s.total += 128 + 4*int64(len(p.Code)) + 8*int64(len(p.DbgSourcePositions)) + 16*int64(len(p.Constants))
	for _, c := range p.Constants {
		if str, ok := c.(lua.LString); ok {
			s.total += int64(len(str))
		}
	}
	for _, q := range p.FunctionPrototypes {
		s.proto(q)
	}
}
