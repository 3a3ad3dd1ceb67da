package gfx

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/gif"
	"time"
)

// decodeGIF scans the blocks first, so that the sum of the frames' pixels
// is known before image/gif allocates them (LZW can expand a few bytes into
// a full frame, so the file size says nothing).
func (l Limits) decodeGIF(data []byte, cfg image.Config) (*Image, error) {
	frames, pixels := scanGIF(data)
	if pixels > int64(l.MaxAnimationPixels) {
		return nil, fmt.Errorf("%w: GIF of %d frames, %d pixels in all (limit %d)",
			ErrImageTooLarge, frames, pixels, l.MaxAnimationPixels)
	}
	g, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: gif: %v", ErrImageCorrupt, err)
	}
	if len(g.Image) == 0 {
		return nil, fmt.Errorf("%w: gif: no frames", ErrImageCorrupt)
	}
	a := &Animation{g: g, bounds: image.Rect(0, 0, cfg.Width, cfg.Height)}
	first, err := a.Frame(0)
	if err != nil {
		return nil, err
	}
	im := &Image{Format: "gif", Surface: first}
	if len(g.Image) > 1 {
		im.anim = a
	}
	return im, nil
}

// scanGIF walks the GIF block structure without decoding pixels and
// returns the number of image descriptors and the sum of their areas. It
// stops quietly at the first inconsistency; the decoder then reports it.
//
// Specification: GIF89a, sections 17-27.
func scanGIF(b []byte) (frames int, pixels int64) {
	const headerLen = 13 // signature, version, logical screen descriptor
	if len(b) < headerLen {
		return 0, 0
	}
	i := headerLen
	if flags := b[10]; flags&0x80 != 0 { // global colour table
		i += 3 << (flags&7 + 1)
	}
	skipSubBlocks := func() bool {
		for i < len(b) {
			n := int(b[i])
			i += 1 + n
			if n == 0 {
				return true
			}
		}
		return false
	}
	for i < len(b) {
		switch b[i] {
		case 0x21: // extension: label, sub-blocks
			i += 2
			if !skipSubBlocks() {
				return frames, pixels
			}
		case 0x2c: // image descriptor
			if i+10 > len(b) {
				return frames, pixels
			}
			w := int(binary.LittleEndian.Uint16(b[i+5:]))
			h := int(binary.LittleEndian.Uint16(b[i+7:]))
			flags := b[i+9]
			frames++
			pixels += int64(w) * int64(h)
			i += 10
			if flags&0x80 != 0 { // local colour table
				i += 3 << (flags&7 + 1)
			}
			i++ // LZW minimum code size
			if !skipSubBlocks() {
				return frames, pixels
			}
		default: // 0x3b trailer, or garbage
			return frames, pixels
		}
	}
	return frames, pixels
}

// Animation holds the frames of an animated GIF as decoded (palettised, one
// byte a pixel) and renders full frames on demand, applying each frame's
// disposal. It is not safe for concurrent use.
type Animation struct {
	g      *gif.GIF
	bounds image.Rectangle
	canvas *image.RGBA // frame next-1 as shown
	next   int
	saved  *image.RGBA // for DisposalPrevious
}

// Len returns the number of frames.
func (a *Animation) Len() int { return len(a.g.Image) }

// Size returns the logical screen size of the GIF.
func (a *Animation) Size() (w, h int) { return a.bounds.Dx(), a.bounds.Dy() }

// Delay returns how long frame i is shown.
func (a *Animation) Delay(i int) time.Duration {
	if i < 0 || i >= len(a.g.Delay) {
		return 0
	}
	return time.Duration(a.g.Delay[i]) * 10 * time.Millisecond
}

// LoopCount returns the GIF's loop count: 0 loops forever, -1 shows the
// frames once, n > 0 shows them n+1 times.
func (a *Animation) LoopCount() int { return a.g.LoopCount }

// Frame returns frame i as it is shown (earlier frames and disposals
// applied), as a new Surface. Going forward one frame at a time costs one
// frame's pixels; going back starts again from frame 0.
func (a *Animation) Frame(i int) (*Surface, error) {
	if i < 0 || i >= len(a.g.Image) {
		return nil, fmt.Errorf("%w: %d of %d", ErrFrameIndex, i, len(a.g.Image))
	}
	if a.canvas == nil || i < a.next-1 {
		a.canvas = image.NewRGBA(a.bounds)
		a.next = 0
		a.saved = nil
	}
	for a.next <= i {
		a.step()
	}
	cp := image.NewRGBA(a.bounds)
	copy(cp.Pix, a.canvas.Pix)
	s := newSurface(cp)
	s.opaque = allOpaque(cp)
	return s, nil
}

// step applies the previous frame's disposal, then draws frame a.next.
func (a *Animation) step() {
	if k := a.next - 1; k >= 0 && k < len(a.g.Disposal) {
		r := a.g.Image[k].Rect.Intersect(a.bounds)
		switch a.g.Disposal[k] {
		case gif.DisposalBackground:
			fillRect(a.canvas, r, colorTransparent, true)
		case gif.DisposalPrevious:
			if a.saved != nil {
				copy(a.canvas.Pix, a.saved.Pix)
			}
		}
	}
	m := a.g.Image[a.next]
	if a.next < len(a.g.Disposal) && a.g.Disposal[a.next] == gif.DisposalPrevious {
		if a.saved == nil {
			a.saved = image.NewRGBA(a.bounds)
		}
		copy(a.saved.Pix, a.canvas.Pix)
	}
	t := premulPalette(m.Palette)
	r := m.Rect.Intersect(a.bounds)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		si := m.PixOffset(r.Min.X, y)
		di := a.canvas.PixOffset(r.Min.X, y)
		d := a.canvas.Pix[di : di+4*r.Dx()]
		for x, v := range m.Pix[si : si+r.Dx()] {
			if p := t[v]; p>>24 != 0 {
				binary.LittleEndian.PutUint32(d[4*x:], overPixel(p, binary.LittleEndian.Uint32(d[4*x:])))
			}
		}
	}
	a.next++
}
