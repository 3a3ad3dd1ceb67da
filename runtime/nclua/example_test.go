package nclua_test

import (
	"fmt"
	"log/slog"
	"testing/fstest"
	"time"

	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
)

// run runs main.lua with print going to stdout, sends events, advances the
// virtual clock by advance, and prints what the app posted.
func run(src string, advance time.Duration, events ...nclua.Event) {
	clock := rlua.NewVirtualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	app, err := nclua.New(nclua.Options{
		FS:     fstest.MapFS{"main.lua": {Data: []byte(src)}},
		Clock:  clock,
		Logger: slog.New(slog.DiscardHandler),
		Print:  func(s string) { fmt.Println(s) },
		OnPost: func(e nclua.Event) { fmt.Println("posted:", e.Class(), e.Type(), e["value"]) },
		Width:  320, Height: 240,
		NoStartEvent: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer func() { app.Stop(); <-app.Done() }()
	_ = app.Start()
	for _, e := range events {
		_ = app.Send(e)
	}
	_ = app.Sync()
	clock.Advance(advance)
	_ = app.Sync()
	if se := app.Err(); se != nil {
		fmt.Println(se.Message)
	}
}

func Example_eventPost() {
	run(`print(event.post({class = 'ncl', type = 'attribution', action = 'start', name = 'score', value = 10}))
	     print(event.post('sideways', {}) == nil)`, 0)
	// Output:
	// posted: ncl attribution 10
	// true
	// main.lua:2: bad argument #1 to post (invalid destination 'sideways' (expected 'in' or 'out'))
}

func Example_eventRegister() {
	run(`event.register(function(e) print('pressed ' .. e.key) return true end, 'key', 'press')
	     event.register(function(e) print('never: consumed') end, 'key', 'press')`, 0,
		nclua.KeyEvent("press", "ENTER"), nclua.KeyEvent("release", "ENTER"))
	// Output:
	// pressed ENTER
}

func Example_eventUnregister() {
	run(`local function f() end
	     event.register(f) event.register(f, 'key')
	     print(event.unregister(f), event.unregister(f))`, 0)
	// Output:
	// 2	0
}

func Example_eventTimer() {
	run(`event.timer(500, function() print('fired at', event.uptime()) end)
	     local cancel = event.timer(100, function() print('cancelled') end)
	     cancel()`, 500*time.Millisecond)
	// Output:
	// fired at	500
}

func Example_eventUptime() {
	run(`print(event.uptime())`, 0)
	// Output:
	// 0
}

func Example_canvasAttrColor() {
	run(`canvas:attrColor('Teal') print(canvas:attrColor())
	     print(canvas:attrColor('nocolor'))`, 0)
	// Output:
	// 0	128	128	255
	// false	unknown color 'nocolor'
}

func Example_canvasNew() {
	run(`local c = canvas:new(16, 9) print(c:attrSize())
	     print(canvas:new('missing.png'))`, 0)
	// Output:
	// 16	9	16	9
	// nil	file not found: missing.png
}

func Example_canvasPixel() {
	run(`canvas:pixel(1, 1, 255, 0, 0) print(canvas:pixel(1, 1)) print(canvas:pixel(-1, 0))`, 0)
	// Output:
	// 255	0	0	255
	// 0	0	0	0
}

func Example_settings() {
	run(`print(settings.system.screenSize, settings.system.luaVersion)
	     print(pcall(function() settings.system.language = 'en' end))`, 0)
	// Output:
	// 320,240	5.1
	// false	main.lua:2: settings is a read-only table
}

func Example_persistent() {
	run(`persistent.shared.best = {name = 'Ana', score = 7}
	     print(persistent.shared.best.name, persistent.shared.best.score)
	     print(pcall(function() persistent.shared.f = print end))`, 0)
	// Output:
	// Ana	7
	// false	main.lua:3: persistent.shared.f: cannot store a function
}
