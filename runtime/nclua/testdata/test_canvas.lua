-- Tests of the canvas module (NCLUA-API.md §1.3). The global canvas is 64x48.

local function px(c, x, y) return {c:pixel(x, y)} end

function TestGlobalCanvas(t)
  t:eq(require('canvas'), canvas)
  t:eq(type(canvas), 'userdata')
  t:eq(getmetatable(canvas), 'nclua.canvas', 'the metatable is protected')
  t:error(function() setmetatable(canvas, {}) end)
  local w, h, sw, sh = canvas:attrSize()
  t:eq({w, h, sw, sh}, {64, 48, 64, 48})
  t:eq(tostring(canvas), 'canvas: 64x48')
  t:error(function() canvas:attrSize(10, 10) end, 'read-only')
end

function TestEveryMethodExists(t)
  for _, m in ipairs{'new', 'attrSize', 'attrColor', 'attrFont', 'attrClip', 'attrCrop', 'attrFlip',
      'attrOpacity', 'attrRotation', 'attrScale', 'attrAntiAlias', 'attrFilter', 'attrLineWidth',
      'drawLine', 'drawRect', 'drawRoundRect', 'drawPolygon', 'drawEllipse', 'drawText', 'measureText',
      'compose', 'pixel', 'clear', 'flush'} do
    t:eq(type(canvas[m]), 'function', m)
  end
end

function TestNewSizeColonAndDotForms(t)
  local c = canvas:new(10, 20)
  t:eq({c:attrSize()}, {10, 20, 10, 20})
  local d = canvas.new(3, 4)
  t:eq({d:attrSize()}, {3, 4, 3, 4})
  t:eq(select('#', canvas:new(1, 1)), 1, 'only the canvas is returned')
  -- Dot form with an explicit self works for every method.
  canvas.attrColor(c, 'red')
  t:eq({canvas.attrColor(c)}, {255, 0, 0, 255})
  t:eq({c:pixel(0, 0)}, {0, 0, 0, 0}, 'a new canvas is transparent')
  t:error(function() canvas.drawRect('fill', 0, 0, 1, 1) end, 'bad argument #1')
  t:error(function() canvas:new(-1, 5) end, 'bad argument #2')
  t:error(function() canvas:new(10, 99999) end, 'bad argument #3')
  t:error(function() canvas.new(-1, 5) end, 'bad argument #1')
  t:error(function() canvas:new({}) end, 'image path or width expected')
end

function TestNewImage(t)
  for _, f in ipairs{'img.png', 'img.gif', 'img.jpg'} do
    local c, err = canvas:new(f)
    t:ok(c, f .. ': ' .. tostring(err))
    if c then
      t:eq({c:attrSize()}, {4, 3, 4, 3}, f)
      local r, g, b, a = c:pixel(3, 2)
      t:ok(r > 200 and g < 60 and b < 60 and a == 255, f .. ' is red')
    end
  end
  local c, err = canvas:new('missing.png')
  t:eq(c, nil)
  t:eq(err, 'file not found: missing.png')
  c, err = canvas:new('../../etc/passwd')
  t:eq(c, nil)
  t:ok(err:find('not found'))
  c, err = canvas:new('lib.lua')
  t:eq(c, nil, 'not an image')
  t:ok(type(err) == 'string')
end

function TestAttrColor(t)
  local c = canvas:new(2, 2)
  t:eq({c:attrColor()}, {0, 0, 0, 255}, 'default is opaque black')
  c:attrColor(1, 2, 3)
  t:eq({c:attrColor()}, {1, 2, 3, 255})
  c:attrColor(1, 2, 3, 4)
  t:eq({c:attrColor()}, {1, 2, 3, 4})
  c:attrColor(300, -5, 10.4, 999)
  t:eq({c:attrColor()}, {255, 0, 10, 255}, 'clamped')
  -- The 16 names of the norm and the CSS names, any case.
  local names = {white = {255, 255, 255}, black = {0, 0, 0}, silver = {192, 192, 192}, gray = {128, 128, 128},
    red = {255, 0, 0}, maroon = {128, 0, 0}, fuchsia = {255, 0, 255}, purple = {128, 0, 128},
    lime = {0, 255, 0}, green = {0, 128, 0}, yellow = {255, 255, 0}, olive = {128, 128, 0},
    blue = {0, 0, 255}, navy = {0, 0, 128}, aqua = {0, 255, 255}, teal = {0, 128, 128},
    cornflowerblue = {100, 149, 237}, RebeccaPurple = {102, 51, 153}, LightGoldenRodYellow = {250, 250, 210}}
  for name, rgb in pairs(names) do
    t:eq(c:attrColor(name), true, name)
    local r, g, b, a = c:attrColor()
    t:eq({r, g, b, a}, {rgb[1], rgb[2], rgb[3], 255}, name)
  end
  t:eq(c:attrColor('RED'), true)
  t:eq(c:attrColor('red', 128), true)
  t:eq(select(4, c:attrColor()), 128)
  local ok, err = c:attrColor('notacolor')
  t:eq(ok, false)
  t:eq(err, "unknown color 'notacolor'")
  t:error(function() c:attrColor(1, 2) end, 'bad argument #4')
  t:error(function() c:attrColor(1, 'x', 3) end, 'bad argument #3')
end

function TestAttrFont(t)
  local c = canvas:new(2, 2)
  local face, size, style = c:attrFont()
  t:eq(type(face), 'string')
  c:attrFont('vera', 20)
  t:eq({c:attrFont()}, {'vera', 20, 'normal'})
  for _, s in ipairs{'bold', 'italic', 'bold-italic', 'normal', 'bold-oblique', 'ultraheavy-italic', 'light-normal'} do
    c:attrFont('Tiresias', 12, s)
  end
  c:attrFont('Times', 12, 'italic')
  t:eq(select(3, c:attrFont()), 'italic', 'the norm accepts italic alone (nclua raises)')
  c:attrFont('vera', 12, 'bold-italic')
  t:eq(select(3, c:attrFont()), 'bold-italic')
  t:error(function() c:attrFont('vera', 12, 'wavy') end, "bad argument #4")
  t:error(function() c:attrFont('vera', 0) end, 'bad argument #3')
  t:error(function() c:attrFont('vera', 'big') end, 'bad argument #3')
  t:error(function() c:attrFont(nil, 12) end, 'bad argument #2')
end

function TestAttrClipCrop(t)
  local c = canvas:new(10, 10)
  t:eq({c:attrClip()}, {0, 0, 10, 10})
  c:attrClip(2, 3, 4, 5)
  t:eq({c:attrClip()}, {2, 3, 4, 5})
  c:attrClip(8, 8, 10, 10)
  t:eq({c:attrClip()}, {8, 8, 2, 2}, 'intersected with the canvas')
  t:eq({c:attrCrop()}, {0, 0, 10, 10})
  c:attrCrop(1, 1, 3, 2)
  t:eq({c:attrCrop()}, {1, 1, 3, 2})
  t:eq({c:attrSize()}, {10, 10, 3, 2})
  t:error(function() c:attrClip(0, 0, -1, 1) end, 'bad argument #4')
  t:error(function() c:attrCrop(0, 0, 1) end, 'bad argument #5')
end

function TestAttrFlipOpacityRotationScale(t)
  local c = canvas:new(10, 20)
  t:eq({c:attrFlip()}, {false, false})
  c:attrFlip(true, false)
  t:eq({c:attrFlip()}, {true, false})
  t:error(function() c:attrFlip(1, 0) end, 'bad argument #2')
  t:eq(c:attrOpacity(), 255)
  c:attrOpacity(128)
  t:eq(c:attrOpacity(), 128)
  c:attrOpacity(999)
  t:eq(c:attrOpacity(), 255)
  c:attrOpacity(-1)
  t:eq(c:attrOpacity(), 0)
  t:eq(c:attrRotation(), 0)
  c:attrRotation(90)
  t:eq(c:attrRotation(), 90)
  local _, _, sw, sh = c:attrSize()
  t:eq({sw, sh}, {20, 10}, 'rotated extents')
  c:attrRotation(0)
  c:attrScale(2, 0.5)
  t:eq({c:attrScale()}, {2, 0.5})
  t:eq({select(3, c:attrSize())}, {20, 10})
  c:attrScale(-1, 1)
  t:eq({c:attrScale()}, {0, 1}, 'clamped to >= 0')
  t:error(function() c:attrScale('x', 1) end, 'bad argument #2')
end

function TestAttrAntiAliasFilterLineWidth(t)
  local c = canvas:new(4, 4)
  t:eq(c:attrAntiAlias(), 'default')
  for _, m in ipairs{'none', 'gray', 'subpixel', 'fast', 'good', 'best', 'default'} do c:attrAntiAlias(m) end
  t:error(function() c:attrAntiAlias('blurry') end, 'bad argument #2')
  t:eq(c:attrFilter(), 'good')
  for _, f in ipairs{'fast', 'best', 'nearest', 'bilinear', 'good'} do c:attrFilter(f) end
  t:error(function() c:attrFilter('x') end, 'bad argument #2')
  c:attrLineWidth(5)
  t:eq(c:attrLineWidth(), 5)
  t:error(function() c:attrLineWidth(-1) end, 'bad argument #2')
end

function TestDrawRectAndModes(t)
  local c = canvas:new(10, 10)
  c:attrColor('red')
  c:drawRect('fill', 2, 2, 3, 3)
  t:eq(px(c, 3, 3), {255, 0, 0, 255})
  t:eq(px(c, 1, 1), {0, 0, 0, 0})
  t:eq(px(c, 5, 5), {0, 0, 0, 0})
  c:attrColor('blue')
  c:drawRect('frame', 0, 0, 10, 10)
  t:eq(px(c, 0, 5), {0, 0, 255, 255})
  t:eq(px(c, 3, 3), {255, 0, 0, 255}, 'frame leaves the inside')
  t:error(function() c:drawRect('solid', 0, 0, 1, 1) end, "bad argument #2 to drawRect (invalid mode 'solid'")
  t:error(function() c:drawRect('fill', 0, 0, 1) end, 'bad argument #6')
  t:error(function() c:drawRect() end, 'bad argument #2')
  -- Past the fast paths for 'fill' and numbers: other spellings of a
  -- mode, numeric strings, the dot form; nan and a non-string mode refused.
  c:clear()
  c:attrColor('red')
  c:drawRect('FILL', '2', 2, 3, '3')
  t:eq(px(c, 4, 4), {255, 0, 0, 255})
  canvas.drawRect(c, 'Frame', 0, 0, 10, 10)
  t:eq(px(c, 0, 0), {255, 0, 0, 255})
  t:error(function() c:drawRect('fill', 0 / 0, 0, 1, 1) end, 'bad argument #3 to drawRect (number expected, got nan)')
  t:error(function() c:drawRect('fill', 0, 0, 1, {}) end, 'bad argument #6 to drawRect (number expected, got table)')
  t:error(function() c:drawRect(1, 0, 0, 1, 1) end, 'bad argument #2 to drawRect (mode string expected, got number)')
end

function TestDrawOtherShapes(t)
  local c = canvas:new(20, 20)
  c:attrColor('lime')
  c:drawLine(0, 10, 19, 10)
  t:eq(px(c, 10, 10), {0, 255, 0, 255})
  c:drawRoundRect('fill', 0, 0, 8, 8, 3)
  t:eq(px(c, 4, 4), {0, 255, 0, 255})
  t:eq(px(c, 0, 0)[4] < 255, true, 'the corner is rounded')
  c:clear()
  c:attrColor('white')
  c:drawEllipse('fill', 10, 10, 10, 10)
  t:eq(px(c, 10, 10), {255, 255, 255, 255})
  c:drawEllipse('arc', 10, 10, 16, 16, 0, 180)   -- the norm's name
  c:drawEllipse('frame', 10, 10, 16, 16)         -- nclua's name
  t:error(function() c:drawEllipse('round', 1, 1, 1, 1) end, 'bad argument #2')
  t:error(function() c:drawEllipse('fill', 1, 1, 1) end, 'bad argument #6')
  c:drawRoundRect('frame', 1, 1, 10, 10, 99)
  t:error(function() c:drawRoundRect('fill', 1, 1, 1, 1) end, 'bad argument #7')
end

function TestDrawPolygon(t)
  local c = canvas:new(10, 10)
  c:attrColor('red')
  local drawer = c:drawPolygon('fill')
  t:eq(type(drawer), 'function')
  t:eq(drawer(0, 0), drawer, 'the drawer returns itself')
  drawer(10, 0)(10, 10)(0, 10)()
  t:eq(px(c, 5, 5), {255, 0, 0, 255})
  t:error(function() drawer(1, 1) end, 'already drawn')
  c:drawPolygon('open')(0, 0)(9, 9)()
  c:drawPolygon('close')(0, 0)(9, 0)(0, 9)()
  t:error(function() c:drawPolygon('star') end, 'bad argument #2')
  t:error(function() c:drawPolygon('fill')(1) end, 'bad argument #2')
end

function TestDrawTextMeasureText(t)
  local c = canvas:new(200, 40)
  c:attrFont('vera', 20)
  local w, h = c:measureText('Olá')
  t:ok(w > 10 and w < 100, 'width ' .. w)
  t:ok(h >= 20 and h < 40, 'height ' .. h)
  local w2 = c:measureText('OláOlá')
  t:ok(w2 > w)
  t:eq(c:measureText(''), 0)
  c:attrColor('white')
  c:drawText(0, 0, 'Hello')
  c:drawText('fill', 0, 0, 'Hello')
  c:drawText('frame', 0, 20, 'Hello')
  local inked = false
  for x = 0, 60 do for y = 0, 25 do if c:pixel(x, y) > 0 then inked = true end end end
  t:ok(inked, 'text drew something')
  c:drawText(0, 0, 42)  -- numbers are written as text
  t:error(function() c:drawText(0, 0) end, 'bad argument #4')
  t:error(function() c:drawText('fill', 'x', 0, 'a') end, 'bad argument #3')
  t:error(function() c:measureText() end, 'bad argument #2')
end

function TestCompose(t)
  local src = canvas:new(4, 4)
  src:attrColor('red')
  src:drawRect('fill', 0, 0, 4, 4)
  local dst = canvas:new(10, 10)
  dst:attrColor(0, 0, 0, 0) -- clear() paints with the current colour
  dst:compose(1, 1, src)
  t:eq(px(dst, 1, 1), {255, 0, 0, 255})
  t:eq(px(dst, 5, 5), {0, 0, 0, 0})
  dst:clear()
  dst:compose(0, 0, src, 0, 0, 2, 2)
  t:eq(px(dst, 1, 1), {255, 0, 0, 255})
  t:eq(px(dst, 2, 2), {0, 0, 0, 0}, 'only the given rectangle')
  dst:compose(0, 0, dst) -- self-compose is allowed
  src:attrOpacity(0)
  dst:clear()
  dst:compose(0, 0, src)
  t:eq(px(dst, 1, 1), {0, 0, 0, 0}, 'opacity 0 draws nothing')
  t:error(function() dst:compose(0, 0, 'notacanvas') end, 'bad argument #4')
  t:error(function() dst:compose(0, 0) end, 'bad argument #4')
end

function TestClearIgnoresClip(t)
  local c = canvas:new(4, 4)
  c:attrClip(0, 0, 1, 1)
  c:attrColor('blue')
  c:clear()
  t:eq(px(c, 3, 3), {0, 0, 255, 255})
  c:attrColor(0, 0, 0, 0)
  c:clear(0, 0, 2, 2)
  t:eq(px(c, 1, 1), {0, 0, 0, 0})
  t:eq(px(c, 2, 2), {0, 0, 255, 255})
  t:error(function() c:clear(0, 0, 1) end, 'bad argument #5')
end

function TestPixel(t)
  local c = canvas:new(4, 4)
  c:pixel(1, 2, 10, 20, 30)
  t:eq(px(c, 1, 2), {10, 20, 30, 255})
  c:pixel(0, 0, 255, 0, 0, 255)
  t:eq(px(c, 0, 0), {255, 0, 0, 255})
  t:eq(px(c, -1, 0), {0, 0, 0, 0}, 'out of range reads 0,0,0,0')
  c:pixel(99, 99, 1, 1, 1) -- out of range writes nothing
  c:attrClip(0, 0, 1, 1)
  c:pixel(3, 3, 0, 255, 0)
  t:eq(px(c, 3, 3), {0, 255, 0, 255}, 'writes ignore the clip')
  t:error(function() c:pixel(0) end, 'bad argument #3')
  t:error(function() c:pixel(0, 0, 1, 2) end, 'bad argument #6')
end

function TestGlobalCanvasDoubleBuffered(t)
  canvas:attrColor('red')
  canvas:drawRect('fill', 0, 0, 10, 10)
  t:eq({t:frame(5, 5)}, {0, 0, 0, 0}, 'nothing shows before flush')
  t:eq(px(canvas, 5, 5), {255, 0, 0, 255}, 'pixel reads what was drawn (back buffer)')
  canvas:pixel(20, 20, 0, 0, 255)
  canvas:flush()
  t:eq({t:frame(5, 5)}, {255, 0, 0, 255})
  t:eq({t:frame(20, 20)}, {0, 0, 255, 255}, 'a pixel set before a flush survives it')
  canvas:attrColor('lime')
  canvas:drawRect('fill', 0, 0, 10, 10)
  t:eq({t:frame(5, 5)}, {255, 0, 0, 255}, 'still the flushed picture')
  canvas:flush()
  t:eq({t:frame(5, 5)}, {0, 255, 0, 255})
  local c = canvas:new(2, 2)
  c:flush() -- other canvases draw immediately; flush does nothing
end
