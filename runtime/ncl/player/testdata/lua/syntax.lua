-- syntax.lua: does not compile.
event.register(function(evt)
  if evt.class == 'key' then
end)
