-- Tests of the persistent table (NCLUA-API.md §1.5).

function TestScopes(t)
  t:eq(require('persistent'), persistent)
  for _, s in ipairs{'shared', 'service', 'channel'} do
    t:eq(type(persistent[s]), 'table', s)
    t:eq(persistent[s].nothing, nil)
  end
  t:eq(persistent.other, nil)
end

function TestValues(t)
  local p = persistent.shared
  p.n = 42
  p.f = 1.5
  p.s = 'texto'
  p.yes = true
  p.no = false
  p.t = {a = 1, b = {c = 'd'}, [1] = 'x', [2] = true}
  t:eq(p.n, 42)
  t:eq(p.f, 1.5)
  t:eq(p.s, 'texto')
  t:eq(p.yes, true)
  t:eq(p.no, false)
  t:eq(p.t, {a = 1, b = {c = 'd'}, [1] = 'x', [2] = true})
  p[7] = 'seven'
  t:eq(p['7'], 'seven', 'number keys are stored as strings')
  p.n = nil
  t:eq(p.n, nil, 'assigning nil deletes')
  local copy = p.t
  copy.a = 99
  t:eq(p.t.a, 1, 'reading gives a copy; assign again to store')
end

function TestScopesAreSeparate(t)
  persistent.shared.x = 's'
  persistent.service.x = 'v'
  persistent.channel.x = 'c'
  t:eq({persistent.shared.x, persistent.service.x, persistent.channel.x}, {'s', 'v', 'c'})
end

function TestRejects(t)
  t:error(function() persistent.x = 1 end, 'only the fields of persistent.shared')
  t:error(function() persistent.shared = {} end, 'only the fields')
  t:error(function() persistent.shared.f = function() end end, 'cannot store a function')
  t:error(function() persistent.shared.u = canvas end, 'cannot store a userdata')
  local cyc = {}
  cyc.self = cyc
  t:error(function() persistent.shared.c = cyc end, 'contains itself')
  t:error(function() persistent.shared.k = {[{}] = 1} end, 'table key')
  t:error(function() persistent.shared[true] = 1 end, 'bad argument #2')
  t:error(function() persistent.shared.big = string.rep('x', 300 * 1024) end, 'quota')
  t:eq(getmetatable(persistent), 'persistent')
end
