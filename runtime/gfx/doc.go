// Package gfx is Antena's software canvas: everything an app draws, drawn
// in pure Go so that a golden screenshot means the same on every machine
// (ARM box or desktop); SDL or a framebuffer only present the frames.
//
// # Surfaces
//
// A Surface is premultiplied RGBA backed by an *image.RGBA (which the
// standard library defines as premultiplied). That choice costs nothing and
// buys a lot: the hardware.Display interface takes an *image.RGBA, so a
// frame is presented without conversion; image/png encodes screenshots
// directly; x/image/vector and image/draw accept it as a destination; and
// the hot loops below still get plain Pix/Stride access. A Surface carries
// the state of an NCLua canvas (colour, clip, font, line width,
// anti-aliasing) and the attributes used when it is composed onto another
// (crop, flip, scale, rotation, opacity, filter), and it records the
// rectangles its operations change (TakeDamage).
//
// The drawing operations are those of the NCLua canvas (NCLUA-API.md §1.3):
// DrawLine, DrawRect, DrawRoundRect, DrawPolygon, DrawEllipse (with
// angles), DrawText, MeasureText, Pixel/SetPixel, Clear and
// Compose/ComposeRect. Shapes are flattened to polygons, clipped, and
// rasterized with golang.org/x/image/vector (anti-aliased, non-zero
// winding); strokes are built here as polygons (square caps, mitred joins)
// because vector only fills. Geometry conventions (which pixels a shape
// covers) are documented in shapes.go.
//
// # What is hand-written, and why
//
// Compositing is the hot path of every frame, so the loops that touch many
// pixels are hand-written (blend.go, pix32.go: rows are viewed in place as
// uint32 pixels, so the package builds for little-endian targets only, which
// all boxes and desktops are): premultiplied "over" (with and
// without an opacity), solid fills, mask fills and row copies, working on
// a pixel as one uint32 and two channels per multiply. image/draw's
// draw.Over blends a full 1080p layer in about 11 ms on this class of
// machine; these loops do it in about a third of that (see the benchmarks,
// which run image/draw beside them). A Surface also knows when all its
// pixels are opaque (kept exactly: "over" never makes an opaque pixel
// translucent), and then it is copied, not blended, and whatever is under it
// is not drawn at all. Scaled and rotated composition samples the source by
// hand too (nearest or bilinear, transparent outside the source so that
// edges are smooth).
//
// # Text
//
// The bundled DejaVu fonts (Sans, Serif, Sans Mono; normal, bold, oblique or
// italic, bold-oblique; licence in fonts/LICENSE) are parsed with
// golang.org/x/image/font/opentype, lazily. Face names map to them with
// FamilyOf ("vera", "Tiresias" → Sans, "Times" → Serif, "Courier" → Mono,
// anything else → Sans); sizes are pixels. Layout is done here rather than
// with font.Drawer, for four reasons: opentype.Face scales kerning wrongly
// (it passes the units per em as the pixel size), it rasterizes every
// glyph on every call (we cache one mask per glyph and size), it cannot
// place a combining mark that has no precomposed letter (Guarani g̃; see
// marks.go), and one layout function shared by DrawText, MeasureText and
// TextInk makes the measured width exactly the drawn width. Metrics and
// advances are whole pixels (font.HintingFull). Faces are cached per
// (family, style, size), bounded in number and glyph memory.
//
// # Images
//
// DecodeImage reads PNG, JPEG and GIF (told by signature), converts once to
// premultiplied, and checks Limits from the header before decoding (and
// walks a GIF's blocks to sum its frames first), so a corrupt, truncated or
// oversized file is an error wrapping ErrImageCorrupt or ErrImageTooLarge,
// not a crash or an out-of-memory. An animated GIF keeps all its frames
// (palettised) in an Animation.
//
// # Compositor
//
// A Compositor composes planes, bottom to top: video, apps, on-screen
// display, alert. The video plane shows colour bars or a solid colour in a
// movable rectangle (black around it), or, later, the broadcast picture
// through the VideoSource hook (not implemented here). Layers are surfaces
// with bounds, plane, z-order, visibility and opacity; every change records
// damage, and Compose redraws only the damaged rectangles, starting from the
// topmost layer that covers a rectangle opaquely. An unchanged frame costs
// nothing and returns no rectangles; a small change costs a small copy.
package gfx
