-- The emulator's test app: a panel and a square that CURSOR_DOWN moves down.
local y = 100
local function draw()
  canvas:attrColor(20, 40, 80, 255)
  canvas:drawRect('fill', 0, 0, 1280, 720)
  canvas:attrColor('white')
  canvas:attrFont('Tiresias', 32)
  canvas:drawText(60, 40, 'Antena test app')
  canvas:attrColor(255, 204, 0, 255)
  canvas:drawRect('fill', 200, y, 120, 120)
  canvas:flush()
end
event.register(function(e)
  if e.class == 'key' and e.type == 'press' and e.key == 'CURSOR_DOWN' then
    y = y + 150; draw(); return true
  end
  if e.class == 'user' and e.type == 'streamevent' then
    canvas:attrColor('green'); canvas:drawRect('fill', 1000, 100, 100, 100); canvas:flush()
  end
end)
draw()
