-- Antena servicos: public services on the TV, for a sofa and a remote, offline first.
-- Arrows, OK, BACK and the colour keys do everything; digits type numbers and letters.
-- Data (notices, health centres, benefit calendar) comes in the carousel as JSON files in
-- data/; a new carousel version restarts the app (the app manager does it, persistent data
-- kept), so the screen always shows the files of the running version. Personal data (name,
-- CPF, receipts) lives only in persistent.service and is never printed.
local ui = require 'lib.ui'
local data = require 'lib.data'
local json = require 'lib.json'
local idnumber = require 'idnumber'
local multitap = require 'multitap'

local lang = ui.lang({'pt', 'es', 'en'})
local S = require('strings')[lang]
local P = ui.palette
local store = persistent.service

local config = data.load('config') or {}
local rule = config.id_rule or 'cpf'
local base = string.gsub(config.service_url or '', '/+$', '')
local info = {
  notices = data.load('data/notices') or {items = {}},
  health = data.load('data/health') or {items = {}},
  calendar = data.load('data/calendar') or {items = {}},
}

-- Personal keys in persistent.service, all erased by "Erase my data".
local PERSONAL = {'privacy', 'draft', 'receipts', 'lookup', 'queued'}

local icons = {ui.icon.bell, ui.icon.cross, ui.icon.calendar, ui.icon.search, ui.icon.form, ui.icon.lock}
local shortcuts = {YELLOW = 1, RED = 4, GREEN = 5, BLUE = 6}

local st = {screen = 'home', focus = 1, sel = 1}
local draw -- forward

local function text(c, font, x, y, s)
  ui.color(c); ui.font(font); canvas:drawText(x, y, s)
end

---------------------------------------------------------------- home
local function homeDraw()
  ui.header(S.title, info.notices.updated and (S.updated .. info.notices.updated))
  for i, label in ipairs(S.items) do
    local y = 136 + (i - 1) * 80
    ui.item(ui.MARGIN, y, 620, 68, label, i == st.focus)
    icons[i](ui.MARGIN + 600 - 40, y + 34, i == st.focus and P.onfocus or P.dim)
  end
  ui.panel(724, 136, 492, 468, S.yourRequests)
  local y = 200
  local receipts = store.receipts or {}
  local queued = store.queued or {}
  if #receipts == 0 and #queued == 0 and not store.lookup then
    text(P.dim, 'small', 748, y, S.none)
  end
  for i = math.max(1, #receipts - 2), #receipts do
    ui.color(P.ok); ui.icon.check(768, y + 16, P.ok)
    text(P.text, 'small', 800, y, S.receipt .. receipts[i].receipt)
    y = y + 44
  end
  if #queued > 0 then
    text(P.warn, 'small', 748, y, S.pendingN .. #queued); y = y + 44
  end
  if store.lookup and store.lookup.status then
    ui.font('small')
    ui.color(P.dim)
    y = ui.wrap(748, y, 444, S.lastLookup .. (S.status[store.lookup.status] or S.notFound), 36)
  end
  ui.legend({{'red', S.items[4]}, {'green', S.items[5]}, {'yellow', S.items[1]}, {'blue', S.items[6]}})
end

---------------------------------------------------------------- information screens
local function rows(kind)
  local out = {}
  for _, it in ipairs(info[kind].items or {}) do
    if kind == 'notices' then
      out[#out + 1] = {ui.tr(it.title, lang), ui.tr(it.body, lang)}
    elseif kind == 'health' then
      out[#out + 1] = {ui.tr(it.name, lang), ui.tr(it.address, lang) .. '\n' .. ui.tr(it.hours, lang) .. '\n' ..
        ui.tr(it.phone, lang)}
    else
      out[#out + 1] = {ui.tr(it.group, lang), ui.tr(it.date, lang), true}
    end
  end
  return out
end

local function infoDraw(kind, idx)
  local d = info[kind]
  ui.header(S.items[idx], d.updated and (S.updated .. d.updated), icons[idx])
  local list = rows(kind)
  if #list == 0 then
    text(P.text, 'body', ui.MARGIN, 160, S.noData)
  elseif kind == 'calendar' then
    if d.title then text(P.focus, 'heading', ui.MARGIN, 136, ui.tr(d.title, lang)) end
    for i, r in ipairs(list) do
      ui.item(ui.MARGIN, 196 + (i - 1) * 76, 1152, 64, r[1], i == st.sel, r[2])
    end
  else
    for i, r in ipairs(list) do
      ui.item(ui.MARGIN, 136 + (i - 1) * 84, 520, 72, r[1], i == st.sel)
    end
    local r = list[st.sel]
    ui.panel(620, 136, 596, 468, r[1])
    ui.color(P.text); ui.font('body')
    ui.wrap(644, 200, 548, r[2], 42, 9)
  end
  ui.legend({{'ok', S.open}, {'back', S.back}, {'yellow', S.items[1]}, {'blue', S.items[6]}})
end

---------------------------------------------------------------- privacy
local function privacyDraw()
  ui.header(S.privacyTitle, nil, ui.icon.lock)
  ui.panel(ui.MARGIN, 136, 1152, 440)
  ui.color(P.text); ui.font('body')
  ui.wrap(ui.MARGIN + 32, 164, 1088, S.privacy, 44, 9)
  ui.legend({{'green', S.accept}, {'back', S.back}})
end

local function dataDraw()
  ui.header(S.items[6], nil, ui.icon.lock)
  ui.panel(ui.MARGIN, 136, 1152, 440)
  ui.color(P.text); ui.font('body')
  local y = ui.wrap(ui.MARGIN + 32, 164, 1088, S.privacy, 44, 6)
  ui.color(P.dim); ui.font('small')
  y = ui.wrap(ui.MARGIN + 32, y + 8, 1088, S.privacyMenu, 38, 3)
  if st.ask then
    text(P.warn, 'heading', ui.MARGIN + 32, y + 16, S.eraseAsk)
    ui.legend({{'green', S.confirm}, {'back', S.cancel}})
  else
    if st.msg then text(P.ok, 'heading', ui.MARGIN + 32, y + 16, st.msg) end
    ui.legend({{'red', S.erase}, {'back', S.back}})
  end
end

---------------------------------------------------------------- lookup
local KEYPAD = {{'1', '2', '3'}, {'4', '5', '6'}, {'7', '8', '9'}, {'DEL', '0', 'OK'}}

local function lookupDraw()
  ui.header(S.lookupTitle, nil, ui.icon.search)
  text(P.dim, 'small', ui.MARGIN, 136, S.typeId)
  -- the number field
  ui.color(P.text)
  canvas:drawRoundRect('fill', ui.MARGIN, 180, 620, 80, 12)
  local shown = idnumber.format(rule, st.digits)
  text(P.onfocus, 'title', ui.MARGIN + 24, 190, S.idLabel .. '  ' .. shown)
  -- the on-screen keypad, for remotes without digit keys
  for r, row in ipairs(KEYPAD) do
    for c, k in ipairs(row) do
      local label = (k == 'DEL') and S.delete or k
      ui.item(ui.MARGIN + (c - 1) * 208, 284 + (r - 1) * 80, 192, 68, label, st.kr == r and st.kc == c)
    end
  end
  -- the answer
  ui.panel(724, 180, 492, 424)
  local msg, col = nil, P.text
  local s = st.status
  if s == 'invalid' then msg, col = S.invalidId, P.bad
  elseif s == 'incomplete' then msg, col = S.incomplete, P.warn
  elseif s == 'waiting' then msg = S.waiting
  elseif s == 'notfound' then msg = S.notFound
  elseif s == 'error' then msg, col = S.serviceError, P.bad
  elseif s == 'offline' then msg, col = S.offline .. '\n\n' .. S.offerQueue, P.warn
  elseif s == 'queued' then msg, col = S.queuedLookup, P.ok
  elseif s == 'result' then
    local r = st.result
    ui.icon.check(772, 232, P.ok)
    text(P.ok, 'heading', 812, 212, S.status[r.status] or tostring(r.status))
    ui.color(P.text); ui.font('body')
    local y = ui.wrap(748, 276, 444, ui.tr(r.benefit, lang), 42, 3)
    if r.next_payment then ui.wrap(748, y + 8, 444, S.nextPayment .. r.next_payment, 42, 2) end
  end
  if msg then
    ui.color(col); ui.font('body')
    ui.wrap(748, 204, 444, msg, 42, 9)
  end
  local keys = {{'red', S.delete}, {'green', s == 'offline' and S.queue or S.consult}, {'back', S.back}}
  ui.legend(keys)
end

local function lookupRequest(durable)
  local body = json.encode({id = st.digits})
  if durable then
    event.post('out', {class = 'http', type = 'request', method = 'post', uri = base .. '/benefit',
      headers = {['Content-Type'] = 'application/json'}, body = body, durable = true, session = 'lookup'})
  else
    st.buf = ''
    event.post('out', {class = 'http', type = 'request', method = 'get',
      uri = base .. '/benefit?id=' .. st.digits, timeout = config.timeout or 15, session = 'lookup-now'})
  end
end

local function consult()
  if #st.digits < (idnumber.length[rule] or 11) and rule == 'cpf' then st.status = 'incomplete'; return end
  if not idnumber.valid(rule, st.digits) then st.status = 'invalid'; return end
  st.status = 'waiting'
  lookupRequest(false)
end

local function lookupKey(k)
  if string.find(k, '^%d$') then
    if #st.digits < (idnumber.length[rule] or 11) then st.digits = st.digits .. k end
    st.status = nil
  elseif k == 'RED' then
    st.digits = string.sub(st.digits, 1, -2); st.status = nil
  elseif k == 'GREEN' then
    if st.status == 'offline' then
      lookupRequest(true); st.status = 'waiting'
    elseif st.status ~= 'waiting' then consult() end
  elseif k == 'CURSOR_UP' then st.kr = math.max(1, st.kr - 1)
  elseif k == 'CURSOR_DOWN' then st.kr = math.min(4, st.kr + 1)
  elseif k == 'CURSOR_LEFT' then st.kc = math.max(1, st.kc - 1)
  elseif k == 'CURSOR_RIGHT' then st.kc = math.min(3, st.kc + 1)
  elseif k == 'ENTER' then
    local v = KEYPAD[st.kr][st.kc]
    if v == 'DEL' then return lookupKey('RED') end
    if v == 'OK' then return lookupKey('GREEN') end
    return lookupKey(v)
  else return false end
  return true
end

---------------------------------------------------------------- appointment form
local NAME, ID, CENTRE, DAY, SUBMIT = 1, 2, 3, 4, 5

local function saveDraft()
  local d = st.form
  store.draft = {name = d.name.value(), id = d.id, centre = d.centre, day = d.day}
end

local function openForm()
  local d = store.draft or {}
  st.form = {id = d.id or '', centre = d.centre or 0, day = d.day or 0, field = NAME, msg = nil}
  st.form.name = multitap.new(d.name or '', 40, function() saveDraft() end)
end

local function formDraw()
  local f = st.form
  ui.header(S.formTitle, S.draftKept, ui.icon.form)
  local centres = info.health.items or {}
  local values = {
    f.name.value(),
    idnumber.format(rule, f.id),
    centres[f.centre] and ui.tr(centres[f.centre].name, lang) or '',
    S.days[f.day] or '',
  }
  for i = 1, 4 do
    local y = 132 + (i - 1) * 92
    local focused = f.field == i
    text(focused and P.focus or P.dim, 'small', ui.MARGIN, y, S.fields[i])
    ui.color(focused and P.text or P.panel2)
    canvas:drawRoundRect('fill', ui.MARGIN + 280, y - 8, 872, 60, 10)
    if focused then
      ui.color(P.focus)
      for dd = 1, 4 do canvas:drawRoundRect('frame', ui.MARGIN + 280 - dd, y - 8 - dd, 872 + 2 * dd, 60 + 2 * dd, 10 + dd) end
    end
    local v = values[i]
    if i >= CENTRE then v = '<  ' .. v .. '  >' end
    text(focused and P.onfocus or P.text, 'body', ui.MARGIN + 300, y + 4, v)
    if focused and i == NAME and f.name.key then -- underline the letter not yet committed
      ui.font('body')
      local w0 = canvas:measureText(f.name.text)
      local w1 = canvas:measureText(f.name.value())
      ui.color(P.bad)
      canvas:drawRect('fill', ui.MARGIN + 300 + w0, y + 44, math.max(8, w1 - w0), 5)
    end
  end
  ui.item(ui.MARGIN + 280, 508, 320, 64, S.send, f.field == SUBMIT)
  if f.msg then
    ui.color(f.msgColor or P.text); ui.font('small')
    ui.wrap(ui.MARGIN + 620, 500, 532, f.msg, 34, 3)
  elseif f.field == NAME then
    ui.color(P.dim); ui.font('small')
    ui.wrap(ui.MARGIN + 620, 500, 532, S.multitapHint, 34, 3)
  end
  ui.legend({{'red', S.delete}, {'green', S.send}, {'ok', S.next}, {'back', S.back}})
end

local function submit()
  local f = st.form
  f.name.commit()
  local missing = {}
  local name = string.gsub(f.name.text, '^%s*(.-)%s*$', '%1')
  if name == '' then missing[#missing + 1] = S.fields[NAME] end
  if not idnumber.valid(rule, f.id) then missing[#missing + 1] = S.fields[ID] end
  local centre = (info.health.items or {})[f.centre]
  if not centre then missing[#missing + 1] = S.fields[CENTRE] end
  if not S.days[f.day] then missing[#missing + 1] = S.fields[DAY] end
  if #missing > 0 then
    f.msg, f.msgColor = S.missing .. table.concat(missing, ', '), P.warn
    return
  end
  local days = {'mon', 'tue', 'wed', 'thu', 'fri'}
  event.post('out', {class = 'http', type = 'request', method = 'post', uri = base .. '/appointments',
    headers = {['Content-Type'] = 'application/json'}, durable = true, session = 'appt',
    body = json.encode({name = name, id = f.id, centre = ui.tr(centre.name, lang), day = days[f.day]})})
  f.msg, f.msgColor = S.waiting, P.text
  f.sent = true
end

local function formKey(k)
  local f = st.form
  local ncentres = #(info.health.items or {})
  if string.find(k, '^%d$') then
    if f.field == NAME then f.name.press(k, draw)
    elseif f.field == ID then
      if #f.id < (idnumber.length[rule] or 11) then f.id = f.id .. k; saveDraft() end
    else return true end
    f.msg = nil
  elseif k == 'RED' then
    if f.field == NAME then f.name.backspace()
    elseif f.field == ID then f.id = string.sub(f.id, 1, -2); saveDraft() end
  elseif k == 'CURSOR_UP' then f.name.commit(); f.field = math.max(NAME, f.field - 1)
  elseif k == 'CURSOR_DOWN' then f.name.commit(); f.field = math.min(SUBMIT, f.field + 1)
  elseif (k == 'CURSOR_LEFT' or k == 'CURSOR_RIGHT') and (f.field == CENTRE or f.field == DAY) then
    local d = (k == 'CURSOR_LEFT') and -1 or 1
    if f.field == CENTRE and ncentres > 0 then f.centre = (f.centre - 1 + d) % ncentres + 1 end
    if f.field == DAY then f.day = (f.day - 1 + d) % #S.days + 1 end
    saveDraft()
  elseif k == 'GREEN' or (k == 'ENTER' and f.field == SUBMIT) then submit()
  elseif k == 'ENTER' then f.name.commit(); f.field = math.min(SUBMIT, f.field + 1)
  else return false end
  return true
end

---------------------------------------------------------------- answers from the service
local function onHTTP(e)
  if e.session == 'lookup-now' then
    if e.error and not e.code then
      st.status = 'offline'
    else
      st.buf = (st.buf or '') .. (e.body or '')
      if not e.finished then return end
      local r = json.decode(st.buf) or {}
      if e.code == 200 then st.status, st.result = 'result', r
      elseif e.code == 404 then st.status = 'notfound'
      elseif e.code == 400 then st.status = 'invalid'
      else st.status = 'error' end
      store.lookup = {status = (e.code == 200) and r.status or nil, at = os.time()}
    end
  elseif e.session == 'lookup' then
    if e.type == 'queued' then
      local q = store.queued or {}
      q[#q + 1] = {key = e.key, kind = 'lookup'}
      store.queued = q
      st.status = 'queued'
    elseif e.durable and e.code then
      local r = json.decode(e.body or '') or {}
      store.lookup = {status = (e.code == 200) and r.status or nil, at = os.time()}
      if st.screen == 'lookup' then
        st.status = (e.code == 200) and 'result' or (e.code == 404 and 'notfound' or 'error')
        st.result = r
      end
    end
  elseif e.session == 'appt' then
    local f = st.form
    if e.type == 'queued' then
      local q = store.queued or {}
      q[#q + 1] = {key = e.key, kind = 'appt'}
      store.queued = q
      store.draft = nil
      if f then f.msg, f.msgColor = S.queuedForm, P.warn end
    elseif e.durable and e.code and e.code < 300 then
      local r = json.decode(e.body or '') or {}
      local receipts = store.receipts or {}
      receipts[#receipts + 1] = {receipt = tostring(r.receipt or '?')}
      store.receipts = receipts
      store.draft = nil
      if f and st.screen == 'form' then
        f.msg, f.msgColor = S.submitted .. ' ' .. S.receipt .. tostring(r.receipt or '?'), P.ok
        openForm()
        st.form.msg, st.form.msgColor = S.submitted .. ' ' .. S.receipt .. tostring(r.receipt or '?'), P.ok
      end
    elseif e.durable then
      if f then f.msg, f.msgColor = S.refused, P.bad end
    end
  else
    return false
  end
  -- a durable answer removes its entry from the queue shown on the home screen
  if e.durable and e.type == 'response' and e.key then
    local q, out = store.queued or {}, {}
    for _, it in ipairs(q) do if it.key ~= e.key then out[#out + 1] = it end end
    store.queued = out
  end
  draw()
  return true
end

---------------------------------------------------------------- navigation
local function go(screen, extra)
  if (screen == 'lookup' or screen == 'form') and not store.privacy then
    st.screen, st.after = 'privacy', screen
    return
  end
  st.screen, st.sel, st.msg, st.ask = screen, 1, nil, nil
  if screen == 'lookup' then st.digits, st.status, st.kr, st.kc = '', nil, 1, 1 end
  if screen == 'form' then openForm() end
  if extra then extra() end
end

local screens = {
  home = homeDraw,
  notices = function() infoDraw('notices', 1) end,
  health = function() infoDraw('health', 2) end,
  calendar = function() infoDraw('calendar', 3) end,
  lookup = lookupDraw, form = formDraw, privacy = privacyDraw, data = dataDraw,
}
local targets = {'notices', 'health', 'calendar', 'lookup', 'form', 'data'}

function draw()
  ui.background()
  screens[st.screen]()
  canvas:flush()
end

local function erase()
  for _, k in ipairs(PERSONAL) do store[k] = nil end
end

local function key(k)
  local s = st.screen
  if s == 'home' then
    if k == 'CURSOR_DOWN' then st.focus = math.min(#targets, st.focus + 1)
    elseif k == 'CURSOR_UP' then st.focus = math.max(1, st.focus - 1)
    elseif k == 'ENTER' then go(targets[st.focus])
    elseif shortcuts[k] then st.focus = shortcuts[k]; go(targets[st.focus])
    else return false end -- BACK on the home screen goes to the box
    return true
  end
  if k == 'BACK' or k == 'EXIT' then
    if s == 'form' then st.form.name.commit(); saveDraft() end
    if s == 'data' and st.ask then st.ask = nil else st.screen = 'home' end
    return true
  end
  if s == 'privacy' then
    if k == 'GREEN' or k == 'ENTER' then store.privacy = true; go(st.after) end
    return true
  elseif s == 'data' then
    if k == 'RED' and not st.ask then st.ask, st.msg = true, nil
    elseif k == 'GREEN' and st.ask then erase(); st.ask, st.msg = nil, S.erased end
    return true
  elseif s == 'lookup' then return lookupKey(k)
  elseif s == 'form' then return formKey(k)
  end
  -- information screens
  local n = #(info[s].items or {})
  if k == 'CURSOR_DOWN' then st.sel = math.min(math.max(n, 1), st.sel + 1)
  elseif k == 'CURSOR_UP' then st.sel = math.max(1, st.sel - 1)
  elseif shortcuts[k] then st.focus = shortcuts[k]; go(targets[st.focus])
  end
  return true
end

event.register(function(e)
  if e.class == 'key' and e.type == 'press' then
    if key(e.key) then draw(); return true end
    return false
  elseif e.class == 'http' then
    return onHTTP(e)
  end
  return false
end)

draw()
