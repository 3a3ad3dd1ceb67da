package ait

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/bitio"
)

// casesDescriptor drives decoding, encoding and the fuzz seeds of every descriptor type.
// data is the payload after descriptor_length; when encoding gives other bytes (reserved bits
// written as 1, ignored trailing bytes), reencoded holds them.
var casesDescriptor = []struct {
	name      string
	appType   ApplicationType
	tag       uint8
	data      []byte
	want      Descriptor
	reencoded []byte
}{
	{
		name: "application_descriptor, Mediaset", tag: 0x00,
		data: []byte{
			0x05,       // application_profiles_length
			0x00, 0x01, // application_profile
			0x01, 0x01, 0x01, // version 1.1.1
			0x3F, // service_bound_flag 0, visibility 1, reserved 11111
			0x3C, // application_priority 60
			0x01, // transport_protocol_label
		},
		want: &ApplicationDescriptor{
			Profiles:   []ApplicationProfile{{ApplicationProfile: 1, VersionMajor: 1, VersionMinor: 1, VersionMicro: 1}},
			Visibility: VisibilityNotVisibleUsers, ApplicationPriority: 60, TransportProtocolLabels: []uint8{1},
		},
	},
	{
		name: "application_descriptor, two profiles two labels, reserved 0", tag: 0x00,
		data: []byte{
			0x0A,                         // application_profiles_length
			0x00, 0x01, 0x01, 0x00, 0x02, // profile 1 version 1.0.2
			0x00, 0x02, 0x02, 0x03, 0x04, // profile 2 version 2.3.4
			0xE0,       // service_bound_flag 1, visibility 3, reserved 00000
			0xFF,       // application_priority
			0x02, 0x01, // transport_protocol_labels
		},
		want: &ApplicationDescriptor{
			Profiles: []ApplicationProfile{
				{ApplicationProfile: 1, VersionMajor: 1, VersionMicro: 2},
				{ApplicationProfile: 2, VersionMajor: 2, VersionMinor: 3, VersionMicro: 4},
			},
			ServiceBoundFlag: true, Visibility: VisibilityVisibleAll, ApplicationPriority: 255,
			TransportProtocolLabels: []uint8{2, 1},
		},
		reencoded: []byte{0x0A, 0x00, 0x01, 0x01, 0x00, 0x02, 0x00, 0x02, 0x02, 0x03, 0x04, 0xFF, 0xFF, 0x02, 0x01},
	},
	{
		name: "application_descriptor, no profile no label", tag: 0x00,
		data: []byte{0x00, 0x1F, 0x00},
		want: &ApplicationDescriptor{},
	},
	{
		name: "application_name_descriptor, two names, 8859-9 selector", tag: 0x01,
		data: []byte{
			'i', 't', 'a', // ISO_639_language_code
			0x0C, 0x05, 'T', 'e', 'l', 'e', 'c', 'o', 'm', 'a', 'n', 'd', 'o', // length, 8859-9, name
			'p', 'o', 'r', // ISO_639_language_code
			0x05, 'C', 'o', 'n', 't', 'r', // length, name
		},
		want: &ApplicationNameDescriptor{Names: []ApplicationName{
			{ISO639LanguageCode: "ita", Name: []byte("\x05Telecomando")},
			{ISO639LanguageCode: "por", Name: []byte("Contr")},
		}},
	},
	{
		name: "application_name_descriptor, empty", tag: 0x01,
		data: nil, want: &ApplicationNameDescriptor{},
	},
	{
		name: "transport_protocol_descriptor, object carousel", tag: 0x02,
		data: []byte{
			0x00, 0x01, // protocol_id
			0x01, // transport_protocol_label
			0x7F, // remote_connection 0, reserved
			0x0B, // component_tag
		},
		want: &TransportProtocolDescriptor{ProtocolID: ProtocolObjectCarousel, TransportProtocolLabel: 1, ComponentTag: 0x0B},
	},
	{
		name: "transport_protocol_descriptor, remote object carousel", tag: 0x02,
		data: []byte{
			0x00, 0x01, // protocol_id
			0x02,       // transport_protocol_label
			0x80,       // remote_connection 1, reserved 0
			0x20, 0x10, // original_network_id
			0x00, 0x05, // transport_stream_id
			0x0E, 0x01, // service_id
			0x2A, // component_tag
		},
		want: &TransportProtocolDescriptor{
			ProtocolID: ProtocolObjectCarousel, TransportProtocolLabel: 2, RemoteConnection: true,
			OriginalNetworkID: 0x2010, TransportStreamID: 5, ServiceID: 0x0E01, ComponentTag: 0x2A,
		},
		reencoded: []byte{0x00, 0x01, 0x02, 0xFF, 0x20, 0x10, 0x00, 0x05, 0x0E, 0x01, 0x2A},
	},
	{
		name: "transport_protocol_descriptor, HTTP two URLs", tag: 0x02,
		data: []byte{
			0x00, 0x03, // protocol_id
			0x01,                                              // transport_protocol_label
			0x09, 'h', 't', 't', 'p', ':', '/', '/', 'a', '/', // URL_base_length, URL_base
			0x02,                // URL_extension_count
			0x03, 'x', '/', '1', // URL_extension_length, URL_extension
			0x01, 'y', // URL_extension_length, URL_extension
			0x09, 'h', 't', 't', 'p', ':', '/', '/', 'b', '/', // URL_base_length, URL_base
			0x00, // URL_extension_count
		},
		want: &TransportProtocolDescriptor{ProtocolID: ProtocolHTTP, TransportProtocolLabel: 1, URLs: []URL{
			{URLBase: "http://a/", URLExtensions: []string{"x/1", "y"}},
			{URLBase: "http://b/"},
		}},
	},
	{
		name: "transport_protocol_descriptor, HTTP without URL", tag: 0x02,
		data: []byte{0x00, 0x03, 0x04},
		want: &TransportProtocolDescriptor{ProtocolID: ProtocolHTTP, TransportProtocolLabel: 4},
	},
	{
		name: "transport_protocol_descriptor, IP via MPE keeps its selector", tag: 0x02,
		data: []byte{
			0x00, 0x02, // protocol_id
			0x03,             // transport_protocol_label
			0x7F, 0xFF, 0x00, // selector bytes
		},
		want: &TransportProtocolDescriptor{ProtocolID: ProtocolIPMPE, TransportProtocolLabel: 3,
			Selector: []byte{0x7F, 0xFF, 0x00}},
	},
	{
		name: "dvb_j_application_descriptor, Mediaset, empty", tag: 0x03,
		data: nil, want: &DVBJApplicationDescriptor{},
	},
	{
		name: "dvb_j_application_descriptor, two parameters", tag: 0x03,
		data: []byte{0x02, 'a', '=', 0x00},
		want: &DVBJApplicationDescriptor{Parameters: []string{"a=", ""}},
	},
	{
		name: "dvb_j_application_location_descriptor", tag: 0x04,
		data: []byte{
			0x01, '/', // base_directory_length, base_directory
			0x03, 'l', 'i', 'b', // classpath_extension_length, classpath_extension
			'b', 'd', '.', 'B', 'D', 'X', 'l', 'e', 't', // initial_class
		},
		want: &DVBJApplicationLocationDescriptor{BaseDirectory: "/", ClasspathExtension: "lib", InitialClass: "bd.BDXlet"},
	},
	{
		name: "external_application_authorisation_descriptor", tag: 0x05,
		data: []byte{
			0x00, 0x00, 0x00, 0x0B, 0x1A, 0xB5, 0x05, // organisation_id, application_id, priority
			0x00, 0x00, 0x03, 0xC0, 0x00, 0x01, 0xFF,
		},
		want: &ExternalApplicationAuthorisationDescriptor{Applications: []ExternalApplication{
			{OrganisationID: 0x0B, ApplicationID: 0x1AB5, ApplicationPriority: 5},
			{OrganisationID: 0x3C0, ApplicationID: 1, ApplicationPriority: 255},
		}},
	},
	{
		name: "tag 0x06 outside Ginga-NCL stays raw (DVB application_recording_descriptor)",
		tag:  0x06, appType: ApplicationTypeHbbTV,
		data: []byte{0xC0, 0x00}, want: &RawDescriptor{Tag: 0x06, Data: []byte{0xC0, 0x00}},
	},
	{
		name: "ginga_ncl_application_descriptor", tag: 0x06, appType: ApplicationTypeGingaNCL,
		data: []byte{0x04, 'm', 'o', 'd', 'e'},
		want: &GingaNCLApplicationDescriptor{Parameters: []string{"mode"}},
	},
	{
		name: "ginga_ncl_application_location_descriptor", tag: 0x07, appType: ApplicationTypeGingaNCL,
		data: []byte{
			0x04, '/', 'a', 'p', 'p', // base_directory_length, base_directory
			0x00,                                   // classpath_extension_length
			'm', 'a', 'i', 'n', '.', 'n', 'c', 'l', // initial_class
		},
		want: &GingaNCLApplicationLocationDescriptor{BaseDirectory: "/app", InitialClass: "main.ncl"},
	},
	{
		name: "tag 0x07 outside Ginga-NCL stays raw", tag: 0x07, appType: ApplicationTypeDVBJ,
		data: []byte{0x00, 0x00, 'x'}, want: &RawDescriptor{Tag: 0x07, Data: []byte{0x00, 0x00, 'x'}},
	},
	{
		name: "dvb_html_application_descriptor", tag: 0x08,
		data: []byte{
			0x04,       // appid_set_length
			0x00, 0x01, // application_id
			0x00, 0x02, // application_id
			'p', '=', '1', // parameter
		},
		want: &DVBHTMLApplicationDescriptor{ApplicationIDs: []uint16{1, 2}, Parameter: "p=1"},
	},
	{
		name: "dvb_html_application_location_descriptor", tag: 0x09,
		data: []byte{
			0x02, '/', 'r', // physical_root_length, physical_root
			'i', 'n', 'd', 'e', 'x', '.', 'h', 't', 'm', 'l', // initial_path
		},
		want: &DVBHTMLApplicationLocationDescriptor{PhysicalRoot: "/r", InitialPath: "index.html"},
	},
	{
		name: "dvb_html_application_boundary_descriptor", tag: 0x0A,
		data: []byte{0x01, 'L', '^', '/', '.', '*'},
		want: &DVBHTMLApplicationBoundaryDescriptor{Label: "L", RegularExpression: "^/.*"},
	},
	{
		name: "application_icons_descriptor", tag: 0x0B,
		data: []byte{
			0x05, 'i', 'c', 'o', 'n', 's', // icon_locator_length, icon_locator
			0x00, 0x03, // icon_flags
			0xAB, // reserved_future_use
		},
		want: &ApplicationIconsDescriptor{IconLocator: "icons", IconFlags: 3, ReservedFutureUse: []byte{0xAB}},
	},
	{
		name: "prefetch_descriptor", tag: 0x0C,
		data: []byte{
			0x01,                // transport_protocol_label
			0x03, 'm', 'o', 'd', // label_length, label
			0x64, // prefetch_priority
			0x00, // label_length
			0x01, // prefetch_priority
		},
		want: &PrefetchDescriptor{TransportProtocolLabel: 1, Labels: []PrefetchLabel{
			{Label: "mod", PrefetchPriority: 100}, {PrefetchPriority: 1},
		}},
	},
	{
		name: "dii_location_descriptor", tag: 0x0D,
		data: []byte{
			0x01,       // transport_protocol_label
			0x80, 0x02, // reserved 1, DII_identification
			0x00, 0x0B, // association_tag
		},
		want: &DIILocationDescriptor{TransportProtocolLabel: 1,
			DIIs: []DIILocation{{DIIIdentification: 2, AssociationTag: 0x0B}}},
	},
	{
		name: "application_storage_descriptor", tag: 0x10,
		data: []byte{
			0x02,                   // storage_property
			0xBF,                   // 1 0 1 flags, reserved 11111
			0x80, 0x00, 0x01, 0x02, // reserved 1, version 0x102
			0x07, // priority
		},
		want: &ApplicationStorageDescriptor{StorageProperty: 2, NotLaunchableFromBroadcast: true,
			IsLaunchableWithOlderVersion: true, Version: 0x102, Priority: 7},
	},
	{
		name: "ip_signalling_descriptor", tag: 0x11,
		data: []byte{0x00, 0x00, 0x81}, // platform_id
		want: &IPSignallingDescriptor{PlatformID: 0x81},
	},
	{
		name: "simple_application_location_descriptor, RAI HbbTV", tag: 0x15,
		data: []byte("RemoteControl/index.html?delivery=2"),
		want: &SimpleApplicationLocationDescriptor{InitialPath: "RemoteControl/index.html?delivery=2"},
	},
	{
		name: "application_usage_descriptor", tag: 0x16,
		data: []byte{0x01}, // usage_type
		want: &ApplicationUsageDescriptor{UsageType: 1},
	},
	{
		name: "simple_application_boundary_descriptor", tag: 0x17,
		data: []byte{
			0x02,                                              // boundary_extension_count
			0x09, 'h', 't', 't', 'p', 's', ':', '/', '/', 'a', // length, extension
			0x00,
		},
		want: &SimpleApplicationBoundaryDescriptor{BoundaryExtensions: []string{"https://a", ""}},
	},
	{
		name: "private_data_specifier_descriptor", tag: 0x5F,
		data: []byte{0x00, 0x00, 0x00, 0x28}, // private_data_specifier
		want: &PrivateDataSpecifierDescriptor{PrivateDataSpecifier: 0x28},
	},
	{
		name: "unknown tag stays raw", tag: 0x14,
		data: []byte{0x01, 0x02}, want: &RawDescriptor{Tag: 0x14, Data: []byte{0x01, 0x02}},
	},
	{
		name: "user-defined tag, empty", tag: 0x80,
		data: nil, want: &RawDescriptor{Tag: 0x80},
	},
	{
		name: "trailing bytes after a fixed layout are ignored", tag: 0x16,
		data: []byte{0x02, 0xEE}, want: &ApplicationUsageDescriptor{UsageType: 2}, reencoded: []byte{0x02},
	},
}

func TestDescriptorDecodeEncode(t *testing.T) {
	for _, c := range casesDescriptor {
		t.Run(c.name, func(t *testing.T) {
			got, err := DecodeDescriptor(c.tag, c.data, c.appType)
			require.NoError(t, err)
			require.Equal(t, c.want, got)
			require.Equal(t, c.tag, got.DescriptorTag())

			enc, err := AppendDescriptor(nil, c.want)
			require.NoError(t, err)
			want := c.data
			if c.reencoded != nil {
				want = c.reencoded
			}
			require.Equal(t, append([]byte{c.tag, byte(len(want))}, want...), enc)
		})
	}
}

var casesDescriptorError = []struct {
	name    string
	appType ApplicationType
	tag     uint8
	data    []byte
}{
	{"application_descriptor, profiles_length not a multiple of 5", 0, 0x00, []byte{0x04, 0, 1, 1, 1, 0x3F, 1}},
	{"application_descriptor, profiles overrun", 0, 0x00, []byte{0x0A, 0, 1, 1, 1, 1, 0x3F, 1}},
	{"application_descriptor, no priority", 0, 0x00, []byte{0x00, 0x3F}},
	{"application_name_descriptor, name overrun", 0, 0x01, []byte{'i', 't', 'a', 0x05, 'a'}},
	{"application_name_descriptor, short language", 0, 0x01, []byte{'i', 't'}},
	{"transport_protocol_descriptor, no label", 0, 0x02, []byte{0x00, 0x01}},
	{"transport_protocol_descriptor, OC without component_tag", 0, 0x02, []byte{0x00, 0x01, 0x01, 0x7F}},
	{"transport_protocol_descriptor, remote OC cut", 0, 0x02, []byte{0x00, 0x01, 0x01, 0xFF, 0x00, 0x01}},
	{"transport_protocol_descriptor, URL_base overrun", 0, 0x02, []byte{0x00, 0x03, 0x01, 0x05, 'h'}},
	{"transport_protocol_descriptor, URL_extension_count overrun", 0, 0x02, []byte{0x00, 0x03, 0x01, 0x00, 0x05, 0x00}},
	{"transport_protocol_descriptor, URL_extension overrun", 0, 0x02, []byte{0x00, 0x03, 0x01, 0x00, 0x01, 0x04, 'x'}},
	{"dvb_j_application_descriptor, parameter overrun", 0, 0x03, []byte{0x03, 'a'}},
	{"dvb_j_application_location_descriptor, base overrun", 0, 0x04, []byte{0x09, '/'}},
	{"dvb_j_application_location_descriptor, no classpath length", 0, 0x04, []byte{0x01, '/'}},
	{"external_application_authorisation_descriptor, partial entry", 0, 0x05, []byte{0, 0, 0, 1, 0, 2}},
	{"ginga_ncl_application_location_descriptor, base overrun", ApplicationTypeGingaNCL, 0x07, []byte{0x09, '/'}},
	{"dvb_html_application_descriptor, odd appid_set_length", 0, 0x08, []byte{0x03, 0, 1, 0}},
	{"dvb_html_application_descriptor, appid_set overrun", 0, 0x08, []byte{0x04, 0, 1}},
	{"dvb_html_application_location_descriptor, root overrun", 0, 0x09, []byte{0x02, '/'}},
	{"application_icons_descriptor, no flags", 0, 0x0B, []byte{0x00, 0x01}},
	{"prefetch_descriptor, empty", 0, 0x0C, nil},
	{"prefetch_descriptor, no priority", 0, 0x0C, []byte{0x01, 0x01, 'm'}},
	{"dii_location_descriptor, partial entry", 0, 0x0D, []byte{0x01, 0x80, 0x01, 0x00}},
	{"application_storage_descriptor, short", 0, 0x10, []byte{0x02, 0xFF, 0xFF}},
	{"ip_signalling_descriptor, short", 0, 0x11, []byte{0x00, 0x01}},
	{"application_usage_descriptor, empty", 0, 0x16, nil},
	{"simple_application_boundary_descriptor, count overrun", 0, 0x17, []byte{0x02, 0x00}},
	{"private_data_specifier_descriptor, short", 0, 0x5F, []byte{0, 0, 0}},
}

func TestDescriptorErrors(t *testing.T) {
	for _, c := range casesDescriptorError {
		t.Run(c.name, func(t *testing.T) {
			d, err := DecodeDescriptor(c.tag, c.data, c.appType)
			require.ErrorIs(t, err, ErrDescriptor)
			require.Nil(t, d)
			require.Contains(t, err.Error(), "ait: malformed descriptor")
		})
	}
}

func TestDescriptorOverrunErrorCarriesNumbers(t *testing.T) {
	_, err := DecodeDescriptor(0x04, []byte{0x09, '/'}, 0)
	require.ErrorIs(t, err, bitio.ErrShortBuffer)
	require.EqualError(t, err, "ait: malformed descriptor: *ait.DVBJApplicationLocationDescriptor (tag 0x04, 2 bytes): "+
		"bitio: short buffer: need 72 bits at bit 8, have 8")
}

func TestDescriptorEncodeErrors(t *testing.T) {
	long := string(make([]byte, 256))
	for name, d := range map[string]Descriptor{
		"nil":            nil,
		"language not 3": &ApplicationNameDescriptor{Names: []ApplicationName{{ISO639LanguageCode: "pt"}}},
		"name over 255": &ApplicationNameDescriptor{
			Names: []ApplicationName{{ISO639LanguageCode: "por", Name: []byte(long)}},
		},
		"URL base over 255":   &TransportProtocolDescriptor{ProtocolID: ProtocolHTTP, URLs: []URL{{URLBase: long}}},
		"payload over 255":    &SimpleApplicationLocationDescriptor{InitialPath: long},
		"visibility 4":        &ApplicationDescriptor{Visibility: 4},
		"profiles over 255":   &ApplicationDescriptor{Profiles: make([]ApplicationProfile, 52)},
		"platform_id 25 bits": &IPSignallingDescriptor{PlatformID: 0x1000000},
		"DII id 16 bits":      &DIILocationDescriptor{DIIs: []DIILocation{{DIIIdentification: 0x8000}}},
		"storage version":     &ApplicationStorageDescriptor{Version: 0x80000000},
		"raw over 255":        &RawDescriptor{Tag: 0x80, Data: make([]byte, 256)},
		"boundary count":      &SimpleApplicationBoundaryDescriptor{BoundaryExtensions: make([]string, 256)},
		"extension count": &TransportProtocolDescriptor{
			ProtocolID: ProtocolHTTP, URLs: []URL{{URLExtensions: make([]string, 256)}},
		},
		"appid_set over 255": &DVBHTMLApplicationDescriptor{ApplicationIDs: make([]uint16, 128)},
	} {
		t.Run(name, func(t *testing.T) {
			b, err := AppendDescriptor([]byte{0xAA}, d)
			require.ErrorIs(t, err, ErrField)
			require.Equal(t, []byte{0xAA}, b)
		})
	}
}

func FuzzDecodeDescriptor(f *testing.F) {
	for _, c := range casesDescriptor {
		f.Add(c.tag, uint16(c.appType), c.data)
	}
	for _, c := range casesDescriptorError {
		f.Add(c.tag, uint16(c.appType), c.data)
	}
	f.Fuzz(func(t *testing.T, tag uint8, appType uint16, data []byte) {
		if len(data) > 255 {
			return
		}
		d, err := DecodeDescriptor(tag, data, ApplicationType(appType))
		if err != nil {
			return
		}
		b, err := AppendDescriptor(nil, d)
		if err != nil {
			t.Fatalf("decoded %T does not encode: %v", d, err)
		}
		again, err := DecodeDescriptor(b[0], b[2:], ApplicationType(appType))
		require.NoError(t, err)
		require.Equal(t, d, again)
	})
}
