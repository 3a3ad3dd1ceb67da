-- ui: the look shared by Antena's apps, made to be read from 3 m on a 1280x720 screen.
-- One grid (64 px margins, 8 px unit), one palette (white on dark blue, yellow focus,
-- contrast above 7:1), one font helper: font() is the only place that calls attrFont and
-- refuses any size under MIN_FONT (24 px), so no text can be drawn smaller.
local ui = {}

ui.W, ui.H = 1280, 720
ui.MIN_FONT = 24
ui.MARGIN = 64
ui.stats = {min = nil, fonts = 0} -- smallest size asked for, for the tests

ui.size = {title = 48, heading = 36, body = 30, small = 26, legend = 24}

ui.palette = {
  bg = {12, 28, 60}, panel = {28, 52, 100}, panel2 = {40, 70, 128},
  focus = {255, 214, 0}, onfocus = {12, 28, 60},
  text = {255, 255, 255}, dim = {200, 212, 232},
  ok = {60, 200, 110}, bad = {255, 110, 100}, warn = {255, 190, 60},
  red = {220, 40, 40}, green = {20, 170, 70}, yellow = {240, 200, 0}, blue = {50, 110, 235},
}

ui.KEYS = {red = true, green = true, yellow = true, blue = true}

function ui.color(c, a) canvas:attrColor(c[1], c[2], c[3], a or 255) end

-- font sets the font: size in pixels (a number or a name of ui.size), never under MIN_FONT.
function ui.font(size, style)
  if type(size) == 'string' then size = ui.size[size] end
  if type(size) ~= 'number' or size < ui.MIN_FONT then
    error('ui.font: size ' .. tostring(size) .. ' is under the minimum of ' .. ui.MIN_FONT .. ' px', 2)
  end
  if not ui.stats.min or size < ui.stats.min then ui.stats.min = size end
  ui.stats.fonts = ui.stats.fonts + 1
  canvas:attrFont('Tiresias', size, style or 'normal')
end

function ui.text(x, y, s) canvas:drawText(x, y, s) end

-- wrap draws s in lines no wider than width and returns the y after the last line.
function ui.wrap(x, y, width, s, lineHeight, maxLines)
  local line, n = '', 0
  local function put(l)
    n = n + 1
    if not maxLines or n <= maxLines then canvas:drawText(x, y, l) end
    y = y + lineHeight
  end
  for para in string.gmatch(s .. '\n', '([^\n]*)\n') do
    for word in string.gmatch(para, '%S+') do
      local try = (line == '') and word or (line .. ' ' .. word)
      if line ~= '' and canvas:measureText(try) > width then
        put(line)
        line = word
      else
        line = try
      end
    end
    if line ~= '' then put(line) end
    line = ''
  end
  return y
end

function ui.background()
  ui.color(ui.palette.bg)
  canvas:drawRect('fill', 0, 0, ui.W, ui.H)
end

-- header draws the title bar with an icon slot on the left.
function ui.header(title, subtitle, icon)
  ui.color(ui.palette.panel)
  canvas:drawRect('fill', 0, 0, ui.W, 112)
  local x = ui.MARGIN
  if icon then icon(x + 28, 56, ui.palette.focus); x = x + 80 end
  ui.color(ui.palette.text)
  ui.font('title', 'bold')
  canvas:drawText(x, 26, title)
  if subtitle then
    ui.color(ui.palette.dim)
    ui.font('small')
    local w = canvas:measureText(subtitle)
    canvas:drawText(ui.W - ui.MARGIN - w, 42, subtitle)
  end
end

-- fit shortens s with an ellipsis until it is no wider than width (current font).
function ui.fit(s, width)
  if canvas:measureText(s) <= width then return s end
  while #s > 0 and canvas:measureText(s .. '…') > width do
    s = string.gsub(s, '[%z\1-\127\194-\244][\128-\191]*$', '')
  end
  return s .. '…'
end

-- item draws one row of a list; focused rows are yellow with a thick frame.
function ui.item(x, y, w, h, label, focused, right)
  if focused then
    ui.color(ui.palette.focus)
    canvas:drawRoundRect('fill', x, y, w, h, 12)
    ui.color(ui.palette.text)
    for d = 1, 4 do canvas:drawRoundRect('frame', x - d, y - d, w + 2 * d, h + 2 * d, 12 + d) end
    ui.color(ui.palette.onfocus)
  else
    ui.color(ui.palette.panel)
    canvas:drawRoundRect('fill', x, y, w, h, 12)
    ui.color(ui.palette.text)
  end
  local rw = 0
  if right then
    ui.font('small')
    local rh
    rw, rh = canvas:measureText(right)
    canvas:drawText(x + w - 24 - rw, y + math.floor((h - rh) / 2), right)
    rw = rw + 24
  end
  ui.font('body', 'bold')
  label = ui.fit(label, w - 48 - rw)
  local _, th = canvas:measureText(label)
  canvas:drawText(x + 24, y + math.floor((h - th) / 2), label)
end

-- panel draws a box with a title.
function ui.panel(x, y, w, h, title)
  ui.color(ui.palette.panel)
  canvas:drawRoundRect('fill', x, y, w, h, 16)
  if title then
    ui.color(ui.palette.focus)
    ui.font('heading', 'bold')
    canvas:drawText(x + 24, y + 16, ui.fit(title, w - 48))
  end
end

-- legend draws the colour keys at the bottom: keys is a list of {colour name, label}
-- ('red', 'green', 'yellow', 'blue', or 'ok' and 'back' for the OK and BACK keys).
function ui.legend(keys)
  local y = ui.H - 72
  ui.color({6, 16, 36})
  canvas:drawRect('fill', 0, y - 8, ui.W, 80)
  ui.font('legend')
  local x = ui.MARGIN
  for _, k in ipairs(keys) do
    local c = ui.KEYS[k[1]] and ui.palette[k[1]]
    if c then
      ui.color(c)
      canvas:drawRoundRect('fill', x, y + 10, 40, 40, 8)
      x = x + 52
    else
      ui.color(ui.palette.text)
      local tag = string.upper(k[1])
      ui.font('legend', 'bold')
      local tw = canvas:measureText(tag)
      canvas:drawRoundRect('frame', x, y + 10, tw + 20, 40, 8)
      canvas:drawText(x + 10, y + 14, tag)
      ui.font('legend')
      x = x + tw + 32
    end
    ui.color(ui.palette.text)
    canvas:drawText(x, y + 14, k[2])
    x = x + canvas:measureText(k[2]) + 40
  end
end

-- Icons drawn with shapes, centred on (cx, cy), about 48 px.
ui.icon = {}

function ui.icon.bell(cx, cy, c)
  ui.color(c)
  canvas:drawEllipse('fill', cx, cy - 4, 36, 40)
  canvas:drawRect('fill', cx - 18, cy - 4, 36, 20)
  canvas:drawRect('fill', cx - 24, cy + 14, 48, 6)
  canvas:drawEllipse('fill', cx, cy + 24, 12, 12)
end

function ui.icon.cross(cx, cy, c)
  ui.color(c)
  canvas:drawRect('fill', cx - 8, cy - 22, 16, 44)
  canvas:drawRect('fill', cx - 22, cy - 8, 44, 16)
end

function ui.icon.calendar(cx, cy, c)
  ui.color(c)
  canvas:drawRoundRect('fill', cx - 22, cy - 18, 44, 40, 6)
  ui.color(ui.palette.bg)
  canvas:drawRect('fill', cx - 18, cy - 6, 36, 24)
  ui.color(c)
  canvas:drawRect('fill', cx - 12, cy - 26, 6, 12)
  canvas:drawRect('fill', cx + 6, cy - 26, 6, 12)
  canvas:drawRect('fill', cx - 12, cy, 8, 6)
  canvas:drawRect('fill', cx + 4, cy + 8, 8, 6)
end

function ui.icon.search(cx, cy, c)
  ui.color(c)
  canvas:attrLineWidth(6)
  canvas:drawEllipse('frame', cx - 4, cy - 4, 30, 30)
  canvas:drawLine(cx + 8, cy + 8, cx + 20, cy + 20)
  canvas:attrLineWidth(2)
end

function ui.icon.form(cx, cy, c)
  ui.color(c)
  canvas:drawRect('fill', cx - 18, cy - 24, 36, 48)
  ui.color(ui.palette.bg)
  for i = 0, 2 do canvas:drawRect('fill', cx - 12, cy - 14 + i * 12, 24, 4) end
end

function ui.icon.lock(cx, cy, c)
  ui.color(c)
  canvas:attrLineWidth(6)
  canvas:drawEllipse('frame', cx, cy - 8, 24, 28, 180, 360)
  canvas:attrLineWidth(2)
  canvas:drawRoundRect('fill', cx - 18, cy - 6, 36, 28, 4)
end

function ui.icon.book(cx, cy, c)
  ui.color(c)
  canvas:drawPolygon('fill')(cx - 24, cy - 18)(cx - 2, cy - 12)(cx - 2, cy + 22)(cx - 24, cy + 16)()
  canvas:drawPolygon('fill')(cx + 24, cy - 18)(cx + 2, cy - 12)(cx + 2, cy + 22)(cx + 24, cy + 16)()
end

function ui.icon.check(cx, cy, c)
  ui.color(c)
  canvas:attrLineWidth(8)
  canvas:drawLine(cx - 18, cy, cx - 4, cy + 14)
  canvas:drawLine(cx - 4, cy + 14, cx + 20, cy - 14)
  canvas:attrLineWidth(2)
end

function ui.icon.wrong(cx, cy, c)
  ui.color(c)
  canvas:attrLineWidth(8)
  canvas:drawLine(cx - 16, cy - 16, cx + 16, cy + 16)
  canvas:drawLine(cx - 16, cy + 16, cx + 16, cy - 16)
  canvas:attrLineWidth(2)
end

function ui.icon.star(cx, cy, c)
  ui.color(c)
  local p = canvas:drawPolygon('fill')
  for i = 0, 9 do
    local r = (i % 2 == 0) and 24 or 10
    local a = math.pi * (i / 5) - math.pi / 2
    p = p(cx + r * math.cos(a), cy + r * math.sin(a))
  end
  p()
end

-- lang returns the viewer's language among those given (settings.system.language), or the first.
function ui.lang(available)
  local l = ''
  if settings and settings.system and settings.system.language then
    l = string.sub(string.lower(tostring(settings.system.language)), 1, 2)
  end
  if l == 'po' then l = 'pt' elseif l == 'sp' then l = 'es' end -- ISO 639-2 "por", "spa"
  for _, a in ipairs(available) do if a == l then return l end end
  return available[1]
end

-- tr picks the viewer's language from a data field: a string, or a table by language.
function ui.tr(v, lang)
  if type(v) ~= 'table' then return v and tostring(v) or '' end
  return v[lang] or v.pt or v.en or v.es or ''
end

return ui
