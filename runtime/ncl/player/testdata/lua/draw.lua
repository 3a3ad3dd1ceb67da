-- draw.lua: paints its canvas, reports every ncl event it gets (as a
-- user event the test reads), and acts on a few keys.
local w, h = canvas:attrSize()
local color = 'red'

local function paint()
  canvas:attrColor(color)
  canvas:drawRect('fill', 0, 0, w, h)
  canvas:attrColor('white')
  canvas:drawRect('fill', 20, 20, w / 2, h / 4)
  canvas:attrColor('black')
  canvas:attrFont('sans', 20)
  canvas:drawText(26, 24, w .. 'x' .. h)
  canvas:flush()
end
paint()

event.register(function(evt)
  if evt.class == 'ncl' then
    event.post{class = 'user', got = evt.type .. ' ' .. evt.action .. ' ' ..
      (evt.label or evt.name or '') .. ' ' .. (evt.value or '')}
    if evt.type == 'presentation' and evt.action == 'start' and evt.label == 'part2' then
      color = 'blue'
      paint()
    elseif evt.type == 'attribution' and evt.name == 'color' then
      color = evt.value
      paint()
    end
  elseif evt.class == 'key' and evt.type == 'press' then
    if evt.key == 'BLUE' then
      event.post{class = 'ncl', type = 'attribution', name = 'score', value = '42', action = 'start'}
      event.post{class = 'ncl', type = 'attribution', name = 'score', value = '42', action = 'stop'}
      return true
    elseif evt.key == 'YELLOW' then
      event.post{class = 'ncl', type = 'presentation', label = '', action = 'stop'}
      return true
    end
  end
end)
