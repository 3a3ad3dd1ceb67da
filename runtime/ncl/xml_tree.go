package ncl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// element is one XML element as read, before it is turned into the model.
type element struct {
	name     string
	attrs    []xml.Attr
	pos      Pos
	children []*element
}

// readTree reads b into an element tree. It is tolerant: a syntax error ends
// the file with a diagnostic and keeps what was read; it is bounded by the
// nesting depth and by the element budget shared by all files of a load.
func readTree(b []byte, file string, lim *Limits, budget *int, r reporter) *element {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charsetReader
	var root *element
	var stack []*element
	skip := 0 // depth inside an element dropped for depth or budget
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				r.errorf(Pos{file, line}, "xml: %s", xmlErrMsg(err))
			}
			return root
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			if len(stack) >= lim.MaxDepth {
				r.errorf(Pos{file, line}, "<%s> nested deeper than %d elements: skipped", t.Name.Local, lim.MaxDepth)
				skip = 1
				continue
			}
			if *budget <= 0 {
				if *budget == 0 {
					r.errorf(Pos{file, line}, "more than %d elements: the rest is skipped", lim.MaxElements)
					*budget = -1
				}
				skip = 1
				continue
			}
			*budget--
			e := &element{name: t.Name.Local, attrs: t.Attr, pos: Pos{file, line}}
			if len(stack) == 0 {
				if root != nil {
					r.warnf(e.pos, "<%s> after the root element: ignored", e.name)
					skip = 1
					continue
				}
				root = e
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

func xmlErrMsg(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}

// charsetReader decodes the encodings Brazilian broadcast apps declare:
// UTF-8, US-ASCII, ISO-8859-1 (Latin-1) and Windows-1252.
func charsetReader(charset string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(charset)) {
	case "utf-8", "utf8", "us-ascii", "ascii", "":
		return in, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "iso_8859-1", "l1":
		return singleByteReader(in, nil)
	case "windows-1252", "cp1252", "iso-8859-15", "iso8859-15":
		return singleByteReader(in, &cp1252)
	}
	return nil, fmt.Errorf("unsupported encoding %q", charset)
}

// cp1252 maps the Windows-1252 bytes 0x80-0x9F (0 for undefined bytes,
// which are read as Latin-1).
var cp1252 = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

func singleByteReader(in io.Reader, high *[32]rune) (io.Reader, error) {
	// The input is already bounded by Limits.MaxFileSize.
	b, err := io.ReadAll(in)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		r := rune(c)
		if high != nil && c >= 0x80 && c < 0xA0 && high[c-0x80] != 0 {
			r = high[c-0x80]
		}
		out = utf8.AppendRune(out, r)
	}
	return bytes.NewReader(out), nil
}
