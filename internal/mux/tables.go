package mux

import (
	"fmt"
	"math/bits"
	"strings"
	"time"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
	"github.com/antena-tv/antena/internal/dvbtext"
)

// Times are counted in ticks of the 27 MHz system clock, from the first packet of the
// output (stream time 0).
const (
	tickHz                           = ts.PCRHz
	packetBits                       = ts.PacketSize * 8
	tablesPeriod                     = 100 * time.Millisecond // PAT and PMT
	nitPeriod                        = time.Second
	aitPeriod                        = 500 * time.Millisecond
	streamTypeDSMCCSections          = 0x0B // carousel (U-N messages)
	streamTypeDSMCCStreamDescriptors = 0x0C
	streamTypePrivateSections        = 0x05 // AIT
)

// ticks converts a duration to 27 MHz ticks.
func ticks(d time.Duration) int64 {
	return int64(d/time.Microsecond)*27 + int64(d%time.Microsecond)*27/1000
}

// duration converts 27 MHz ticks to a duration.
func duration(t int64) time.Duration {
	return time.Duration(t/27)*time.Microsecond + time.Duration(t%27)*time.Microsecond/27
}

// bitsTicks returns the ticks that n bits take at rate bit/s, rounded down.
func bitsTicks(n uint64, rate int64) int64 {
	hi, lo := bits.Mul64(n, tickHz)
	if hi >= uint64(rate) {
		return 1<<63 - 1
	}
	q, _ := bits.Div64(hi, lo, uint64(rate))
	return int64(min(q, 1<<63-1))
}

// packetTicks returns the time at which packet n (0-based) of a stream at rate bit/s
// starts.
func packetTicks(n, rate int64) int64 { return bitsTicks(uint64(n)*packetBits, rate) }

// sectionPackets returns how many packets a section takes when it starts a packet
// (pointer_field 0) and the last packet is stuffed.
func sectionPackets(sec []byte) int { return (len(sec) + 1 + ts.PacketSize - 5) / (ts.PacketSize - 4) }

// aitSection returns the AIT: one application, with its name, the object carousel
// transport (component tag), and the location of its entry file.
func (m *Mux) aitSection() ([]byte, error) {
	app := &m.cfg.App
	name := app.Name
	if name == "" {
		name = "app"
	}
	descs := []ait.Descriptor{
		&ait.ApplicationDescriptor{
			Profiles:         []ait.ApplicationProfile{m.profile()},
			ServiceBoundFlag: true, Visibility: ait.VisibilityVisibleAll, ApplicationPriority: 1,
			TransportProtocolLabels: []uint8{1},
		},
		&ait.ApplicationNameDescriptor{Names: []ait.ApplicationName{{
			ISO639LanguageCode: strings.ToLower(app.Language), Name: dvbtext.Encode(name),
		}}},
		&ait.TransportProtocolDescriptor{
			ProtocolID: ait.ProtocolObjectCarousel, TransportProtocolLabel: 1, ComponentTag: m.svc.ComponentTag,
		},
	}
	if app.Type == ait.ApplicationTypeHbbTV {
		descs = append(descs, &ait.SimpleApplicationLocationDescriptor{InitialPath: app.Entry})
	} else {
		descs = append(descs, &ait.GingaNCLApplicationLocationDescriptor{BaseDirectory: "/", InitialClass: app.Entry})
	}
	s := ait.Section{
		ApplicationType: app.Type, CurrentNextIndicator: true,
		Applications: []ait.Application{{
			OrganisationID: app.OrganisationID, ApplicationID: app.ApplicationID,
			ApplicationControlCode: app.ControlCode, Descriptors: descs,
		}},
	}
	sec, err := s.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: AIT: %w", ErrConfig, err)
	}
	return sec, nil
}

// profile is the application profile of the application_descriptor: HbbTV's basic
// profile 0x0000 version 1.1.1 (TS 102 796), and for Ginga-NCL profile 0x0001 version
// 1.0.0.
func (m *Mux) profile() ait.ApplicationProfile {
	if m.cfg.App.Type == ait.ApplicationTypeHbbTV {
		return ait.ApplicationProfile{ApplicationProfile: 0x0000, VersionMajor: 1, VersionMinor: 1, VersionMicro: 1}
	}
	return ait.ApplicationProfile{ApplicationProfile: 0x0001, VersionMajor: 1}
}

// ourStreams returns the PMT entries of the components the mux adds: the AIT (0x05 with
// application_signalling 0x6F), the carousel (0x0B with stream_identifier 0x52,
// carousel_identifier 0x13, data_broadcast_id 0x66 and association_tag 0x14) and, with
// events, the stream event stream (0x0C with 0x52).
func (m *Mux) ourStreams() []psi.PMTStream {
	s := &m.svc
	sig := []byte{0x80 | byte(m.cfg.App.Type>>8)&0x7F, byte(m.cfg.App.Type), 0xE0} // AIT version 0
	carouselID := m.builder.Config().CarouselID
	assoc := []byte{0, s.ComponentTag, 0x00, 0x00, 8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}
	streams := []psi.PMTStream{
		{StreamType: streamTypePrivateSections, ElementaryPID: s.AITPID, Descriptors: []psi.Descriptor{
			{Tag: psi.TagApplicationSignalling, Data: sig},
		}},
		{StreamType: streamTypeDSMCCSections, ElementaryPID: s.CarouselPID, Descriptors: []psi.Descriptor{
			{Tag: psi.TagStreamIdentifier, Data: []byte{s.ComponentTag}},
			{Tag: psi.TagCarouselIdentifier, Data: []byte{byte(carouselID >> 24), byte(carouselID >> 16),
				byte(carouselID >> 8), byte(carouselID), 0x00}},
			{Tag: psi.TagDataBroadcastID, Data: []byte{byte(s.DataBroadcastID >> 8), byte(s.DataBroadcastID)}},
			{Tag: psi.TagAssociationTag, Data: assoc},
		}},
	}
	if len(m.cfg.Events) > 0 {
		streams = append(streams, psi.PMTStream{
			StreamType: streamTypeDSMCCStreamDescriptors, ElementaryPID: s.EventPID,
			Descriptors: []psi.Descriptor{{Tag: psi.TagStreamIdentifier, Data: []byte{s.EventTag}}},
		})
	}
	return streams
}

// pmtSection returns the PMT of the service at the given version: the input's program (its
// streams and descriptors kept) or a data service, plus the mux's components, with the
// emergency_information_descriptor ei (when not nil) first in the program_info loop.
func (m *Mux) pmtSection(version uint8, ei []byte) ([]byte, error) {
	p := psi.PMT{ProgramNumber: m.svc.ProgramNumber, VersionNumber: version & 0x1F, PCRPID: m.svc.CarouselPID}
	if base := m.basePMT; base != nil {
		p.PCRPID = base.PCRPID
		p.ProgramInfo = append(p.ProgramInfo, base.ProgramInfo...)
		p.Streams = append(p.Streams, base.Streams...)
	}
	if ei != nil {
		p.ProgramInfo = append([]psi.Descriptor{{Tag: psi.TagEmergencyInformation, Data: ei}}, p.ProgramInfo...)
	}
	p.Streams = append(p.Streams, m.ourStreams()...)
	sec, err := p.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: PMT: %w", ErrConfig, err)
	}
	return sec, nil
}

// patSection returns the PAT: the input's (with the NIT entry added when the mux makes the
// NIT) or the data service's.
func (m *Mux) patSection(version uint8) ([]byte, error) {
	p := psi.PAT{TransportStreamID: m.svc.TransportStreamID, VersionNumber: version & 0x1F}
	if m.basePAT != nil {
		p.TransportStreamID = m.basePAT.TransportStreamID
		p.Programs = append(p.Programs, m.basePAT.Programs...)
	} else {
		p.Programs = []psi.PATProgram{{ProgramNumber: m.svc.ProgramNumber, PID: m.svc.PMTPID}}
	}
	if m.makeNIT && !hasProgram(p.Programs, 0) {
		p.Programs = append([]psi.PATProgram{{ProgramNumber: 0, PID: psi.PIDNIT}}, p.Programs...)
	}
	return p.Marshal()
}

func hasProgram(ps []psi.PATProgram, n uint16) bool {
	for _, p := range ps {
		if p.ProgramNumber == n {
			return true
		}
	}
	return false
}

// nitSection returns the NIT actual at the given version, with ei (when not nil) in its
// first loop: the input's NIT when there was one, else a network named "Antena" listing
// the data service.
func (m *Mux) nitSection(version uint8, ei []byte) ([]byte, error) {
	n := psi.NIT{TableID: psi.TableIDNITActual, NetworkID: m.svc.NetworkID, VersionNumber: version & 0x1F}
	if base := m.baseNIT; base != nil {
		n.NetworkID = base.NetworkID
		for _, d := range base.NetworkDescriptors {
			if d.Tag != psi.TagEmergencyInformation {
				n.NetworkDescriptors = append(n.NetworkDescriptors, d)
			}
		}
		n.TransportStreams = base.TransportStreams
	} else {
		serviceType := byte(0xC0) // ISDB data service
		if m.cfg.App.Type == ait.ApplicationTypeHbbTV {
			serviceType = 0x0C // DVB data broadcast service
		}
		n.NetworkDescriptors = []psi.Descriptor{{Tag: psi.TagNetworkName, Data: []byte("Antena")}}
		n.TransportStreams = []psi.NITTransportStream{{
			TransportStreamID: m.svc.TransportStreamID, OriginalNetworkID: m.svc.NetworkID,
			Descriptors: []psi.Descriptor{{Tag: psi.TagServiceList, Data: []byte{
				byte(m.svc.ProgramNumber >> 8), byte(m.svc.ProgramNumber), serviceType}}},
		}}
	}
	if ei != nil {
		n.NetworkDescriptors = append(n.NetworkDescriptors, psi.Descriptor{Tag: psi.TagEmergencyInformation, Data: ei})
	}
	sec, err := n.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: NIT: %w", ErrConfig, err)
	}
	return sec, nil
}

// emergencyInformation returns the data of the emergency_information_descriptor at stream
// time t (nil when no warning has started): every warning that has started, with
// start_end_flag 1 until its end and 0 after.
func (m *Mux) emergencyInformation(t time.Duration) ([]byte, error) {
	var d alert.EmergencyInformationDescriptor
	for _, w := range m.cfg.EWBS {
		if t < w.Start {
			continue
		}
		sid := w.ServiceID
		if sid == 0 {
			sid = m.svc.ProgramNumber
		}
		d.Infos = append(d.Infos, alert.EmergencyInformation{
			ServiceID: sid, StartEndFlag: w.End == 0 || t < w.End, SignalLevel: w.SignalLevel, AreaCodes: w.AreaCodes,
		})
	}
	if len(d.Infos) == 0 {
		return nil, nil
	}
	data, err := d.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: emergency_information_descriptor: %w", ErrConfig, err)
	}
	return data, nil
}
