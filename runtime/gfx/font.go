package gfx

import (
	"embed"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

//go:embed fonts/*.ttf fonts/LICENSE
var fontFiles embed.FS

// FontLicense returns the licence of the bundled fonts, which must ship
// with any binary that contains them (an "about" screen or a --licenses
// flag can print it).
func FontLicense() string {
	b, _ := fontFiles.ReadFile("fonts/LICENSE")
	return string(b)
}

// Family is one of the bundled type families.
type Family uint8

// The bundled families: DejaVu Sans, DejaVu Serif and DejaVu Sans Mono.
const (
	Sans Family = iota
	Serif
	Mono
)

// String returns "sans", "serif" or "mono".
func (f Family) String() string {
	switch f {
	case Serif:
		return "serif"
	case Mono:
		return "mono"
	}
	return "sans"
}

// Style is a font weight and slant.
type Style uint8

// Styles.
const (
	StyleNormal Style = iota
	StyleBold
	StyleItalic
	StyleBoldItalic
)

// String returns "normal", "bold", "italic" or "bold-italic".
func (s Style) String() string {
	switch s {
	case StyleBold:
		return "bold"
	case StyleItalic:
		return "italic"
	case StyleBoldItalic:
		return "bold-italic"
	}
	return "normal"
}

// Font sizes are in pixels (the em size). MaxFontSize keeps a script from
// asking for glyphs the size of a house.
const (
	MinFontSize = 1
	MaxFontSize = 512
)

// Font is what a canvas asks for: a face name as the app gave it, a size in
// pixels and a style. The face name is mapped to a bundled family by
// FamilyOf.
type Font struct {
	Face  string
	Size  int
	Style Style
}

// DefaultFont is the font of a new Surface.
var DefaultFont = Font{Face: "sans", Size: 16, Style: StyleNormal}

// Family returns the bundled family the face name maps to.
func (f Font) Family() Family { return FamilyOf(f.Face) }

// Validate checks the size.
func (f Font) Validate() error {
	if f.Size < MinFontSize || f.Size > MaxFontSize {
		return fmt.Errorf("%w: %d (want %d..%d pixels)", ErrFontSize, f.Size, MinFontSize, MaxFontSize)
	}
	return nil
}

// SetFont sets the font used by DrawText and MeasureText. A size outside
// [MinFontSize, MaxFontSize] is an error and leaves the font unchanged.
func (s *Surface) SetFont(f Font) error {
	if err := f.Validate(); err != nil {
		return err
	}
	s.font = f
	return nil
}

// Font returns the current font.
func (s *Surface) Font() Font { return s.font }

// FamilyOf maps the face names apps ask for to a bundled family: "vera",
// "Tiresias", "sans", "DejaVuSans" and any unknown name to Sans; "Times",
// "serif" to Serif; "mono", "Courier", "monospace" to Mono. Names are
// compared without case, spaces, dashes or underscores, and a name that
// contains "mono" or "courier" is Mono, one that contains "serif" or
// "times" but not "sans" is Serif.
func FamilyOf(face string) Family {
	n := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_':
			return -1
		}
		return r
	}, strings.ToLower(face))
	switch {
	case strings.Contains(n, "mono"), strings.Contains(n, "courier"), strings.Contains(n, "consol"):
		return Mono
	case strings.Contains(n, "sans"):
		return Sans
	case strings.Contains(n, "serif"), strings.Contains(n, "times"), strings.Contains(n, "georgia"):
		return Serif
	}
	return Sans
}

// ParseStyle accepts the style names of the standard and Ginga.ar
// ("normal", "bold", "italic", "bold-italic"), "oblique" for "italic", and
// nclua's "WEIGHT-SLANT" (weight thin … ultraheavy, slant normal, oblique or
// italic), where weights from semibold up are bold. The empty string is
// normal. Case is ignored.
func ParseStyle(s string) (Style, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "", "normal", "regular", "normal-normal":
		return StyleNormal, nil
	case "bold":
		return StyleBold, nil
	case "italic", "oblique":
		return StyleItalic, nil
	case "bold-italic", "bold-oblique", "bolditalic":
		return StyleBoldItalic, nil
	}
	w, sl, ok := strings.Cut(s, "-")
	if !ok {
		return 0, fmt.Errorf("%w: %q", ErrFontStyle, s)
	}
	var bold, italic bool
	switch w {
	case "thin", "ultralight", "light", "semilight", "book", "normal", "medium":
	case "semibold", "bold", "ultrabold", "heavy", "ultraheavy":
		bold = true
	default:
		return 0, fmt.Errorf("%w: %q", ErrFontStyle, s)
	}
	switch sl {
	case "normal":
	case "oblique", "italic":
		italic = true
	default:
		return 0, fmt.Errorf("%w: %q", ErrFontStyle, s)
	}
	return Style(btoi(bold) | btoi(italic)<<1), nil
}

func btoi(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// fontFileNames lists the bundled files by family and style.
var fontFileNames = [3][4]string{
	Sans:  {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"},
	Serif: {"DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"},
	Mono: {"DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Oblique.ttf",
		"DejaVuSansMono-BoldOblique.ttf"},
}

var parsedFonts struct {
	once [3][4]sync.Once
	font [3][4]*sfnt.Font
}

// sfntFont parses a bundled file once. The files are embedded and tested,
// so a parse error is a build defect and panics.
func sfntFont(f Family, st Style) *sfnt.Font {
	parsedFonts.once[f][st].Do(func() {
		b, err := fontFiles.ReadFile("fonts/" + fontFileNames[f][st])
		if err != nil {
			panic(fmt.Sprintf("gfx: bundled font: %v", err))
		}
		ft, err := opentype.Parse(b)
		if err != nil {
			panic(fmt.Sprintf("gfx: bundled font %s: %v", fontFileNames[f][st], err))
		}
		parsedFonts.font[f][st] = ft
	})
	return parsedFonts.font[f][st]
}
