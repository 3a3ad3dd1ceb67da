package nclua

import "testing"

func TestLuaCanvas(t *testing.T) {
	RunLuaTestFile(t, "test_canvas.lua", Options{Width: 64, Height: 48})
}
