// Package lua is Antena's Lua machine for apps: one gopher-lua state per
// app, owned by one goroutine, in a sandbox, under a watchdog. The NCLua
// modules (package nclua) are built on it; a host normally uses nclua.App
// rather than this package directly.
//
// # Loop
//
// A VM runs on its own goroutine (Start). Everything that touches the state
// runs there: work given to Post (host events, network results), timers set
// with After on the VM's Clock, and the Go functions Lua calls. The loop is
// one select over the work queue, the next timer and Stop (STYLE R3). Post
// never blocks: the queue is bounded (Options.QueueSize) and full means the
// item is dropped with ErrQueueFull. Sync waits until the queue is empty and
// no timer is due, which with a VirtualClock makes tests and the emulator
// deterministic (advance the clock, Sync, look). Status tells what is left:
// queued work, pending timers, and network I/O held with Hold.
//
// # Sandbox
//
// The state opens only base, package, table, string, math and coroutine,
// and an os table with time, clock, date and difftime that read the VM's
// Clock (os.clock is clock time since the VM was made). There is no io, no
// debug, no channel, no os.exit, no dofile or loadfile; collectgarbage never
// runs Go's collector ("count" returns the estimate described below).
// require finds modules in package.preload and then in the Searchers'
// fs.FS, Lua-style patterns ("?.lua", "?/init.lua"), never outside them.
// The Lua 5.1 idioms of real apps work: module, package.seeall, setfenv,
// getfenv, table.getn, unpack, loadstring; table.unpack is added. Sources
// are compiled once per content (ProtoCache, STYLE R6), after two fixes
// gopher-lua's lexer needs: a first line starting with '#' is blanked, and
// form feeds and vertical tabs become spaces.
//
// # Watchdog: time
//
// Every entry into Lua (Call: a handler, a timer, the main chunk) has a
// deadline (Options.Deadline, default 1 s) of real time. The state's
// context is the watchdog itself: gopher-lua asks its Done channel before
// every VM instruction, so every Limits.CheckEvery instructions (16) the
// watchdog samples, and every 16 samples it reads the clock. A runaway
// loop is stopped within about 256 instructions of its deadline, also
// inside pcall (the error is raised again at every instruction until it
// leaves Lua) and inside coroutines (which get the watchdog too, instead of
// gopher-lua's derived context, and so survive from one entry to the next).
// The app is then stopped: Err and Options.OnStop give a StopError with
// ErrTimeout, the file and line, and the traceback; the box and other apps
// go on. What the watchdog cannot interrupt is one long Go call: a Lua
// pattern match with heavy backtracking on a long subject runs to its end.
//
// # Watchdog: memory
//
// gopher-lua has no allocator hook, so memory is bounded by several means,
// none of them a hard per-app byte count:
//
//   - the value stack is bounded (Limits.RegistryMaxSize slots, 4 MiB by
//     default) and so is the call depth (Limits.CallStackSize): overflowing
//     either raises a Lua error, which stops the app (ErrMemory) unless the
//     app catches it;
//   - library functions that can make a string much larger than their
//     arguments (string.rep, string.format, string.gsub, table.concat)
//     refuse results over Limits.MaxString (4 MiB), with a catchable error;
//   - the watchdog's sample looks at the running function's registers: a
//     string over MaxString (made with .., which no library call sees)
//     stops the app. Between two samples a chain of concatenations can
//     still grow a string: s = s .. s is caught at 2 × MaxString (tested);
//     contrived code with many operands per .. and few instructions per
//     iteration could reach some tens of times MaxString first;
//   - every 256 samples (4096 instructions) the watchdog reads the process
//     heap (runtime/metrics, no stop-the-world). When it grew by more than
//     a quarter of Limits.Memory (64 MiB by default) since the last look,
//     the watchdog measures the app: it walks everything reachable from the
//     app's globals, registry, loaded modules and thread stacks, adding
//     estimated sizes (tables and entries, strings, closures, compiled
//     code, userdata and what their Go values report through
//     MemorySizer: the canvases' pixels). Over Limits.Memory, the app is
//     stopped (ErrMemory). The heap is shared by the box, so growth only
//     triggers the measure; the measure decides. A table-filling loop is
//     thus stopped within a few thousand instructions of going over. The
//     estimate uses fixed costs per object, not Go's allocation sizes: it
//     follows what an app holds, but it is not an exact byte count.
//   - canvases are budgeted in pixels by nclua.
//
// # Errors
//
// Lua is entered only through PCall (STYLE E3). A Lua error that reaches
// the top stops the app with ErrRuntime and the message with file and
// line, plus the traceback; a Go panic in a Go function is ErrPanic (a bug
// of ours; Options.IncludeGoStackTrace adds the Go stack).
package lua
