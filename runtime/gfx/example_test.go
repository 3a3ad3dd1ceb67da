package gfx_test

import (
	"fmt"
	"image"
	"image/color"

	"github.com/antena-tv/antena/hardware/memory"
	"github.com/antena-tv/antena/runtime/gfx"
)

// An app draws on its own (back) canvas and flushes it to its layer; the
// screen loop composes and presents only what changed.
func ExampleCompositor() {
	c, _ := gfx.NewCompositor(320, 180)
	display := memory.NewDisplay(320, 180)
	present := func() {
		if dirty := c.Compose(); len(dirty) > 0 {
			_ = display.Present(c.Frame(), dirty)
			fmt.Println("presented", dirty)
		} else {
			fmt.Println("nothing to present")
		}
	}
	present()

	layer, _ := c.NewLayer(gfx.PlaneApps, image.Rect(20, 20, 220, 120))
	canvas, _ := gfx.NewSurface(200, 100)
	canvas.SetColor(color.NRGBA{0, 0, 0, 200})
	canvas.DrawRoundRect(gfx.Fill, 0, 0, 200, 40, 8)
	canvas.SetColor(color.NRGBA{255, 255, 255, 255})
	_ = canvas.SetFont(gfx.Font{Face: "vera", Size: 20})
	canvas.DrawText(gfx.Fill, 10, 8, "Olá!")
	present() // not flushed yet
	layer.Flush(canvas)
	present()
	present()
	fmt.Println("frames:", display.Frames())
	// Output:
	// presented [(0,0)-(320,180)]
	// nothing to present
	// presented [(20,20)-(220,60)]
	// nothing to present
	// frames: 2
}
