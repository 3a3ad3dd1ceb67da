-- Tests of the settings table (NCLUA-API.md §1.5). The host sets
-- system.language = 'es' and service.currentFocus = 'menu'.

function TestValues(t)
  t:eq(require('settings'), settings)
  t:eq(settings.system.language, 'es')
  t:eq(settings.system.screenSize, '64,48')
  t:eq(settings.system.screenGraphicSize, '64,48')
  t:eq(settings.system['screenSize(0)'], '64,48')
  t:eq(settings.system.luaVersion, '5.1')
  t:eq(settings.system.nclVersion, '3.0')
  t:eq(settings.system.gingaNCLProfile, 'Enhanced')
  t:eq(settings.system.returnBitRate, 0)
  t:ok(settings.system.luaSupportedEventClasses:find('tcp'))
  t:eq(settings.service.currentFocus, 'menu')
  t:eq(settings.service.currentKeyMaster, '')
  t:eq(settings.default.focusBorderColor, 'white')
  t:eq(settings.default.focusBorderWidth, -3)
  t:eq(settings.channel.virtualKeyboard, false)
  t:eq(settings.si.numberOfServices, 0)
  t:eq(type(settings.user), 'table')
  t:eq(settings.nosuchgroup, nil)
  t:eq(settings.system.nosuchvar, nil)
end

function TestReadOnly(t)
  t:error(function() settings.system = {} end, 'settings is a read-only table')
  t:error(function() settings.system.language = 'en' end, 'settings is a read-only table')
  t:error(function() settings.newgroup = 1 end, 'read-only')
  t:error(function() settings.service.newvar = 1 end, 'read-only')
  t:eq(settings.system.language, 'es', 'unchanged')
  t:eq(getmetatable(settings), 'settings', 'the metatable is protected')
  t:error(function() setmetatable(settings.system, nil) end)
end
