-- data: reads the app's JSON data files from the carousel.
-- The NCLua sandbox has no io library, and require only loads Lua, so each data file is
-- JSON in a one-line Lua envelope: the first line is `return [==[` and the last `]==]`;
-- everything between is plain JSON that an editor changes without touching Lua.
-- data.load('lessons/index') reads lessons/index.lua and returns the decoded JSON, or nil and
-- a message (a missing or broken file never stops the app).
local json = require 'lib.json'

local data = {}

function data.load(name)
  local mod = string.gsub(name, '/', '.')
  local ok, text = pcall(require, mod)
  package.loaded[mod] = nil
  if not ok then return nil, name .. ': ' .. tostring(text) end
  if type(text) ~= 'string' then return nil, name .. ': not a JSON envelope' end
  local v, err = json.decode(text)
  if v == nil then return nil, name .. ': ' .. err end
  return v
end

return data
