package ait

import (
	"encoding/hex"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
)

// withCRC appends the CRC_32 of b to b.
func withCRC(b []byte) []byte {
	c := psi.CRC32(b)
	return append(b, byte(c>>24), byte(c>>16), byte(c>>8), byte(c))
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func mustMarshal(t testing.TB, s *Section) []byte {
	t.Helper()
	b, err := s.Marshal()
	require.NoError(t, err)
	return b
}

// gingaNCLSection is what `antena mux` writes for a Ginga-NCL application.
var gingaNCLSection = Section{
	ApplicationType: ApplicationTypeGingaNCL, VersionNumber: 3, CurrentNextIndicator: true,
	Applications: []Application{{
		OrganisationID: 0x10, ApplicationID: 0x0001, ApplicationControlCode: ControlCodeAutostart,
		Descriptors: []Descriptor{
			&ApplicationNameDescriptor{Names: []ApplicationName{{ISO639LanguageCode: "por", Name: []byte("Meu Jogo")}}},
			&TransportProtocolDescriptor{ProtocolID: ProtocolObjectCarousel, TransportProtocolLabel: 1, ComponentTag: 0x0B},
			&ApplicationDescriptor{
				Profiles:         []ApplicationProfile{{ApplicationProfile: 1, VersionMajor: 1}},
				ServiceBoundFlag: true, Visibility: VisibilityVisibleAll, ApplicationPriority: 1,
				TransportProtocolLabels: []uint8{1},
			},
			&GingaNCLApplicationLocationDescriptor{BaseDirectory: "/", InitialClass: "main.ncl"},
		},
	}},
}

// casesSection drives Unmarshal, Marshal and the fuzz seeds of whole sections. wire, when
// set, is the exact encoding.
var casesSection = []struct {
	name string
	sec  Section
	wire []byte
}{
	{
		name: "empty HbbTV table",
		sec:  Section{ApplicationType: ApplicationTypeHbbTV, VersionNumber: 1, CurrentNextIndicator: true},
		wire: withCRC([]byte{
			0x74, 0xF0, 0x0D, // table_id, ssi 1, reserved_future_use 1, reserved 11, section_length 13
			0x00, 0x10, // test_application_flag 0, application_type 0x0010
			0xC3,       // reserved 11, version_number 1, current_next_indicator 1
			0x00, 0x00, // section_number, last_section_number
			0xF0, 0x00, // reserved_future_use, common_descriptors_length 0
			0xF0, 0x00, // reserved_future_use, application_loop_length 0
		}),
	},
	{
		name: "Ginga-NCL application: name, OC transport, application and location descriptors",
		sec:  gingaNCLSection,
		wire: withCRC([]byte{
			0x74, 0xF0, 0x43, // table_id, flags, section_length 67
			0x00, 0x09, // test_application_flag 0, application_type Ginga-NCL
			0xC7,       // reserved, version_number 3, current_next_indicator 1
			0x00, 0x00, // section_number, last_section_number
			0xF0, 0x00, // common_descriptors_length 0
			0xF0, 0x36, // application_loop_length 54
			0x00, 0x00, 0x00, 0x10, // organisation_id
			0x00, 0x01, // application_id
			0x01,       // application_control_code AUTOSTART
			0xF0, 0x2D, // application_descriptors_loop_length 45
			0x01, 0x0C, 'p', 'o', 'r', 0x08, 'M', 'e', 'u', ' ', 'J', 'o', 'g', 'o', // application_name
			0x02, 0x05, 0x00, 0x01, 0x01, 0x7F, 0x0B, // transport_protocol: OC, label 1, component_tag 0x0B
			0x00, 0x09, 0x05, 0x00, 0x01, 0x01, 0x00, 0x00, // application: profile 1 version 1.0.0
			0xFF, 0x01, 0x01, // service bound, VISIBLE_ALL, priority 1, label 1
			0x07, 0x0B, 0x01, '/', 0x00, 'm', 'a', 'i', 'n', '.', 'n', 'c', 'l', // Ginga-NCL location
		}),
	},
	{
		name: "Mediaset PID 0x1EC6 (tsduck test-018)",
		sec: Section{
			ApplicationType: ApplicationTypeDVBJ, CurrentNextIndicator: true,
			Applications: []Application{{
				OrganisationID: 0x0B, ApplicationID: 0x1AB6, ApplicationControlCode: ControlCodeAutostart,
				Descriptors: []Descriptor{
					&TransportProtocolDescriptor{ProtocolID: ProtocolObjectCarousel, TransportProtocolLabel: 1, ComponentTag: 0x0A},
					&ApplicationDescriptor{
						Profiles:         []ApplicationProfile{{ApplicationProfile: 1, VersionMajor: 1, VersionMicro: 2}},
						ServiceBoundFlag: true, Visibility: VisibilityVisibleAll, ApplicationPriority: 60,
						TransportProtocolLabels: []uint8{1},
					},
					&ApplicationNameDescriptor{Names: []ApplicationName{{ISO639LanguageCode: "eng", Name: []byte("Launcher SAT")}}},
					&DVBJApplicationDescriptor{},
					&DVBJApplicationLocationDescriptor{BaseDirectory: "/", InitialClass: "bd.BDXlet"},
				},
			}},
		},
		wire: mustHex("74f04a0001c10000f000f03d0000000b1ab601f03402050001017f0a0009050001010002ff3c010110656e67" +
			"0c4c61756e63686572205341540300040c012f0062642e4244586c6574f260526e"),
	},
	{
		name: "HbbTV test application: common transports, two apps, section 1 of 2",
		sec: Section{
			TestApplicationFlag: true, ApplicationType: ApplicationTypeHbbTV, VersionNumber: 31,
			CurrentNextIndicator: true, SectionNumber: 1, LastSectionNumber: 1,
			CommonDescriptors: []Descriptor{
				&TransportProtocolDescriptor{ProtocolID: ProtocolHTTP, TransportProtocolLabel: 1,
					URLs: []URL{{URLBase: "https://tv.example/app/"}}},
				&TransportProtocolDescriptor{ProtocolID: ProtocolObjectCarousel, TransportProtocolLabel: 2, ComponentTag: 0x2A},
				&ExternalApplicationAuthorisationDescriptor{Applications: []ExternalApplication{
					{OrganisationID: 0x3C0, ApplicationID: 9, ApplicationPriority: 3},
				}},
				&PrivateDataSpecifierDescriptor{PrivateDataSpecifier: 0x28},
				&RawDescriptor{Tag: 0x80, Data: []byte{1, 2, 3}},
			},
			Applications: []Application{
				{
					OrganisationID: 0x3C0, ApplicationID: 0x65, ApplicationControlCode: ControlCodePresent,
					Descriptors: []Descriptor{
						&ApplicationDescriptor{Visibility: VisibilityVisibleAll, ApplicationPriority: 1,
							TransportProtocolLabels: []uint8{1, 2}},
						&ApplicationNameDescriptor{Names: []ApplicationName{
							{ISO639LanguageCode: "ita", Name: []byte("\x05Telecomando")},
							{ISO639LanguageCode: "eng", Name: []byte("Remote")},
						}},
						&SimpleApplicationLocationDescriptor{InitialPath: "index.html?x=1"},
						&SimpleApplicationBoundaryDescriptor{BoundaryExtensions: []string{"https://tv.example/"}},
						&ApplicationUsageDescriptor{UsageType: 1},
						&ApplicationIconsDescriptor{IconLocator: "icons/", IconFlags: 0x0002},
					},
				},
				{OrganisationID: 0x3C0, ApplicationID: 0x66, ApplicationControlCode: ControlCodeKill},
			},
		},
	},
	{
		name: "DVB-HTML and storage descriptors",
		sec: Section{
			ApplicationType: ApplicationTypeDVBHTML, CurrentNextIndicator: false,
			Applications: []Application{{
				OrganisationID: 1, ApplicationID: 2, ApplicationControlCode: ControlCodePrefetch,
				Descriptors: []Descriptor{
					&DVBHTMLApplicationDescriptor{ApplicationIDs: []uint16{2, 3}, Parameter: "p"},
					&DVBHTMLApplicationLocationDescriptor{PhysicalRoot: "/html", InitialPath: "start.html"},
					&DVBHTMLApplicationBoundaryDescriptor{Label: "b", RegularExpression: ".*"},
					&PrefetchDescriptor{TransportProtocolLabel: 1, Labels: []PrefetchLabel{{Label: "m1", PrefetchPriority: 50}}},
					&DIILocationDescriptor{TransportProtocolLabel: 1,
						DIIs: []DIILocation{{DIIIdentification: 0x7FFF, AssociationTag: 1}}},
					&ApplicationStorageDescriptor{StorageProperty: 1, LaunchableCompletelyFromCache: true, Version: 7, Priority: 2},
					&IPSignallingDescriptor{PlatformID: 0xABCDEF},
					&TransportProtocolDescriptor{ProtocolID: ProtocolIPMPE, TransportProtocolLabel: 3, Selector: []byte{0x7F}},
				},
			}},
		},
	},
	{
		name: "large table: 20 DVB-J applications",
		sec: func() Section {
			s := Section{ApplicationType: ApplicationTypeDVBJ, VersionNumber: 5, CurrentNextIndicator: true}
			for i := range 20 {
				s.Applications = append(s.Applications, Application{
					OrganisationID: 0x0B, ApplicationID: uint16(0x1000 + i), ApplicationControlCode: ControlCodePresent,
					Descriptors: []Descriptor{
						&ApplicationNameDescriptor{Names: []ApplicationName{{ISO639LanguageCode: "ita", Name: []byte("App")}}},
						&DVBJApplicationLocationDescriptor{BaseDirectory: "/", InitialClass: "it.example.Xlet"},
					},
				})
			}
			return s
		}(),
	},
}

func TestSectionCases(t *testing.T) {
	for _, c := range casesSection {
		t.Run(c.name, func(t *testing.T) {
			b := mustMarshal(t, &c.sec)
			if c.wire != nil {
				require.Equal(t, hex.EncodeToString(c.wire), hex.EncodeToString(b))
			}
			require.NoError(t, psi.CheckCRC(b))
			require.Equal(t, len(b), c.sec.MarshalSize())

			var got Section
			require.NoError(t, got.Unmarshal(b))
			require.Equal(t, c.sec, got)

			buf := make([]byte, len(b))
			n, err := c.sec.MarshalTo(buf)
			require.NoError(t, err)
			require.Equal(t, b, buf[:n])
			_, err = c.sec.MarshalTo(buf[:len(b)-1])
			require.ErrorIs(t, err, ErrTooLarge)

			out, err := c.sec.AppendMarshal([]byte{0xAB})
			require.NoError(t, err)
			require.Equal(t, append([]byte{0xAB}, b...), out)
		})
	}
}

func TestSectionUnmarshalReuse(t *testing.T) {
	var s Section
	require.NoError(t, s.Unmarshal(mustMarshal(t, &casesSection[3].sec)))
	require.NoError(t, s.Unmarshal(mustMarshal(t, &casesSection[0].sec)))
	require.Equal(t, casesSection[0].sec, s)
	// Bytes after the section are ignored.
	require.NoError(t, s.Unmarshal(append(mustMarshal(t, &gingaNCLSection), 0xFF, 0xFF)))
	require.Equal(t, gingaNCLSection, s)
}

// sectionBytes wraps an AIT body (after last_section_number) in a header and a CRC.
func sectionBytes(body ...byte) []byte {
	n := 5 + len(body) + 4
	b := append([]byte{0x74, 0xF0 | byte(n>>8), byte(n), 0x00, 0x10, 0xC1, 0x00, 0x00}, body...)
	return withCRC(b)
}

var casesSectionError = []struct {
	name string
	b    []byte
	err  error
}{
	{"short header", []byte{0x74, 0xF0}, ErrSection},
	{"section_length past the buffer", []byte{0x74, 0xF0, 0x20, 0, 0}, ErrSection},
	{"not an AIT", sectionBytes(0xF0, 0x00, 0xF0, 0x00)[:0:0], ErrSection},
	{"table_id 0x42", append([]byte{0x42}, sectionBytes(0xF0, 0x00, 0xF0, 0x00)[1:]...), ErrTableID},
	{"section_syntax_indicator 0", []byte{0x74, 0x70, 0x02, 0xF0, 0x00}, ErrSection},
	{"section_length over 1021", append([]byte{0x74, 0xF3, 0xFE}, make([]byte, 0x3FE)...), ErrSectionLength},
	{"section_number above last", func() []byte {
		b := sectionBytes(0xF0, 0x00, 0xF0, 0x00)
		b[6] = 2
		return withCRC(b[:len(b)-4])
	}(), ErrSectionNumber},
	{"no loop lengths", sectionBytes(0xF0), ErrLength},
	{"common_descriptors_length overrun", sectionBytes(0xF0, 0x05, 0x00, 0x00), ErrLength},
	{"no application_loop_length", sectionBytes(0xF0, 0x00), ErrLength},
	{"application_loop_length overrun", sectionBytes(0xF0, 0x00, 0xF0, 0x0A, 0, 0, 0, 1), ErrLength},
	{"stray bytes in the application loop", sectionBytes(0xF0, 0x00, 0xF0, 0x03, 0, 0, 0), ErrLength},
	{"application_descriptors_loop_length overrun",
		sectionBytes(0xF0, 0x00, 0xF0, 0x0A, 0, 0, 0, 1, 0, 1, 1, 0xF0, 0x05, 0x00), ErrLength},
	{"descriptor_length overrun in the common loop",
		sectionBytes(0xF0, 0x02, 0x01, 0x05, 0xF0, 0x00), psi.ErrLengthOverrun},
	{"malformed descriptor in an application",
		sectionBytes(0xF0, 0x00, 0xF0, 0x0B, 0, 0, 0, 1, 0, 1, 1, 0xF0, 0x02, 0x16, 0x00), ErrDescriptor},
}

func TestSectionUnmarshalErrors(t *testing.T) {
	for _, c := range casesSectionError {
		t.Run(c.name, func(t *testing.T) {
			var s Section
			err := s.Unmarshal(c.b)
			require.ErrorIs(t, err, c.err)
			require.Regexp(t, "^ait: ", err.Error())
		})
	}
}

func TestSectionErrorMessages(t *testing.T) {
	var s Section
	err := s.Unmarshal(sectionBytes(0xF0, 0x00, 0xF0, 0x0A, 0, 0, 0, 1, 0, 1, 1, 0xF0, 0x05, 0x00))
	require.EqualError(t, err, "ait: length overruns its container: application 0 (0x00000001/0x0001) "+
		"application_descriptors_loop_length 5, 1 bytes left")
	err = s.Unmarshal(sectionBytes(0xF0, 0x02, 0x01, 0x05, 0xF0, 0x00))
	require.EqualError(t, err, "ait: length overruns its container: common descriptors: "+
		"psi: length overruns its container: descriptor 0x01 length 5, loop has 0")
	err = s.Unmarshal(sectionBytes(0xF0, 0x02, 0x5F, 0x00, 0xF0, 0x00))
	require.EqualError(t, err, "ait: malformed descriptor: common descriptors: "+
		"*ait.PrivateDataSpecifierDescriptor (tag 0x5F, 0 bytes): bitio: short buffer: need 32 bits at bit 0, have 0")
	err = s.Unmarshal(sectionBytes(0xF0, 0x00, 0xF0, 0x0B, 0, 0, 0, 1, 0, 1, 1, 0xF0, 0x02, 0x16, 0x00))
	require.EqualError(t, err, "ait: malformed descriptor: application 0x00000001/0x0001: "+
		"*ait.ApplicationUsageDescriptor (tag 0x16, 0 bytes): bitio: short buffer: need 8 bits at bit 0, have 0")
}

func TestSectionMarshalErrors(t *testing.T) {
	big := Section{ApplicationType: ApplicationTypeDVBJ}
	for i := range 60 {
		big.Applications = append(big.Applications, Application{ApplicationID: uint16(i), Descriptors: []Descriptor{
			&SimpleApplicationLocationDescriptor{InitialPath: "a/long/enough/path/to/fill/a/section.html"},
		}})
	}
	for name, c := range map[string]struct {
		s   Section
		err error
	}{
		"application_type 16 bits": {Section{ApplicationType: 0x8000}, ErrField},
		"version_number 32":        {Section{VersionNumber: 32}, ErrField},
		"section_number above":     {Section{SectionNumber: 1}, ErrSectionNumber},
		"bad descriptor": {
			Section{CommonDescriptors: []Descriptor{&IPSignallingDescriptor{PlatformID: 1 << 24}}}, ErrField,
		},
		"over 1024 bytes": {big, ErrTooLarge},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := c.s.Marshal()
			require.ErrorIs(t, err, c.err)
			if !errors.Is(c.err, ErrTooLarge) {
				require.Zero(t, c.s.MarshalSize())
			}
		})
	}
}

func TestNames(t *testing.T) {
	require.Equal(t, "DVB-J (MHP) / Ginga-J (ISDB-Tb)", ApplicationTypeDVBJ.String())
	require.Equal(t, "Ginga-J", ApplicationTypeGingaJ.Name(RegionISDBTb))
	require.Equal(t, "DVB-J (MHP)", ApplicationTypeDVBJ.Name(RegionDVB))
	require.Equal(t, "DVB-HTML", ApplicationTypeDVBHTML.String())
	require.Equal(t, "MHEG-5 (DVB) / Ginga (ABNT)", ApplicationTypeMHEG5.String())
	require.Equal(t, "MHEG-5", ApplicationTypeMHEG5.Name(RegionDVB))
	require.Equal(t, "Ginga", ApplicationTypeMHEG5.Name(RegionISDBTb))
	require.NotContains(t, ApplicationTypeMHEG5.String(), "Ginga-J")
	require.Equal(t, "Ginga-NCL", ApplicationTypeGingaNCL.String())
	require.Equal(t, "HbbTV", ApplicationTypeHbbTV.String())
	require.Equal(t, "application_type 0x0123", ApplicationType(0x123).String())

	for c, want := range map[ControlCode]string{
		1: "AUTOSTART", 2: "PRESENT", 3: "DESTROY", 4: "KILL", 5: "PREFETCH", 6: "REMOTE", 7: "DISABLED",
		8: "PLAYBACK_AUTOSTART", 0: "application_control_code 0x00", 9: "application_control_code 0x09",
	} {
		require.Equal(t, want, c.String())
	}
	require.Equal(t, "object carousel", ProtocolObjectCarousel.String())
	require.Equal(t, "IP via MPE", ProtocolIPMPE.String())
	require.Equal(t, "HTTP", ProtocolHTTP.String())
	require.Equal(t, "protocol_id 0x0004", ProtocolID(4).String())
	require.Equal(t, "VISIBLE_ALL", VisibilityVisibleAll.String())
	require.Equal(t, "NOT_VISIBLE_USERS", VisibilityNotVisibleUsers.String())
	require.Equal(t, "NOT_VISIBLE_ALL", VisibilityNotVisibleAll.String())
	require.Equal(t, "visibility 2", Visibility(2).String())
	require.Equal(t, "profile 0x0001 version 1.0.2", ApplicationProfile{1, 1, 0, 2}.String())
}

func FuzzUnmarshal(f *testing.F) {
	for _, c := range casesSection {
		b, err := c.sec.Marshal()
		if err == nil {
			f.Add(b)
		}
	}
	for _, c := range casesSectionError {
		f.Add(c.b)
	}
	for _, c := range casesDescriptor {
		common := append([]byte{0xF0, byte(2 + len(c.data)), c.tag, byte(len(c.data))}, c.data...)
		f.Add(sectionBytes(append(common, 0xF0, 0)...))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var s Section
		if s.Unmarshal(b) != nil {
			return
		}
		out, err := s.Marshal()
		if err != nil {
			t.Fatalf("Unmarshal succeeded, Marshal failed: %v", err)
		}
		var s2 Section
		if err := s2.Unmarshal(out); err != nil {
			t.Fatalf("re-Unmarshal: %v", err)
		}
		require.Equal(t, s, s2)
	})
}

// BenchmarkUnmarshal decodes the Mediaset MHP section of PID 0x1EC5 (182 bytes: application,
// name, DVB-J location and HTTP transport descriptors).
func BenchmarkUnmarshal(b *testing.B) {
	sec := mustHex(mediaset1EC5)
	var s Section
	b.ReportAllocs()
	b.SetBytes(int64(len(sec)))
	for b.Loop() {
		if err := s.Unmarshal(sec); err != nil {
			b.Fatal(err)
		}
	}
}

// mediaset1EC5 is the section of PID 0x1EC5 in tsduck_test-018_mediaset_ait.ts.
const mediaset1EC5 = "74f0b30001c10000f000f0a60000000b1ab502f09d00090500010101013f3c010117697461135072" +
	"6f6772616d6d6920545620424220534154042b012f0069742e6d656469617365742e7363686564756c657374762e506f7274" +
	"616c654c69676874586c65740300024800030130687474703a2f2f6d68702e646774762e6d656469617365742e69742f6170" +
	"706c2f50726f6772616d6d6954765361742f011250726f6772616d6d6954765361742e7a6970ad9f1778"
