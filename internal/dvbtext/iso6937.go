package dvbtext

// iso6937 maps 0xA0-0xFF of the default DVB table ("character code table 00 - Latin
// alphabet", ISO/IEC 6937 with the euro sign at 0xA4). 0xC1-0xCF are non-spacing diacritical
// marks that precede their base letter; they are in iso6937Marks, not here. Zero is unassigned.
//
// Specification: ETSI EN 300 468 annex A, figure A.1.
var iso6937 = [96]uint16{
	0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x20AC, 0x00A5, 0x0000, 0x00A7,
	0x00A4, 0x2018, 0x201C, 0x00AB, 0x2190, 0x2191, 0x2192, 0x2193,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00D7, 0x00B5, 0x00B6, 0x00B7,
	0x00F7, 0x2019, 0x201D, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
	0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, // 0xC0-0xC7: marks
	0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, // 0xC8-0xCF: marks
	0x2015, 0x00B9, 0x00AE, 0x00A9, 0x2122, 0x266A, 0x00AC, 0x00A6,
	0x0000, 0x0000, 0x0000, 0x0000, 0x215B, 0x215C, 0x215D, 0x215E,
	0x2126, 0x00C6, 0x0110, 0x00AA, 0x0126, 0x0000, 0x0132, 0x013F,
	0x0141, 0x00D8, 0x0152, 0x00BA, 0x00DE, 0x0166, 0x014A, 0x0149,
	0x0138, 0x00E6, 0x0111, 0x00F0, 0x0127, 0x0131, 0x0133, 0x0140,
	0x0142, 0x00F8, 0x0153, 0x00DF, 0x00FE, 0x0167, 0x014B, 0x00AD,
}

// mark is one non-spacing diacritical mark of the default table: its Unicode combining
// character, its spacing form (used when the mark is followed by a space or nothing), and the
// precomposed letters it forms with an ASCII base letter (base[i] + mark = composed[i]).
type mark struct {
	combining, spacing rune
	base               string
	composed           []rune
}

// iso6937Marks is indexed by byte-0xC0. The compositions are Unicode's canonical ones (NFC),
// which cover every letter ISO/IEC 6937 defines.
var iso6937Marks = [16]mark{
	0xC1 - 0xC0: { // grave
		combining: 0x0300, spacing: 0x0060,
		base:     "AEINOUWYaeinouwy",
		composed: []rune("ÀÈÌǸÒÙẀỲàèìǹòùẁỳ"),
	},
	0xC2 - 0xC0: { // acute
		combining: 0x0301, spacing: 0x00B4,
		base:     "ACEGIKLMNOPRSUWYZacegiklmnoprsuwyz",
		composed: []rune("ÁĆÉǴÍḰĹḾŃÓṔŔŚÚẂÝŹáćéǵíḱĺḿńóṕŕśúẃýź"),
	},
	0xC3 - 0xC0: { // circumflex
		combining: 0x0302, spacing: 0x005E,
		base:     "ACEGHIJOSUWYZaceghijosuwyz",
		composed: []rune("ÂĈÊĜĤÎĴÔŜÛŴŶẐâĉêĝĥîĵôŝûŵŷẑ"),
	},
	0xC4 - 0xC0: { // tilde
		combining: 0x0303, spacing: 0x007E,
		base:     "AEINOUVYaeinouvy",
		composed: []rune("ÃẼĨÑÕŨṼỸãẽĩñõũṽỹ"),
	},
	0xC5 - 0xC0: { // macron
		combining: 0x0304, spacing: 0x00AF,
		base:     "AEGIOUYaegiouy",
		composed: []rune("ĀĒḠĪŌŪȲāēḡīōūȳ"),
	},
	0xC6 - 0xC0: { // breve
		combining: 0x0306, spacing: 0x02D8,
		base:     "AEGIOUaegiou",
		composed: []rune("ĂĔĞĬŎŬăĕğĭŏŭ"),
	},
	0xC7 - 0xC0: { // dot above
		combining: 0x0307, spacing: 0x02D9,
		base:     "ABCDEFGHIMNOPRSTWXYZabcdefghmnoprstwxyz",
		composed: []rune("ȦḂĊḊĖḞĠḢİṀṄȮṖṘṠṪẆẊẎŻȧḃċḋėḟġḣṁṅȯṗṙṡṫẇẋẏż"),
	},
	0xC8 - 0xC0: { // diaeresis
		combining: 0x0308, spacing: 0x00A8,
		base:     "AEHIOUWXYaehiotuwxy",
		composed: []rune("ÄËḦÏÖÜẄẌŸäëḧïöẗüẅẍÿ"),
	},
	0xCA - 0xC0: { // ring
		combining: 0x030A, spacing: 0x02DA,
		base:     "AUauwy",
		composed: []rune("ÅŮåůẘẙ"),
	},
	0xCB - 0xC0: { // cedilla
		combining: 0x0327, spacing: 0x00B8,
		base:     "CDEGHKLNRSTcdeghklnrst",
		composed: []rune("ÇḐȨĢḨĶĻŅŖŞŢçḑȩģḩķļņŗşţ"),
	},
	0xCD - 0xC0: { // double acute
		combining: 0x030B, spacing: 0x02DD,
		base:     "OUou",
		composed: []rune("ŐŰőű"),
	},
	0xCE - 0xC0: { // ogonek
		combining: 0x0328, spacing: 0x02DB,
		base:     "AEIOUaeiou",
		composed: []rune("ĄĘĮǪŲąęįǫų"),
	},
	0xCF - 0xC0: { // caron
		combining: 0x030C, spacing: 0x02C7,
		base:     "ACDEGHIKLNORSTUZacdeghijklnorstuz",
		composed: []rune("ǍČĎĚǦȞǏǨĽŇǑŘŠŤǓŽǎčďěǧȟǐǰǩľňǒřšťǔž"),
	},
}
