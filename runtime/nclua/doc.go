// Package nclua runs NCLua apps (ABNT NBR 15606-2, ITU-T H.761): the four
// globals event, canvas, settings and persistent over a runtime/lua VM. It
// implements the union of what TeleMidia's nclua, Ginga.ar and the norm
// give that real apps use, with the reference players' bugs fixed (the
// choices are in NCLUA-API.md; the differences are listed below).
//
// Beyond the four globals, the Lua sandbox (runtime/lua) gives a
// read-only io over the app's own files (io.open in "r" mode, file:read,
// io.lines): an Antena extension, not in the norm, that real Ginga apps
// rely on to read their data files.
//
// # Host API
//
// A host (the app manager, the emulator, antena lua) makes an App with New
// from an fs.FS and Options, and calls Start, which runs the main chunk and
// then sends the ncl presentation start event. It feeds the app with Send
// (KeyEvent, PresentationEvent, SelectionEvent, AttributionEvent,
// PointerEvent, AlertEvent, ServiceChangeEvent, ServicesEvent, EPGEvent,
// TimeEvent, or any Event), receives what the app posts out through
// Options.OnPost, takes the picture with Frame (or through Options.Layer
// and Options.OnFlush on every flush), changes settings with SetSetting,
// stops the app with Stop, and learns that it stopped and why through
// Done, Err and Options.OnStop (a *lua.StopError: timeout, memory, Lua
// error with traceback, Go panic, or stopped by the host). With a
// lua.VirtualClock in Options.Clock, Sync and Status make it deterministic.
//
// # event
//
// post([dest='out'], evt) copies the event; 'in' queues it for the app's own
// handlers; 'out' checks it by class (a bad event returns false and a
// message; a bad destination raises) and routes it: tcp and http to the
// network, user back to the app (and to OnPost), everything else to
// OnPost. register([pos], f, [filter table | class, ...]) with positional
// class filters in H.761 order (ncl: type, label or name, action; key:
// type, key; pointer: type, x, y; tcp: connection; http: type, session;
// si, alert: type); a class the runtime does not know still filters on the
// class (nclua would give that handler every event). unregister(f) returns
// how many entries it removed. timer(ms, f) returns a cancel function;
// uptime() is milliseconds of clock time since the app was made. Queued
// events are dispatched in order, at most MaxEventsPerCycle (128) a cycle;
// each handler gets its own shallow copy; one returning true consumes the
// event.
//
// Classes: key (press, release), ncl (presentation, selection, attribution;
// actions start, stop, abort, pause, resume; attribution values coerced to
// strings), pointer (press, release, move, x, y), user (anything), edit
// (passed through), tcp, http, si and alert.
//
// tcp: out {type='connect', host, port[, timeout (s)]} answers in with
// {type='connect', host, port, connection=N} or {..., error};
// {type='data', connection, value} sends (errors come back as data events
// with error); in {type='data', connection, value} as bytes arrive;
// {type='disconnect', connection} closes, and in {type='disconnect',
// connection[, error]} comes when a connection ends either way.
//
// http: out {type='request', method (get, post, put, delete, head,
// options, trace, patch), uri, headers, body, timeout (s), session,
// durable} answers with in {type='response', method, uri, session, code,
// headers, body, finished}: the body in pieces of 64 KiB, the last with
// finished=true, or {..., error, finished=true}. {type='cancel', session}
// cancels. Redirects to hosts not allowed fail. TLS and IPv6 are net/http's.
//
// Durable requests: a request with durable=true (meant for POST) is first
// written to the store's outbox (synced), then tried at once. If that try
// fails the app gets {type='queued', durable=true, key, error, session}; the
// submission stays in the outbox across restarts, and Outbox.Flush (called
// by the host when the return channel comes back) sends it with the header
// Idempotency-Key: key. Once a server answers (any status below 500) it is
// marked delivered, exactly once, and the app, if running, gets
// {type='response', durable=true, key, code, headers, body, finished=true,
// session} (session as the app gave it, or as a string after a restart).
//
// Return channel: tcp and http reach only the hosts of Network.Allow
// (default none; "*" for local development), with timeouts; requests go
// through Network.Transport, which the host (or a test) replaces.
//
// si (box → app): {class='si', type='service', id, onid, tsid, serviceType,
// name, provider, channel} when the service changes; type='services' with
// services={...}; type='epg' with serviceId and events={{id, startTime,
// duration, name, description, language, isRunning}}; type='time' with
// time (Unix seconds). An app may post {class='si', type='services' |
// 'epg' | 'time' | 'mosaic'} out as a request the host may answer.
//
// alert (box → app): {class='alert', type='start' | 'update' | 'end', id,
// source ('isdb', 'scte18', ...), level, serviceId, areas={codes}, text,
// language, remaining (s)}. Apps cannot post alerts, nor stop the box's
// own warning overlay.
//
// # canvas
//
// The global canvas is the screen, double-buffered: drawing goes to a back
// buffer and flush shows it; other canvases draw immediately. Every method
// of NCLUA-API.md §1.3 is there: new (PNG, JPEG, GIF from the app's files;
// a missing or bad image returns nil and a message; only the canvas is
// returned), attrSize, attrColor (the 16 colour names of the norm and the
// CSS names, any case; an unknown name returns false and a message),
// attrFont (sizes in pixels, as the norm says; styles normal, bold,
// italic, bold-italic and nclua's WEIGHT-SLANT), attrClip, attrCrop,
// attrFlip, attrOpacity, attrRotation, attrScale, attrAntiAlias,
// attrFilter, attrLineWidth, drawLine, drawRect, drawRoundRect,
// drawPolygon, drawEllipse (fill, and frame or arc), drawText,
// measureText, compose, pixel, clear, flush. Methods take self (colon
// form, or dot form with the canvas first); new also works without it.
// Bad arguments raise an error naming the argument. pixel reads and writes
// the buffer the drawing calls use, so on the global canvas a pixel set
// before a flush survives it (nclua works on the front buffer). The pixels
// of all of an app's canvases are bounded by Options.CanvasPixels; an app
// that holds more is stopped.
//
// # settings and persistent
//
// settings is a read-only tree (writing raises "settings is a read-only
// table") with the variables of Ginga.ar (system.language,
// screenSize, screenGraphicSize, luaVersion, ..., service.currentFocus,
// service.currentKeyMaster, si.*, channel.*, default.*), from
// DefaultSettings merged with Options.Settings; the host updates them with
// SetSetting. pairs(settings) sees nothing: the tables are read through.
//
// persistent.shared, .service and .channel hold numbers, booleans,
// strings and tables of those, kept in the app's store namespace
// (runtime/store; the scopes map to Shared, Service(ServiceID) and
// Channel(ChannelID)); every assignment is synced to disk before it
// returns, and over the quota it raises. Reading a table gives a copy.
// Assigning directly on persistent raises. Without a store, values live
// in memory for the app's life.
package nclua
