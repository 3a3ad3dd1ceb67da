-- Tests of the event module (NCLUA-API.md §1.2), run by RunLuaTestFile.

function TestGlobalsAndRequire(t)
  t:eq(type(event), 'table')
  t:eq(require('event'), event)
  for _, f in ipairs{'post', 'register', 'unregister', 'timer', 'uptime'} do
    t:eq(type(event[f]), 'function', f)
  end
end

function TestPostOutDefault(t)
  t:eq(event.post({class = 'ncl', type = 'presentation', action = 'stop', label = ''}), true)
  t:eq(event.post('out', {class = 'ncl', type = 'attribution', action = 'start', name = 'x', value = 1}), true)
  local out = t:posted()
  t:eq(#out, 2)
  t:eq(out[1].action, 'stop')
  t:eq(out[2].value, '1', 'a number value is coerced to a string')
end

function TestPostNilAndBadArgs(t)
  t:eq(event.post(nil), true)
  t:eq(event.post('in', nil), true)
  t:error(function() event.post('sideways', {class = 'user'}) end, "invalid destination 'sideways'")
  t:error(function() event.post('out', 42) end, 'bad argument #2')
  t:error(function() event.post(42) end, 'bad argument #1')
  local ok, err = event.post({type = 'x'})
  t:eq(ok, false)
  t:eq(err, 'missing event class')
end

function TestPostChecksClasses(t)
  local cases = {
    {{class = 'ncl', type = 'bogus', action = 'start'}, "invalid type 'bogus'"},
    {{class = 'ncl', type = 'presentation', action = 'jump'}, "invalid action 'jump'"},
    {{class = 'ncl', type = 'attribution', action = 'start', value = 'v'}, "field 'name'"},
    {{class = 'ncl', type = 'presentation', action = 'start', label = 3}, "field 'label'"},
    {{class = 'key', type = 'hold', key = 'ENTER'}, "invalid type 'hold'"},
    {{class = 'key', type = 'press'}, "field 'key'"},
    {{class = 'pointer', type = 'move', x = 1}, "field 'y'"},
    {{class = 'tcp', type = 'connect', port = 80}, "field 'host'"},
    {{class = 'tcp', type = 'data', connection = 1}, "field 'value'"},
    {{class = 'http', type = 'request', method = 'fetch', uri = 'http://x/'}, "invalid method 'fetch'"},
    {{class = 'http', type = 'request'}, "field 'uri'"},
    {{class = 'http', type = 'cancel'}, "session"},
    {{class = 'si', type = 'weather'}, "invalid type 'weather'"},
    {{class = 'alert', type = 'start'}, 'cannot be posted out'},
  }
  for i, c in ipairs(cases) do
    local ok, err = event.post(c[1])
    t:eq(ok, false, 'case ' .. i)
    t:ok(err and err:find(c[2], 1, true), 'case ' .. i .. ': ' .. tostring(err))
  end
  t:eq(#t:posted(), 0, 'a rejected event goes nowhere')
  -- Label is optional in presentation events (nclua 78de76d).
  t:eq(event.post({class = 'ncl', type = 'presentation', action = 'start'}), true)
  -- Unknown classes go to the host unchecked.
  t:eq(event.post({class = 'edit', command = 'addNode'}), true)
  t:eq(event.post({class = 'whatever', x = 1}), true)
  t:eq(#t:posted(), 3)
end

function TestSIRequestGoesOut(t)
  t:eq(event.post({class = 'si', type = 'epg'}), true)
  t:eq(t:posted()[1].type, 'epg')
end

function TestPostInLoopsBack(t)
  local got = {}
  event.register(function(e) got[#got + 1] = e.n end)
  event.post('in', {class = 'user', n = 1})
  event.post('in', {class = 'user', n = 2})
  t:eq(#got, 0, 'delivered in the next cycle, not during post')
  t:cycle()
  t:eq(got, {1, 2})
  t:eq(#t:posted(), 0, "'in' does not go to the host")
end

function TestUserOutComesBack(t)
  local got
  event.register(function(e) got = e.v end)
  event.post({class = 'user', v = 'hi'})
  t:cycle()
  t:eq(got, 'hi')
end

function TestHandlersSeeACopy(t)
  local seen = {}
  event.register(function(e) e.key = 'CHANGED' e.extra = true end)
  event.register(function(e) seen[#seen + 1] = e end)
  local ev = {class = 'key', type = 'press', key = 'RED'}
  event.post('in', ev)
  t:cycle()
  t:eq(seen[1].key, 'RED')
  t:eq(seen[1].extra, nil)
  t:ok(seen[1] ~= ev, 'not the posted table')
  t:eq(ev.key, 'RED', 'the posted table is untouched')
end

function TestHandlerReturningTrueConsumes(t)
  local calls = {}
  event.register(function(e) calls[#calls + 1] = 'a' return e.key == 'ENTER' end)
  event.register(function(e) calls[#calls + 1] = 'b' end)
  t:send({class = 'key', type = 'press', key = 'ENTER'})
  t:send({class = 'key', type = 'press', key = 'RED'})
  t:cycle()
  t:eq(calls, {'a', 'a', 'b'})
end

function TestRegisterPosition(t)
  local order = {}
  local function f(name) return function() order[#order + 1] = name end end
  event.register(f('b'))
  event.register(1, f('a'))
  event.register(3, f('c'))
  t:send({class = 'user'})
  t:cycle()
  t:eq(order, {'a', 'b', 'c'})
  t:error(function() event.register(9, f('x')) end, 'position out of range')
  t:error(function() event.register('notafunction') end, 'function expected')
  t:error(function() event.register(f('x'), 42) end, 'filter table or class name expected')
end

function TestFilterTable(t)
  local got = {}
  event.register(function(e) got[#got + 1] = e.key end, {class = 'key', type = 'press'})
  t:send({class = 'key', type = 'press', key = 'A'})
  t:send({class = 'key', type = 'release', key = 'A'})
  t:send({class = 'ncl', type = 'presentation', action = 'start'})
  t:send({class = 'key', type = 'press', key = 'B'})
  t:cycle()
  t:eq(got, {'A', 'B'})
end

function TestFilterNilFieldDoesNotMatch(t)
  local n = 0
  event.register(function() n = n + 1 end, {class = 'ncl', label = 'x'})
  t:send({class = 'ncl', type = 'presentation', action = 'start'})
  t:cycle()
  t:eq(n, 0)
end

function TestClassFilterKey(t)
  local got = {}
  event.register(function(e) got[#got + 1] = e.type .. ':' .. e.key end, 'key', 'press', 'ENTER')
  event.register(function(e) got[#got + 1] = 'any:' .. e.key end, 'key', nil, 'RED')
  for _, k in ipairs{'ENTER', 'RED'} do
    t:send({class = 'key', type = 'press', key = k})
    t:send({class = 'key', type = 'release', key = k})
  end
  t:cycle()
  t:eq(got, {'press:ENTER', 'any:RED', 'any:RED'})
end

function TestClassFilterNCLLabelBeforeAction(t)
  -- H.761 order: (type, label, action), as nclua's NEWS 1.2 fixed it.
  local got = {}
  event.register(function(e) got[#got + 1] = e.label end, 'ncl', 'presentation', 'anchor1', 'start')
  event.register(function(e) got[#got + 1] = 'attr:' .. e.name end, 'ncl', 'attribution', 'score')
  t:send({class = 'ncl', type = 'presentation', label = 'anchor1', action = 'start'})
  t:send({class = 'ncl', type = 'presentation', label = 'anchor1', action = 'stop'})
  t:send({class = 'ncl', type = 'presentation', label = 'anchor2', action = 'start'})
  t:send({class = 'ncl', type = 'attribution', name = 'score', value = '1', action = 'start'})
  t:send({class = 'ncl', type = 'attribution', name = 'other', value = '1', action = 'start'})
  t:cycle()
  t:eq(got, {'anchor1', 'attr:score'})
end

function TestClassFilterUnknownClassFilters(t)
  -- nclua gives a handler registered for an unknown class every event; we
  -- give it the events of that class only.
  local got = {}
  event.register(function(e) got[#got + 1] = e.class end, 'sms')
  t:send({class = 'key', type = 'press', key = 'A'})
  t:send({class = 'sms', text = 'hi'})
  t:cycle()
  t:eq(got, {'sms'})
end

function TestClassFilterPointerUserSIAlert(t)
  local got = {}
  event.register(function(e) got[#got + 1] = 'p' .. e.x end, 'pointer', 'press')
  event.register(function(e) got[#got + 1] = 'u' end, 'user')
  event.register(function(e) got[#got + 1] = 'si:' .. e.type end, 'si', 'services')
  event.register(function(e) got[#got + 1] = 'alert:' .. e.type end, 'alert')
  t:send({class = 'pointer', type = 'move', x = 1, y = 2})
  t:send({class = 'pointer', type = 'press', x = 3, y = 4})
  t:send({class = 'user'})
  t:send({class = 'si', type = 'epg'})
  t:send({class = 'si', type = 'services'})
  t:send({class = 'alert', type = 'start', level = 1})
  t:cycle()
  t:eq(got, {'p3', 'u', 'si:services', 'alert:start'})
end

function TestUnregister(t)
  local n = 0
  local function f() n = n + 1 end
  event.register(f)
  event.register(f, 'user')
  event.register(function() end)
  t:eq(event.unregister(f), 2)
  t:eq(event.unregister(f), 0)
  t:send({class = 'user'})
  t:cycle()
  t:eq(n, 0)
  t:error(function() event.unregister('x') end, 'bad argument #1')
end

function TestUnregisterDuringDispatch(t)
  local calls = {}
  local b = function() calls[#calls + 1] = 'b' end
  event.register(function() calls[#calls + 1] = 'a' event.unregister(b) end)
  event.register(b)
  t:send({class = 'user'})
  t:send({class = 'user'})
  t:cycle()
  t:eq(calls, {'a', 'a'}, 'a handler removed during dispatch is not called')
end

function TestAtMost128EventsPerCycle(t)
  local n = 0
  event.register(function(e) n = n + 1 end)
  for i = 1, 200 do event.post('in', {class = 'user'}) end
  t:cycle(1)
  t:eq(n, 128)
  t:cycle(1)
  t:eq(n, 200)
end

function TestKeyPressReleaseOrder(t)
  local got = {}
  event.register(function(e) got[#got + 1] = e.type .. ' ' .. e.key end, 'key')
  t:send({class = 'key', type = 'press', key = 'CURSOR_UP'})
  t:send({class = 'key', type = 'release', key = 'CURSOR_UP'})
  t:send({class = 'key', type = 'press', key = 'ENTER'})
  t:send({class = 'key', type = 'release', key = 'ENTER'})
  t:cycle()
  t:eq(got, {'press CURSOR_UP', 'release CURSOR_UP', 'press ENTER', 'release ENTER'})
end

function TestPauseResumeDelivered(t)
  local got = {}
  event.register(function(e) got[#got + 1] = e.action end, 'ncl', 'presentation')
  for _, a in ipairs{'start', 'pause', 'resume', 'stop'} do
    t:send({class = 'ncl', type = 'presentation', action = a, label = ''})
  end
  t:cycle()
  t:eq(got, {'start', 'pause', 'resume', 'stop'})
end

function TestSelectionBothWays(t)
  local got
  event.register(function(e) got = e.label end, 'ncl', 'selection')
  t:send({class = 'ncl', type = 'selection', action = 'start', label = 'btn'})
  t:cycle()
  t:eq(got, 'btn')
  t:eq(event.post({class = 'ncl', type = 'selection', action = 'start', label = 'out'}), true)
  t:eq(t:posted()[1].label, 'out')
end

function TestAttributionToUndeclaredProperty(t)
  -- Ginga aborts; we pass it to the host, which ignores and logs.
  t:eq(event.post({class = 'ncl', type = 'attribution', action = 'start', name = 'nosuch', value = 'v'}), true)
  t:eq(t:posted()[1].name, 'nosuch')
end

function TestTimer(t)
  local fired = {}
  event.timer(100, function() fired[#fired + 1] = 'b' end)
  event.timer(50, function() fired[#fired + 1] = 'a' end)
  local cancel = event.timer(70, function() fired[#fired + 1] = 'never' end)
  t:eq(type(cancel), 'function')
  cancel()
  cancel() -- twice is harmless
  t:advance(49)
  t:eq(#fired, 0)
  t:advance(1)
  t:eq(fired, {'a'})
  t:advance(1000)
  t:eq(fired, {'a', 'b'})
  local zero = false
  event.timer(0, function() zero = true end)
  t:eq(zero, false, 'a timer never fires inside event.timer')
  t:advance(0)
  t:eq(zero, true)
  t:error(function() event.timer('x', function() end) end, 'bad argument #1')
  t:error(function() event.timer(10) end, 'bad argument #2')
end

function TestTimerPostsEvent(t)
  local got
  event.register(function(e) got = e.tick end, 'user')
  event.timer(10, function() event.post('in', {class = 'user', tick = 1}) end)
  t:advance(10)
  t:eq(got, 1)
end

function TestUptime(t)
  local u0 = event.uptime()
  t:eq(type(u0), 'number')
  t:advance(1500)
  t:eq(event.uptime() - u0, 1500)
end

function TestBounds(t)
  -- What an app piles up outside the Lua heap is bounded.
  local ok, err
  for i = 1, 5000 do
    ok, err = event.post('in', {class = 'user'})
    if not ok then break end
  end
  t:eq(ok, false)
  t:ok(err:find('event queue full'), err)
  local f = function() end
  t:error(function() for i = 1, 2000 do event.register(f) end end, 'too many event handlers')
  t:error(function() for i = 1, 5000 do event.timer(10, f) end end, 'too many timers')
  -- Cancelled and fired timers free their places.
  t:eq(event.unregister(f) > 0, true)
end
