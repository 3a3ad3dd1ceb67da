package store

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

var casesValue = []struct {
	name string
	v    Value
	enc  []byte
}{
	{"nil", nil, []byte{tagNil}},
	{"false", false, []byte{tagFalse}},
	{"true", true, []byte{tagTrue}},
	{"one", 1.0, []byte{tagNumber, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0}},
	{"string", "ab", []byte{tagString, 2, 'a', 'b'}},
	{"empty table", Table{}, []byte{tagTable, 0}},
	{"table", Table{{"a", true}, {1.0, "x"}}, []byte{
		tagTable, 2,
		tagNumber, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, tagString, 1, 'x', // sorted: number tag 3 < string tag 4
		tagString, 1, 'a', tagTrue,
	}},
}

func TestValueCases(t *testing.T) {
	for _, c := range casesValue {
		t.Run(c.name, func(t *testing.T) {
			b, err := Encode(c.v)
			require.NoError(t, err)
			require.Equal(t, c.enc, b)
			v, err := Decode(b)
			require.NoError(t, err)
			if tb, ok := c.v.(Table); ok {
				// Decode returns entries in encoded order.
				require.ElementsMatch(t, tb, v)
				return
			}
			require.Equal(t, c.v, v)
		})
	}
}

func TestValueDeterministic(t *testing.T) {
	a := Table{{"x", 1.0}, {"y", Table{{"z", "w"}, {2.0, false}}}, {true, -0.5}}
	b := Table{{true, -0.5}, {"y", Table{{2.0, false}, {"z", "w"}}}, {"x", 1}}
	ea, err := Encode(a)
	require.NoError(t, err)
	eb, err := Encode(b)
	require.NoError(t, err)
	require.Equal(t, ea, eb)
}

func TestValueExactNumbers(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 0.1, 1e308, math.Inf(1), math.Inf(-1), 123456789.123456789} {
		b, err := Encode(f)
		require.NoError(t, err)
		v, err := Decode(b)
		require.NoError(t, err)
		require.Equal(t, math.Float64bits(f), math.Float64bits(v.(float64)))
	}
	b, err := Encode(math.NaN())
	require.NoError(t, err)
	v, err := Decode(b)
	require.NoError(t, err)
	require.True(t, math.IsNaN(v.(float64)))
}

func TestValueRejects(t *testing.T) {
	for name, v := range map[string]Value{
		"func":      func() {},
		"nil value": Table{{"a", nil}},
		"nan key":   Table{{math.NaN(), 1.0}},
		"table key": Table{{Table{}, 1.0}},
		"dup key":   Table{{"a", 1.0}, {"a", 2.0}},
		"int dup":   Table{{1, 1.0}, {1.0, 2.0}},
	} {
		_, err := Encode(v)
		require.ErrorIs(t, err, ErrValue, name)
	}
	deep := Table{}
	for i := 0; i < MaxDepth+1; i++ {
		deep = Table{{"t", deep}}
	}
	_, err := Encode(deep)
	require.ErrorIs(t, err, ErrValue)
}

func TestDecodeRejects(t *testing.T) {
	for name, b := range map[string][]byte{
		"empty":          {},
		"unknown tag":    {0x77},
		"short number":   {tagNumber, 1, 2},
		"long string":    {tagString, 5, 'a'},
		"huge count":     {tagTable, 0xff, 0xff, 0xff, 0xff, 0x0f},
		"trailing":       {tagTrue, 0},
		"nil in table":   {tagTable, 1, tagString, 1, 'a', tagNil},
		"unsorted keys":  {tagTable, 2, tagString, 1, 'b', tagTrue, tagString, 1, 'a', tagTrue},
		"duplicate keys": {tagTable, 2, tagString, 1, 'a', tagTrue, tagString, 1, 'a', tagTrue},
		"table as key":   {tagTable, 1, tagTable, 0, tagTrue},
	} {
		_, err := Decode(b)
		require.ErrorIs(t, err, ErrValue, name)
	}
}

func FuzzDecode(f *testing.F) {
	for _, c := range casesValue {
		f.Add(c.enc)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := Decode(b)
		if err != nil {
			return
		}
		// Whatever decodes re-encodes to the same bytes (the encoding is canonical),
		// except NaN, which is canonicalised.
		e, err := Encode(v)
		if err != nil {
			t.Fatalf("decoded %v does not encode: %v", v, err)
		}
		if !bytes.Equal(e, b) && !bytes.Contains(b, []byte{tagNumber, 0x7f}) && !bytes.Contains(b, []byte{tagNumber, 0xff}) {
			t.Fatalf("re-encoding differs:\n%x\n%x", b, e)
		}
	})
}
