-- An app that never returns from a key handler: the watchdog must stop it.
canvas:attrColor('navy'); canvas:drawRect('fill', 0, 0, 1280, 720); canvas:flush()
event.register(function(e)
  if e.class == 'key' and e.type == 'press' and e.key == 'RED' then
    while true do end
  end
end)
