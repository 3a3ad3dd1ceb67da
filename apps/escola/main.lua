-- Antena escola: lessons and quizzes on the TV, offline first.
-- Lessons come in the carousel: lessons/index.json lists them (plain JSON, read by
-- lib/data.lua), each lesson is lessons/<id>.json (title, text, an image lessons/<image>.png, a
-- quiz). A teacher adds a lesson by adding its file and its id to the index; the new carousel
-- version restarts the app, which then lists it. Scores are kept per profile in
-- persistent.service (profile<N>); they are sent to the school only when config says so.
local ui = require 'lib.ui'
local data = require 'lib.data'
local json = require 'lib.json'

local lang = ui.lang({'pt', 'es', 'en'})
local S = require('strings')[lang]
local P = ui.palette
local store = persistent.service
local config = data.load('config') or {}

local lessons = {}
do
  local index = data.load('lessons/index') or {}
  for _, entry in ipairs(index.lessons or {}) do
    local id = type(entry) == 'table' and entry.id or entry
    local l = type(id) == 'string' and string.find(id, '^[%w_-]+$') and data.load('lessons/' .. id)
    if l and l.title then
      l.id = id
      l.quiz = l.quiz or {}
      lessons[#lessons + 1] = l
    end
  end
end

local PROFILES = {
  {colour = 'red', icon = ui.icon.star}, {colour = 'green', icon = ui.icon.book},
  {colour = 'yellow', icon = ui.icon.check}, {colour = 'blue', icon = ui.icon.calendar},
}
local OPTION_KEYS = {'RED', 'GREEN', 'YELLOW', 'BLUE'}
local OPTION_COLOURS = {'red', 'green', 'yellow', 'blue'}

local st = {screen = 'profiles', focus = store.lastProfile or 1, sel = 1}
local draw

local function scores(p) return store['profile' .. p] or {} end

local function text(c, font, x, y, s) ui.color(c); ui.font(font); canvas:drawText(x, y, s) end

local function profileDraw()
  ui.header(S.title, nil, ui.icon.book)
  text(P.text, 'heading', ui.MARGIN, 140, S.who)
  for i, pr in ipairs(PROFILES) do
    local x, y = ui.MARGIN + (i - 1) * 292, 220
    local focused = i == st.focus
    ui.color(focused and P.focus or P.panel)
    canvas:drawRoundRect('fill', x, y, 268, 300, 20)
    if focused then
      ui.color(P.text)
      for d = 1, 4 do canvas:drawRoundRect('frame', x - d, y - d, 268 + 2 * d, 300 + 2 * d, 20 + d) end
    end
    ui.color(P[pr.colour]); canvas:drawEllipse('fill', x + 134, y + 100, 120, 120)
    pr.icon(x + 134, y + 100, P.text)
    local done = 0
    for _ in pairs(scores(i)) do done = done + 1 end
    text(focused and P.onfocus or P.text, 'heading', x + 24, y + 184, S.profile .. ' ' .. i)
    text(focused and P.onfocus or P.dim, 'small', x + 24, y + 240, done .. '/' .. #lessons .. ' ' .. S.lessons)
  end
  ui.legend({{'red', '1'}, {'green', '2'}, {'yellow', '3'}, {'blue', '4'}, {'ok', S.choose}})
end

local function listDraw()
  ui.header(S.lessons, S.profile .. ' ' .. st.profile, PROFILES[st.profile].icon)
  if #lessons == 0 then text(P.text, 'body', ui.MARGIN, 160, S.noLessons) end
  local sc = scores(st.profile)
  for i, l in ipairs(lessons) do
    local y = 136 + (i - 1) * 84
    local s = sc[l.id]
    ui.item(ui.MARGIN, y, 1152, 72, ui.tr(l.title, lang), i == st.sel, s and string.format(S.best, s.best, s.total))
    if s and s.best == s.total then ui.icon.star(ui.MARGIN + 1152 - 220, y + 36, i == st.sel and P.onfocus or P.focus) end
  end
  ui.legend({{'ok', S.open}, {'back', S.profiles}})
end

local images = {}
local function image(l)
  if not l.image then return nil end
  if images[l.image] == nil then
    images[l.image] = canvas:new('lessons/' .. l.image) or false
  end
  return images[l.image] or nil
end

local function lessonDraw()
  local l = lessons[st.sel]
  ui.header(ui.tr(l.title, lang), S.profile .. ' ' .. st.profile, ui.icon.book)
  local img = image(l)
  local tx = ui.MARGIN
  if img then
    local w, h = img:attrSize()
    ui.color(P.panel2)
    canvas:drawRoundRect('fill', ui.MARGIN - 8, 136 - 8, w + 16, h + 16, 12)
    canvas:compose(ui.MARGIN, 136, img)
    tx = ui.MARGIN + w + 40
  end
  ui.color(P.text); ui.font('body')
  ui.wrap(tx, 136, ui.W - ui.MARGIN - tx, ui.tr(l.text, lang), 42, 11)
  ui.legend({{'green', S.quiz}, {'back', S.lessons}})
end

local function quizDraw()
  local l = lessons[st.sel]
  local q = l.quiz[st.q]
  ui.header(ui.tr(l.title, lang), string.format(S.question, st.q, #l.quiz), ui.icon.book)
  -- progress bar
  ui.color(P.panel); canvas:drawRoundRect('fill', ui.MARGIN, 128, 1152, 16, 8)
  ui.color(P.ok); canvas:drawRoundRect('fill', ui.MARGIN, 128, math.floor(1152 * (st.q - 1) / #l.quiz), 16, 8)
  ui.color(P.text); ui.font('heading', 'bold')
  ui.wrap(ui.MARGIN, 164, 1152, ui.tr(q.question, lang), 46, 2)
  for i, o in ipairs(q.options) do
    local y = 268 + (i - 1) * 76
    local label = ui.tr(o, lang)
    ui.item(ui.MARGIN + 56, y, 720, 64, label, i == st.opt)
    ui.color(P[OPTION_COLOURS[i]]); canvas:drawRoundRect('fill', ui.MARGIN, y + 12, 40, 40, 8)
    if st.answered then
      if i == q.answer then ui.icon.check(ui.MARGIN + 56 + 680, y + 32, i == st.opt and P.onfocus or P.ok)
      elseif i == st.answered then ui.icon.wrong(ui.MARGIN + 56 + 680, y + 32, i == st.opt and P.onfocus or P.bad) end
    end
  end
  if st.answered then
    local right = st.answered == q.answer
    ui.panel(860, 268, 356, 300)
    if right then
      ui.icon.check(900, 320, P.ok)
      text(P.ok, 'heading', 940, 300, S.right)
    else
      ui.icon.wrong(900, 320, P.bad)
      ui.color(P.bad); ui.font('body')
      ui.wrap(884, 360, 316, S.wrong .. ui.tr(q.options[q.answer], lang), 40, 4)
    end
    ui.legend({{'ok', S.next}, {'back', S.lessons}})
  else
    ui.legend({{'red', '1'}, {'green', '2'}, {'yellow', '3'}, {'blue', '4'}, {'ok', S.answer}, {'back', S.lessons}})
  end
end

local function resultDraw()
  local l = lessons[st.sel]
  ui.header(ui.tr(l.title, lang), S.profile .. ' ' .. st.profile, ui.icon.book)
  local n = #l.quiz
  ui.panel(ui.MARGIN, 160, 1152, 360)
  for i = 1, n do ui.icon.star(ui.MARGIN + 80 + (i - 1) * 72, 240, i <= st.right and P.focus or P.panel2) end
  text(P.text, 'title', ui.MARGIN + 48, 300, string.format(S.done, st.right, n))
  local s = scores(st.profile)[l.id]
  if s then text(P.dim, 'body', ui.MARGIN + 48, 380, string.format(S.best, s.best, s.total)) end
  if st.sendMsg then text(P.dim, 'small', ui.MARGIN + 48, 440, st.sendMsg) end
  ui.legend({{'ok', S.lessons}, {'green', S.again}})
end

local function finish()
  local l = lessons[st.sel]
  local all = scores(st.profile)
  local prev = all[l.id]
  all[l.id] = {best = math.max(prev and prev.best or 0, st.right), last = st.right, total = #l.quiz,
    tries = (prev and prev.tries or 0) + 1}
  store['profile' .. st.profile] = all
  st.screen = 'result'
  if config.send_scores and config.scores_url then
    event.post('out', {class = 'http', type = 'request', method = 'post', uri = config.scores_url,
      durable = true, session = 'score', headers = {['Content-Type'] = 'application/json'},
      body = json.encode({school = config.school, profile = st.profile, lesson = l.id,
        score = st.right, total = #l.quiz})})
  end
end

local screens = {profiles = profileDraw, list = listDraw, lesson = lessonDraw, quiz = quizDraw, result = resultDraw}

function draw()
  ui.background()
  screens[st.screen]()
  canvas:flush()
end

local function answer(i)
  local q = lessons[st.sel].quiz[st.q]
  if st.answered or not q.options[i] then return end
  st.answered, st.opt = i, i
  if i == q.answer then st.right = st.right + 1 end
end

local function startQuiz()
  if #lessons[st.sel].quiz == 0 then return end
  st.screen, st.q, st.right, st.answered, st.opt, st.sendMsg = 'quiz', 1, 0, nil, 1, nil
end

local function key(k)
  local s = st.screen
  if s == 'profiles' then
    local pick
    for i, c in ipairs(OPTION_KEYS) do if k == c then pick = i end end
    if k == 'CURSOR_LEFT' then st.focus = math.max(1, st.focus - 1)
    elseif k == 'CURSOR_RIGHT' then st.focus = math.min(#PROFILES, st.focus + 1)
    elseif k == 'ENTER' then pick = st.focus
    elseif not pick then return false end
    if pick then
      st.profile, st.focus, st.screen, st.sel = pick, pick, 'list', 1
      store.lastProfile = pick
    end
  elseif k == 'BACK' then
    if s == 'list' then st.screen = 'profiles'
    elseif s == 'lesson' or s == 'quiz' or s == 'result' then st.screen = 'list' end
  elseif s == 'list' then
    if k == 'CURSOR_DOWN' then st.sel = math.min(math.max(1, #lessons), st.sel + 1)
    elseif k == 'CURSOR_UP' then st.sel = math.max(1, st.sel - 1)
    elseif k == 'ENTER' and lessons[st.sel] then st.screen = 'lesson' end
  elseif s == 'lesson' then
    if k == 'GREEN' or k == 'ENTER' then startQuiz() end
  elseif s == 'quiz' then
    local q = lessons[st.sel].quiz[st.q]
    if st.answered then
      if k == 'ENTER' then
        if st.q < #lessons[st.sel].quiz then st.q, st.answered, st.opt = st.q + 1, nil, 1 else finish() end
      end
    elseif k == 'CURSOR_DOWN' then st.opt = math.min(#q.options, st.opt + 1)
    elseif k == 'CURSOR_UP' then st.opt = math.max(1, st.opt - 1)
    elseif k == 'ENTER' then answer(st.opt)
    else
      for i, c in ipairs(OPTION_KEYS) do if k == c then answer(i) end end
    end
  elseif s == 'result' then
    if k == 'ENTER' then st.screen = 'list' elseif k == 'GREEN' then startQuiz() end
  end
  return true
end

event.register(function(e)
  if e.class == 'key' and e.type == 'press' then
    if key(e.key) then draw(); return true end
    return false
  elseif e.class == 'http' and e.session == 'score' then
    if e.type == 'queued' then st.sendMsg = S.queued
    elseif e.durable and e.code then st.sendMsg = S.sent end
    if st.screen == 'result' then draw() end
    return true
  end
  return false
end)

draw()
