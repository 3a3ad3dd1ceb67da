package lua

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// MaxSourceSize bounds one Lua source file (and one loadstring chunk).
const MaxSourceSize = 8 << 20

// Searcher is one place require looks: Pattern is a Lua-style pattern such
// as "?.lua" or "lib/?/init.lua" whose "?" is replaced by the module name
// (dots become slashes), resolved in FS.
type Searcher struct {
	FS      fs.FS
	Pattern string
}

// DefaultPatterns are the require patterns used with the app's own file
// system when Options.Searchers is empty.
var DefaultPatterns = []string{"?.lua", "?/init.lua"}

// ProtoCache keeps compiled chunks so that an app (or a restarted app, or
// many apps sharing a library) is parsed and compiled once (STYLE R6).
// Entries are keyed by chunk name and a hash of the source, so a file that
// changed (hot reload, a new carousel version) is compiled again. A
// ProtoCache is safe for concurrent use; the zero value is ready.
type ProtoCache struct {
	mu sync.Mutex
	m  map[protoKey]*lua.FunctionProto
}

type protoKey struct {
	name string
	sum  [sha256.Size]byte
}

// Len returns the number of cached chunks.
func (c *ProtoCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// Compile returns the compiled chunk of src, from the cache when the same
// name and source were compiled before.
func (c *ProtoCache) Compile(src []byte, name string) (*lua.FunctionProto, error) {
	k := protoKey{name, sha256.Sum256(src)}
	c.mu.Lock()
	p, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := CompileSource(src, name)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[protoKey]*lua.FunctionProto{}
	}
	c.m[k] = p
	c.mu.Unlock()
	return p, nil
}

// CompileSource parses and compiles one chunk. The source is first made
// acceptable to gopher-lua's lexer as Lua 5.1 would read it: a first line
// starting with '#' is blanked, and form-feed and vertical-tab characters
// become spaces (gopher-lua rejects them; 26 of 150 real app files need
// this). A form feed inside a string literal becomes a space too; no app
// seen relies on one.
func CompileSource(src []byte, name string) (*lua.FunctionProto, error) {
	if len(src) > MaxSourceSize {
		return nil, fmt.Errorf("%w: %s: %d bytes (max %d)", ErrCompile, name, len(src), MaxSourceSize)
	}
	chunk, err := parse.Parse(bytes.NewReader(preprocess(src)), name)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCompile, err)
	}
	proto, err := lua.Compile(chunk, name)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCompile, err)
	}
	return proto, nil
}

func preprocess(src []byte) []byte {
	shebang := len(src) > 0 && src[0] == '#'
	if !shebang && !bytes.ContainsAny(src, "\f\v") {
		return src
	}
	out := bytes.Clone(src)
	if shebang {
		for i := 0; i < len(out) && out[i] != '\n'; i++ {
			out[i] = ' '
		}
	}
	for i, c := range out {
		if c == '\f' || c == '\v' {
			out[i] = ' '
		}
	}
	return out
}

// readSource reads name from fsys, refusing paths that escape it.
func readSource(fsys fs.FS, name string) ([]byte, error) {
	name = path.Clean(strings.TrimPrefix(name, "./"))
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("%w: %q is not a valid path", ErrNotFound, name)
	}
	f, err := fsys.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s", ErrNotFound, name)
		}
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%w: %s is a directory", ErrNotFound, name)
	}
	if st.Size() > MaxSourceSize {
		return nil, fmt.Errorf("%w: %s: %d bytes (max %d)", ErrCompile, name, st.Size(), MaxSourceSize)
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Compile compiles name from the app's file system (through the cache).
func (vm *VM) Compile(name string) (*lua.FunctionProto, error) {
	return vm.compileFrom(vm.opts.FS, name)
}

func (vm *VM) compileFrom(fsys fs.FS, name string) (*lua.FunctionProto, error) {
	if fsys == nil {
		return nil, fmt.Errorf("%w: no file system", ErrNotFound)
	}
	src, err := readSource(fsys, name)
	if err != nil {
		return nil, err
	}
	return vm.cache.Compile(src, path.Clean(name))
}

// LoadFile compiles name from the app's file system and returns it as a
// function of this VM, ready for Call. VM goroutine (or before Start).
func (vm *VM) LoadFile(name string) (*lua.LFunction, error) {
	p, err := vm.Compile(name)
	if err != nil {
		return nil, err
	}
	return vm.L.NewFunctionFromProto(p), nil
}

// loaderFS is the package.loaders entry that finds modules in the
// searchers' file systems. Like Lua's, it returns the loader function or a
// string saying where it looked.
func (vm *VM) loaderFS(L *lua.LState) int {
	name := L.CheckString(1)
	mod := strings.ReplaceAll(name, ".", "/")
	var tried strings.Builder
	for _, s := range vm.searchers {
		p := path.Clean(strings.ReplaceAll(s.Pattern, "?", mod))
		proto, err := vm.compileFrom(s.FS, p)
		if errors.Is(err, ErrNotFound) {
			fmt.Fprintf(&tried, "\n\tno file '%s'", p)
			continue
		}
		if err != nil {
			L.RaiseError("error loading module '%s': %v", name, err)
			return 0
		}
		L.Push(L.NewFunctionFromProto(proto))
		return 1
	}
	L.Push(lua.LString(tried.String()))
	return 1
}

// loadstring compiles a string chunk (no files): Lua 5.1's loadstring, with
// the same source fixes as files.
func (vm *VM) loadstring(L *lua.LState) int {
	src := L.CheckString(1)
	name := L.OptString(2, src)
	if len(name) > 60 {
		name = name[:57] + "..."
	}
	name = "[string \"" + strings.SplitN(name, "\n", 2)[0] + "\"]"
	proto, err := CompileSource([]byte(src), name)
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(strings.TrimPrefix(err.Error(), ErrCompile.Error()+": ")))
		return 2
	}
	L.Push(L.NewFunctionFromProto(proto))
	return 1
}
