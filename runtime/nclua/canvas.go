package nclua

import (
	"fmt"
	"image"
	"image/draw"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	lua "github.com/yuin/gopher-lua"

	"github.com/antena-tv/antena/runtime/gfx"
	rlua "github.com/antena-tv/antena/runtime/lua"
)

const canvasTypeName = "nclua.canvas"

// canvas is the Go value behind a canvas userdata.
type canvas struct {
	s      *gfx.Surface
	global bool // the global canvas: double-buffered, flush shows it
	pixels int64

	antiAlias string // as the app set them, for the getters
	filter    string
}

// MemorySize counts the pixels in the app's memory estimate.
func (c *canvas) MemorySize() int64 { return c.pixels * 4 }

// canvasModule holds the global canvas, its front buffer (what the last
// flush showed) and the pixel budget.
type canvasModule struct {
	app    *App
	global *lua.LUserData
	gc     *canvas
	mt     *lua.LTable

	mu    sync.Mutex
	front *image.RGBA // guarded by mu

	live atomic.Int64 // pixels of canvases not yet collected
}

func newCanvasModule(a *App) (*canvasModule, error) {
	m := &canvasModule{app: a}
	s, err := gfx.NewSurface(a.opts.Width, a.opts.Height)
	if err != nil {
		return nil, err
	}
	L := a.vm.State()
	m.mt = L.NewTypeMetatable(canvasTypeName)
	methods := L.SetFuncs(L.NewTable(), m.api())
	m.mt.RawSetString("__index", methods)
	m.mt.RawSetString("__tostring", L.NewFunction(canvasToString))
	m.mt.RawSetString("__metatable", lua.LString(canvasTypeName))
	m.gc = &canvas{s: s, global: true, antiAlias: "default", filter: "good"}
	pixels := int64(a.opts.Width) * int64(a.opts.Height)
	m.gc.pixels = 2 * pixels // back and front
	m.live.Add(m.gc.pixels)
	m.global = m.wrap(L, m.gc)
	m.front = image.NewRGBA(s.Bounds())
	return m, nil
}

func (m *canvasModule) loader(L *lua.LState) int {
	L.Push(m.global)
	return 1
}

func (m *canvasModule) wrap(L *lua.LState, c *canvas) *lua.LUserData {
	ud := L.NewUserData()
	ud.Value = c
	L.SetMetatable(ud, m.mt)
	return ud
}

// frame returns a copy of the front buffer.
func (m *canvasModule) frame() *image.RGBA {
	m.mu.Lock()
	defer m.mu.Unlock()
	cp := image.NewRGBA(m.front.Rect)
	copy(cp.Pix, m.front.Pix)
	return cp
}

func checkCanvas(L *lua.LState, n int) *canvas {
	if ud, ok := L.Get(n).(*lua.LUserData); ok {
		if c, ok := ud.Value.(*canvas); ok {
			return c
		}
	}
	L.ArgError(n, "canvas expected, got "+L.Get(n).Type().String())
	return nil
}

func canvasToString(L *lua.LState) int {
	c := checkCanvas(L, 1)
	w, h := c.s.Size()
	L.Push(lua.LString(fmt.Sprintf("canvas: %dx%d", w, h)))
	return 1
}

func (m *canvasModule) api() map[string]lua.LGFunction {
	return map[string]lua.LGFunction{
		"new":           m.canvasNew,
		"attrSize":      canvasAttrSize,
		"attrColor":     canvasAttrColor,
		"attrFont":      canvasAttrFont,
		"attrClip":      canvasAttrClip,
		"attrCrop":      canvasAttrCrop,
		"attrFlip":      canvasAttrFlip,
		"attrOpacity":   canvasAttrOpacity,
		"attrRotation":  canvasAttrRotation,
		"attrScale":     canvasAttrScale,
		"attrAntiAlias": canvasAttrAntiAlias,
		"attrFilter":    canvasAttrFilter,
		"attrLineWidth": canvasAttrLineWidth,
		"drawLine":      canvasDrawLine,
		"drawRect":      canvasDrawRect,
		"drawRoundRect": canvasDrawRoundRect,
		"drawPolygon":   canvasDrawPolygon,
		"drawEllipse":   canvasDrawEllipse,
		"drawText":      canvasDrawText,
		"measureText":   canvasMeasureText,
		"compose":       canvasCompose,
		"pixel":         canvasPixel,
		"clear":         canvasClear,
		"flush":         m.canvasFlush,
	}
}

// canvas:new(path) or canvas:new(w, h) -> c; the dot form canvas.new(...)
// works too. A missing or unreadable image returns nil and a message.
// Only the canvas is returned (not w, h): a canvas made inline, as in
// canvas:compose(x, y, canvas:new('a.png')), must not turn its size into
// compose's source rectangle.
func (m *canvasModule) canvasNew(L *lua.LState) int {
	base := 1
	if ud, ok := L.Get(1).(*lua.LUserData); ok {
		if _, ok := ud.Value.(*canvas); ok {
			base = 2
		}
	}
	var s *gfx.Surface
	switch v := L.Get(base).(type) {
	case lua.LString:
		name := path.Clean(strings.TrimPrefix(string(v), "./"))
		if !fs.ValidPath(name) || m.app.opts.FS == nil {
			L.Push(lua.LNil)
			L.Push(lua.LString("file not found: " + string(v)))
			return 2
		}
		img, err := gfx.LoadImage(m.app.opts.FS, name)
		if err != nil {
			L.Push(lua.LNil)
			if errorsIsNotExist(err) {
				L.Push(lua.LString("file not found: " + string(v)))
			} else {
				L.Push(lua.LString(err.Error()))
			}
			return 2
		}
		s = img.Surface
	case lua.LNumber:
		w := L.CheckInt(base)
		h := L.CheckInt(base + 1)
		if w < 0 || w > gfx.MaxSurfaceSide {
			L.ArgError(base, fmt.Sprintf("width %d out of range 0..%d", w, gfx.MaxSurfaceSide))
		}
		if h < 0 || h > gfx.MaxSurfaceSide {
			L.ArgError(base+1, fmt.Sprintf("height %d out of range 0..%d", h, gfx.MaxSurfaceSide))
		}
		m.reserve(L, int64(w)*int64(h))
		var err error
		if s, err = gfx.NewSurface(w, h); err != nil {
			L.RaiseError("%v", err)
		}
	default:
		L.ArgError(base, "image path or width expected, got "+v.Type().String())
		return 0
	}
	w, h := s.Size()
	c := &canvas{s: s, pixels: int64(w) * int64(h), antiAlias: "default", filter: "good"}
	if L.Get(base).Type() == lua.LTString {
		m.reserve(L, c.pixels)
	}
	m.live.Add(c.pixels)
	runtime.AddCleanup(c, func(n int64) { m.live.Add(-n) }, c.pixels)
	L.Push(m.wrap(L, c))
	return 1
}

// reserve checks the pixel budget for n more pixels. Canvases the app no
// longer holds count until Go's collector finds them, so when the count
// is over budget the reachable canvases are counted exactly; an app that
// really holds too many pixels is stopped (ErrMemory).
func (m *canvasModule) reserve(L *lua.LState, n int64) {
	budget := m.app.opts.CanvasPixels
	if m.live.Load()+n <= budget {
		return
	}
	held := m.app.vm.ReachableSize(func(ud *lua.LUserData) int64 {
		if c, ok := ud.Value.(*canvas); ok {
			return c.pixels
		}
		return 0
	})
	if held+n > budget {
		msg := fmt.Sprintf("canvases would hold %d pixels, budget %d", held+n, budget)
		m.app.vm.Fail(rlua.ErrMemory, msg)
		L.RaiseError("%s", msg)
	}
}

// canvas:flush(): the global canvas shows what was drawn since the last
// flush; other canvases draw immediately, so flush does nothing there.
func (m *canvasModule) canvasFlush(L *lua.LState) int {
	c := checkCanvas(L, 1)
	if !c.global {
		return 0
	}
	rects := c.s.TakeDamage()
	if len(rects) == 0 {
		return 0
	}
	src := c.s.Image()
	m.mu.Lock()
	for _, r := range rects {
		draw.Draw(m.front, r, src, r.Min, draw.Src)
	}
	m.mu.Unlock()
	if layer := m.app.opts.Layer; layer != nil {
		layer.Update(func(s *gfx.Surface) {
			for _, r := range rects {
				draw.Draw(s.Image(), r, src, r.Min, draw.Src)
				s.Invalidate(r)
			}
		})
	}
	if m.app.opts.OnFlush != nil {
		m.app.opts.OnFlush(rects)
	}
	return 0
}
