package apps

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/runtime/nclua"
)

// The apps are separate carousel folders, so each carries its own copy of lib/.
func TestLibCopiesIdentical(t *testing.T) {
	for _, f := range []string{"json.lua", "ui.lua", "data.lua"} {
		a, err := os.ReadFile("servicos/lib/" + f)
		require.NoError(t, err)
		b, err := os.ReadFile("escola/lib/" + f)
		require.NoError(t, err)
		require.True(t, bytes.Equal(a, b), "servicos/lib/%s and escola/lib/%s differ", f, f)
	}
}

// Only lib/ui.lua sets fonts: every text goes through ui.font and its 24 px floor.
func TestOnlyUISetsFonts(t *testing.T) {
	for _, dir := range []string{"servicos", "escola"} {
		fsys := os.DirFS(dir)
		entries, err := globLua(fsys)
		require.NoError(t, err)
		for _, p := range entries {
			b, err := os.ReadFile(dir + "/" + p)
			require.NoError(t, err)
			if p != "lib/ui.lua" {
				require.NotContains(t, string(b), "attrFont", "%s/%s", dir, p)
			}
		}
	}
}

const luaTests = `
local json = require 'lib.json'
local ui = require 'lib.ui'
local function eq(a, b, what) if a ~= b then error(what .. ': got ' .. tostring(a) .. ', want ' .. tostring(b), 2) end end

-- json.decode
local v = json.decode(' {"a": [1, 2.5, -3e2, true, false, null, "x"], "b": {"c": "\\u00e7\\u00e3o \\ud83d\\ude00 \\n\\"/"}, "n": null} ')
eq(#v.a, 7, 'array length'); eq(v.a[2], 2.5, 'float'); eq(v.a[3], -300, 'exponent')
eq(v.a[4], true, 'true'); eq(v.a[5], false, 'false'); eq(v.a[6], json.null, 'null in array'); eq(v.a[7], 'x', 'string')
eq(v.b.c, 'ção 😀 \n"/', 'escapes and surrogates'); eq(v.n, nil, 'null member left out')
eq(next(json.decode('{}')), nil, 'empty object'); eq(#json.decode('[]'), 0, 'empty array')
eq(json.decode('"\239\187\191"'), '\239\187\191', 'BOM inside a string kept')
eq(json.decode('\239\187\191[1]')[1], 1, 'leading BOM skipped')
for _, bad in ipairs({'', '{', '[1,]', '{"a" 1}', '{a: 1}', '01', '1.', '"\\x"', '"abc', '[1] 2', 'tru',
    '"\\ud800"', '"a\nb"', string.rep('[', 100) .. string.rep(']', 100)}) do
  local r, err = json.decode(bad)
  if r ~= nil or type(err) ~= 'string' or not string.find(err, '^json: ') then
    error('accepted bad JSON ' .. bad .. ' -> ' .. tostring(r))
  end
end
local _, err = json.decode('{\n"a": 1,\n}')
assert(string.find(err, 'line 3'), err)
-- json.encode round trip
eq(json.encode({b = 1, a = {1, 2, 'x"y'}, c = true}), '{"a":[1,2,"x\\"y"],"b":1,"c":true}', 'encode')
eq(json.encode(1.5), '1.5', 'float'); eq(json.encode({}), '[]', 'empty table')
eq(json.decode(json.encode({name = 'ANA\tMARIA', id = '52998224725'})).name, 'ANA\tMARIA', 'round trip')

-- data.load reads plain JSON files with io.open; a missing or broken one gives nil and a message
local data = require 'lib.data'
eq(type(data.load('config')), 'table', 'config.json')
eq(data.load('config.json').dummy, nil, 'name with its extension')
local d, derr = data.load('missing')
eq(d, nil, 'missing file'); assert(string.find(derr, '^missing%.json: No such file or directory'), derr)
d, derr = data.load('broken')
eq(d, nil, 'broken file'); assert(string.find(derr, '^broken%.json: json: '), derr)
d, derr = data.load('../escape')
eq(d, nil, 'escape'); assert(string.find(derr, 'outside the app'), derr)

-- ui.font refuses sizes under 24 px
assert(pcall(ui.font, 24)); assert(pcall(ui.font, 'legend'))
assert(not pcall(ui.font, 23)); assert(not pcall(ui.font, 12)); assert(not pcall(ui.font, 'tiny'))
for name, size in pairs(ui.size) do assert(size >= ui.MIN_FONT, name) end
eq(ui.stats.min, 24, 'stats')
`

func TestLuaLibraries(t *testing.T) {
	for _, dir := range []string{"servicos", "escola"} {
		fsys := appFS(t, dir, map[string][]byte{"main.lua": []byte(luaTests), "broken.json": []byte(`{"a": `)})
		h := startApp(t, nclua.Options{Name: dir, FS: fsys}, nil)
		require.Nil(t, h.app.Err())
		h.stop()
	}
}
