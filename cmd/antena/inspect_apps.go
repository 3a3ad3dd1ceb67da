package main

import (
	"fmt"
	"sort"

	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/psi"
)

// Application is one application signalled in an AIT, as inspect reports it (the --events
// "ait" lines carry the same objects).
type Application struct {
	PID                 uint16      `json:"pid"`
	Service             *uint16     `json:"service,omitempty"`
	OrganisationID      uint32      `json:"organisation_id"`
	ApplicationID       uint16      `json:"application_id"`
	ControlCode         uint8       `json:"control_code"`
	ControlCodeName     string      `json:"control_code_name"`
	ApplicationType     uint16      `json:"application_type"`
	ApplicationTypeName string      `json:"application_type_name"`
	Version             uint8       `json:"ait_version"`
	Name                string      `json:"name"`
	Transport           *Transport  `json:"transport"`
	Transports          []Transport `json:"transports"`
	Entry               string      `json:"entry"`
}

// Transport says where an application's files come from.
type Transport struct {
	Protocol     string  `json:"protocol"` // object_carousel, http, ip_mpe or protocol_0xNNNN
	ComponentTag *uint8  `json:"component_tag,omitempty"`
	PID          *uint16 `json:"pid,omitempty"` // the carousel PID the component tag resolves to
	Remote       bool    `json:"remote,omitempty"`
	URL          string  `json:"url,omitempty"`
}

type aitEntry struct {
	pid   uint16
	table *ait.Table
}

// aitApps keeps the latest AIT sub-table of each PID.
type aitApps struct {
	aits []aitEntry
}

func (c *collector) onAIT(i demux.Info, t *ait.Table) {
	replaced := false
	for k := range c.aits {
		e := &c.aits[k]
		if e.pid == i.PID && e.table.ApplicationType == t.ApplicationType && e.table.TestApplicationFlag == t.TestApplicationFlag {
			e.table, replaced = t, true
		}
	}
	if !replaced {
		c.aits = append(c.aits, aitEntry{i.PID, t})
	}
	if c.emit != nil {
		c.emit(struct {
			event
			ApplicationType uint16        `json:"application_type"`
			Version         uint8         `json:"version"`
			Applications    []Application `json:"applications"`
		}{event{"ait", i.Packet, i.PID}, uint16(t.ApplicationType), t.VersionNumber, c.appsOf(i.PID, t)})
	}
}

func (c *collector) applications() []Application {
	out := []Application{}
	for _, e := range c.aits {
		out = append(out, c.appsOf(e.pid, e.table)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].PID != out[j].PID {
			return out[i].PID < out[j].PID
		}
		return out[i].ApplicationID < out[j].ApplicationID
	})
	return out
}

func (c *collector) appsOf(pid uint16, t *ait.Table) []Application {
	prog, hasProg := c.programOf(pid)
	out := make([]Application, 0, len(t.Applications))
	for k := range t.Applications {
		a := &t.Applications[k]
		app := Application{PID: pid, OrganisationID: a.OrganisationID, ApplicationID: a.ApplicationID,
			ControlCode: uint8(a.ApplicationControlCode), ControlCodeName: a.ApplicationControlCode.String(),
			ApplicationType: uint16(t.ApplicationType), ApplicationTypeName: t.ApplicationType.String(),
			Version: t.VersionNumber, Name: a.Name(), Entry: a.Entry(), Transports: []Transport{}}
		if hasProg {
			p := prog
			app.Service = &p
		}
		for _, tp := range a.Transports(t.CommonDescriptors) {
			app.Transports = append(app.Transports, c.transport(tp, prog, hasProg, a))
		}
		if len(app.Transports) > 0 {
			app.Transport = &app.Transports[0]
		}
		out = append(out, app)
	}
	return out
}

func (c *collector) transport(tp *ait.TransportProtocolDescriptor, prog uint16, hasProg bool, a *ait.Application) Transport {
	switch tp.ProtocolID {
	case ait.ProtocolObjectCarousel:
		tag := tp.ComponentTag
		tr := Transport{Protocol: "object_carousel", ComponentTag: &tag, Remote: tp.RemoteConnection}
		if !tp.RemoteConnection {
			if pid, ok := c.componentPID(tag, prog, hasProg); ok {
				tr.PID = &pid
			}
		}
		return tr
	case ait.ProtocolHTTP:
		tr := Transport{Protocol: "http", URL: tp.URL()}
		if len(tp.URLs) > 0 {
			// The application's own URL: base + entry path where it has one.
			one := *a
			if u := one.URL([]ait.Descriptor{tp}); u != "" {
				tr.URL = u
			}
		}
		return tr
	case ait.ProtocolIPMPE:
		return Transport{Protocol: "ip_mpe"}
	}
	return Transport{Protocol: fmt.Sprintf("protocol_0x%04X", uint16(tp.ProtocolID))}
}

// programOf finds the program whose PMT lists pid.
func (c *collector) programOf(pid uint16) (uint16, bool) {
	for _, prog := range c.order {
		if p, ok := c.pmts[prog]; ok {
			for _, es := range p.Streams {
				if es.ElementaryPID == pid {
					return prog, true
				}
			}
		}
	}
	return 0, false
}

// componentPID resolves a component tag to the PID of the stream that has it (by
// stream_identifier_descriptor 0x52, or association_tag_descriptor 0x14) in the program,
// or in any program when the AIT PID is not signalled.
func (c *collector) componentPID(tag uint8, prog uint16, hasProg bool) (uint16, bool) {
	for _, pn := range c.order {
		if hasProg && pn != prog {
			continue
		}
		p, ok := c.pmts[pn]
		if !ok {
			continue
		}
		for _, es := range p.Streams {
			for _, d := range es.Descriptors {
				switch d.Tag {
				case psi.TagStreamIdentifier:
					if t, err := psi.StreamIdentifier(d); err == nil && t == tag {
						return es.ElementaryPID, true
					}
				case psi.TagAssociationTag:
					var at psi.AssociationTag
					if at.Unmarshal(d.Data) == nil && at.AssociationTag == uint16(tag) {
						return es.ElementaryPID, true
					}
				}
			}
		}
	}
	return 0, false
}

// AlertReport is one emergency warning seen in the stream.
type AlertReport struct {
	System      string      `json:"system"`
	StartPacket int64       `json:"start_packet"`
	EndPacket   *int64      `json:"end_packet"` // null: still on at the end of the input
	EndReason   string      `json:"end_reason,omitempty"`
	Updates     int         `json:"updates"`
	Summary     string      `json:"summary"`
	Fields      alertFields `json:"fields"`
}

// alertFields are the fields of an alert; the --events alert lines carry them inline.
type alertFields struct {
	// isdb
	ServiceID   *uint16  `json:"service_id,omitempty"`
	SignalLevel *uint8   `json:"signal_level,omitempty"`
	LevelName   string   `json:"signal_level_name,omitempty"`
	AreaCodes   []uint16 `json:"area_codes,omitempty"`
	Sources     []string `json:"sources,omitempty"`
	// scte18
	EventID          *uint16 `json:"event_id,omitempty"`
	EventCode        string  `json:"event_code,omitempty"`
	Originator       string  `json:"originator,omitempty"`
	Priority         *uint8  `json:"priority,omitempty"`
	Text             string  `json:"text,omitempty"`
	Nature           string  `json:"nature_of_activation,omitempty"`
	SecondsRemaining *uint8  `json:"seconds_remaining,omitempty"`
	EventDuration    *uint16 `json:"event_duration_minutes,omitempty"`
	Locations        int     `json:"locations,omitempty"`
	Exceptions       int     `json:"exceptions,omitempty"`
}

func fieldsOf(a *alert.Alert) alertFields {
	var f alertFields
	if a.System == alert.SystemISDB {
		sid, lvl := a.ServiceID, uint8(a.SignalLevel)
		f.ServiceID, f.SignalLevel, f.LevelName = &sid, &lvl, a.SignalLevel.String()
		f.AreaCodes = append([]uint16{}, a.AreaCodes...)
		for _, s := range a.Sources {
			f.Sources = append(f.Sources, s.String())
		}
		return f
	}
	id, prio, rem, dur := a.EventID, a.Priority, a.SecondsRemaining, a.EventDuration
	f.EventID, f.Priority, f.SecondsRemaining, f.EventDuration = &id, &prio, &rem, &dur
	f.EventCode, f.Originator, f.Text, f.Nature = a.EventCode, a.Originator, a.Text, a.NatureOfActivation
	if f.Text == "" {
		// No alert_text in the section: the nature of activation is what a viewer reads.
		f.Text = a.NatureOfActivation
	}
	f.Locations, f.Exceptions = len(a.Locations), len(a.Exceptions)
	return f
}

type alerts struct {
	alertList []AlertReport
	open      map[string]int // identity -> index in alertList
}

func alertKey(a *alert.Alert) string {
	if a.System == alert.SystemISDB {
		return fmt.Sprintf("isdb/%d", a.ServiceID)
	}
	return fmt.Sprintf("scte18/%d", a.EventID)
}

func (c *collector) onAlert(i demux.Info, e alert.Event) {
	if c.open == nil {
		c.open = map[string]int{}
	}
	key := alertKey(&e.Alert)
	switch e.Kind {
	case alert.KindStart:
		c.open[key] = len(c.alertList)
		c.alertList = append(c.alertList, AlertReport{System: string(e.Alert.System), StartPacket: i.Packet,
			Fields: fieldsOf(&e.Alert)})
	case alert.KindUpdate:
		if k, ok := c.open[key]; ok {
			c.alertList[k].Updates++
			c.alertList[k].Fields = fieldsOf(&e.Alert)
		}
	case alert.KindEnd:
		if k, ok := c.open[key]; ok {
			p := i.Packet
			c.alertList[k].EndPacket = &p
			c.alertList[k].EndReason = e.Reason.String()
			delete(c.open, key)
		}
	}
	if c.emit != nil {
		c.emit(struct {
			event
			System string `json:"system"`
			Reason string `json:"reason,omitempty"`
			alertFields
		}{event{"alert_" + e.Kind.String(), i.Packet, i.PID}, string(e.Alert.System), reasonOf(e), fieldsOf(&e.Alert)})
	}
}

func reasonOf(e alert.Event) string {
	if e.Kind == alert.KindEnd {
		return e.Reason.String()
	}
	return ""
}

func (c *collector) alertReports() []AlertReport {
	out := []AlertReport{}
	for _, a := range c.alertList {
		a.Summary = alertSummary(a)
		out = append(out, a)
	}
	return out
}

func alertSummary(a AlertReport) string {
	var s string
	f := a.Fields
	if a.System == string(alert.SystemISDB) {
		s = fmt.Sprintf("ISDB emergency warning, service 0x%04X, %s, areas %03X", *f.ServiceID, f.LevelName, f.AreaCodes)
	} else {
		text := f.Text
		s = fmt.Sprintf("SCTE-18 %s from %s, event 0x%04X, priority %d, %q, %d s remaining", f.EventCode, f.Originator,
			*f.EventID, *f.Priority, text, *f.SecondsRemaining)
	}
	s += fmt.Sprintf(": from packet %d", a.StartPacket)
	if a.EndPacket != nil {
		s += fmt.Sprintf(" to packet %d (%s)", *a.EndPacket, a.EndReason)
	} else {
		s += ", still on at the end"
	}
	if a.Updates > 0 {
		s += fmt.Sprintf(", %d update(s)", a.Updates)
	}
	return s
}

// describeEmergency decodes a 0xFC descriptor for the report.
func describeEmergency(data []byte) any {
	var d alert.EmergencyInformationDescriptor
	if d.Unmarshal(data) != nil {
		return nil
	}
	out := []map[string]any{}
	for _, e := range d.Infos {
		out = append(out, map[string]any{"service_id": e.ServiceID, "start_end_flag": e.StartEndFlag,
			"signal_level": uint8(e.SignalLevel), "area_codes": e.AreaCodes})
	}
	return out
}
