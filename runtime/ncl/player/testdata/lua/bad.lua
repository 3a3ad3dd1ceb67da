-- bad.lua: fails on the RED key.
canvas:attrColor('yellow')
canvas:drawRect('fill', 0, 0, canvas:attrSize())
canvas:flush()
event.register(function(evt)
  if evt.class == 'key' and evt.key == 'RED' then
    local t = nil
    return t.field -- a Lua error
  end
end)
