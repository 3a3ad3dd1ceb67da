-- master.lua: reports every key it gets; consumes the arrows and ENTER.
local mine = {CURSOR_UP = true, CURSOR_DOWN = true, CURSOR_LEFT = true, CURSOR_RIGHT = true, ENTER = true}
event.register(function(evt)
  if evt.class ~= 'key' then return end
  event.post{class = 'user', got = 'master ' .. evt.type .. ' ' .. evt.key}
  return mine[evt.key] == true
end)
