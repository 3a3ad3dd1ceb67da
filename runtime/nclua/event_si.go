package nclua

import "time"

// The si and alert classes: the box telling apps about the service, the
// service list, the programme guide, the broadcast time and emergency
// warnings. Both go host → app; an app may post an si event out with type
// services, epg, time or mosaic as a request, which the host may answer by
// sending the matching event. Apps cannot post alerts. Fields are listed in
// the package documentation.

// Alert is an emergency warning as apps see it.
type Alert struct {
	State     string        // "start", "update" or "end"
	ID        string        // the warning's identity, stable across updates
	Source    string        // "isdb" (0xFC descriptor), "scte18", ...
	Level     int           // ISDB: 1 or 2 (signal_level 0/1); SCTE-18: the priority 0..15
	ServiceID int           // the service carrying the warning (0 if none)
	Areas     []int         // area codes the warning is for (empty: everywhere)
	Text      string        // the warning text, when the signal carries one
	Language  string        // of Text (ISO 639-2), if known
	Remaining time.Duration // until it expires, if known (0: unknown)
}

// AlertEvent is the alert event for a.
func AlertEvent(a Alert) Event {
	areas := make([]any, len(a.Areas))
	for i, c := range a.Areas {
		areas[i] = float64(c)
	}
	e := Event{
		"class": "alert", "type": a.State, "id": a.ID, "source": a.Source,
		"level": a.Level, "serviceId": a.ServiceID, "areas": areas,
	}
	if a.Text != "" {
		e["text"] = a.Text
	}
	if a.Language != "" {
		e["language"] = a.Language
	}
	if a.Remaining > 0 {
		e["remaining"] = a.Remaining.Seconds()
	}
	return e
}

// SIService describes one service.
type SIService struct {
	ID       int // service_id
	ONID     int // original_network_id
	TSID     int // transport_stream_id
	Type     int // service_type
	Name     string
	Provider string
	Channel  string // the channel number as the viewer knows it ("7.1")
}

func (s SIService) fields() Event {
	return Event{"id": s.ID, "onid": s.ONID, "tsid": s.TSID, "serviceType": s.Type, "name": s.Name,
		"provider": s.Provider, "channel": s.Channel}
}

// ServiceChangeEvent tells the app the box is now on service s
// ({class='si', type='service', id, onid, tsid, serviceType, name, provider, channel}).
func ServiceChangeEvent(s SIService) Event {
	e := s.fields()
	e["class"], e["type"] = "si", "service"
	return e
}

// ServicesEvent is the service list ({class='si', type='services',
// services={...}}), each entry with the fields of ServiceChangeEvent.
func ServicesEvent(list []SIService) Event {
	services := make([]any, len(list))
	for i, s := range list {
		services[i] = map[string]any(s.fields())
	}
	return Event{"class": "si", "type": "services", "services": services}
}

// EPGEntry is one programme of the guide.
type EPGEntry struct {
	ID          int // event_id
	Start       time.Time
	Duration    time.Duration
	Name        string
	Description string
	Language    string
	Running     bool
}

// EPGEvent is the guide of a service ({class='si', type='epg', serviceId,
// events={{id, startTime (Unix seconds), duration (seconds), name,
// description, language, isRunning}, ...}}).
func EPGEvent(serviceID int, entries []EPGEntry) Event {
	events := make([]any, len(entries))
	for i, x := range entries {
		events[i] = map[string]any{
			"id": x.ID, "startTime": float64(x.Start.Unix()), "duration": x.Duration.Seconds(),
			"name": x.Name, "description": x.Description, "language": x.Language, "isRunning": x.Running,
		}
	}
	return Event{"class": "si", "type": "epg", "serviceId": serviceID, "events": events}
}

// TimeEvent is the broadcast time ({class='si', type='time', time=Unix
// seconds}).
func TimeEvent(t time.Time) Event {
	return Event{"class": "si", "type": "time", "time": float64(t.Unix())}
}
