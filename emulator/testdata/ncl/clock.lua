-- Draws a box and counts the keys it is given.
local n = 0
local function draw()
  local w, h = canvas:attrSize()
  canvas:attrColor('maroon')
  canvas:drawRect('fill', 0, 0, w, h)
  canvas:attrColor('white')
  canvas:attrFont('sans', 24)
  canvas:drawText(10, 10, 'teclas: ' .. n)
  canvas:flush()
end
event.register(function(evt)
  if evt.class == 'ncl' and evt.type == 'presentation' and evt.action == 'start' then
    draw()
  elseif evt.class == 'key' and evt.type == 'press' and evt.key == 'YELLOW' then
    n = n + 1
    draw()
    return true
  end
end)
