-- idnumber: the check of the ID numbers the viewer types.
-- Rule 'cpf' (Brazil, the default; config.json "id_rule"): 11 digits, not all the same; the
-- 10th digit is the check digit of the first nine (sum of digit_i * (11 - i) for i = 1..9,
-- then (sum * 10) mod 11, where 10 counts as 0), and the 11th the check digit of the first ten
-- (weights 11 down to 2). The language of the screen does not change the rule: the rule is the
-- ministry's, set in config.json. Rule 'digits' accepts 6 to 12 digits with no check digit
-- (for services whose ID has none).
local M = {}

local function check(d, n)
  local sum = 0
  for i = 1, n do sum = sum + d[i] * (n + 2 - i) end
  local r = (sum * 10) % 11
  if r == 10 then r = 0 end
  return r
end

function M.cpf(s)
  if type(s) ~= 'string' or not string.find(s, '^%d%d%d%d%d%d%d%d%d%d%d$') then return false end
  if string.rep(string.sub(s, 1, 1), 11) == s then return false end
  local d = {}
  for i = 1, 11 do d[i] = tonumber(string.sub(s, i, i)) end
  return check(d, 9) == d[10] and check(d, 10) == d[11]
end

function M.digits(s)
  return type(s) == 'string' and string.find(s, '^%d+$') ~= nil and #s >= 6 and #s <= 12
end

M.length = {cpf = 11, digits = 12}

function M.valid(rule, s) return (M[rule] or M.cpf)(s) end

-- format shows a CPF as 123.456.789-09 while it is typed.
function M.format(rule, s)
  if rule ~= 'cpf' and rule ~= nil then return s end
  local out = ''
  for i = 1, #s do
    out = out .. string.sub(s, i, i)
    if (i == 3 or i == 6) and i < #s then out = out .. '.' end
    if i == 9 and i < #s then out = out .. '-' end
  end
  return out
end

-- mask hides all but the last two digits, for screens that only remind the viewer.
function M.mask(s)
  if #s <= 2 then return s end
  return string.rep('*', #s - 2) .. string.sub(s, -2)
end

return M
