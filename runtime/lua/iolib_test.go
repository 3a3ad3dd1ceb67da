package lua

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
	lua "github.com/yuin/gopher-lua"
)

func ioFS() fstest.MapFS {
	return fstest.MapFS{
		"data/config.json": {Data: []byte(`{"a": 1}`)},
		"lines.txt":        {Data: []byte("one\ntwo\n\nfour")},
		"nums.txt":         {Data: []byte("  12 -3.5e1\n0x1F .5 abc 7")},
		"big.bin":          {Data: []byte(strings.Repeat("x", 2000))},
		"dir/inner.txt":    {Data: []byte("inner")},
	}
}

// The io tests are Lua: each chunk returns a string the test compares.
func TestIORead(t *testing.T) {
	vm, _ := testVM(t, ioFS(), Options{})
	for src, want := range map[string]string{
		// whole file, both spellings, and "*all" as in Lua 5.1 apps
		`local f = assert(io.open('data/config.json')) local s = f:read('*a') f:close() return s`:          `{"a": 1}`,
		`local f = assert(io.open('data/config.json', 'rb')) local s = f:read('a') f:close() return s`:     `{"a": 1}`,
		`local f = io.open('./data/../data/config.json', 'r') local s = f:read('*all') f:close() return s`: `{"a": 1}`,
		// at the end, "a" gives "" and the others nil
		`local f = io.open('lines.txt') f:read('a') local a, l, n, c = f:read('a'), f:read('l'), f:read('n'), f:read(1)
		 f:close() return string.format('%q %s %s %s', a, tostring(l), tostring(n), tostring(c))`: `"" nil nil nil`,
		// lines, with and without the newline; default format is "l"
		`local f = io.open('lines.txt') local a, b, c, d, e = f:read(), f:read('*L'), f:read('l'), f:read('L'), f:read('l')
		 f:close() return table.concat({a, b, c, d, tostring(e)}, '|')`: "one|two\n||four|nil",
		// several formats in one call; byte counts; read(0) tests the end
		`local f = io.open('lines.txt') local a, b, c = f:read(2, '*l', 0) local d = f:read(100) local e = f:read(0)
		 f:close() return table.concat({a, b, c, d, tostring(e)}, '|')`: "on|e||two\n\nfour|nil",
		// the results stop at the first that fails
		`local f = io.open('lines.txt') f:seek('end') return select('#', f:read('l', 'l', 'l'))`: "1",
		// numbers
		`local f = io.open('nums.txt') local a, b, c, d = f:read('*n', 'n', 'n', 'n') local e = f:read('n') local g = f:read('l')
		 f:close() return table.concat({a, b, c, d, tostring(e), g}, ' ')`: "12 -35 31 0.5 nil abc 7",
		// seek
		`local f = io.open('lines.txt') local p = {f:seek(), f:seek('set', 4), f:read(3), f:seek(), f:seek('cur', -2),
		 f:read(1), f:seek('end'), f:seek('end', -4), f:read('a')} local n, err = f:seek('set', -1)
		 f:close() return table.concat(p, ',') .. ',' .. tostring(n) .. ',' .. err`: "0,4,two,7,5,w,13,9,four,nil,lines.txt: Invalid argument",
		// past the end: reads give nil
		`local f = io.open('lines.txt') f:seek('set', 100) local s = f:read(1) f:close() return tostring(s)`: "nil",
		// file:lines and io.lines, with formats
		`local t = {} for l in io.lines('lines.txt') do t[#t+1] = l end return table.concat(t, '|')`:                               "one|two||four",
		`local t = {} for l in io.lines('lines.txt', 'L') do t[#t+1] = l end return table.concat(t, '|')`:                          "one\n|two\n|\n|four",
		`local t = {} for a in io.lines('nums.txt', 'n') do t[#t+1] = a end return table.concat(t, ' ')`:                           "12 -35 31 0.5",
		`local f = io.open('lines.txt') local t = {} for c in f:lines(3) do t[#t+1] = c end f:close() return table.concat(t, '|')`: "one|\ntw|o\n\n|fou|r",
		`local f = io.open('lines.txt') local t = {} for l in f:lines() do t[#t+1] = l end
		 return table.concat(t, '|') .. ' ' .. io.type(f)`: "one|two||four file",
		// io.type and close
		`local f = io.open('lines.txt') local a = io.type(f) local ok = f:close() return a .. ' ' .. io.type(f) .. ' ' ..
		 tostring(ok) .. ' ' .. tostring(io.type(42)) .. ' ' .. tostring(io.type(io)) .. ' ' .. tostring(f)`: "file closed file true nil nil file (closed)",
		`local f = io.open('lines.txt') local ok = io.close(f) return tostring(ok) .. ' ' .. io.type(f)`:                  "true closed file",
		`local f = io.open('lines.txt') local s = tostring(f) f:close() return s:match('^file %(0x%x+%)$') and 'ok' or s`: "ok",
		`return getmetatable(io.open('lines.txt'))`:                                                                       "FILE*",
	} {
		require.Equal(t, want, mustEval(t, vm, src), src)
	}
}

func TestIORefused(t *testing.T) {
	vm, _ := testVM(t, ioFS(), Options{})
	for src, want := range map[string]string{
		// write, append and update modes: nil and a message, not an error
		`return select(2, io.open('lines.txt', 'w'))`:   "lines.txt: Read-only file system",
		`return select(2, io.open('new.txt', 'wb'))`:    "new.txt: Read-only file system",
		`return select(2, io.open('lines.txt', 'a'))`:   "lines.txt: Read-only file system",
		`return select(2, io.open('lines.txt', 'r+'))`:  "lines.txt: Read-only file system",
		`return select(2, io.open('lines.txt', 'w+b'))`: "lines.txt: Read-only file system",
		`return select(2, io.open('lines.txt', 'a+'))`:  "lines.txt: Read-only file system",
		`return select(3, io.open('lines.txt', 'w'))`:   "30",
		// missing files, directories, escapes
		`local f, err, no = io.open('missing.json') return tostring(f) .. ' ' .. err .. ' ' .. no`: "nil missing.json: No such file or directory 2",
		`return select(2, io.open('dir'))`:                     "dir: Is a directory",
		`return select(2, io.open(''))`:                        ": Is a directory",
		`return select(2, io.open('/etc/passwd'))`:             "/etc/passwd: Permission denied (outside the app's files)",
		`return select(2, io.open('../secret'))`:               "../secret: Permission denied (outside the app's files)",
		`return select(2, io.open('dir/../../secret'))`:        "dir/../../secret: Permission denied (outside the app's files)",
		`return select(2, io.open('dir/../../dir/inner.txt'))`: "dir/../../dir/inner.txt: Permission denied (outside the app's files)",
		`return io.open('dir/../dir/./inner.txt'):read('a')`:   "inner",
		// what a file cannot do
		`return tostring(io.open('lines.txt').write)`:                                               "nil",
		`return select(2, pcall(io.open, 'lines.txt', 'x'))`:                                        "#2 to (anonymous) (invalid mode 'x')",
		`return select(2, pcall(io.open, 'lines.txt', 'rw'))`:                                       "#2 to (anonymous) (invalid mode 'rw')",
		`local f = io.open('lines.txt') return select(2, pcall(f.read, f, '*x'))`:                   "#1 to (anonymous) (invalid format)",
		`local f = io.open('lines.txt') return select(2, pcall(f.read, f, {}))`:                     "#1 to (anonymous) (invalid format)",
		`local f = io.open('lines.txt') return select(2, pcall(f.seek, f, 'top'))`:                  "#2 to (anonymous) (invalid option 'top')",
		`local f = io.open('lines.txt') f:close() return select(2, pcall(f.read, f))`:               "attempt to use a closed file",
		`local f = io.open('lines.txt') f:close() return select(2, pcall(f.close, f))`:              "attempt to use a closed file",
		`local f = io.open('lines.txt') return select(2, pcall(f.read, {}))`:                        "#1 to (anonymous) (FILE* expected, got table)",
		`return select(2, pcall(io.lines, 'missing.txt'))`:                                          "missing.txt: No such file or directory",
		`return select(2, pcall(io.lines, '../x'))`:                                                 "../x: Permission denied (outside the app's files)",
		`return select(2, pcall(io.lines))`:                                                         "#1 to (anonymous) (file name expected (there is no standard input))",
		`local f = io.open('lines.txt') local it = f:lines() f:close() return select(2, pcall(it))`: "file is already closed",
	} {
		require.Contains(t, mustEval(t, vm, src), want, src)
	}
}

func TestIOAbsentParts(t *testing.T) {
	vm, _ := testVM(t, ioFS(), Options{})
	for _, name := range []string{"write", "read", "input", "output", "popen", "tmpfile", "stdin", "stdout", "stderr", "flush"} {
		require.Equal(t, "nil", mustEval(t, vm, "return tostring(io."+name+")"), name)
	}
	require.Equal(t, "true", mustEval(t, vm, "return package.loaded.io == io"))
}

func TestIOLimits(t *testing.T) {
	vm, _ := testVM(t, ioFS(), Options{Limits: Limits{MaxString: 1000}})
	// A file over MaxString is not opened.
	require.Equal(t, "big.bin: File too large (2000 bytes, max 1000) 27",
		mustEval(t, vm, "local f, err, no = io.open('big.bin') return err .. ' ' .. no"))
	// At most MaxOpenFiles at once; closing one makes room.
	require.Equal(t, "64 lines.txt: Too many open files (max 64) 24 true", mustEval(t, vm, `
		files = {}
		for i = 1, 100 do
			local f, err, no = io.open('lines.txt')
			if not f then last = err .. ' ' .. no break end
			files[i] = f
		end
		local n = #files
		files[1]:close()
		files[1] = assert(io.open('lines.txt'))
		return n .. ' ' .. last .. ' ' .. tostring(io.type(files[1]) == 'file')`))
	require.Contains(t, mustEval(t, vm, "return select(2, pcall(io.lines, 'lines.txt'))"), "Too many open files")
	// io.lines closes its file at the end, so it can go on for ever.
	require.Equal(t, "ok", mustEval(t, vm, `
		for _, f in ipairs(files) do f:close() end
		for i = 1, 200 do for l in io.lines('lines.txt') do end end
		return 'ok'`))
}

// The contents of open files count in the memory estimate until closed.
func TestIOMemoryEstimate(t *testing.T) {
	fsys := ioFS()
	fsys["mib.bin"] = &fstest.MapFile{Data: make([]byte, 1<<20)}
	vm, _ := testVM(t, fsys, Options{})
	estimate := func() int64 {
		var n int64
		require.NoError(t, vm.Post(func() { n = vm.MemoryEstimate() }))
		require.NoError(t, vm.Sync())
		return n
	}
	before := estimate()
	mustEval(t, vm, "local f = io.open('mib.bin') f:seek('set', 10)") // dropped, not closed
	held := estimate()
	require.Greater(t, held-before, int64(1<<20))
	mustEval(t, vm, "kept = io.open('mib.bin') kept:close()")
	require.Less(t, estimate()-held, int64(1<<10), "a closed file holds nothing")
}

func TestIOWithoutFS(t *testing.T) {
	vm, _ := testVM(t, nil, Options{})
	require.Equal(t, "x: No such file or directory", mustEval(t, vm, "return select(2, io.open('x'))"))
}

func TestIOFilesClosedAtStop(t *testing.T) {
	vm, _ := testVM(t, ioFS(), Options{})
	var f *luaFile
	mustEval(t, vm, "kept = io.open('lines.txt')")
	require.NoError(t, vm.Post(func() {
		f = vm.L.GetGlobal("kept").(*lua.LUserData).Value.(*luaFile)
	}))
	require.NoError(t, vm.Sync())
	vm.Stop()
	<-vm.Done()
	require.True(t, f.closed)
	require.Nil(t, f.data)
}
