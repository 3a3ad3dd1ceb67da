package ait

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// uniqueSections decodes the distinct sections of pid in ts, in order of first arrival, and
// checks that each one marshals back to the bytes broadcast.
func uniqueSections(t *testing.T, ts []byte, pid uint16) ([]Section, [][]byte) {
	t.Helper()
	var (
		secs []Section
		raws [][]byte
	)
	for _, raw := range tsSections(t, ts, pid) {
		if len(raws) > 0 && containsBytes(raws, raw) {
			continue
		}
		var s Section
		require.NoError(t, s.Unmarshal(raw), "PID 0x%04X", pid)
		again, err := s.Marshal()
		require.NoError(t, err)
		require.Equal(t, raw, again, "PID 0x%04X: Marshal(Unmarshal(section)) differs from the broadcast bytes", pid)
		secs, raws = append(secs, s), append(raws, raw)
	}
	return secs, raws
}

func containsBytes(list [][]byte, b []byte) bool {
	for _, x := range list {
		if bytes.Equal(x, b) {
			return true
		}
	}
	return false
}

// tsduckText renders the sections of one AIT in the layout of TSDuck's tstables, for the
// fields and descriptors that the expected dumps show.
func tsduckText(t *testing.T, pid uint16, secs []Section, raws [][]byte) string {
	t.Helper()
	var w strings.Builder
	total := 0
	for _, r := range raws {
		total += len(r)
	}
	fmt.Fprintf(&w, "\n* AIT, TID 0x74 (116), PID 0x%04X (%d)\n", pid, pid)
	fmt.Fprintf(&w, "  Version: %d, sections: %d, total size: %d bytes\n", secs[0].VersionNumber, len(secs), total)
	for _, s := range secs {
		fmt.Fprintf(&w, "  - Section %d:\n", s.SectionNumber)
		fmt.Fprintf(&w, "    Application type: %d (0x%04X), Test application: %d\n",
			s.ApplicationType, uint16(s.ApplicationType), b2i(s.TestApplicationFlag))
		require.Empty(t, s.CommonDescriptors, "the renderer does not show common descriptors")
		for _, a := range s.Applications {
			fmt.Fprintf(&w, "    Application: Identifier: (Organization id: 0x%08X (%d), Application id: 0x%04X (%d)), "+
				"Control code: %d\n", a.OrganisationID, a.OrganisationID, a.ApplicationID, a.ApplicationID,
				a.ApplicationControlCode)
			for i, d := range a.Descriptors {
				tsduckDescriptor(t, &w, i, d)
			}
		}
	}
	w.WriteString("\n")
	return w.String()
}

func tsduckDescriptor(t *testing.T, w *strings.Builder, i int, d Descriptor) {
	t.Helper()
	raw, err := AppendDescriptor(nil, d)
	require.NoError(t, err)
	const m = "      "
	tag := d.DescriptorTag()
	head := func(name string) {
		fmt.Fprintf(w, "    - Descriptor %d: AIT %s (0x%02X, %d), %d bytes\n", i, name, tag, tag, len(raw)-2)
	}
	switch d := d.(type) {
	case *ApplicationDescriptor:
		head("Application")
		for _, p := range d.Profiles {
			fmt.Fprintf(w, m+"Profile: 0x%04X (%d), version: %d.%d.%d\n", p.ApplicationProfile, p.ApplicationProfile,
				p.VersionMajor, p.VersionMinor, p.VersionMicro)
		}
		fmt.Fprintf(w, m+"Service bound: %d, visibility: %d, priority: %d\n", b2i(d.ServiceBoundFlag), d.Visibility,
			d.ApplicationPriority)
		for _, l := range d.TransportProtocolLabels {
			fmt.Fprintf(w, m+"Transport protocol label: 0x%02X (%d)\n", l, l)
		}
	case *ApplicationNameDescriptor:
		head("Application Name")
		for _, n := range d.Names {
			fmt.Fprintf(w, m+"Language: %s, name: %q\n", n.ISO639LanguageCode, n.String())
		}
	case *DVBJApplicationDescriptor:
		head("DVB-J Application")
		for _, p := range d.Parameters {
			fmt.Fprintf(w, m+"Parameter: %q\n", p)
		}
	case *DVBJApplicationLocationDescriptor:
		head("DVB-J Application Location")
		fmt.Fprintf(w, m+"Base directory: %q\n"+m+"Classpath ext: %q\n"+m+"Initial class: %q\n",
			d.BaseDirectory, d.ClasspathExtension, d.InitialClass)
	case *TransportProtocolDescriptor:
		head("Transport Protocol")
		names := map[ProtocolID]string{
			ProtocolObjectCarousel: "MHP Object Carousel",
			ProtocolHTTP:           "HTTP over interaction channel",
		}
		require.Contains(t, names, d.ProtocolID)
		fmt.Fprintf(w, m+"Protocol id: 0x%04X (%d, %s)\n", uint16(d.ProtocolID), d.ProtocolID, names[d.ProtocolID])
		fmt.Fprintf(w, m+"Transport protocol label: 0x%02X (%d)\n", d.TransportProtocolLabel, d.TransportProtocolLabel)
		if d.ProtocolID == ProtocolObjectCarousel {
			require.False(t, d.RemoteConnection, "the renderer does not show remote connections")
			fmt.Fprintf(w, m+"Component tag: 0x%02X (%d)\n", d.ComponentTag, d.ComponentTag)
		}
		for _, u := range d.URLs {
			fmt.Fprintf(w, m+"URL base: %q\n", u.URLBase)
			for _, x := range u.URLExtensions {
				fmt.Fprintf(w, m+"  Extension: %q\n", x)
			}
		}
	default:
		t.Fatalf("the renderer does not show %T", d)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestSampleMediaset decodes the three AIT PIDs of a real Mediaset capture. PIDs 0x1EC5 and
// 0x1EC6 must render exactly as TSDuck's dump in expected/tsduck_test-018.ait.txt.
func TestSampleMediaset(t *testing.T) {
	ts := readSample(t, "tsduck_test-018_mediaset_ait.ts")
	want := readSample(t, "expected/tsduck_test-018.ait.txt")

	var got strings.Builder
	for _, pid := range []uint16{0x1EC5, 0x1EC6} {
		secs, raws := uniqueSections(t, ts, pid)
		require.Len(t, secs, 1)
		got.WriteString(tsduckText(t, pid, secs, raws))
	}
	require.Equal(t, string(want), got.String())

	// PID 0x1EC7 is not in TSDuck's dump; its content was read by hand from the bytes.
	secs, _ := uniqueSections(t, ts, 0x1EC7)
	require.Len(t, secs, 1)
	s := secs[0]
	require.Equal(t, ApplicationTypeDVBJ, s.ApplicationType)
	require.Equal(t, uint8(1), s.VersionNumber)
	require.Len(t, s.Applications, 1)
	a := s.Applications[0]
	require.Equal(t, uint32(0x0B), a.OrganisationID)
	require.Equal(t, uint16(0x1AB7), a.ApplicationID)
	require.Equal(t, ControlCodePresent, a.ApplicationControlCode)
	require.Equal(t, "Programmi TV SAT", a.Name("eng"))
	require.Equal(t, "it.mediaset.schedulestv.PortaleLightXlet", a.Entry())
	oc := a.ObjectCarousel(s.CommonDescriptors)
	require.NotNil(t, oc)
	require.Equal(t, uint8(0x0E), oc.ComponentTag)
	require.Empty(t, a.URL(nil))

	// The HTTP application of PID 0x1EC5.
	var c Collector
	sec := tsSections(t, ts, 0x1EC5)
	tb, st, err := c.Add(sec[0])
	require.NoError(t, err)
	require.Equal(t, StatusComplete, st)
	app := tb.Application(0x0B, 0x1AB5)
	require.NotNil(t, app)
	require.Equal(t, "http://mhp.dgtv.mediaset.it/appl/ProgrammiTvSat/", app.URL(tb.CommonDescriptors))
	require.Nil(t, app.ObjectCarousel(nil))
	_, st, err = c.Add(sec[1])
	require.NoError(t, err)
	require.Equal(t, StatusRepeated, st)
}

// TestSampleRAI decodes the MHP (0x07D1) and HbbTV (0x07D2) AITs of a real RAI DVB-T
// multiplex. Values were checked against the section bytes.
func TestSampleRAI(t *testing.T) {
	ts := readSample(t, "tsduck_test-108_rai_dvbt_ait_oc_ste.ts")

	mhp := collectTable(t, ts, 0x07D1)
	require.Equal(t, ApplicationTypeDVBJ, mhp.ApplicationType)
	require.Len(t, mhp.Applications, 4)
	type app struct {
		id    uint16
		code  ControlCode
		name  string
		entry string
		url   string
		oc    int // component_tag, -1 for none
	}
	check := func(tb *Table, want []app) {
		t.Helper()
		for i, w := range want {
			a := &tb.Applications[i]
			require.Equal(t, uint32(0x03C0), a.OrganisationID)
			require.Equal(t, w.id, a.ApplicationID)
			require.Equal(t, w.code, a.ApplicationControlCode)
			require.Equal(t, w.name, a.Name("ita"))
			require.Equal(t, w.entry, a.Entry())
			require.Equal(t, w.url, a.URL(tb.CommonDescriptors))
			if oc := a.ObjectCarousel(tb.CommonDescriptors); w.oc < 0 {
				require.Nil(t, oc)
			} else {
				require.NotNil(t, oc)
				require.Equal(t, uint8(w.oc), oc.ComponentTag)
			}
		}
	}
	const rai = "http://www.replaytvmhp.rai.it/Transport/"
	check(mhp, []app{
		{0x01, ControlCodeAutostart, "Telecomando", "LightLauncher.LightLauncher", "", 0x29},
		{0x02, ControlCodePresent, "RaiPlay", "rai.RaiPlay", rai, -1},
		{0x03, ControlCodePresent, "TGR", "it.altran.mhp.player.xlet.PlayerXlet", rai, -1},
		{0x04, ControlCodePresent, "Rai News", "rai.RaiNews", rai, -1},
	})
	// The name is broadcast with the ISO 8859-9 selector 0x05.
	require.Equal(t, []byte("\x05Telecomando"), mhp.Applications[0].Names()[0].Name)
	ad := mhp.Applications[0].ApplicationDescriptor()
	require.Equal(t, []ApplicationProfile{{ApplicationProfile: 1, VersionMajor: 1, VersionMicro: 2}}, ad.Profiles)
	require.Equal(t, VisibilityVisibleAll, ad.Visibility)

	hbbtv := collectTable(t, ts, 0x07D2)
	require.Equal(t, ApplicationTypeHbbTV, hbbtv.ApplicationType)
	require.Len(t, hbbtv.Applications, 2)
	check(hbbtv, []app{
		{0x65, ControlCodeAutostart, "Telecomando HbbTV", "RemoteControl/index.html?delivery=2",
			"https://www.raiplay.it/hbbtv/launcher/RemoteControl/index.html?delivery=2", 0x2A},
		{0x66, ControlCodePresent, "RaiPlay HbbTV", "RaiPlay2020/index.html",
			"https://www.raiplay.it/hbbtv/RaiPlay2020/index.html", -1},
	})
	// Transports in the order of the application_descriptor's labels: HTTP (1), then OC (2).
	tr := hbbtv.Applications[0].Transports(hbbtv.CommonDescriptors)
	require.Len(t, tr, 2)
	require.Equal(t, ProtocolHTTP, tr[0].ProtocolID)
	require.Equal(t, ProtocolObjectCarousel, tr[1].ProtocolID)
	require.Equal(t, ApplicationProfile{VersionMajor: 1, VersionMinor: 4, VersionMicro: 1},
		hbbtv.Applications[0].ApplicationDescriptor().Profiles[0])
}

func collectTable(t *testing.T, ts []byte, pid uint16) *Table {
	t.Helper()
	secs, _ := uniqueSections(t, ts, pid)
	require.NotEmpty(t, secs)
	var c Collector
	var tb *Table
	for _, raw := range tsSections(t, ts, pid) {
		got, _, err := c.Add(raw)
		require.NoError(t, err)
		if got != nil {
			tb = got
		}
	}
	require.NotNil(t, tb, "PID 0x%04X: no complete table", pid)
	return tb
}
