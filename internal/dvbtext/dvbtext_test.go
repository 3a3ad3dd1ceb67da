package dvbtext

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

var casesDecode = []struct {
	name string
	in   []byte
	want string
}{
	{"empty", nil, ""},
	{"ascii", []byte("Programmi TV BB SAT"), "Programmi TV BB SAT"},
	{"6937 acute e", []byte{'C', 'a', 'f', 0xC2, 'e'}, "Café"},
	{"6937 all marks", []byte{
		0xC1, 'a', 0xC2, 'E', 0xC3, 'o', 0xC4, 'n', 0xC5, 'u', 0xC6, 'g', 0xC7, 'Z',
		0xC8, 'u', 0xCA, 'A', 0xCB, 'c', 0xCD, 'o', 0xCE, 'e', 0xCF, 's',
	}, "àÉôñūğŻüÅçőęš"},
	{"6937 mark without precomposed form", []byte{0xC2, 'q'}, "q\u0301"},
	{"6937 mark before space and at end", []byte{0xC2, ' ', 'x', 0xC8}, "\u00B4x\u00A8"},
	{"6937 mark before control", []byte{0xC3, 0x8A, 'a'}, "^\na"},
	{"6937 unassigned mark 0xC9", []byte{0xC9, 'a'}, "\uFFFDa"},
	{"6937 upper half", []byte{0xA4, 0xA9, 0xD4, 0xE9, 0xFB, 0xC0}, "€‘™Øß\uFFFD"},
	{"control codes", []byte{'a', 0x86, 'b', 0x87, 0x8A, 'c', 0x00, 0x9F}, "ab\nc"},
	{"8859-5 cyrillic", []byte{0x01, 0xBF, 0xE0, 0xD8, 0xD2, 0xD5, 0xE2}, "Привет"},
	{"8859-7 greek", []byte{0x03, 0xE1, 0xE2, 0xE3}, "αβγ"},
	{"8859-9 turkish (RAI names)", []byte{0x05, 'T', 'e', 'l', 'e', 0xDD, 0xFD, 0xF0}, "Teleİığ"},
	{"rai name with 8859-9 selector", []byte("\x05Telecomando"), "Telecomando"},
	{"8859-15 euro", []byte{0x0B, 0xA4, 0xBD}, "€œ"},
	{"reserved 0x08", []byte{0x08, 'a', 0xE9}, "a\uFFFD"},
	{"0x10 8859-1", []byte{0x10, 0x00, 0x01, 'S', 0xE3, 'o'}, "São"},
	{"0x10 8859-2", []byte{0x10, 0x00, 0x02, 0xB9}, "š"},
	{"0x10 8859-12 does not exist", []byte{0x10, 0x00, 0x0C, 'a', 0xE9}, "a\uFFFD"},
	{"0x10 short", []byte{0x10, 0x00}, ""},
	{"ucs-2", []byte{0x11, 0x00, 'A', 0x04, 0x1F, 0xE0, 0x8A, 0x20, 0xAC, 0xE0, 0x86, 0x00}, "AП\n€"},
	{"ucs-2 surrogate pair", []byte{0x11, 0xD8, 0x3D, 0xDE, 0x00}, "😀"},
	{"ucs-2 lone surrogate", []byte{0x11, 0xD8, 0x3D, 0x00, 'a'}, "\uFFFDa"},
	{"big5 subset as ucs-2", []byte{0x14, 0x4E, 0x2D}, "中"},
	{"utf-8", append([]byte{0x15}, "Ginga · São Paulo\uE08Afim\uE086"...), "Ginga · São Paulo\nfim"},
	{"utf-8 invalid", []byte{0x15, 'a', 0xFF, 'b'}, "a\uFFFDb"},
	{"gb-2312 not decoded", []byte{0x13, 'a', 0xB0, 0xA1}, "a\uFFFD\uFFFD"},
	{"encoding_type_id", []byte{0x1F, 0x01, 0x55}, "\uFFFD"},
	{"reserved selector", []byte{0x0D, 'o', 'k'}, "ok"},
}

func TestDecode(t *testing.T) {
	for _, c := range casesDecode {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, Decode(c.in))
		})
	}
}

func TestEveryTableValidUTF8(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	for sel := range 0x20 {
		b := append([]byte{byte(sel)}, all...)
		require.True(t, utf8.ValidString(Decode(b)), "selector 0x%02X", sel)
	}
	for part := range 16 {
		b := append([]byte{0x10, 0, byte(part)}, all[0x20:]...)
		require.True(t, utf8.ValidString(Decode(b)), "8859-%d", part)
	}
}

func TestEncode(t *testing.T) {
	require.Equal(t, []byte("main.ncl"), Encode("main.ncl"))
	require.Equal(t, []byte{'a', 0x8A, 'b'}, Encode("a\nb"))
	require.Equal(t, append([]byte{0x15}, "Olá"...), Encode("Olá"))
	require.Equal(t, []byte{0x15, 'x', 0xEE, 0x82, 0x8A, 0xC3, 0xA9}, Encode("x\né"))
	for _, s := range []string{"", "Teste", "Olá\nmundo", "Привет", "中文 😀", "\ttab"} {
		require.Equal(t, s, Decode(Encode(s)))
	}
}

func FuzzDecode(f *testing.F) {
	for _, c := range casesDecode {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s := Decode(b)
		if !utf8.ValidString(s) {
			t.Fatalf("Decode(% X) = %q: not valid UTF-8", b, s)
		}
	})
}

// FuzzEncode checks Decode(Encode(s)) == s for text without control characters.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{"", "main.ncl", "Olá", "a\nb", "中文"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, r := range s {
			if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7F && r <= 0x9F) || (r >= 0xE080 && r <= 0xE09F) {
				return
			}
		}
		if got := Decode(Encode(s)); got != s {
			t.Fatalf("Decode(Encode(%q)) = %q", s, got)
		}
	})
}

func BenchmarkDecode6937(b *testing.B) {
	in := []byte("Programmi TV " + string([]byte{0xC2, 'e'}) + " altro")
	b.ReportAllocs()
	for b.Loop() {
		_ = Decode(in)
	}
}
