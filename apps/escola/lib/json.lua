-- json: a small JSON decoder and encoder (RFC 8259) for app data files and service answers.
-- decode(text) -> value | nil, message. Objects become tables, arrays become sequences
-- (json.null marks a JSON null inside arrays; null object members are left out), numbers
-- become Lua numbers, \uXXXX escapes (with surrogate pairs) become UTF-8.
-- encode(value) -> text: tables with keys 1..n are arrays, others objects (keys sorted).
local json = {}

json.null = setmetatable({}, {__tostring = function() return 'null' end})

local byte, sub, find, char = string.byte, string.sub, string.find, string.char

local function fail(s, i, msg)
  local line = 1
  for _ in string.gmatch(sub(s, 1, i - 1), '\n') do line = line + 1 end
  error({json = 'line ' .. line .. ': ' .. msg}, 0)
end

local function skip(s, i)
  local _, e = find(s, '^[ \t\r\n]*', i)
  return e + 1
end

local function utf8(cp)
  if cp < 0x80 then return char(cp) end
  if cp < 0x800 then return char(0xC0 + math.floor(cp / 64), 0x80 + cp % 64) end
  if cp < 0x10000 then
    return char(0xE0 + math.floor(cp / 4096), 0x80 + math.floor(cp / 64) % 64, 0x80 + cp % 64)
  end
  return char(0xF0 + math.floor(cp / 262144), 0x80 + math.floor(cp / 4096) % 64,
    0x80 + math.floor(cp / 64) % 64, 0x80 + cp % 64)
end

local escapes = {['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t'}

local value

local function str(s, i)
  local out, j = {}, i + 1
  while true do
    local k = find(s, '["\\%c]', j)
    if not k then fail(s, i, 'unterminated string') end
    out[#out + 1] = sub(s, j, k - 1)
    local c = sub(s, k, k)
    if c == '"' then return table.concat(out), k + 1 end
    if c ~= '\\' then fail(s, k, 'control character in string') end
    local e = sub(s, k + 1, k + 1)
    if escapes[e] then
      out[#out + 1] = escapes[e]
      j = k + 2
    elseif e == 'u' then
      local hex = sub(s, k + 2, k + 5)
      if not find(hex, '^%x%x%x%x$') then fail(s, k, 'bad \\u escape') end
      local cp = tonumber(hex, 16)
      j = k + 6
      if cp >= 0xD800 and cp <= 0xDBFF then
        local lo = sub(s, j, j + 5)
        if not find(lo, '^\\u[dD][c-fC-F]%x%x$') then fail(s, k, 'lone surrogate') end
        cp = 0x10000 + (cp - 0xD800) * 1024 + (tonumber(sub(lo, 3), 16) - 0xDC00)
        j = j + 6
      elseif cp >= 0xDC00 and cp <= 0xDFFF then
        fail(s, k, 'lone surrogate')
      end
      out[#out + 1] = utf8(cp)
    else
      fail(s, k, 'bad escape')
    end
  end
end

local function num(s, i)
  local j = i
  local neg = sub(s, j, j) == '-'
  if neg then j = j + 1 end
  local _, e = find(s, '^0', j)
  if not e then _, e = find(s, '^[1-9]%d*', j) end
  if not e then fail(s, i, 'bad number') end
  local _, fe = find(s, '^%.%d+', e + 1)
  if fe then e = fe elseif sub(s, e + 1, e + 1) == '.' then fail(s, i, 'bad number') end
  local mant = tonumber(sub(s, j, e))
  local _, xe = find(s, '^[eE][-+]?%d+', e + 1)
  if xe then
    local x = sub(s, e + 2, xe)
    local xs = 1
    if sub(x, 1, 1) == '-' then xs = -1; x = sub(x, 2) elseif sub(x, 1, 1) == '+' then x = sub(x, 2) end
    mant = mant * 10 ^ (xs * tonumber(x))
    e = xe
  elseif find(s, '^[eE]', e + 1) then
    fail(s, i, 'bad number')
  end
  if not mant then fail(s, i, 'bad number') end
  return neg and -mant or mant, e + 1
end

local literals = {t = {'true', true}, f = {'false', false}, n = {'null', json.null}}

function value(s, i, depth)
  if depth > 64 then fail(s, i, 'nested too deep') end
  i = skip(s, i)
  local c = sub(s, i, i)
  if c == '{' then
    local obj = {}
    i = skip(s, i + 1)
    if sub(s, i, i) == '}' then return obj, i + 1 end
    while true do
      if sub(s, i, i) ~= '"' then fail(s, i, 'expected a string key') end
      local k
      k, i = str(s, i)
      i = skip(s, i)
      if sub(s, i, i) ~= ':' then fail(s, i, "expected ':'") end
      local v
      v, i = value(s, i + 1, depth + 1)
      if v ~= json.null then obj[k] = v end
      i = skip(s, i)
      c = sub(s, i, i)
      if c == '}' then return obj, i + 1 end
      if c ~= ',' then fail(s, i, "expected ',' or '}'") end
      i = skip(s, i + 1)
    end
  elseif c == '[' then
    local arr, n = {}, 0
    i = skip(s, i + 1)
    if sub(s, i, i) == ']' then return arr, i + 1 end
    while true do
      local v
      v, i = value(s, i, depth + 1)
      n = n + 1
      arr[n] = v
      i = skip(s, i)
      c = sub(s, i, i)
      if c == ']' then return arr, i + 1 end
      if c ~= ',' then fail(s, i, "expected ',' or ']'") end
      i = i + 1
    end
  elseif c == '"' then
    return str(s, i)
  elseif c == '-' or find(c, '^%d$') then
    return num(s, i)
  elseif literals[c] then
    local l = literals[c]
    if sub(s, i, i + #l[1] - 1) ~= l[1] then fail(s, i, 'bad literal') end
    return l[2], i + #l[1]
  end
  fail(s, i, c == '' and 'unexpected end' or "unexpected '" .. c .. "'")
end

-- decode parses text; on bad input it returns nil and a message with the line.
function json.decode(text)
  if type(text) ~= 'string' then return nil, 'json: not a string' end
  if byte(text, 1) == 0xEF and byte(text, 2) == 0xBB and byte(text, 3) == 0xBF then text = sub(text, 4) end
  local ok, v, i = pcall(value, text, 1, 0)
  if not ok then
    if type(v) == 'table' and v.json then return nil, 'json: ' .. v.json end
    error(v, 0)
  end
  i = skip(text, i)
  if i <= #text then return nil, 'json: trailing characters at byte ' .. i end
  return v
end

local function quote(s)
  return '"' .. string.gsub(s, '[%c"\\]', function(c)
    local e = ({['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t'})[c]
    return e or string.format('\\u%04x', byte(c))
  end) .. '"'
end

-- encode writes value as compact JSON.
function json.encode(v)
  local t = type(v)
  if v == nil or v == json.null then return 'null' end
  if t == 'boolean' then return tostring(v) end
  if t == 'number' then
    if v ~= v or v == math.huge or v == -math.huge then error('json: cannot encode ' .. tostring(v)) end
    if v == math.floor(v) and math.abs(v) < 1e15 then return string.format('%d', v) end
    return string.format('%.14g', v)
  end
  if t == 'string' then return quote(v) end
  if t ~= 'table' then error('json: cannot encode a ' .. t) end
  local n = #v
  local parts = {}
  if n > 0 or next(v) == nil then
    for i = 1, n do parts[i] = json.encode(v[i]) end
    return '[' .. table.concat(parts, ',') .. ']'
  end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  for i, k in ipairs(keys) do
    local val = v[k]
    if val == nil then val = v[tonumber(k)] end
    parts[i] = quote(k) .. ':' .. json.encode(val)
  end
  return '{' .. table.concat(parts, ',') .. '}'
end

return json
