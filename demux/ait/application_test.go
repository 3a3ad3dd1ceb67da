package ait

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/internal/dvbtext"
)

func TestApplicationName(t *testing.T) {
	a := Application{Descriptors: []Descriptor{
		&ApplicationNameDescriptor{Names: []ApplicationName{
			{ISO639LanguageCode: "ita", Name: []byte("\x05Telecomando")},
			{ISO639LanguageCode: "POR", Name: dvbtext.Encode("Controle remoto à distância")},
		}},
		&ApplicationNameDescriptor{Names: []ApplicationName{{ISO639LanguageCode: "spa", Name: []byte("Mando")}}},
	}}
	require.Equal(t, "Telecomando", a.Name())
	require.Equal(t, "Controle remoto à distância", a.Name("por", "ita"))
	require.Equal(t, "Mando", a.Name("deu", "spa"))
	require.Equal(t, "Telecomando", a.Name("deu"))
	require.Len(t, a.Names(), 3)
	require.Empty(t, (&Application{}).Name("por"))
}

func TestApplicationTransports(t *testing.T) {
	oc1 := &TransportProtocolDescriptor{ProtocolID: ProtocolObjectCarousel, TransportProtocolLabel: 1, ComponentTag: 0x0B}
	http2 := &TransportProtocolDescriptor{ProtocolID: ProtocolHTTP, TransportProtocolLabel: 2,
		URLs: []URL{{URLBase: "http://own/"}}}
	common2 := &TransportProtocolDescriptor{ProtocolID: ProtocolHTTP, TransportProtocolLabel: 2,
		URLs: []URL{{URLBase: "http://common/"}}}
	common3 := &TransportProtocolDescriptor{ProtocolID: ProtocolObjectCarousel, TransportProtocolLabel: 3,
		ComponentTag: 0x2A}
	common := []Descriptor{common2, common3, &PrivateDataSpecifierDescriptor{}}

	for _, c := range []struct {
		name   string
		app    Application
		common []Descriptor
		want   []*TransportProtocolDescriptor
	}{
		{"labels in order, own loop first", Application{Descriptors: []Descriptor{
			oc1, http2, &ApplicationDescriptor{TransportProtocolLabels: []uint8{2, 1}},
		}}, common, []*TransportProtocolDescriptor{http2, oc1}},
		{"label resolved in the common loop", Application{Descriptors: []Descriptor{
			&ApplicationDescriptor{TransportProtocolLabels: []uint8{3, 2}},
		}}, common, []*TransportProtocolDescriptor{common3, common2}},
		{"unknown label skipped", Application{Descriptors: []Descriptor{
			oc1, &ApplicationDescriptor{TransportProtocolLabels: []uint8{9, 1}},
		}}, nil, []*TransportProtocolDescriptor{oc1}},
		{"no application_descriptor: own then common, shadowed labels dropped", Application{Descriptors: []Descriptor{
			oc1, http2,
		}}, common, []*TransportProtocolDescriptor{oc1, http2, common3}},
		{"no labels", Application{Descriptors: []Descriptor{&ApplicationDescriptor{}}}, common,
			[]*TransportProtocolDescriptor{common2, common3}},
		{"nothing", Application{}, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, c.app.Transports(c.common))
		})
	}
}

func TestApplicationEntryAndURL(t *testing.T) {
	http := &TransportProtocolDescriptor{ProtocolID: ProtocolHTTP, TransportProtocolLabel: 1,
		URLs: []URL{{URLBase: "https://tv.example/apps/"}}}
	oc := &TransportProtocolDescriptor{ProtocolID: ProtocolObjectCarousel, TransportProtocolLabel: 2, ComponentTag: 0x0C}
	for _, c := range []struct {
		name  string
		descs []Descriptor
		entry string
		url   string
	}{
		{"Ginga-NCL base and initial class", []Descriptor{oc,
			&GingaNCLApplicationLocationDescriptor{BaseDirectory: "/jogo/", InitialClass: "/main.ncl"}},
			"/jogo/main.ncl", ""},
		{"Ginga-NCL over HTTP", []Descriptor{http,
			&GingaNCLApplicationLocationDescriptor{BaseDirectory: "/jogo", InitialClass: "main.ncl"}},
			"/jogo/main.ncl", "https://tv.example/apps/jogo/main.ncl"},
		{"Ginga-NCL without base", []Descriptor{&GingaNCLApplicationLocationDescriptor{InitialClass: "main.ncl"}},
			"main.ncl", ""},
		{"Ginga-NCL without file", []Descriptor{&GingaNCLApplicationLocationDescriptor{BaseDirectory: "/d"}},
			"/d", ""},
		{"DVB-J initial class, URL is the base", []Descriptor{http,
			&DVBJApplicationLocationDescriptor{BaseDirectory: "/", InitialClass: "bd.BDXlet"}},
			"bd.BDXlet", "https://tv.example/apps/"},
		{"DVB-HTML initial path", []Descriptor{http,
			&DVBHTMLApplicationLocationDescriptor{PhysicalRoot: "/r", InitialPath: "start.html"}},
			"start.html", "https://tv.example/apps/start.html"},
		{"HbbTV simple location", []Descriptor{oc, http,
			&SimpleApplicationLocationDescriptor{InitialPath: "index.html?x=1"}},
			"index.html?x=1", "https://tv.example/apps/index.html?x=1"},
		{"first location wins", []Descriptor{
			&SimpleApplicationLocationDescriptor{InitialPath: "a.html"},
			&DVBHTMLApplicationLocationDescriptor{InitialPath: "b.html"}},
			"a.html", ""},
		{"no location", []Descriptor{http}, "", "https://tv.example/apps/"},
		{"HTTP transport without URL", []Descriptor{&TransportProtocolDescriptor{ProtocolID: ProtocolHTTP},
			&SimpleApplicationLocationDescriptor{InitialPath: "a.html"}}, "a.html", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := Application{Descriptors: c.descs}
			require.Equal(t, c.entry, a.Entry())
			require.Equal(t, c.url, a.URL(nil))
		})
	}
	require.Empty(t, oc.URL())
}

func TestApplicationObjectCarousel(t *testing.T) {
	s := gingaNCLSection
	a := &s.Applications[0]
	oc := a.ObjectCarousel(nil)
	require.NotNil(t, oc)
	require.Equal(t, uint8(0x0B), oc.ComponentTag)
	require.Equal(t, "Meu Jogo", a.Name("por"))
	require.Equal(t, "/main.ncl", a.Entry())
	require.NotNil(t, a.ApplicationDescriptor())
	require.Nil(t, (&Application{}).ApplicationDescriptor())
}
