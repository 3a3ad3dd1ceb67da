package ait

import (
	"github.com/antena-tv/antena/internal/bitio"
	"github.com/antena-tv/antena/internal/dvbtext"
)

// ApplicationNameDescriptor (tag 0x01) names an application in one or more languages.
// Specification: ETSI TS 102 809 §5.3.5 (application name descriptor); TS 101 812 §10.
//
//	for each name:
//	  ISO_639_language_code  24
//	  application_name_length 8
//	  application_name_char   8 × application_name_length  (DVB text, EN 300 468 annex A)
type ApplicationNameDescriptor struct {
	Names []ApplicationName
}

// ApplicationName is one name. Name is DVB text as broadcast, with its character-table
// selector if any (aliases the section after Unmarshal); String decodes it. To build one,
// use dvbtext.Encode("Nome do app").
type ApplicationName struct {
	ISO639LanguageCode string // three letters, e.g. "por"
	Name               []byte
}

// String returns the name decoded to UTF-8.
func (n ApplicationName) String() string { return dvbtext.Decode(n.Name) }

const languageLen = 3

// DescriptorTag returns 0x01.
func (*ApplicationNameDescriptor) DescriptorTag() uint8 { return TagApplicationNameDescriptor }

func (d *ApplicationNameDescriptor) decode(r *bitio.Reader) error {
	d.Names = nil
	for r.Len() > 0 {
		lang := string(r.Bytes(languageLen))
		d.Names = append(d.Names, ApplicationName{ISO639LanguageCode: lang, Name: bytes8(r)})
	}
	return nil
}

func (d *ApplicationNameDescriptor) encode(e *encoder) {
	for _, n := range d.Names {
		if len(n.ISO639LanguageCode) != languageLen {
			e.fail("ISO_639_language_code %q is not 3 bytes", n.ISO639LanguageCode)
			return
		}
		e.str(n.ISO639LanguageCode)
		e.bytes8(n.Name, "application_name_length")
	}
}
