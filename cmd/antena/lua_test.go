package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func writeScript(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	return p
}

func runLuaCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = runMain(append([]string{"lua"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func jsonLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		out = append(out, m)
	}
	return out
}

const echoScript = `
event.register(function(e)
  if e.class == 'key' then
    event.post{class='ncl', type='attribution', action='start', name='key', value=e.type .. ' ' .. e.key}
  elseif e.class == 'ncl' then
    event.post{class='ncl', type='presentation', action=e.action, label=e.label or e.name}
  elseif e.class == 'pointer' then
    event.post{class='user', x=e.x, y=e.y}
  end
end)
`

func TestLuaCommandEvents(t *testing.T) {
	script := writeScript(t, t.TempDir(), "main.lua", echoScript)
	code, out, errs := runLuaCmd(t, "--send", "class=ncl,type=attribution,name=x,value=1,action=start",
		"--send", "class=pointer,type=press,x=3,y=4", "--keys", "ENTER RED", script)
	require.Equal(t, exitOK, code, errs)
	ev := jsonLines(t, out)
	require.Len(t, ev, 7)
	require.Equal(t, "presentation", ev[0]["type"], "first the presentation start")
	require.Equal(t, "", ev[0]["label"])
	require.Equal(t, "x", ev[1]["label"])
	require.Equal(t, 3.0, ev[2]["x"])
	require.Equal(t, []any{"press ENTER", "release ENTER", "press RED", "release RED"},
		[]any{ev[3]["value"], ev[4]["value"], ev[5]["value"], ev[6]["value"]})
}

func TestLuaCommandScreenshotAfterTimers(t *testing.T) {
	dir := t.TempDir()
	script := writeScript(t, dir, "main.lua", `
		canvas:attrColor('blue') canvas:clear() canvas:flush()
		event.timer(60000, function()  -- a minute of virtual time passes at once
			canvas:attrColor('red') canvas:drawRect('fill', 0, 0, 4, 4) canvas:flush()
			event.post{class='user', done=event.uptime()}
		end)
		event.timer(90000, function()
			canvas:attrColor('lime') canvas:drawRect('fill', 0, 0, 8, 8) -- never flushed
		end)
	`)
	shot := filepath.Join(dir, "out.png")
	code, out, errs := runLuaCmd(t, "--size", "16x8", "--timeout", "2m", "--screenshot", shot, script)
	require.Equal(t, exitOK, code, errs)
	ev := jsonLines(t, out)
	require.GreaterOrEqual(t, ev[len(ev)-1]["done"], 60000.0)
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	require.Equal(t, 16, img.Bounds().Dx())
	r, g, b, _ := img.At(1, 1).RGBA()
	require.Equal(t, [3]uint32{0xffff, 0, 0}, [3]uint32{r, g, b})
	r, g, b, _ = img.At(6, 6).RGBA()
	require.Equal(t, [3]uint32{0, 0, 0xffff}, [3]uint32{r, g, b}, "what was drawn after the last flush does not show")
}

func TestLuaCommandTimeout(t *testing.T) {
	script := writeScript(t, t.TempDir(), "main.lua", `
		local n = 0
		local function tick() n = n + 1 event.timer(1000, tick) end
		tick()
		event.register(function() end)
		function report() event.post{class='user', n=n} end
		event.timer(9500, report)
	`)
	code, out, errs := runLuaCmd(t, "--timeout", "10s", script)
	require.Equal(t, exitOK, code, errs)
	ev := jsonLines(t, out)
	require.Equal(t, 10.0, ev[0]["n"])
}

func TestLuaCommandRequire(t *testing.T) {
	dir := t.TempDir()
	writeScript(t, dir, "app/util.lua", "return {v = 'local'}")
	writeScript(t, dir, "lib/shared/mod.lua", "return {v = 'lib'}")
	script := writeScript(t, dir, "app/main.lua", `
		event.post{class='user', a=require('util').v, b=require('mod').v, c=require('deep').v}
	`)
	writeScript(t, dir, "lib/shared/deep/init.lua", "return {v = 'deep'}")
	pattern := filepath.Join(dir, "lib/shared/?.lua") + ";" + filepath.Join(dir, "lib/shared/?/init.lua")
	code, out, errs := runLuaCmd(t, "--lua-path", pattern, script)
	require.Equal(t, exitOK, code, errs)
	ev := jsonLines(t, out)
	require.Equal(t, "local", ev[0]["a"])
	require.Equal(t, "lib", ev[0]["b"])
	require.Equal(t, "deep", ev[0]["c"])
}

func TestLuaCommandError(t *testing.T) {
	script := writeScript(t, t.TempDir(), "main.lua", "local function f()\n  error('broken')\nend\nf()\n")
	code, _, errs := runLuaCmd(t, script)
	require.Equal(t, exitFailure, code)
	require.Contains(t, errs, "main.lua:2: broken")
	require.Contains(t, errs, "stack traceback:")

	script = writeScript(t, t.TempDir(), "main.lua", "while true do end")
	code, _, errs = runLuaCmd(t, "--deadline", "50ms", script)
	require.Equal(t, exitFailure, code)
	require.Contains(t, errs, "watchdog")
}

func TestLuaCommandStore(t *testing.T) {
	dir := t.TempDir()
	script := writeScript(t, dir, "main.lua", `
		persistent.shared.runs = (persistent.shared.runs or 0) + 1
		event.post{class='user', runs=persistent.shared.runs}
	`)
	store := filepath.Join(dir, "store")
	for want := 1.0; want <= 2; want++ {
		code, out, errs := runLuaCmd(t, "--store", store, script)
		require.Equal(t, exitOK, code, errs)
		require.Equal(t, want, jsonLines(t, out)[0]["runs"])
	}
}

func TestLuaCommandUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"a.lua", "b.lua"},
		{"--size", "big", "x.lua"},
		{"--send", "type=x", "x.lua"},
		{"--send", "class=pointer,x=a", "x.lua"},
		{filepath.Join(t.TempDir(), "missing.lua")},
	} {
		code, _, _ := runLuaCmd(t, args...)
		require.Equal(t, exitUsage, code, "%v", args)
	}
}
