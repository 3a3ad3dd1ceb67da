package ait_test

import (
	"fmt"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/internal/dvbtext"
)

// A Ginga-NCL application carried in the object carousel of component 0x0B, as `antena mux`
// writes it.
func ExampleSection_Marshal() {
	s := ait.Section{
		ApplicationType: ait.ApplicationTypeGingaNCL, VersionNumber: 1, CurrentNextIndicator: true,
		Applications: []ait.Application{{
			OrganisationID: 0x10, ApplicationID: 1, ApplicationControlCode: ait.ControlCodeAutostart,
			Descriptors: []ait.Descriptor{
				&ait.ApplicationDescriptor{
					Profiles:         []ait.ApplicationProfile{{ApplicationProfile: 1, VersionMajor: 1}},
					ServiceBoundFlag: true, Visibility: ait.VisibilityVisibleAll, ApplicationPriority: 1,
					TransportProtocolLabels: []uint8{1},
				},
				&ait.ApplicationNameDescriptor{Names: []ait.ApplicationName{
					{ISO639LanguageCode: "por", Name: dvbtext.Encode("Olá Ginga")},
				}},
				&ait.TransportProtocolDescriptor{
					ProtocolID: ait.ProtocolObjectCarousel, TransportProtocolLabel: 1, ComponentTag: 0x0B,
				},
				&ait.GingaNCLApplicationLocationDescriptor{BaseDirectory: "/", InitialClass: "main.ncl"},
			},
		}},
	}
	b, err := s.Marshal()
	if err != nil {
		panic(err)
	}
	var got ait.Section
	if err := got.Unmarshal(b); err != nil {
		panic(err)
	}
	a := &got.Applications[0]
	fmt.Printf("%d bytes, %v, %v\n", len(b), got.ApplicationType, a.ApplicationControlCode)
	fmt.Printf("%q %s component 0x%02X\n", a.Name("por"), a.Entry(), a.ObjectCarousel(got.CommonDescriptors).ComponentTag)
	// Output:
	// 73 bytes, Ginga-NCL, AUTOSTART
	// "Olá Ginga" /main.ncl component 0x0B
}

// An HbbTV application loaded over HTTP, with its carousel as a fallback.
func ExampleApplication_URL() {
	a := ait.Application{
		OrganisationID: 0x3C0, ApplicationID: 0x65, ApplicationControlCode: ait.ControlCodeAutostart,
		Descriptors: []ait.Descriptor{
			&ait.TransportProtocolDescriptor{ProtocolID: ait.ProtocolHTTP, TransportProtocolLabel: 1,
				URLs: []ait.URL{{URLBase: "https://www.raiplay.it/hbbtv/launcher/"}}},
			&ait.TransportProtocolDescriptor{ProtocolID: ait.ProtocolObjectCarousel, TransportProtocolLabel: 2,
				ComponentTag: 0x2A},
			&ait.ApplicationDescriptor{Visibility: ait.VisibilityVisibleAll, TransportProtocolLabels: []uint8{1, 2}},
			&ait.SimpleApplicationLocationDescriptor{InitialPath: "RemoteControl/index.html?delivery=2"},
		},
	}
	fmt.Println(a.URL(nil))
	for _, t := range a.Transports(nil) {
		fmt.Println(t.TransportProtocolLabel, t.ProtocolID)
	}
	// Output:
	// https://www.raiplay.it/hbbtv/launcher/RemoteControl/index.html?delivery=2
	// 1 HTTP
	// 2 object carousel
}
