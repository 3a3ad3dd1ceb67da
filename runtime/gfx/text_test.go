package gfx

import (
	"image"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The languages Antena's apps are written in, with every letter they use.
var (
	textPortuguese = "Informações à população: ÁÂÃÀÇÉÊÍÓÔÕÚÜ áâãàçéêíóôõúü"
	textSpanish    = "¿Cómo está? ¡Año, niño, pingüino! ÁÉÍÑÓÚÜ áéíñóúü"
	textFrench     = "Œuvre, cœur, élève, garçon, naïve, Noël: ÀÂÆÇÈÉÊËÎÏÔŒÙÛÜŸ àâæçèéêëîïôœùûüÿ"
	textGuarani    = "Avañeʼẽ: mbaʼe, porã, g̃uahẽ, ỹ, ÃẼĨÕŨỸG̃Ñ ãẽĩõũỹg̃ñ ÁÉÍÓÚÝ áéíóúý"
	textLanguages  = []string{textPortuguese, textSpanish, textFrench, textGuarani}
)

var textCases = []goldenCase{
	{name: "text-fonts", w: 380, h: 12*20 + 8, draw: func(s *Surface) {
		y := 4
		for _, fam := range []string{"vera", "Times", "Courier"} {
			for st := StyleNormal; st <= StyleBoldItalic; st++ {
				mustFont(s, Font{Face: fam, Size: 16, Style: st})
				s.DrawText(Fill, 4, y, fam+" "+st.String()+": Ação ñ ç ỹ g̃ 0123")
				y += 20
			}
		}
	}},
	{name: "text-languages", w: 760, h: 4*24 + 8, draw: func(s *Surface) {
		mustFont(s, Font{Face: "Tiresias", Size: 17})
		for i, l := range textLanguages {
			s.DrawText(Fill, 4, 4+i*24, l)
		}
	}},
	{name: "text-marks", w: 420, h: 110, draw: func(s *Surface) {
		mustFont(s, Font{Face: "sans", Size: 40})
		s.DrawText(Fill, 4, 2, "g̃ G̃ ỹ ẽ Ñ")                              // g̃ and G̃ have no precomposed letter
		s.DrawText(Fill, 4, 54, "g\u0303 G\u0303 y\u0303 e\u0303 N\u0303") // all decomposed
	}},
	{name: "text-frame", w: 220, h: 70, draw: func(s *Surface) {
		mustFont(s, Font{Face: "serif", Size: 52, Style: StyleBold})
		s.SetColor(nrgba(0, 0, 160, 255))
		s.DrawText(Frame, 4, 2, "Ação")
	}},
	{name: "text-sizes", w: 300, h: 100, draw: func(s *Surface) {
		y := 2
		for _, sz := range []int{8, 12, 20, 36} {
			mustFont(s, Font{Face: "sans", Size: sz})
			s.DrawText(Fill, 4, y, "Olá ñandú")
			_, h := s.MeasureText("Olá")
			y += h
		}
	}},
	{name: "text-multiline-alpha", w: 200, h: 70, draw: func(s *Surface) {
		s.SetColor(nrgba(255, 200, 0, 255))
		s.DrawRect(Fill, 0, 20, 200, 30)
		s.SetColor(nrgba(0, 0, 200, 160))
		mustFont(s, Font{Face: "mono", Size: 20})
		s.DrawText(Fill, 4, 4, "Linha um\nLinha dois")
	}},
}

func mustFont(s *Surface, f Font) {
	if err := s.SetFont(f); err != nil {
		panic(err)
	}
}

func TestGoldenText(t *testing.T) { runGolden(t, textCases) }

func allFonts() []Font {
	var fs []Font
	for _, fam := range []string{"sans", "serif", "mono"} {
		for st := StyleNormal; st <= StyleBoldItalic; st++ {
			fs = append(fs, Font{Face: fam, Size: 18, Style: st})
		}
	}
	return fs
}

// TestFontsCoverLanguages checks that every bundled font has a glyph for
// every letter of the four languages (marks included).
func TestFontsCoverLanguages(t *testing.T) {
	for _, f := range allFonts() {
		fc := getFace(f)
		fc.mu.Lock()
		for _, r := range strings.Join(textLanguages, "") + "\u0303\u0301" {
			require.True(t, fc.has(r), "%s %s lacks %q (%U)", f.Family(), f.Style, r, r)
		}
		fc.mu.Unlock()
	}
}

// TestMeasureEqualsDrawnAdvance: drawing a then b at x + MeasureText(a)
// gives exactly the pixels of drawing a+b (the split is after a space,
// which does not kern).
func TestMeasureEqualsDrawnAdvance(t *testing.T) {
	for _, f := range allFonts() {
		for _, l := range textLanguages {
			words := strings.Fields(l)
			for i := 1; i < len(words); i++ {
				a := strings.Join(words[:i], " ") + " "
				b := strings.Join(words[i:], " ")
				whole := newClear(t, 900, 40)
				mustFont(whole, f)
				whole.DrawText(Fill, 3, 5, a+b)
				parts := newClear(t, 900, 40)
				mustFont(parts, f)
				parts.DrawText(Fill, 3, 5, a)
				w, _ := parts.MeasureText(a)
				parts.DrawText(Fill, 3+w, 5, b)
				require.Equal(t, whole.img.Pix, parts.img.Pix, "%s %s: %q + %q", f.Family(), f.Style, a, b)
			}
		}
	}
}

// TestTextInkMatchesPixels: TextInk is the bounding box of the painted
// pixels, to the pixel, and the measured width is the inked advance: the
// ink ends within the last glyph's side bearing of it.
func TestTextInkMatchesPixels(t *testing.T) {
	strs := append([]string{"Ã", "g̃", "ỹ", "Ç", "Ñandú", "j", "Wolf"}, textLanguages...)
	for _, f := range allFonts() {
		for _, str := range strs {
			s := newClear(t, 900, 60)
			mustFont(s, f)
			const x, y = 20, 10
			s.DrawText(Fill, x, y, str)
			var got image.Rectangle
			for p := range covered(s) {
				got = got.Union(image.Rectangle{Min: p, Max: p.Add(image.Pt(1, 1))})
			}
			ink := s.TextInk(str)
			require.Equal(t, ink.Add(image.Pt(x, y)), got, "%s %s %q", f.Family(), f.Style, str)
			w, h := s.MeasureText(str)
			a, d, _ := s.FontMetrics()
			require.Equal(t, a+d, h)
			slack := 2
			if f.Style&StyleItalic != 0 {
				slack = 5 // slanted glyphs overhang their advance
			}
			// The ink ends where the advance does, give or take the last
			// glyph's side bearing (wide in a monospace j).
			require.LessOrEqual(t, ink.Max.X, w+slack, "%s %s %q: width %d, ink %v", f.Family(), f.Style, str, w, ink)
			require.GreaterOrEqual(t, ink.Max.X, w-f.Size/2, "%s %s %q: width %d, ink %v", f.Family(), f.Style, str, w, ink)
		}
	}
}

func TestDecomposedEqualsPrecomposed(t *testing.T) {
	pairs := [][2]string{{"ã", "a\u0303"}, {"ỹ", "y\u0303"}, {"Ñ", "N\u0303"}, {"ç", "c\u0327"}, {"É", "E\u0301"}}
	for _, pair := range pairs {
		a, b := newClear(t, 60, 40), newClear(t, 60, 40)
		a.DrawText(Fill, 2, 2, pair[0])
		b.DrawText(Fill, 2, 2, pair[1])
		require.Equal(t, a.img.Pix, b.img.Pix, "%q", pair[0])
		wa, _ := a.MeasureText(pair[0])
		wb, _ := b.MeasureText(pair[1])
		require.Equal(t, wa, wb)
	}
}

// TestCombiningTildeOnG: g̃ has no precomposed letter; the tilde must sit
// above the g, centred on it, not over the next letter or inside the g.
func TestCombiningTildeOnG(t *testing.T) {
	for _, f := range allFonts() {
		s := newClear(t, 10, 10)
		mustFont(s, f)
		g := s.TextInk("g")
		gt := s.TextInk("g\u0303")
		wg, _ := s.MeasureText("g")
		wgt, _ := s.MeasureText("g\u0303")
		require.Equal(t, wg, wgt, "the mark does not advance")
		require.Less(t, gt.Min.Y, g.Min.Y, "%s %s: tilde above g", f.Family(), f.Style)
		require.Equal(t, g.Max.Y, gt.Max.Y)
		cg, cgt := (g.Min.X+g.Max.X)/2, (gt.Min.X+gt.Max.X)/2
		require.InDelta(t, cg, cgt, 2, "%s %s: centred", f.Family(), f.Style)
		// On a capital, the tilde is raised above the letter.
		G := s.TextInk("G")
		Gt := s.TextInk("G\u0303")
		require.Less(t, Gt.Min.Y, G.Min.Y-1)
	}
}

func TestFamilyOf(t *testing.T) {
	for name, want := range map[string]Family{
		"vera": Sans, "Tiresias": Sans, "sans": Sans, "DejaVuSans": Sans, "DejaVu Sans": Sans, "Arial": Sans, "": Sans,
		"Times": Serif, "serif": Serif, "Times New Roman": Serif, "DejaVu Serif": Serif,
		"mono": Mono, "Courier": Mono, "monospace": Mono, "Courier New": Mono, "DejaVuSansMono": Mono,
		"sans-serif": Sans,
	} {
		require.Equal(t, want, FamilyOf(name), name)
	}
}

func TestParseStyle(t *testing.T) {
	for in, want := range map[string]Style{
		"": StyleNormal, "normal": StyleNormal, "bold": StyleBold, "italic": StyleItalic, "bold-italic": StyleBoldItalic,
		"Bold": StyleBold, "oblique": StyleItalic, "bold-oblique": StyleBoldItalic,
		"normal-normal": StyleNormal, "thin-italic": StyleItalic, "semibold-normal": StyleBold,
		"ultraheavy-oblique": StyleBoldItalic,
	} {
		got, err := ParseStyle(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"heavy", "bold-upright", "x-normal", "bolder"} {
		_, err := ParseStyle(in)
		require.ErrorIs(t, err, ErrFontStyle, in)
	}
}

func TestSetFontSize(t *testing.T) {
	s := newClear(t, 10, 10)
	require.ErrorIs(t, s.SetFont(Font{Face: "sans", Size: 0}), ErrFontSize)
	require.ErrorIs(t, s.SetFont(Font{Face: "sans", Size: MaxFontSize + 1}), ErrFontSize)
	require.Equal(t, DefaultFont, s.Font())
	require.NoError(t, s.SetFont(Font{Face: "Courier", Size: 30, Style: StyleBold}))
	require.Equal(t, Mono, s.Font().Family())
}

func TestMeasureEmptyAndLines(t *testing.T) {
	s := newClear(t, 10, 10)
	w, h := s.MeasureText("")
	a, d, lh := s.FontMetrics()
	require.Zero(t, w)
	require.Equal(t, a+d, h)
	w1, _ := s.MeasureText("abc")
	w2, h2 := s.MeasureText("abc\nab")
	require.Equal(t, w1, w2)
	require.Equal(t, a+d+lh, h2)
	require.True(t, s.DrawText(Fill, 0, 0, "").Empty())
}

func TestGlyphCacheBounded(t *testing.T) {
	s := newClear(t, 10, 10)
	mustFont(s, Font{Face: "sans", Size: MaxFontSize})
	var b strings.Builder
	for r := rune('A'); r < 'A'+200; r++ {
		b.WriteRune(r)
	}
	s.MeasureText(b.String())
	fc := getFace(s.font)
	fc.mu.Lock()
	defer fc.mu.Unlock()
	require.LessOrEqual(t, fc.bytes, maxGlyphBytes+MaxFontSize*MaxFontSize)
}

func TestFontLicenseBundled(t *testing.T) {
	l := FontLicense()
	require.Contains(t, l, "Bitstream")
	require.Contains(t, l, "DejaVu changes are in public domain")
}

// Wrap breaks at newlines and spaces, and a word wider than the box
// between characters; blank text has no lines.
func TestWrap(t *testing.T) {
	f := Font{Face: "sans", Size: 20}
	w, _ := MeasureText(f, "abcdef")
	require.Equal(t, []string{"abc def", "gh", "", "ij"}, Wrap(f, "abc def gh\n\nij", w+w/4))
	for _, l := range Wrap(f, "abcdefabcdefabcdef", w) {
		lw, _ := MeasureText(f, l)
		require.LessOrEqual(t, lw, w)
	}
	require.Nil(t, Wrap(f, " \n ", 100))
}
