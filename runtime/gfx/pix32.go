//go:build 386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64 || wasm

package gfx

import (
	"image"
	"unsafe"
)

// row32 returns n pixels of img's row y, from x, as packed uint32s: one
// load and one store a pixel instead of four, which is most of the speed of
// the blend loops. It reinterprets the Pix bytes in place, so it holds for
// little-endian targets only (R in the low byte; every set-top box and
// desktop target is little-endian: this file's build constraint lists
// them), and needs Pix to be 4-byte aligned, which it is for every image
// allocated by image.NewRGBA (NewSurfaceFromRGBA copies others).
func row32(img *image.RGBA, x, y, n int) []uint32 {
	if n <= 0 {
		return nil
	}
	i := img.PixOffset(x, y)
	b := img.Pix[i : i+4*n]
	return unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(b))), n)
}

// aligned reports whether img's pixels can be viewed by row32.
func aligned(img *image.RGBA) bool {
	return len(img.Pix) == 0 || uintptr(unsafe.Pointer(unsafe.SliceData(img.Pix)))%4 == 0 && img.Stride%4 == 0
}
