-- data: reads the app's JSON data files from the carousel.
-- Data files are plain JSON (config.json, data/notices.json, lessons/index.json, ...), which a
-- teacher or an editor changes without touching Lua. They are read with io.open: the sandbox's
-- io is read-only and reaches only the app's own files.
-- data.load('lessons/index') reads lessons/index.json and returns the decoded JSON, or nil and
-- a message, which it also prints: a missing or broken file never stops the app.
local json = require 'lib.json'

local data = {}

local function fail(msg)
  print('data: ' .. msg)
  return nil, msg
end

function data.load(name)
  local file = string.find(name, '%.json$') and name or name .. '.json'
  local f, err = io.open(file, 'r')
  if not f then return fail(tostring(err)) end
  local ok, text = pcall(f.read, f, '*a')
  f:close()
  if not ok or type(text) ~= 'string' then return fail(file .. ': ' .. tostring(text)) end
  local v, derr = json.decode(text)
  if v == nil then return fail(file .. ': ' .. tostring(derr)) end
  return v
end

return data
