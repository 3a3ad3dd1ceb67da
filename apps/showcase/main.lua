-- Antena showcase: a small app that shows what a broadcast app can do on any Antena box.
-- Arrows move the focus, OK opens an item, BACK closes it, the colour keys are shortcuts.

local W, H = canvas:attrSize()

local palette = {
  bg = {16, 32, 64}, panel = {28, 56, 104}, focus = {255, 204, 0},
  text = {255, 255, 255}, dim = {180, 196, 220},
  red = {204, 32, 32}, green = {32, 160, 64}, yellow = {230, 190, 0}, blue = {40, 90, 210},
}

local strings = {
  pt = { title = 'Antena', subtitle = 'Serviços e educação na sua TV',
         items = {'Avisos públicos', 'Saúde', 'Escola'},
         bodies = {'Sem avisos no momento.', 'Postos de saúde abertos das 7h às 19h.', 'Aula de hoje: frações.'},
         back = 'VOLTAR fecha', open = 'OK abre' },
  es = { title = 'Antena', subtitle = 'Servicios y educación en su TV',
         items = {'Avisos públicos', 'Salud', 'Escuela'},
         bodies = {'No hay avisos por ahora.', 'Centros de salud abiertos de 7 a 19 h.', 'Clase de hoy: fracciones.'},
         back = 'VOLVER cierra', open = 'OK abre' },
  en = { title = 'Antena', subtitle = 'Services and learning on your TV',
         items = {'Public notices', 'Health', 'School'},
         bodies = {'No notices right now.', 'Health centres open 7 am to 7 pm.', "Today's lesson: fractions."},
         back = 'BACK closes', open = 'OK opens' },
}

local lang = 'pt'
if settings and settings.system and settings.system.language then
  local l = string.sub(string.lower(tostring(settings.system.language)), 1, 2)
  if strings[l] then lang = l end
end
local S = strings[lang]

local focus, open = 1, nil

local function color(c) canvas:attrColor(c[1], c[2], c[3], 255) end

-- wrap draws text in lines no wider than width, breaking between words.
local function wrap(x, y, width, text, lineHeight)
  local line = ''
  for word in string.gmatch(text, '%S+') do
    local try = (line == '') and word or (line .. ' ' .. word)
    if canvas:measureText(try) > width and line ~= '' then
      canvas:drawText(x, y, line)
      y = y + lineHeight
      line = word
    else
      line = try
    end
  end
  if line ~= '' then canvas:drawText(x, y, line) end
end

local function draw()
  color(palette.bg)
  canvas:drawRect('fill', 0, 0, W, H)
  color(palette.text)
  canvas:attrFont('vera', 64, 'bold')
  canvas:drawText(80, 60, S.title)
  color(palette.dim)
  canvas:attrFont('vera', 32)
  canvas:drawText(80, 150, S.subtitle)

  for i, label in ipairs(S.items) do
    local y = 230 + (i - 1) * 100
    if i == focus then
      color(palette.focus)
      canvas:drawRoundRect('fill', 72, y - 8, 560, 84, 16)
      color(palette.bg)
    else
      color(palette.panel)
      canvas:drawRoundRect('fill', 72, y - 8, 560, 84, 16)
      color(palette.text)
    end
    canvas:attrFont('vera', 36, 'bold')
    canvas:drawText(104, y + 12, label)
  end

  if open then
    color(palette.panel)
    canvas:drawRoundRect('fill', 680, 222, 520, 284, 20)
    color(palette.focus)
    for d = 0, 3 do canvas:drawRoundRect('frame', 680 + d, 222 + d, 520 - 2 * d, 284 - 2 * d, 20) end
    color(palette.text)
    canvas:attrFont('vera', 36, 'bold')
    canvas:drawText(712, 252, S.items[open])
    canvas:attrFont('vera', 28)
    wrap(712, 316, 456, S.bodies[open], 40)
    color(palette.dim)
    canvas:drawText(712, 440, S.back)
  end

  -- colour-key shortcuts
  local keys = {{'red', S.items[1]}, {'green', S.items[2]}, {'yellow', S.items[3]}, {'blue', S.open}}
  canvas:attrFont('vera', 24)
  for i, k in ipairs(keys) do
    local x = 80 + (i - 1) * 290
    color(palette[k[1]])
    canvas:drawEllipse('fill', x + 16, H - 64, 28, 28)
    color(palette.text)
    canvas:drawText(x + 40, H - 80, k[2])
  end
  canvas:flush()
end

local shortcuts = {RED = 1, GREEN = 2, YELLOW = 3}

event.register(function(e)
  if e.class ~= 'key' or e.type ~= 'press' then return false end
  local k = e.key
  if k == 'CURSOR_DOWN' then focus = math.min(#S.items, focus + 1)
  elseif k == 'CURSOR_UP' then focus = math.max(1, focus - 1)
  elseif k == 'ENTER' or k == 'BLUE' then open = focus
  elseif k == 'BACK' then
    if not open then return false end
    open = nil
  elseif shortcuts[k] then focus = shortcuts[k]; open = focus
  else return false end
  draw()
  return true
end)

draw()
