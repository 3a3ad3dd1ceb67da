package alert

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/bitio"
)

// casesMSS drive the decoding of multiple_string_structure and the re-encoding of the
// segments as received.
var casesMSS = []struct {
	name string
	data []byte
	want []LangString
}{
	{
		name: "Latin-1, two languages",
		data: []byte{
			0x02,          // number_strings
			'e', 'n', 'g', // ISO_639_language_code
			0x01,             // number_segments
			0x00, 0x00, 0x04, // compression_type 0, mode 0x00 (Latin-1), number_bytes
			'T', 'a', 'k', 'e',
			's', 'p', 'a', // ISO_639_language_code
			0x01,             // number_segments
			0x00, 0x00, 0x04, // compression_type 0, mode 0x00, number_bytes
			0xA1, 'Y', 'a', '!', // "¡Ya!" in ISO 8859-1
		},
		want: []LangString{
			{Lang: "eng", Text: "Take", Segments: []Segment{{0, 0, []byte("Take")}}},
			{Lang: "spa", Text: "¡Ya!", Segments: []Segment{{0, 0, []byte{0xA1, 'Y', 'a', '!'}}}},
		},
	},
	{
		name: "code page 0x04 then UTF-16 with a surrogate pair",
		data: []byte{
			0x01,          // number_strings
			'r', 'u', 's', // ISO_639_language_code
			0x02,             // number_segments
			0x00, 0x04, 0x02, // compression_type 0, mode 0x04 (Cyrillic page), number_bytes
			0x22, 0x35, // U+0422 U+0435 "Те"
			0x00, 0x3F, 0x06, // compression_type 0, mode 0x3F (UTF-16), number_bytes
			0x03, 0xA9, // U+03A9 "Ω"
			0xD8, 0x3D, 0xDE, 0x00, // U+1F600 as a surrogate pair
		},
		want: []LangString{{Lang: "rus", Text: "ТеΩ😀", Segments: []Segment{
			{0, 0x04, []byte{0x22, 0x35}},
			{0, 0x3F, []byte{0x03, 0xA9, 0xD8, 0x3D, 0xDE, 0x00}},
		}}},
	},
	{
		name: "Huffman segment is flagged, not decoded",
		data: []byte{
			0x01,          // number_strings
			'e', 'n', 'g', // ISO_639_language_code
			0x02,             // number_segments
			0x01, 0x00, 0x02, // compression_type 1 (Huffman), mode 0, number_bytes
			0xAB, 0xCD, // Huffman bits
			0x00, 0x00, 0x02, // compression_type 0, mode 0, number_bytes
			'o', 'k',
		},
		want: []LangString{{Lang: "eng", Text: "ok", Undecoded: true, Segments: []Segment{
			{1, 0, []byte{0xAB, 0xCD}},
			{0, 0, []byte("ok")},
		}}},
	},
	{
		name: "SCSU, reserved mode and odd UTF-16 are flagged",
		data: []byte{
			0x01,          // number_strings
			'e', 'n', 'g', // ISO_639_language_code
			0x03,             // number_segments
			0x00, 0x3E, 0x01, // mode 0x3E (SCSU)
			0x41,
			0x00, 0x07, 0x01, // mode 0x07 (reserved)
			0x41,
			0x00, 0x3F, 0x03, // mode 0x3F (UTF-16), odd number_bytes
			0x00, 0x41, 0x00,
		},
		want: []LangString{{Lang: "eng", Text: "A", Undecoded: true, Segments: []Segment{
			{0, 0x3E, []byte{0x41}},
			{0, 0x07, []byte{0x41}},
			{0, 0x3F, []byte{0x00, 0x41, 0x00}},
		}}},
	},
	{
		name: "string without segments, trailing bytes ignored",
		data: []byte{
			0x01,          // number_strings
			'f', 'r', 'a', // ISO_639_language_code
			0x00,       // number_segments
			0xEE, 0xEE, // not part of the structure
		},
		want: []LangString{{Lang: "fra", Text: ""}},
	},
}

func TestMultipleStringUnmarshal(t *testing.T) {
	for _, c := range casesMSS {
		t.Run(c.name, func(t *testing.T) {
			got, err := unmarshalMSS(nil, c.data, "test")
			require.NoError(t, err)
			require.Equal(t, c.want, got)

			// Segments as received are written back as they were.
			var w bitio.Writer
			require.NoError(t, writeMSS(&w, got, "test"))
			n := mssSize(got)
			require.Equal(t, n, w.Len())
			require.Equal(t, c.data[:n], w.B)
		})
	}
}

func TestMultipleStringErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"string header", []byte{0x02, 'e', 'n', 'g', 0x00, 's', 'p'},
			"alert: length overruns its container: test: string 1 of 2 needs 4 bytes, have 2"},
		{"segment header", []byte{0x01, 'e', 'n', 'g', 0x01, 0x00, 0x00},
			"alert: length overruns its container: test: string 0 segment 0 needs 3 bytes, have 2"},
		{"number_bytes", []byte{0x01, 'e', 'n', 'g', 0x01, 0x00, 0x00, 0x05, 'a', 'b'},
			"alert: length overruns its container: test: string 0 segment 0 number_bytes 5, 2 bytes left"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := unmarshalMSS(nil, c.data, "test")
			require.ErrorIs(t, err, ErrLengthOverrun)
			require.EqualError(t, err, c.msg)
		})
	}
}

// TestMultipleStringEncodeText covers LangString values built by hand (Segments nil):
// Text is encoded in one code page when it fits one, else in UTF-16, in segments of at
// most 255 bytes that never split a character.
func TestMultipleStringEncodeText(t *testing.T) {
	long := strings.Repeat("A", 300)
	longUTF16 := strings.Repeat("é😀", 60) // 60 × (2 + 4) bytes, mixed pages
	for _, c := range []struct {
		name  string
		text  string
		modes []uint8
		sizes []int
	}{
		{"ASCII", "Tornado warning", []uint8{ModeLatin1}, []int{15}},
		{"Latin-1", "Atención", []uint8{ModeLatin1}, []int{8}},
		{"one other page", "Тест", []uint8{0x04}, []int{4}},
		{"mixed pages", "Łódź", []uint8{ModeUTF16}, []int{8}},
		{"empty", "", nil, nil},
		{"long", long, []uint8{ModeLatin1, ModeLatin1}, []int{255, 45}},
		{"long UTF-16", longUTF16, []uint8{ModeUTF16, ModeUTF16}, []int{254, 106}},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := []LangString{{Lang: "eng", Text: c.text}}
			var w bitio.Writer
			require.NoError(t, writeMSS(&w, in, "test"))
			require.Equal(t, mssSize(in), w.Len())
			got, err := unmarshalMSS(nil, w.B, "test")
			require.NoError(t, err)
			require.Len(t, got, 1)
			require.Equal(t, c.text, got[0].Text)
			require.False(t, got[0].Undecoded)
			require.Len(t, got[0].Segments, len(c.modes))
			for i, seg := range got[0].Segments {
				require.Equal(t, uint8(CompressionNone), seg.CompressionType)
				require.Equal(t, c.modes[i], seg.Mode, "segment %d", i)
				require.Len(t, seg.Bytes, c.sizes[i], "segment %d", i)
			}
		})
	}

	var w bitio.Writer
	require.ErrorIs(t, writeMSS(&w, []LangString{{Lang: "en", Text: "x"}}, "test"), ErrFieldRange)
	w = bitio.Writer{}
	require.ErrorIs(t, writeMSS(&w, []LangString{{Lang: "eng", Text: strings.Repeat("A", 256*255)}}, "test"), ErrTooLong)
	w = bitio.Writer{}
	require.ErrorIs(t, writeMSS(&w, []LangString{{Lang: "eng", Segments: []Segment{{Bytes: make([]byte, 256)}}}}, "test"),
		ErrTooLong)
}

func TestPreferredText(t *testing.T) {
	ss := []LangString{{Lang: "eng", Text: "Take cover"}, {Lang: "spa", Text: "Cúbrase"}}
	got, ok := PreferredText(ss, []string{"por", "SPA", "eng"})
	require.True(t, ok)
	require.Equal(t, "Cúbrase", got.Text)
	got, ok = PreferredText(ss, []string{"fra"})
	require.True(t, ok)
	require.Equal(t, "Take cover", got.Text)
	_, ok = PreferredText(nil, []string{"eng"})
	require.False(t, ok)
}
