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
// an os table with time, clock, date and difftime that read the VM's
// Clock (os.clock is clock time since the VM was made), and a read-only io
// over the app's own files (below). There is no debug, no channel, no
// os.exit, os.execute or os.getenv, no dofile or loadfile; collectgarbage
// never runs Go's collector ("count" returns the estimate described below).
// require finds modules in package.preload and then in the Searchers'
// fs.FS, Lua-style patterns ("?.lua", "?/init.lua"), never outside them.
// The Lua 5.1 idioms of real apps work: module, package.seeall, setfenv,
// getfenv, table.getn, unpack, loadstring; table.unpack is added. Sources
// are compiled once per content (ProtoCache, STYLE R6), after two fixes
// gopher-lua's lexer needs: a first line starting with '#' is blanked, and
// form feeds and vertical tabs become spaces.
//
// # io: the app's files, read-only
//
// io reads the files of Options.FS (the app's root, which require also
// uses by default), so that an app can ship data files (JSON, text) beside
// its code, as real Ginga NCLua apps do with io.open:
//
//   - io.open(name[, mode]): mode "r" (default) or "rb"; a write, append
//     or update mode ("w", "a", "r+", ... with or without "b") returns nil,
//     "name: Read-only file system", 30 and raises nothing; a mode that is
//     none of these raises "invalid mode". Failures return nil, a message
//     named as Lua names it ("name: No such file or directory", "name: Is a
//     directory") and the errno, as C Lua does.
//   - names are fs.FS paths relative to the app's root, cleaned ("./a",
//     "a/../b" work); an absolute path or one that leaves the root ("..")
//     returns nil, "name: Permission denied (outside the app's files)".
//   - file:read(...) with "a", "l", "L", "n" (with or without '*'; only the
//     letter after it counts, so Lua 5.1's "*all" works) and byte counts,
//     one result per format, nil at the end of the file ("a" gives "");
//     file:lines(...) iterates with the same formats (default "l");
//     file:seek([whence[, offset]]) with "set", "cur" and "end";
//     file:close(). io.lines(name, ...) iterates over a file and closes it
//     at the end (a file it cannot open raises); io.close(file); io.type(x)
//     gives "file", "closed file" or nil.
//   - absent: io.write, io.read, io.input, io.output, io.popen, io.tmpfile,
//     io.flush, io.stdin, io.stdout, io.stderr, and file:write.
//
// A file is read whole when it is opened and its fs.File closed at once, so
// an open file holds memory, not a descriptor: a file over Limits.MaxString
// bytes is not opened ("name: File too large"), the contents of open files
// count in the memory estimate, and an app holds at most MaxOpenFiles (64)
// open at once ("name: Too many open files"). gopher-lua has no finalisers:
// a file the app drops without closing stays open, and counted, until the
// app stops, when all its files are closed; io.lines closes its file when
// the iteration reaches the end, not when a loop breaks out early.
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
