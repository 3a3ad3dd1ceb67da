package gfx

import "errors"

// Sentinel errors. Callers test them with errors.Is; the messages that wrap
// them carry the numbers.
var (
	// ErrImageFormat reports data that is not a PNG, JPEG or GIF image.
	ErrImageFormat = errors.New("gfx: unknown image format")
	// ErrImageTooLarge reports an image whose declared or decoded size is
	// over the Limits in force.
	ErrImageTooLarge = errors.New("gfx: image too large")
	// ErrImageCorrupt reports an image that the decoder could not read:
	// corrupt or truncated data.
	ErrImageCorrupt = errors.New("gfx: corrupt image")
	// ErrFrameIndex reports an animation frame index out of range.
	ErrFrameIndex = errors.New("gfx: frame index out of range")
	// ErrFontSize reports a font size outside [MinFontSize, MaxFontSize].
	ErrFontSize = errors.New("gfx: font size out of range")
	// ErrFontStyle reports a font style name that ParseStyle does not know.
	ErrFontStyle = errors.New("gfx: unknown font style")
	// ErrDrawMode reports a drawing mode name that ParseDrawMode or
	// ParsePolygonMode does not know.
	ErrDrawMode = errors.New("gfx: unknown draw mode")
	// ErrSurfaceSize reports a surface size that is negative or over
	// MaxSurfaceSide.
	ErrSurfaceSize = errors.New("gfx: bad surface size")
)
