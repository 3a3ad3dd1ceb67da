-- multitap: letters from the digit keys, as on a phone. Pressing the same key again within
-- COMMIT_MS cycles its letters; another key or the timer commits the letter.
local M = {}

M.COMMIT_MS = 1200

M.groups = {
  ['1'] = {'.', '-', "'", '1'},
  ['2'] = {'A', 'B', 'C', 'Á', 'Â', 'Ã', 'Ç', '2'},
  ['3'] = {'D', 'E', 'F', 'É', 'Ê', '3'},
  ['4'] = {'G', 'H', 'I', 'Í', '4'},
  ['5'] = {'J', 'K', 'L', '5'},
  ['6'] = {'M', 'N', 'O', 'Ñ', 'Ó', 'Ô', 'Õ', '6'},
  ['7'] = {'P', 'Q', 'R', 'S', '7'},
  ['8'] = {'T', 'U', 'V', 'Ú', 'Ü', '8'},
  ['9'] = {'W', 'X', 'Y', 'Z', '9'},
  ['0'] = {' ', '0'},
}

-- new returns an editor over text; onChange(text) runs after every change (pending letter
-- included), for the draft.
function M.new(text, max, onChange)
  local e = {text = text or '', max = max or 40, key = nil, idx = 0, cancel = nil}

  function e.value() -- text with the pending letter
    if e.key then return e.text .. M.groups[e.key][e.idx] end
    return e.text
  end

  function e.commit()
    if e.cancel then e.cancel(); e.cancel = nil end
    if e.key then
      e.text = e.text .. M.groups[e.key][e.idx]
      e.key, e.idx = nil, 0
      return true
    end
    return false
  end

  -- press handles a digit key; redraw is called when the timer commits.
  function e.press(digit, redraw)
    local g = M.groups[digit]
    if not g then return false end
    if e.key == digit then
      if e.cancel then e.cancel() end
      e.idx = e.idx % #g + 1
    else
      e.commit()
      if string.len(e.text) >= e.max then return true end
      e.key, e.idx = digit, 1
    end
    e.cancel = event.timer(M.COMMIT_MS, function()
      e.cancel = nil
      if e.commit() then
        if onChange then onChange(e.value()) end
        if redraw then redraw() end
      end
    end)
    if onChange then onChange(e.value()) end
    return true
  end

  function e.backspace()
    if e.key then
      if e.cancel then e.cancel(); e.cancel = nil end
      e.key, e.idx = nil, 0
    else
      e.text = string.gsub(e.text, '[%z\1-\127\194-\244][\128-\191]*$', '')
    end
    if onChange then onChange(e.value()) end
  end

  return e
end

return M
