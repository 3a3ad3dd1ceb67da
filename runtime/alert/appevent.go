package alert

import dalert "github.com/antena-tv/antena/demux/alert"

// AppEvent is what running apps are told when an alert for this box is raised, changes or
// ends: the NCLua event {class='si', type='alert', action=…} (NCLua has no standard
// alert event; this is Antena's, in the si class that Ginga reserves for service
// information). The runtime posts Fields() into each app's event queue. Apps observe the
// alert; they cannot suppress it: the alert plane is above theirs and the Manager filters
// keys before them.
//
// Lua-visible fields:
//
//	class        'si'
//	type         'alert'
//	action       'start' | 'update' | 'end'
//	system       'isdb' | 'scte18'
//	id           number: service_id (isdb) or EAS_event_ID (scte18)
//	level        number: 1 (first kind, the most severe) or 2 (second kind); isdb only
//	priority     number: alert_priority 0-15; scte18 only
//	areas        table of numbers: the warning's 12-bit area codes; isdb only
//	service      number: the service the box switched to, 0 when it did not
//	text         string: the alert text (scte18; '' for isdb, whose content is the service)
//	message      string: the overlay's headline, in the box's language
//	language     string: 'pt', 'es' or 'en'
//	dismissable  boolean: whether the viewer may close it
//	reason       string: why it ended ('signalled', 'expired', …); action 'end' only
type AppEvent struct {
	Action      string
	System      string
	ID          uint16
	Level       int
	Priority    uint8
	Areas       []uint16 // shared with the Manager's snapshot: do not modify
	Service     uint16
	Text        string
	Message     string
	Language    string
	Dismissable bool
	Reason      string
}

// NCLua class and type of an AppEvent.
const (
	AppEventClass = "si"
	AppEventType  = "alert"
)

// Fields returns the event as the table the runtime builds for Lua: Go strings, float64
// numbers (Lua 5.1 numbers), bools, and []any for areas.
func (e AppEvent) Fields() map[string]any {
	m := map[string]any{
		"class":       AppEventClass,
		"type":        AppEventType,
		"action":      e.Action,
		"system":      e.System,
		"id":          float64(e.ID),
		"service":     float64(e.Service),
		"text":        e.Text,
		"message":     e.Message,
		"language":    e.Language,
		"dismissable": e.Dismissable,
	}
	if e.System == string(dalert.SystemISDB) {
		m["level"] = float64(e.Level)
		areas := make([]any, len(e.Areas))
		for i, a := range e.Areas {
			areas[i] = float64(a)
		}
		m["areas"] = areas
	} else {
		m["priority"] = float64(e.Priority)
	}
	if e.Action == "end" {
		m["reason"] = e.Reason
	}
	return m
}
