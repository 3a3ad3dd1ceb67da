package nclua

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io/fs"
	"math"

	lua "github.com/yuin/gopher-lua"

	"github.com/antena-tv/antena/runtime/gfx"
)

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

func clampByte(f float64) uint8 {
	if f != f {
		return 0
	}
	return uint8(math.Round(min(max(f, 0), 255)))
}

// checkNumber is L.CheckNumber that also refuses NaN. A number (the
// common case) is taken straight from the stack; the rest (numeric
// strings, errors) goes through L.CheckNumber in checkNumberSlow.
func checkNumber(L *lua.LState, n int) float64 {
	if v, ok := L.Get(n).(lua.LNumber); ok && v == v {
		return float64(v)
	}
	return checkNumberSlow(L, n)
}

func checkNumberSlow(L *lua.LState, n int) float64 {
	f := float64(L.CheckNumber(n))
	if f != f {
		L.ArgError(n, "number expected, got nan")
	}
	return f
}

func checkRect(L *lua.LState, n int) image.Rectangle {
	x, y := checkNumber(L, n), checkNumber(L, n+1)
	w, h := checkNumber(L, n+2), checkNumber(L, n+3)
	if w < 0 {
		L.ArgError(n+2, "negative width")
	}
	if h < 0 {
		L.ArgError(n+3, "negative height")
	}
	return image.Rect(int(x), int(y), int(x+w), int(y+h))
}

func pushRect(L *lua.LState, r image.Rectangle) int {
	L.Push(lua.LNumber(r.Min.X))
	L.Push(lua.LNumber(r.Min.Y))
	L.Push(lua.LNumber(r.Dx()))
	L.Push(lua.LNumber(r.Dy()))
	return 4
}

// canvas:attrSize() -> w, h, sw, sh (sw, sh: after crop, scale, rotation)
func canvasAttrSize(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() > 1 {
		L.RaiseError("attrSize is read-only")
	}
	w, h := c.s.Size()
	sw, sh := c.s.TransformedSize()
	L.Push(lua.LNumber(w))
	L.Push(lua.LNumber(h))
	L.Push(lua.LNumber(sw))
	L.Push(lua.LNumber(sh))
	return 4
}

// canvas:attrColor() -> r,g,b,a; (r,g,b[,a]); (name[,a]) -> ok[,err]
func canvasAttrColor(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() == 1 {
		col := c.s.Color()
		L.Push(lua.LNumber(col.R))
		L.Push(lua.LNumber(col.G))
		L.Push(lua.LNumber(col.B))
		L.Push(lua.LNumber(col.A))
		return 4
	}
	if name, ok := L.Get(2).(lua.LString); ok {
		col, found := lookupColor(string(name))
		if !found {
			L.Push(lua.LFalse)
			L.Push(lua.LString(fmt.Sprintf("unknown color '%s'", name)))
			return 2
		}
		if L.Get(3) != lua.LNil {
			col.A = clampByte(checkNumber(L, 3))
		}
		c.s.SetColor(col)
		L.Push(lua.LTrue)
		return 1
	}
	r, g, b := checkNumber(L, 2), checkNumber(L, 3), checkNumber(L, 4)
	a := 255.0
	if L.Get(5) != lua.LNil {
		a = checkNumber(L, 5)
	}
	c.s.SetColor(color.NRGBA{clampByte(r), clampByte(g), clampByte(b), clampByte(a)})
	return 0
}

// canvas:attrFont() -> face, size, style; (face, size[, style]). Sizes are
// pixels (the norm's unit; nclua uses points). Styles: the norm's normal,
// bold, italic, bold-italic, and nclua's WEIGHT-SLANT.
func canvasAttrFont(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() == 1 {
		f := c.s.Font()
		L.Push(lua.LString(f.Face))
		L.Push(lua.LNumber(f.Size))
		L.Push(lua.LString(f.Style.String()))
		return 3
	}
	face := L.CheckString(2)
	size := checkNumber(L, 3)
	style := gfx.StyleNormal
	if v := L.Get(4); v != lua.LNil {
		s, ok := v.(lua.LString)
		if !ok {
			L.ArgError(4, "style string expected, got "+v.Type().String())
		}
		var err error
		if style, err = gfx.ParseStyle(string(s)); err != nil {
			L.ArgError(4, fmt.Sprintf("unknown font style '%s'", s))
		}
	}
	if err := c.s.SetFont(gfx.Font{Face: face, Size: int(math.Round(size)), Style: style}); err != nil {
		L.ArgError(3, fmt.Sprintf("font size %v out of range %d..%d", size, gfx.MinFontSize, gfx.MaxFontSize))
	}
	return 0
}

// canvas:attrClip() -> x,y,w,h; (x,y,w,h)
func canvasAttrClip(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() == 1 {
		return pushRect(L, c.s.Clip())
	}
	c.s.SetClip(checkRect(L, 2))
	return 0
}

// canvas:attrCrop() -> x,y,w,h; (x,y,w,h)
func canvasAttrCrop(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() == 1 {
		return pushRect(L, c.s.Crop())
	}
	c.s.SetCrop(checkRect(L, 2))
	return 0
}

// canvas:attrFlip() -> fx, fy; (fx, fy)
func canvasAttrFlip(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() == 1 {
		h, v := c.s.Flip()
		L.Push(lua.LBool(h))
		L.Push(lua.LBool(v))
		return 2
	}
	for i := 2; i <= 3; i++ {
		if _, ok := L.Get(i).(lua.LBool); !ok {
			L.ArgError(i, "boolean expected, got "+L.Get(i).Type().String())
		}
	}
	c.s.SetFlip(L.ToBool(2), L.ToBool(3))
	return 0
}

// canvas:attrOpacity() -> a; (a) with a clamped to 0..255
func canvasAttrOpacity(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() == 1 {
		L.Push(lua.LNumber(c.s.Opacity()))
		return 1
	}
	c.s.SetOpacity(clampByte(checkNumber(L, 2)))
	return 0
}

// canvas:attrRotation() -> deg; (deg), clockwise
func canvasAttrRotation(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() == 1 {
		L.Push(lua.LNumber(c.s.Rotation()))
		return 1
	}
	c.s.SetRotation(checkNumber(L, 2))
	return 0
}

// canvas:attrScale() -> sx, sy; (sx, sy), each clamped to >= 0
func canvasAttrScale(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() == 1 {
		sx, sy := c.s.Scale()
		L.Push(lua.LNumber(sx))
		L.Push(lua.LNumber(sy))
		return 2
	}
	c.s.SetScale(checkNumber(L, 2), checkNumber(L, 3))
	return 0
}

// canvas:attrAntiAlias() -> mode; (mode): default, none, gray, subpixel,
// fast, good, best ("none" turns anti-aliasing off).
func canvasAttrAntiAlias(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() == 1 {
		L.Push(lua.LString(c.antiAlias))
		return 1
	}
	mode := L.CheckString(2)
	switch mode {
	case "default", "gray", "subpixel", "fast", "good", "best":
		c.s.SetAntiAlias(true)
	case "none":
		c.s.SetAntiAlias(false)
	default:
		L.ArgError(2, fmt.Sprintf("unknown antialias mode '%s'", mode))
	}
	c.antiAlias = mode
	return 0
}

// canvas:attrFilter() -> f; (f): fast, good, best, nearest, bilinear
func canvasAttrFilter(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() == 1 {
		L.Push(lua.LString(c.filter))
		return 1
	}
	f := L.CheckString(2)
	switch f {
	case "fast", "nearest":
		c.s.SetFilter(gfx.FilterNearest)
	case "good", "best", "bilinear":
		c.s.SetFilter(gfx.FilterBilinear)
	default:
		L.ArgError(2, fmt.Sprintf("unknown filter '%s'", f))
	}
	c.filter = f
	return 0
}

// canvas:attrLineWidth() -> w; (w)
func canvasAttrLineWidth(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if L.GetTop() == 1 {
		L.Push(lua.LNumber(c.s.LineWidth()))
		return 1
	}
	w := checkNumber(L, 2)
	if w < 0 {
		L.ArgError(2, "negative line width")
	}
	c.s.SetLineWidth(w)
	return 0
}
