package nclua

import (
	"image"
	"image/color"
	"math"

	lua "github.com/yuin/gopher-lua"

	"github.com/antena-tv/antena/runtime/gfx"
)

func checkDrawMode(L *lua.LState, n int) gfx.DrawMode {
	s, ok := L.Get(n).(lua.LString)
	// The spellings apps use, without ParseDrawMode's case folding.
	switch s {
	case "fill":
		return gfx.Fill
	case "frame":
		return gfx.Frame
	}
	if !ok {
		L.ArgError(n, "mode string expected, got "+L.Get(n).Type().String())
	}
	m, err := gfx.ParseDrawMode(string(s))
	if err != nil {
		L.ArgError(n, "invalid mode '"+string(s)+"' (expected 'fill', 'frame' or 'arc')")
	}
	return m
}

// canvas:drawLine(x1, y1, x2, y2)
func canvasDrawLine(L *lua.LState) int {
	c := checkCanvas(L, 1)
	c.s.DrawLine(checkNumber(L, 2), checkNumber(L, 3), checkNumber(L, 4), checkNumber(L, 5))
	return 0
}

// canvas:drawRect(mode, x, y, w, h)
func canvasDrawRect(L *lua.LState) int {
	c := checkCanvas(L, 1)
	mode := checkDrawMode(L, 2)
	c.s.DrawRect(mode, checkNumber(L, 3), checkNumber(L, 4), checkNumber(L, 5), checkNumber(L, 6))
	return 0
}

// canvas:drawRoundRect(mode, x, y, w, h, r)
func canvasDrawRoundRect(L *lua.LState) int {
	c := checkCanvas(L, 1)
	mode := checkDrawMode(L, 2)
	c.s.DrawRoundRect(mode, checkNumber(L, 3), checkNumber(L, 4), checkNumber(L, 5), checkNumber(L, 6),
		checkNumber(L, 7))
	return 0
}

// maxPolygonPoints bounds a polygon drawer.
const maxPolygonPoints = 1 << 16

// canvas:drawPolygon(mode) -> drawer; drawer(x, y) -> drawer; drawer() draws.
func canvasDrawPolygon(L *lua.LState) int {
	c := checkCanvas(L, 1)
	ms := L.CheckString(2)
	mode, err := gfx.ParsePolygonMode(ms)
	if err != nil {
		L.ArgError(2, "invalid mode '"+ms+"' (expected 'fill', 'close' or 'open')")
	}
	var pts []gfx.Point
	done := false
	var drawer *lua.LFunction
	drawer = L.NewFunction(func(L *lua.LState) int {
		if done {
			L.RaiseError("polygon already drawn")
		}
		if L.GetTop() == 0 || L.Get(1) == lua.LNil {
			done = true
			c.s.DrawPolygon(mode, pts)
			return 0
		}
		if len(pts) >= maxPolygonPoints {
			L.RaiseError("too many polygon points (max %d)", maxPolygonPoints)
		}
		pts = append(pts, gfx.Point{X: checkNumber(L, 1), Y: checkNumber(L, 2)})
		L.Push(drawer)
		return 1
	})
	L.Push(drawer)
	return 1
}

// canvas:drawEllipse(mode, xc, yc, w, h[, a0 = 0, a1 = 360]); mode fill,
// frame or arc (the norm's name for frame).
func canvasDrawEllipse(L *lua.LState) int {
	c := checkCanvas(L, 1)
	mode := checkDrawMode(L, 2)
	xc, yc, w, h := checkNumber(L, 3), checkNumber(L, 4), checkNumber(L, 5), checkNumber(L, 6)
	a0, a1 := 0.0, 360.0
	if L.Get(7) != lua.LNil {
		a0 = checkNumber(L, 7)
	}
	if L.Get(8) != lua.LNil {
		a1 = checkNumber(L, 8)
	}
	c.s.DrawEllipse(mode, xc, yc, w, h, a0, a1)
	return 0
}

// canvas:drawText([mode = 'fill'], x, y, text); (x, y) is the top-left of
// the text's layout box.
func canvasDrawText(L *lua.LState) int {
	c := checkCanvas(L, 1)
	mode := gfx.Fill
	n := 2
	if _, ok := L.Get(2).(lua.LString); ok && L.GetTop() >= 5 {
		mode = checkDrawMode(L, 2)
		n = 3
	}
	x, y := checkNumber(L, n), checkNumber(L, n+1)
	text := L.CheckString(n + 2)
	c.s.DrawText(mode, int(math.Round(x)), int(math.Round(y)), text)
	return 0
}

// canvas:measureText(text) -> w, h
func canvasMeasureText(L *lua.LState) int {
	c := checkCanvas(L, 1)
	w, h := c.s.MeasureText(L.CheckString(2))
	L.Push(lua.LNumber(w))
	L.Push(lua.LNumber(h))
	return 2
}

// canvas:compose(x, y, src[, sx, sy, sw, sh])
func canvasCompose(L *lua.LState) int {
	c := checkCanvas(L, 1)
	x, y := checkNumber(L, 2), checkNumber(L, 3)
	src := checkCanvas(L, 4)
	if L.GetTop() >= 5 {
		r := checkRect(L, 5)
		c.s.ComposeRect(int(math.Round(x)), int(math.Round(y)), src.s, r)
		return 0
	}
	c.s.Compose(int(math.Round(x)), int(math.Round(y)), src.s)
	return 0
}

// canvas:pixel(x, y) -> r, g, b, a; canvas:pixel(x, y, r, g, b[, a]).
// Both act on the buffer the drawing calls use (for the global canvas, the
// back buffer), so a pixel set before a flush survives it and a read sees
// what was drawn (nclua works on the front buffer and loses both).
// Outside the canvas, reads give 0,0,0,0 and writes do nothing.
func canvasPixel(L *lua.LState) int {
	c := checkCanvas(L, 1)
	x, y := int(math.Floor(checkNumber(L, 2))), int(math.Floor(checkNumber(L, 3)))
	if L.GetTop() <= 3 {
		col := c.s.Pixel(x, y)
		L.Push(lua.LNumber(col.R))
		L.Push(lua.LNumber(col.G))
		L.Push(lua.LNumber(col.B))
		L.Push(lua.LNumber(col.A))
		return 4
	}
	r, g, b := checkNumber(L, 4), checkNumber(L, 5), checkNumber(L, 6)
	a := 255.0
	if L.Get(7) != lua.LNil {
		a = checkNumber(L, 7)
	}
	c.s.SetPixel(x, y, color.NRGBA{clampByte(r), clampByte(g), clampByte(b), clampByte(a)})
	return 0
}

// canvas:clear([x, y, w, h]) fills with the current colour, ignoring the
// clip.
func canvasClear(L *lua.LState) int {
	c := checkCanvas(L, 1)
	r := c.s.Bounds()
	if L.GetTop() > 1 {
		r = checkRect(L, 2)
	}
	c.s.Clear(r.Intersect(image.Rect(math.MinInt32, math.MinInt32, math.MaxInt32, math.MaxInt32)))
	return 0
}
