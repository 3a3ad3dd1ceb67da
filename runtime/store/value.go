package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// A Value is what a persistent variable holds: nil, bool, float64, string,
// or a Table of those (nested up to MaxDepth). Numbers are float64 because
// Lua 5.1 numbers are; Encode also accepts int and int64 and stores them as
// float64.
type Value = any

// Table is a Lua table as stored: its entries sorted by encoded key, so that
// equal tables encode to equal bytes. Keys are bool, float64 (not NaN) or
// string; values are any Value but nil.
type Table []Entry

// Entry is one key/value pair of a Table.
type Entry struct {
	Key   Value
	Value Value
}

// Get returns the value under key (compared after normalising ints to
// float64), or nil.
func (t Table) Get(key Value) Value {
	k := normalize(key)
	for _, e := range t {
		if e.Key == k {
			return e.Value
		}
	}
	return nil
}

// MaxDepth bounds table nesting, in Encode and Decode.
const MaxDepth = 32

// The encoding: one tag byte, then the payload.
//
//	tagNil                        (only at the top level)
//	tagFalse | tagTrue
//	tagNumber  float64 bits, 8 bytes big-endian (NaN canonicalised)
//	tagString  uvarint length, bytes
//	tagTable   uvarint count, then count × (key, value), sorted by the
//	           bytes of the encoded key, no duplicates
//
// A small binary encoding rather than JSON: numbers round-trip exactly
// (JSON loses NaN, ±Inf and needs care for -0 and 17 digits); a number key 1
// and a string key "1" stay distinct without extra tags; every length is a
// prefix, so a damaged file is detected by bounds checks instead of a parser
// guess; and sorting encoded keys makes the bytes a function of the value.
const (
	tagNil    = 0x00
	tagFalse  = 0x01
	tagTrue   = 0x02
	tagNumber = 0x03
	tagString = 0x04
	tagTable  = 0x05
)

var canonicalNaN = math.Float64bits(math.NaN())

// Encode returns the deterministic encoding of v.
func Encode(v Value) ([]byte, error) {
	return appendValue(nil, v, 0, true)
}

func normalize(v Value) Value {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case float32:
		return float64(x)
	}
	return v
}

func appendValue(b []byte, v Value, depth int, top bool) ([]byte, error) {
	switch x := normalize(v).(type) {
	case nil:
		if !top {
			return nil, fmt.Errorf("%w: nil inside a table", ErrValue)
		}
		return append(b, tagNil), nil
	case bool:
		if x {
			return append(b, tagTrue), nil
		}
		return append(b, tagFalse), nil
	case float64:
		bits := math.Float64bits(x)
		if x != x {
			bits = canonicalNaN
		}
		b = append(b, tagNumber)
		return binary.BigEndian.AppendUint64(b, bits), nil
	case string:
		b = append(b, tagString)
		b = binary.AppendUvarint(b, uint64(len(x)))
		return append(b, x...), nil
	case Table:
		return appendTable(b, x, depth)
	}
	return nil, fmt.Errorf("%w: type %T", ErrValue, v)
}

func appendTable(b []byte, t Table, depth int) ([]byte, error) {
	if depth >= MaxDepth {
		return nil, fmt.Errorf("%w: tables nested deeper than %d", ErrValue, MaxDepth)
	}
	type pair struct{ k, v []byte }
	pairs := make([]pair, 0, len(t))
	for _, e := range t {
		switch k := normalize(e.Key).(type) {
		case bool, string:
		case float64:
			if k != k {
				return nil, fmt.Errorf("%w: NaN table key", ErrValue)
			}
		default:
			return nil, fmt.Errorf("%w: table key of type %T", ErrValue, e.Key)
		}
		kb, err := appendValue(nil, e.Key, depth+1, false)
		if err != nil {
			return nil, err
		}
		vb, err := appendValue(nil, e.Value, depth+1, false)
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, pair{kb, vb})
	}
	slices.SortFunc(pairs, func(a, b pair) int { return bytes.Compare(a.k, b.k) })
	for i := 1; i < len(pairs); i++ {
		if bytes.Equal(pairs[i-1].k, pairs[i].k) {
			return nil, fmt.Errorf("%w: duplicate table key", ErrValue)
		}
	}
	b = append(b, tagTable)
	b = binary.AppendUvarint(b, uint64(len(pairs)))
	for _, p := range pairs {
		b = append(b, p.k...)
		b = append(b, p.v...)
	}
	return b, nil
}

// Decode parses bytes made by Encode. Tables come back sorted as encoded.
// Damaged input is an error wrapping ErrValue, never a panic.
func Decode(b []byte) (Value, error) {
	v, n, err := decodeValue(b, 0, true)
	if err != nil {
		return nil, err
	}
	if n != len(b) {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrValue, len(b)-n)
	}
	return v, nil
}

func decodeValue(b []byte, depth int, top bool) (Value, int, error) {
	if len(b) < 1 {
		return nil, 0, fmt.Errorf("%w: truncated", ErrValue)
	}
	switch b[0] {
	case tagNil:
		if !top {
			return nil, 0, fmt.Errorf("%w: nil inside a table", ErrValue)
		}
		return nil, 1, nil
	case tagFalse:
		return false, 1, nil
	case tagTrue:
		return true, 1, nil
	case tagNumber:
		if len(b) < 9 {
			return nil, 0, fmt.Errorf("%w: number needs 8 bytes, have %d", ErrValue, len(b)-1)
		}
		return math.Float64frombits(binary.BigEndian.Uint64(b[1:9])), 9, nil
	case tagString:
		l, n := uvarint(b[1:])
		if n <= 0 || l > uint64(len(b)-1-n) {
			return nil, 0, fmt.Errorf("%w: bad string length", ErrValue)
		}
		start := 1 + n
		return string(b[start : start+int(l)]), start + int(l), nil
	case tagTable:
		return decodeTable(b, depth)
	}
	return nil, 0, fmt.Errorf("%w: unknown tag 0x%02x", ErrValue, b[0])
}

func decodeTable(b []byte, depth int) (Value, int, error) {
	if depth >= MaxDepth {
		return nil, 0, fmt.Errorf("%w: tables nested deeper than %d", ErrValue, MaxDepth)
	}
	count, n := uvarint(b[1:])
	// Each pair needs at least two bytes: bound count before allocating.
	if n <= 0 || count > uint64(len(b)-1-n)/2 {
		return nil, 0, fmt.Errorf("%w: bad table count", ErrValue)
	}
	off := 1 + n
	t := make(Table, 0, count)
	var prev []byte
	for i := uint64(0); i < count; i++ {
		k, kn, err := decodeValue(b[off:], depth+1, false)
		if err != nil {
			return nil, 0, err
		}
		if _, isTable := k.(Table); isTable {
			return nil, 0, fmt.Errorf("%w: table used as a key", ErrValue)
		}
		if f, ok := k.(float64); ok && f != f {
			return nil, 0, fmt.Errorf("%w: NaN table key", ErrValue)
		}
		kb := b[off : off+kn]
		if prev != nil && bytes.Compare(prev, kb) >= 0 {
			return nil, 0, fmt.Errorf("%w: table keys out of order", ErrValue)
		}
		prev = kb
		off += kn
		v, vn, err := decodeValue(b[off:], depth+1, false)
		if err != nil {
			return nil, 0, err
		}
		off += vn
		t = append(t, Entry{Key: k, Value: v})
	}
	return t, off, nil
}

// uvarint is binary.Uvarint refusing overlong forms, so that every value has
// exactly one encoding.
func uvarint(b []byte) (uint64, int) {
	v, n := binary.Uvarint(b)
	if n > 1 && b[n-1] == 0 {
		return 0, -1
	}
	return v, n
}
