-- keys.lua: reports every key it gets; consumes the digits.
event.register(function(evt)
  if evt.class ~= 'key' then return end
  event.post{class = 'user', got = 'keys ' .. evt.type .. ' ' .. evt.key}
  return evt.key:match('^%d$') ~= nil
end)
