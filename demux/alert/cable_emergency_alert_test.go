package alert

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
)

// ceaSection wraps a body in a cable_emergency_alert header and CRC_32.
func ceaSection(seq uint8, body ...[]byte) []byte {
	b := bytes.Join(body, nil)
	sl := psi.HeaderLen - 3 + len(b) + 4
	sec := []byte{
		0xD8,               // table_id
		0xB0 | byte(sl>>8), // section_syntax_indicator 1, zero 0, reserved 11, section_length
		byte(sl),           //
		0x00, 0x00,         // table_id_extension
		0xC1 | (seq&0x1F)<<1, // reserved 11, sequence_number, current_next_indicator 1
		0x00,                 // section_number
		0x00,                 // last_section_number
	}
	sec = append(sec, b...)
	crc := psi.CRC32(sec)
	return append(sec, byte(crc>>24), byte(crc>>16), byte(crc>>8), byte(crc))
}

// casesCableEmergencyAlert drive Unmarshal, Marshal and the fuzz seeds.
var casesCableEmergencyAlert = []struct {
	name string
	sec  []byte
	want CableEmergencyAlert
}{
	{
		name: "in-band, two languages, both exception kinds, descriptors",
		sec: ceaSection(9, []byte{
			0x00,       // protocol_version
			0x12, 0x34, // EAS_event_ID
			'C', 'I', 'V', // EAS_originator_code
			0x03, 'T', 'O', 'R', // EAS_event_code_length, EAS_event_code
			0x0F,                // nature_of_activation_text_length
			0x01,                // number_strings
			'e', 'n', 'g', 0x01, // ISO_639_language_code, number_segments
			0x00, 0x00, 0x07, // compression_type, mode, number_bytes
			'T', 'o', 'r', 'n', 'a', 'd', 'o',
			0x78,                   // alert_message_time_remaining 120
			0x4B, 0x9A, 0x3D, 0x80, // event_start_time (GPS seconds)
			0x00, 0x3C, // event_duration 60
			0xFF, 0xFB, // reserved, alert_priority 11
			0x00, 0x00, // details_OOB_source_ID
			0xFC, 0x0C, // reserved, details_major_channel_number 12
			0xFC, 0x01, // reserved, details_minor_channel_number 1
			0x00, 0x00, // audio_OOB_source_ID
			0x00, 0x22, // alert_text_length 34
			0x02,                // number_strings
			'e', 'n', 'g', 0x01, // ISO_639_language_code, number_segments
			0x00, 0x00, 0x0A, // compression_type, mode, number_bytes
			'T', 'a', 'k', 'e', ' ', 'c', 'o', 'v', 'e', 'r',
			's', 'p', 'a', 0x01, // ISO_639_language_code, number_segments
			0x00, 0x00, 0x09, // compression_type, mode, number_bytes
			0xA1, 'C', 0xFA, 'b', 'r', 'a', 's', 'e', '!', // "¡Cúbrase!" in ISO 8859-1
			0x01,       // location_code_count
			0x30,       // state_code 48
			0x5C, 0xC9, // county_subdivision 5, reserved 11, county_code 201
			0x02,       // exception_count
			0xFF,       // in_band_reference 1, reserved
			0xFC, 0x0C, // reserved, exception_major_channel_number 12
			0xFC, 0x02, // reserved, exception_minor_channel_number 2
			0x7F,       // in_band_reference 0, reserved
			0xFF, 0xFF, // reserved
			0x12, 0x5D, // exception_OOB_source_ID
			0xFC, 0x0B, // reserved, descriptors_length 11
			0x00, 0x03, 0x0F, 0x00, 0x14, // in-band details channel: RF 15, program 20
			0x01, 0x04, 0x01, 0x06, 0x00, 0x64, // in-band exception channels: 1 × (RF 6, program 100)
		}),
		want: CableEmergencyAlert{
			SequenceNumber:    9,
			EASEventID:        0x1234,
			EASOriginatorCode: "CIV",
			EASEventCode:      "TOR",
			NatureOfActivationText: []LangString{{Lang: "eng", Text: "Tornado",
				Segments: []Segment{{0, 0, []byte("Tornado")}}}},
			AlertMessageTimeRemaining: 120,
			EventStartTime:            0x4B9A3D80,
			EventDuration:             60,
			AlertPriority:             PriorityHigh,
			DetailsMajorChannelNumber: 12,
			DetailsMinorChannelNumber: 1,
			AlertText: []LangString{
				{Lang: "eng", Text: "Take cover", Segments: []Segment{{0, 0, []byte("Take cover")}}},
				{Lang: "spa", Text: "¡Cúbrase!", Segments: []Segment{{0, 0,
					[]byte{0xA1, 'C', 0xFA, 'b', 'r', 'a', 's', 'e', '!'}}}},
			},
			Locations: []LocationCode{{StateCode: 48, CountySubdivision: 5, CountyCode: 201}},
			Exceptions: []Exception{
				{InBandReference: true, MajorChannelNumber: 12, MinorChannelNumber: 2},
				{InBandReference: false, OOBSourceID: 0x125D},
			},
			Descriptors: []psi.Descriptor{
				{Tag: DescriptorTagInBandDetailsChannel, Data: []byte{0x0F, 0x00, 0x14}},
				{Tag: DescriptorTagInBandExceptionChannels, Data: []byte{0x01, 0x06, 0x00, 0x64}},
			},
		},
	},
	{
		name: "out-of-band, test priority, no texts, no lists",
		sec: ceaSection(0, []byte{
			0x00,       // protocol_version
			0xFF, 0xFF, // EAS_event_ID
			'P', 'E', 'P', // EAS_originator_code
			0x00,                   // EAS_event_code_length
			0x00,                   // nature_of_activation_text_length
			0x00,                   // alert_message_time_remaining (indefinite)
			0x00, 0x00, 0x00, 0x00, // event_start_time (immediate)
			0x00, 0x00, // event_duration (unknown)
			0xFF, 0xF0, // reserved, alert_priority 0
			0xAB, 0xCD, // details_OOB_source_ID
			0xFC, 0x00, // reserved, details_major_channel_number
			0xFC, 0x00, // reserved, details_minor_channel_number
			0x12, 0x34, // audio_OOB_source_ID
			0x00, 0x00, // alert_text_length
			0x00,       // location_code_count
			0x00,       // exception_count
			0xFC, 0x00, // reserved, descriptors_length
		}),
		want: CableEmergencyAlert{
			EASEventID:         0xFFFF,
			EASOriginatorCode:  "PEP",
			EASEventCode:       "",
			AlertPriority:      PriorityTest,
			DetailsOOBSourceID: 0xABCD,
			AudioOOBSourceID:   0x1234,
		},
	},
	{
		name: "Huffman nature text, UTF-16 alert text",
		sec: ceaSection(31, []byte{
			0x00,       // protocol_version
			0x00, 0x01, // EAS_event_ID
			'W', 'X', 'R', // EAS_originator_code
			0x03, 'S', 'V', 'R', // EAS_event_code_length, EAS_event_code
			0x0A,                // nature_of_activation_text_length
			0x01,                // number_strings
			'e', 'n', 'g', 0x01, // ISO_639_language_code, number_segments
			0x02, 0x00, 0x02, 0x9C, 0x4E, // compression_type 2 (Huffman), mode, number_bytes, bits
			0x05,                   // alert_message_time_remaining
			0x00, 0x00, 0x00, 0x00, // event_start_time
			0x00, 0x0F, // event_duration 15
			0xFF, 0xF7, // reserved, alert_priority 7
			0x00, 0x00, // details_OOB_source_ID
			0xFC, 0x00, // reserved, details_major_channel_number
			0xFC, 0x00, // reserved, details_minor_channel_number
			0x00, 0x00, // audio_OOB_source_ID
			0x00, 0x0E, // alert_text_length
			0x01,                // number_strings
			'j', 'p', 'n', 0x01, // ISO_639_language_code, number_segments
			0x00, 0x3F, 0x06, // compression_type 0, mode 0x3F (UTF-16), number_bytes
			0x6D, 0x2A, 0x6C, 0x34, 0x00, 0x21, // "洪水!"
			0x00,       // location_code_count
			0x00,       // exception_count
			0xFC, 0x00, // reserved, descriptors_length
		}),
		want: CableEmergencyAlert{
			SequenceNumber:    31,
			EASEventID:        1,
			EASOriginatorCode: "WXR",
			EASEventCode:      "SVR",
			NatureOfActivationText: []LangString{{Lang: "eng", Undecoded: true,
				Segments: []Segment{{CompressionHuffman2, 0, []byte{0x9C, 0x4E}}}}},
			AlertMessageTimeRemaining: 5,
			EventDuration:             15,
			AlertPriority:             PriorityMedium,
			AlertText: []LangString{{Lang: "jpn", Text: "洪水!",
				Segments: []Segment{{0, ModeUTF16, []byte{0x6D, 0x2A, 0x6C, 0x34, 0x00, 0x21}}}}},
		},
	},
}

func TestCableEmergencyAlertUnmarshal(t *testing.T) {
	for _, c := range casesCableEmergencyAlert {
		t.Run(c.name, func(t *testing.T) {
			var got CableEmergencyAlert
			require.NoError(t, got.Unmarshal(c.sec))
			require.Equal(t, c.want, got)

			// Into a reused value (slices reused, every field overwritten).
			var reused CableEmergencyAlert
			require.NoError(t, reused.Unmarshal(bytes.Clone(casesCableEmergencyAlert[0].sec)))
			require.NoError(t, reused.Unmarshal(c.sec))
			require.Len(t, reused.AlertText, len(c.want.AlertText))
			for i := range c.want.AlertText {
				require.Equal(t, c.want.AlertText[i], reused.AlertText[i])
			}
			b1, err := reused.Marshal()
			require.NoError(t, err)
			require.Equal(t, c.sec, b1)
		})
	}
}

func TestCableEmergencyAlertMarshal(t *testing.T) {
	for _, c := range casesCableEmergencyAlert {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, len(c.sec), c.want.MarshalSize())
			b, err := c.want.Marshal()
			require.NoError(t, err)
			require.Equal(t, c.sec, b)
			require.NoError(t, psi.CheckCRC(b))
		})
	}
}

// TestCableEmergencyAlertMarshalText covers a value built by hand for `antena mux
// --scte18`: texts without Segments are encoded from Text.
func TestCableEmergencyAlertMarshalText(t *testing.T) {
	in := CableEmergencyAlert{
		SequenceNumber: 3, EASEventID: 7, EASOriginatorCode: "EAS", EASEventCode: "RMT",
		NatureOfActivationText:    []LangString{{Lang: "eng", Text: "REQUIRED MONTHLY TEST"}},
		AlertText:                 []LangString{{Lang: "spa", Text: "Prueba mensual requerida"}},
		AlertMessageTimeRemaining: 30, AlertPriority: PriorityMaximum,
		DetailsMajorChannelNumber: 2, DetailsMinorChannelNumber: 1,
		Locations: []LocationCode{{StateCode: 6, CountyCode: 37}},
	}
	b, err := in.Marshal()
	require.NoError(t, err)
	var out CableEmergencyAlert
	require.NoError(t, out.Unmarshal(b))
	require.Equal(t, "REQUIRED MONTHLY TEST", out.NatureOfActivationText[0].Text)
	require.Equal(t, "Prueba mensual requerida", out.AlertText[0].Text)
	out.NatureOfActivationText[0].Segments, out.AlertText[0].Segments = nil, nil
	require.Equal(t, in, out)
}

func TestCableEmergencyAlertErrors(t *testing.T) {
	good := casesCableEmergencyAlert[1].sec
	body := func(sec []byte) []byte { return sec[psi.HeaderLen : len(sec)-4] }
	patched := func(i int, v byte) []byte { // body byte i set to v
		b := append([]byte(nil), body(good)...)
		b[i] = v
		return ceaSection(0, b)
	}
	for _, c := range []struct {
		name string
		sec  []byte
		err  error
		msg  string
	}{
		{"short header", []byte{0xD8, 0xB0}, psi.ErrShortBuffer,
			"alert: bad cable_emergency_alert section: psi: short buffer: section header needs 3 bytes, have 2"},
		{"truncated section", good[:20], psi.ErrShortBuffer,
			"alert: bad cable_emergency_alert section: psi: short buffer: section_length 40 needs 43 bytes, have 20"},
		{"table_id", append([]byte{0xD9}, good[1:]...), ErrTableID, "alert: unexpected table_id: 0xD9, want 0xD8"},
		{"short form", []byte{0xD8, 0x30, 0x01, 0x00}, ErrSection,
			"alert: bad cable_emergency_alert section: section_syntax_indicator is 0"},
		{"section_length", append([]byte{0xD8, 0xBF, 0xFF}, make([]byte, 4095)...), ErrSection,
			"alert: bad cable_emergency_alert section: section_length 4095, at most 4093"},
		{"protocol_version", patched(0, 1), ErrProtocolVersion, "alert: unsupported protocol_version: 1"},
		{"EAS_event_code_length", patched(6, 200), ErrLengthOverrun,
			"alert: length overruns its container: EAS_event_code_length 200, 24 bytes left (event 0xFFFF)"},
		{"nature_of_activation_text_length", patched(7, 40), ErrLengthOverrun,
			"alert: length overruns its container: nature_of_activation_text_length 40, 23 bytes left (event 0xFFFF)"},
		{"alert_text_length", patched(26, 30), ErrLengthOverrun,
			"alert: length overruns its container: alert_text_length 30, 4 bytes left (event 0xFFFF)"},
		{"location_code_count", patched(27, 5), ErrLengthOverrun,
			"alert: length overruns its container: location_code_count 5 needs 15 bytes, 3 left (event 0xFFFF)"},
		{"exception_count", patched(28, 1), ErrLengthOverrun,
			"alert: length overruns its container: exception_count 1 needs 5 bytes, 2 left (event 0xFFFF)"},
		{"descriptors_length", patched(30, 2), ErrLengthOverrun,
			"alert: length overruns its container: descriptors_length 2, 0 bytes left (event 0xFFFF)"},
		{"fixed fields", ceaSection(0, body(good)[:12]), ErrShortBuffer,
			"alert: short buffer: cable_emergency_alert event 0xFFFF: bitio: short buffer: need 32 bits at bit 72, have 24"},
		{"descriptor", ceaSection(0, append(body(good)[:29:29], 0xFC, 0x03, 0x00, 0x05, 0x01)), psi.ErrLengthOverrun,
			"alert: length overruns its container: descriptors: psi: length overruns its container: " +
				"descriptor 0x00 length 5, loop has 1"},
		{"text", ceaSection(0, append(append(body(good)[:7:7], 0x05, 0x01, 'e', 'n', 'g', 0x01), body(good)[8:]...)),
			ErrLengthOverrun, "alert: length overruns its container: nature_of_activation_text: " +
				"string 0 segment 0 needs 3 bytes, have 0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got CableEmergencyAlert
			err := got.Unmarshal(c.sec)
			require.ErrorIs(t, err, c.err)
			require.EqualError(t, err, c.msg)
		})
	}
}

func TestCableEmergencyAlertMarshalErrors(t *testing.T) {
	base := casesCableEmergencyAlert[0].want
	for _, c := range []struct {
		name string
		edit func(c *CableEmergencyAlert)
		err  error
	}{
		{"sequence_number", func(c *CableEmergencyAlert) { c.SequenceNumber = 32 }, ErrFieldRange},
		{"protocol_version", func(c *CableEmergencyAlert) { c.ProtocolVersion = 1 }, ErrProtocolVersion},
		{"originator", func(c *CableEmergencyAlert) { c.EASOriginatorCode = "EA" }, ErrFieldRange},
		{"event code", func(c *CableEmergencyAlert) { c.EASEventCode = string(make([]byte, 256)) }, ErrTooLong},
		{"priority", func(c *CableEmergencyAlert) { c.AlertPriority = 16 }, ErrFieldRange},
		{"details major", func(c *CableEmergencyAlert) { c.DetailsMajorChannelNumber = 1024 }, ErrFieldRange},
		{"county", func(c *CableEmergencyAlert) { c.Locations = []LocationCode{{CountyCode: 1024}} }, ErrFieldRange},
		{"subdivision", func(c *CableEmergencyAlert) { c.Locations = []LocationCode{{CountySubdivision: 16}} },
			ErrFieldRange},
		{"in-band exception with OOB id", func(c *CableEmergencyAlert) {
			c.Exceptions = []Exception{{InBandReference: true, OOBSourceID: 1}}
		}, ErrFieldRange},
		{"OOB exception with channel", func(c *CableEmergencyAlert) {
			c.Exceptions = []Exception{{MajorChannelNumber: 1}}
		}, ErrFieldRange},
		{"locations", func(c *CableEmergencyAlert) { c.Locations = make([]LocationCode, 256) }, ErrTooLong},
		{"exceptions", func(c *CableEmergencyAlert) { c.Exceptions = make([]Exception, 256) }, ErrTooLong},
		{"descriptor", func(c *CableEmergencyAlert) { c.Descriptors = []psi.Descriptor{{Data: make([]byte, 256)}} },
			ErrTooLong},
		{"descriptors_length", func(c *CableEmergencyAlert) {
			c.Descriptors = []psi.Descriptor{{Data: make([]byte, 255)}, {Data: make([]byte, 255)},
				{Data: make([]byte, 255)}, {Data: make([]byte, 255)}}
		}, ErrTooLong},
		{"nature text", func(c *CableEmergencyAlert) {
			c.NatureOfActivationText = []LangString{{Lang: "eng", Text: string(make([]byte, 255))}}
		}, ErrTooLong},
		{"section", func(c *CableEmergencyAlert) {
			c.AlertText = []LangString{{Lang: "eng", Text: string(bytes.Repeat([]byte{'a'}, 4000))}}
		}, ErrTooLong},
		{"language", func(c *CableEmergencyAlert) { c.AlertText = []LangString{{Lang: "e"}} }, ErrFieldRange},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := base
			c.edit(&v)
			_, err := v.Marshal()
			require.ErrorIs(t, err, c.err)
		})
	}
	_, err := base.MarshalTo(make([]byte, 10))
	require.ErrorIs(t, err, ErrShortBuffer)
}

func TestSCTE18Descriptors(t *testing.T) {
	var det InBandDetailsChannelDescriptor
	require.NoError(t, det.Unmarshal([]byte{0x0F, 0x00, 0x14}))
	require.Equal(t, InBandDetailsChannelDescriptor{DetailsRFChannel: 15, DetailsProgramNumber: 20}, det)
	require.Equal(t, []byte{0x0F, 0x00, 0x14}, det.Marshal())
	require.ErrorIs(t, det.Unmarshal([]byte{0x0F}), ErrShortBuffer)

	var exc InBandExceptionChannelsDescriptor
	data := []byte{
		0x02,             // exception_channel_count
		0x06, 0x00, 0x64, // exception_RF_channel 6, exception_program_number 100
		0x07, 0x01, 0x00, // exception_RF_channel 7, exception_program_number 256
	}
	require.NoError(t, exc.Unmarshal(data))
	require.Equal(t, []RFProgram{{6, 100}, {7, 256}}, exc.Channels)
	b, err := exc.Marshal()
	require.NoError(t, err)
	require.Equal(t, data, b)
	require.ErrorIs(t, exc.Unmarshal(data[:5]), ErrLengthOverrun)
	require.ErrorIs(t, exc.Unmarshal(nil), ErrShortBuffer)
	_, err = (&InBandExceptionChannelsDescriptor{Channels: make([]RFProgram, 85)}).Marshal()
	require.ErrorIs(t, err, ErrTooLong)
}

func TestPriorityAndTime(t *testing.T) {
	for p, want := range []uint8{0, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15} {
		require.Equal(t, want, EffectivePriority(uint8(p)), "priority %d", p)
	}
	require.Equal(t, time.Date(1980, 1, 6, 0, 0, 0, 0, time.UTC), GPSToUTC(0))
	require.Equal(t, time.Date(2020, 3, 14, 20, 0, 0, 0, time.UTC), GPSToUTC(1268251200))
}

// TestCableEmergencyAlertRepeatNoAllocs: a repeated section decoded into the same value
// allocates nothing (texts and event code unchanged are kept).
func TestCableEmergencyAlertRepeatNoAllocs(t *testing.T) {
	sec := casesCableEmergencyAlert[0].sec
	var c CableEmergencyAlert
	require.NoError(t, c.Unmarshal(sec))
	allocs := testing.AllocsPerRun(100, func() {
		if err := c.Unmarshal(sec); err != nil {
			panic(err)
		}
	})
	require.Zero(t, allocs)
	require.Equal(t, casesCableEmergencyAlert[0].want, c)
}
