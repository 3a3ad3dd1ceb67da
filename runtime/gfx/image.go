package gfx

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
)

// Limits bound what an image may cost before it is decoded; a zero field
// takes its value from DefaultLimits. An image is
// checked against them from its header (image.DecodeConfig, and a scan of
// a GIF's blocks) before any pixel is decoded, so that a hostile or corrupt
// file is a clear error, never a crash or an out-of-memory.
type Limits struct {
	MaxWidth, MaxHeight int   // per side, in pixels
	MaxPixels           int   // width × height
	MaxAnimationPixels  int   // the sum of all frames' pixels of a GIF
	MaxBytes            int64 // encoded size
}

// DefaultLimits are used by DecodeImage and LoadImage: 4096×4096, 16
// Mpixel (64 MiB premultiplied), 64 Mpixel over all GIF frames (kept
// palettised, one byte a pixel), 32 MiB of encoded data.
var DefaultLimits = Limits{
	MaxWidth:           4096,
	MaxHeight:          4096,
	MaxPixels:          16 << 20,
	MaxAnimationPixels: 64 << 20,
	MaxBytes:           32 << 20,
}

// Image is a decoded image: its first frame as a premultiplied Surface and,
// for an animated GIF, all its frames.
type Image struct {
	Format  string   // "png", "jpeg" or "gif"
	Surface *Surface // the first frame, converted once to premultiplied RGBA
	anim    *Animation
}

// Animation returns the frames of an animated GIF, or nil for a still image.
func (im *Image) Animation() *Animation { return im.anim }

// DecodeImage decodes a PNG, JPEG or GIF with DefaultLimits.
func DecodeImage(r io.Reader) (*Image, error) { return DefaultLimits.Decode(r) }

// LoadImage opens name in fsys and decodes it with DefaultLimits.
func LoadImage(fsys fs.FS, name string) (*Image, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	im, err := DefaultLimits.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return im, nil
}

// Decode decodes a PNG, JPEG or GIF (the format is told by its signature)
// within l. Errors wrap ErrImageFormat, ErrImageTooLarge or ErrImageCorrupt;
// errors reading r are returned as they are.
func (l Limits) Decode(r io.Reader) (im *Image, err error) {
	l = l.orDefault()
	data, err := io.ReadAll(io.LimitReader(r, l.MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > l.MaxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrImageTooLarge, l.MaxBytes)
	}
	return l.DecodeBytes(data)
}

// DecodeBytes is Decode on a byte slice.
func (l Limits) DecodeBytes(data []byte) (im *Image, err error) {
	l = l.orDefault()
	defer func() {
		// The standard decoders are not expected to panic; if one does on
		// hostile input, that is a corrupt image, not a dead box.
		if p := recover(); p != nil {
			im, err = nil, fmt.Errorf("%w: decoder panic: %v", ErrImageCorrupt, p)
		}
	}()
	format := sniff(data)
	var cfg image.Config
	switch format {
	case "png":
		// The declared size first: on 32-bit targets image/png refuses a
		// huge one itself, as a format error rather than a size error.
		if w, h, ok := pngSize(data); ok && (w > int64(l.MaxWidth) || h > int64(l.MaxHeight)) {
			return nil, fmt.Errorf("%w: %dx%d (limits %dx%d)", ErrImageTooLarge, w, h, l.MaxWidth, l.MaxHeight)
		}
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	case "gif":
		cfg, err = gif.DecodeConfig(bytes.NewReader(data))
	default:
		return nil, ErrImageFormat
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s header: %v", ErrImageCorrupt, format, err)
	}
	if err := l.check(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	if format == "gif" {
		return l.decodeGIF(data, cfg)
	}
	var img image.Image
	if format == "png" {
		img, err = png.Decode(bytes.NewReader(data))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrImageCorrupt, format, err)
	}
	return &Image{Format: format, Surface: toSurface(img)}, nil
}

func (l Limits) orDefault() Limits {
	d := DefaultLimits
	pick := func(v, def int) int {
		if v > 0 {
			return v
		}
		return def
	}
	l.MaxWidth = pick(l.MaxWidth, d.MaxWidth)
	l.MaxHeight = pick(l.MaxHeight, d.MaxHeight)
	l.MaxPixels = pick(l.MaxPixels, d.MaxPixels)
	l.MaxAnimationPixels = pick(l.MaxAnimationPixels, d.MaxAnimationPixels)
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	return l
}

func (l Limits) check(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: empty image %dx%d", ErrImageCorrupt, w, h)
	}
	if w > l.MaxWidth || h > l.MaxHeight || int64(w)*int64(h) > int64(l.MaxPixels) {
		return fmt.Errorf("%w: %dx%d (limits %dx%d, %d pixels)", ErrImageTooLarge, w, h, l.MaxWidth, l.MaxHeight, l.MaxPixels)
	}
	return nil
}

// pngSize reads the size declared by a PNG's IHDR chunk.
//
// Specification: PNG (ISO/IEC 15948), 11.2.2 IHDR.
func pngSize(b []byte) (w, h int64, ok bool) {
	const ihdrEnd = 8 + 8 + 8 // signature, chunk length and type, width and height
	if len(b) < ihdrEnd || string(b[12:16]) != "IHDR" {
		return 0, 0, false
	}
	return int64(binary.BigEndian.Uint32(b[16:])), int64(binary.BigEndian.Uint32(b[20:])), true
}

// sniff tells the format from the signature.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(b, []byte("\xff\xd8")):
		return "jpeg"
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "gif"
	}
	return ""
}
