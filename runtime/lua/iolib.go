package lua

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// MaxOpenFiles bounds the files an app may hold open at once with io.open
// and io.lines.
const MaxOpenFiles = 64

const (
	fileTypeName  = "FILE*"
	openFilesKey  = "_ANTENA_IOFILES" // registry table: the open files (so the memory estimate sees them)
	maxNumberRead = 200               // as Lua 5.3's l_getn
)

// errno values that io.open returns as its third result, as C Lua does.
const (
	errnoENOENT = 2
	errnoEACCES = 13
	errnoEISDIR = 21
	errnoEINVAL = 22
	errnoEMFILE = 24
	errnoEFBIG  = 27
	errnoEROFS  = 30
)

// luaFile is an open file of the app: its contents, read whole at open (at
// most MaxString bytes), and a position. The fs.File itself is closed at
// once, so an open luaFile holds memory, not a descriptor.
type luaFile struct {
	name   string
	data   []byte
	pos    int64
	closed bool
}

// MemorySize lets the memory estimate count the contents of open files.
func (f *luaFile) MemorySize() int64 { return int64(cap(f.data)) }

// openIO builds the read-only io library: io.open, io.lines, io.close and
// io.type over the app's file system (Options.FS), and the FILE* methods
// read, lines, seek and close. There is no io.write, io.read, io.input,
// io.output, io.popen, io.tmpfile, io.stdin, io.stdout or io.stderr.
func (vm *VM) openIO() *lua.LTable {
	L := vm.L
	mt := L.NewTypeMetatable(fileTypeName)
	methods := L.CreateTable(0, 4)
	methods.RawSetString("read", L.NewFunction(vm.fileRead))
	methods.RawSetString("lines", L.NewFunction(vm.fileLines))
	methods.RawSetString("seek", L.NewFunction(vm.fileSeek))
	methods.RawSetString("close", L.NewFunction(vm.fileClose))
	mt.RawSetString("__index", methods)
	mt.RawSetString("__tostring", L.NewFunction(fileToString))
	mt.RawSetString("__metatable", lua.LString(fileTypeName))
	L.SetField(L.G.Registry, openFilesKey, L.CreateTable(0, 0))

	lib := L.CreateTable(0, 4)
	lib.RawSetString("open", L.NewFunction(vm.ioOpen))
	lib.RawSetString("lines", L.NewFunction(vm.ioLines))
	lib.RawSetString("close", L.NewFunction(vm.fileClose))
	lib.RawSetString("type", L.NewFunction(ioType))
	return lib
}

func (vm *VM) openFiles() *lua.LTable {
	return vm.L.GetField(vm.L.G.Registry, openFilesKey).(*lua.LTable)
}

// closeFiles closes the files the app left open (the VM is stopping).
func (vm *VM) closeFiles() {
	t, ok := vm.L.GetField(vm.L.G.Registry, openFilesKey).(*lua.LTable)
	if !ok {
		return
	}
	t.ForEach(func(k, _ lua.LValue) {
		if ud, ok := k.(*lua.LUserData); ok {
			if f, ok := ud.Value.(*luaFile); ok {
				f.closed, f.data = true, nil
			}
		}
	})
	vm.nfiles = 0
}

// appPath cleans name into a path of the app's file system; ok is false
// when it is absolute or escapes the app's root.
func appPath(name string) (string, bool) {
	if strings.HasPrefix(name, "/") || strings.ContainsRune(name, 0) {
		return "", false
	}
	p := path.Clean(name)
	if p == "." {
		return p, true
	}
	return p, fs.ValidPath(p)
}

// open reads name whole from the app's file system. It returns the file,
// or a Lua-style message ("name: No such file or directory") and errno.
func (vm *VM) open(name string) (*luaFile, string, int) {
	p, ok := appPath(name)
	if !ok {
		return nil, name + ": Permission denied (outside the app's files)", errnoEACCES
	}
	if vm.nfiles >= MaxOpenFiles {
		return nil, fmt.Sprintf("%s: Too many open files (max %d)", name, MaxOpenFiles), errnoEMFILE
	}
	fsys := vm.opts.FS
	if fsys == nil {
		return nil, name + ": No such file or directory", errnoENOENT
	}
	f, err := fsys.Open(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, name + ": No such file or directory", errnoENOENT
		}
		if errors.Is(err, fs.ErrPermission) {
			return nil, name + ": Permission denied", errnoEACCES
		}
		return nil, name + ": " + err.Error(), errnoEINVAL
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, name + ": " + err.Error(), errnoEINVAL
	}
	if st.IsDir() {
		return nil, name + ": Is a directory", errnoEISDIR
	}
	max := vm.limits.MaxString
	if st.Size() > int64(max) {
		return nil, fmt.Sprintf("%s: File too large (%d bytes, max %d)", name, st.Size(), max), errnoEFBIG
	}
	var buf bytes.Buffer
	buf.Grow(int(st.Size()))
	n, err := buf.ReadFrom(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return nil, name + ": " + err.Error(), errnoEINVAL
	}
	if n > int64(max) {
		return nil, fmt.Sprintf("%s: File too large (max %d bytes)", name, max), errnoEFBIG
	}
	return &luaFile{name: name, data: buf.Bytes()}, "", 0
}

func (vm *VM) newFile(f *luaFile) *lua.LUserData {
	L := vm.L
	ud := L.NewUserData()
	ud.Value = f
	ud.Metatable = L.GetTypeMetatable(fileTypeName)
	vm.openFiles().RawSet(ud, lua.LTrue)
	vm.nfiles++
	return ud
}

// ioOpen is io.open(name[, mode]): only "r" and "rb"; the write, append
// and update modes give nil and "name: Read-only file system".
func (vm *VM) ioOpen(L *lua.LState) int {
	name := L.CheckString(1)
	mode := L.OptString(2, "r")
	if !validMode(mode) {
		L.ArgError(2, "invalid mode '"+mode+"'")
		return 0
	}
	if mode != "r" && mode != "rb" {
		return fileFail(L, name+": Read-only file system", errnoEROFS)
	}
	f, msg, errno := vm.open(name)
	if f == nil {
		return fileFail(L, msg, errno)
	}
	L.Push(vm.newFile(f))
	return 1
}

// validMode is Lua 5.2's check: [rwa]%+?b*.
func validMode(m string) bool {
	if m == "" || strings.IndexByte("rwa", m[0]) < 0 {
		return false
	}
	m = m[1:]
	m = strings.TrimPrefix(m, "+")
	return strings.Trim(m, "b") == ""
}

func fileFail(L *lua.LState, msg string, errno int) int {
	L.Push(lua.LNil)
	L.Push(lua.LString(msg))
	L.Push(lua.LNumber(errno))
	return 3
}

// ioLines is io.lines(name, ...): an iterator over the file's lines (or
// the given formats) that closes the file at its end. A file that cannot
// be opened raises, as in Lua.
func (vm *VM) ioLines(L *lua.LState) int {
	if L.Get(1) == lua.LNil {
		L.ArgError(1, "file name expected (there is no standard input)")
		return 0
	}
	name := L.CheckString(1)
	f, msg, _ := vm.open(name)
	if f == nil {
		L.RaiseError("%s", msg)
		return 0
	}
	ud := vm.newFile(f)
	return vm.linesIterator(L, ud, 2, true)
}

func (vm *VM) fileLines(L *lua.LState) int {
	ud, _ := vm.checkFile(L, 1)
	return vm.linesIterator(L, ud, 2, false)
}

func (vm *VM) linesIterator(L *lua.LState, ud *lua.LUserData, first int, closeAtEnd bool) int {
	var formats []lua.LValue
	for i := first; i <= L.GetTop(); i++ {
		formats = append(formats, L.Get(i))
	}
	f := ud.Value.(*luaFile)
	L.Push(L.NewFunction(func(L *lua.LState) int {
		if f.closed {
			L.RaiseError("file is already closed")
			return 0
		}
		L.SetTop(0)
		L.Push(ud)
		for _, v := range formats {
			L.Push(v)
		}
		n := vm.read(L, f, 2)
		if L.Get(-n) == lua.LNil && closeAtEnd {
			vm.close(ud, f)
		}
		return n
	}))
	return 1
}

func (vm *VM) checkFile(L *lua.LState, n int) (*lua.LUserData, *luaFile) {
	ud, ok := L.Get(n).(*lua.LUserData)
	var f *luaFile
	if ok {
		f, ok = ud.Value.(*luaFile)
	}
	if !ok {
		L.ArgError(n, fileTypeName+" expected, got "+L.Get(n).Type().String())
		return nil, nil
	}
	if f.closed {
		L.RaiseError("attempt to use a closed file")
		return nil, nil
	}
	return ud, f
}

func (vm *VM) close(ud *lua.LUserData, f *luaFile) {
	f.closed, f.data = true, nil
	vm.openFiles().RawSet(ud, lua.LNil)
	vm.nfiles--
}

// fileClose is file:close() and io.close(file).
func (vm *VM) fileClose(L *lua.LState) int {
	if L.GetTop() == 0 {
		L.ArgError(1, "file expected (there is no standard output)")
		return 0
	}
	ud, f := vm.checkFile(L, 1)
	vm.close(ud, f)
	L.Push(lua.LTrue)
	return 1
}

// fileSeek is file:seek([whence[, offset]]): "set", "cur" (default) or
// "end"; it returns the new position, or nil and a message before the start.
func (vm *VM) fileSeek(L *lua.LState) int {
	_, f := vm.checkFile(L, 1)
	whence := L.OptString(2, "cur")
	off := int64(L.OptNumber(3, 0))
	var base int64
	switch whence {
	case "set":
	case "cur":
		base = f.pos
	case "end":
		base = int64(len(f.data))
	default:
		L.ArgError(2, "invalid option '"+whence+"'")
		return 0
	}
	if base+off < 0 {
		return fileFail(L, f.name+": Invalid argument", errnoEINVAL)
	}
	f.pos = base + off
	L.Push(lua.LNumber(f.pos))
	return 1
}

func (vm *VM) fileRead(L *lua.LState) int {
	_, f := vm.checkFile(L, 1)
	return vm.read(L, f, 2)
}

// read reads by the formats from index first on (default "l"), as Lua
// does: one result per format, stopping at the first that fails (nil).
// Formats: "a", "l", "L", "n" (with or without '*'; only the letter after
// it counts, so "*all" and "*line" work) and a byte count.
func (vm *VM) read(L *lua.LState, f *luaFile, first int) int {
	top := L.GetTop()
	if top < first {
		L.Push(lua.LString("l"))
		top = first
	}
	n := 0
	for i := first; i <= top; i++ {
		v := vm.readOne(L, f, i)
		L.Push(v)
		n++
		if v == lua.LNil {
			break
		}
	}
	return n
}

func (vm *VM) readOne(L *lua.LState, f *luaFile, i int) lua.LValue {
	rest := f.data[min(f.pos, int64(len(f.data))):]
	switch a := L.Get(i).(type) {
	case lua.LNumber:
		k := int64(a)
		if len(rest) == 0 {
			return lua.LNil // also for 0: the test for end of file
		}
		k = max(0, min(k, int64(len(rest))))
		f.pos += k
		return lua.LString(rest[:k])
	case lua.LString:
		opt := strings.TrimPrefix(string(a), "*")
		if opt == "" {
			break
		}
		switch opt[0] {
		case 'a':
			f.pos += int64(len(rest))
			return lua.LString(rest)
		case 'l', 'L':
			if len(rest) == 0 {
				return lua.LNil
			}
			line := rest
			if j := bytes.IndexByte(rest, '\n'); j >= 0 {
				line = rest[:j+1]
			}
			f.pos += int64(len(line))
			if opt[0] == 'l' {
				line = bytes.TrimSuffix(line, []byte{'\n'})
			}
			return lua.LString(line)
		case 'n':
			return f.readNumber()
		}
	}
	L.ArgError(i-1, "invalid format")
	return lua.LNil
}

// readNumber reads a numeral as Lua 5.3's io.read("n"): spaces, a sign,
// decimal or hexadecimal digits with a point and an exponent, at most 200
// characters; nil when what was read is not a number (it stays read).
func (f *luaFile) readNumber() lua.LValue {
	d := f.data
	p := min(f.pos, int64(len(d)))
	for p < int64(len(d)) && strings.IndexByte(" \t\n\v\f\r", d[p]) >= 0 {
		p++
	}
	start := p
	accept := func(set string) bool {
		if p < int64(len(d)) && p-start < maxNumberRead && strings.IndexByte(set, d[p]) >= 0 {
			p++
			return true
		}
		return false
	}
	digits, exp := "0123456789", "eE"
	accept("+-")
	if accept("0") && accept("xX") {
		digits, exp = "0123456789abcdefABCDEF", "pP"
	}
	for accept(digits) {
	}
	if accept(".") {
		for accept(digits) {
		}
	}
	if accept(exp) {
		accept("+-")
		for accept("0123456789") {
		}
	}
	f.pos = p
	s := string(d[start:p])
	if v, ok := parseNumeral(s); ok {
		return lua.LNumber(v)
	}
	return lua.LNil
}

func parseNumeral(s string) (float64, bool) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, true
	}
	neg := strings.HasPrefix(s, "-")
	h := strings.TrimLeft(s, "+-")
	if len(h) > 2 && (h[:2] == "0x" || h[:2] == "0X") && !strings.ContainsAny(h, ".pP") {
		if v, err := strconv.ParseUint(h[2:], 16, 64); err == nil {
			if neg {
				return -float64(v), true
			}
			return float64(v), true
		}
	}
	return 0, false
}

// ioType is io.type(x): "file", "closed file" or nil.
func ioType(L *lua.LState) int {
	L.CheckAny(1)
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if f, ok := ud.Value.(*luaFile); ok {
			if f.closed {
				L.Push(lua.LString("closed file"))
			} else {
				L.Push(lua.LString("file"))
			}
			return 1
		}
	}
	L.Push(lua.LNil)
	return 1
}

func fileToString(L *lua.LState) int {
	ud := L.CheckUserData(1)
	f, ok := ud.Value.(*luaFile)
	switch {
	case !ok:
		L.Push(lua.LString("userdata"))
	case f.closed:
		L.Push(lua.LString("file (closed)"))
	default:
		L.Push(lua.LString(fmt.Sprintf("file (%p)", f)))
	}
	return 1
}
