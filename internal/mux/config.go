package mux

import (
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/dsmcc"
)

// Defaults.
const (
	DefaultCarouselRate = 1_000_000 // bit/s
	DefaultProgram      = 1
	DefaultEventObject  = "events"
	DefaultPMTPID       = 0x0100
	DefaultPCRInterval  = 40 * time.Millisecond
	// Data broadcast ids written in the carousel's data_broadcast_id_descriptor (0x66).
	DataBroadcastIDGinga = 0x00F0 // MHP/GEM object carousel, which Ginga builds on
	DataBroadcastIDHbbTV = 0x0123 // HbbTV carousel (ETSI TS 102 796)
)

// App is what the AIT says about the application.
type App struct {
	// Type is the application_type: ait.ApplicationTypeGingaNCL (the default, 0x0009) or
	// ait.ApplicationTypeHbbTV (0x0010).
	Type           ait.ApplicationType
	OrganisationID uint32 // default 1
	ApplicationID  uint16 // default 1
	// ControlCode is the application_control_code; default AUTOSTART.
	ControlCode ait.ControlCode
	// Name and Language (ISO 639-2, three letters; default "por" for Ginga, "eng" for
	// HbbTV) make the application_name_descriptor.
	Name     string
	Language string
	// Entry is the entry file, a path in the carousel. Ginga-NCL: the
	// application_location_descriptor (0x07) with base directory "/" and initial class
	// Entry; HbbTV: the simple_application_location_descriptor (0x15). Default: main.ncl
	// when the folder has it, else main.lua, else (HbbTV) index.html.
	Entry string
}

// Service says where the new components go.
type Service struct {
	// ProgramNumber of the data service (standalone; default 1). With an input stream it is
	// the program to add to (0: the first program of its PAT).
	ProgramNumber     uint16
	TransportStreamID uint16 // standalone; default 1
	NetworkID         uint16 // NIT network_id and original_network_id; default 1
	// PIDs; 0 picks one (0x0100 upwards, skipping the PIDs the input uses).
	PMTPID, AITPID, CarouselPID, EventPID uint16
	// ComponentTag of the carousel stream (its association tag); 0 picks 0x40 or the next
	// free tag. EventTag likewise for the stream event stream.
	ComponentTag, EventTag uint8
	// DataBroadcastID for the 0x66 descriptor; 0 takes the flavour's.
	DataBroadcastID uint16
}

// EventMode says how stream events are sent.
type EventMode int

// Event modes.
const (
	// EventsNow sends "do it now" events (eventNPT 0): the 0x3D section goes out at the
	// event's time and is repeated every 250 ms for 2 s (or until the next event of the same
	// name); receivers fire on the first one.
	EventsNow EventMode = iota
	// EventsNPT schedules events on the Normal Play Time: an NPT_reference_descriptor (every
	// second) makes NPT = stream time, and each event's section (eventNPT = its time in 90
	// kHz units) is sent every 500 ms during the 5 s before its time; receivers fire when
	// the NPT reaches it.
	EventsNPT
)

// Event is one stream event: the ste object of the carousel names it, and a 0x3D section
// carries it at stream time At with the private data Data (at most 245 bytes).
type Event struct {
	Name string
	At   time.Duration
	Data []byte
}

// EWBS is an ISDB emergency warning (emergency_information_descriptor 0xFC): it starts at
// Start and ends at End (0: never, within the run).
type EWBS struct {
	Start, End  time.Duration
	ServiceID   uint16 // 0: the service's program number
	SignalLevel alert.SignalLevel
	AreaCodes   []uint16
}

// SCTE18 is a cable_emergency_alert sent on PID 0x1FFB from Start, repeated every Repeat
// (default 1 s) for Duration; its alert_message_time_remaining (Duration up to 120 s) or
// event_duration (longer ones, in minutes) makes receivers end it then.
type SCTE18 struct {
	Start, Duration time.Duration
	Repeat          time.Duration
	EventID         uint16 // 0: 1, 2, ... in order
	Originator      string // default "EAS"
	EventCode       string // default "RWT"
	Text            string
	Language        string // default "eng"
	Priority        uint8  // 0-15
	Locations       []alert.LocationCode
	DetailsMajor    uint16
	DetailsMinor    uint16
}

// Config describes a mux run.
type Config struct {
	// FS is the application folder; Builder configures its carousel (the mux sets its
	// AssociationTag and StreamEvents).
	FS      fs.FS
	Builder dsmcc.BuilderConfig

	App     App
	Service Service

	CarouselRate int64 // bit/s; default DefaultCarouselRate
	// MuxRate is the constant output rate in bit/s, null packets filling what the content
	// leaves; 0 takes what the content needs. With an Input it is ignored: the input's rate
	// stands, raised where its null packets do not suffice.
	MuxRate int64
	// Cycles and Duration end the run: after Cycles whole carousel cycles, or Duration of
	// stream time. Neither: one cycle, or forever for Forever runs (network outputs, watch).
	Cycles   int
	Duration time.Duration
	Forever  bool

	Events      []Event
	EventMode   EventMode
	EventObject string // path of the ste object; default "events"
	EWBS        []EWBS
	SCTE18      []SCTE18

	// Input is a transport stream to mux into (nil: a standalone data service); InputSize
	// its size for the progress bar (-1 unknown).
	Input     io.Reader
	InputSize int64

	PCRInterval time.Duration // default 40 ms
}

func (c *Config) defaults() {
	if c.CarouselRate == 0 {
		c.CarouselRate = DefaultCarouselRate
	}
	if c.App.Type == 0 {
		c.App.Type = ait.ApplicationTypeGingaNCL
	}
	if c.App.OrganisationID == 0 {
		c.App.OrganisationID = 1
	}
	if c.App.ApplicationID == 0 {
		c.App.ApplicationID = 1
	}
	if c.App.ControlCode == 0 {
		c.App.ControlCode = ait.ControlCodeAutostart
	}
	if c.App.Language == "" {
		c.App.Language = "por"
		if c.App.Type == ait.ApplicationTypeHbbTV {
			c.App.Language = "eng"
		}
	}
	if c.Service.TransportStreamID == 0 {
		c.Service.TransportStreamID = 1
	}
	if c.Service.NetworkID == 0 {
		c.Service.NetworkID = 1
	}
	if c.Service.DataBroadcastID == 0 {
		c.Service.DataBroadcastID = DataBroadcastIDGinga
		if c.App.Type == ait.ApplicationTypeHbbTV {
			c.Service.DataBroadcastID = DataBroadcastIDHbbTV
		}
	}
	if c.EventObject == "" {
		c.EventObject = DefaultEventObject
	}
	if c.PCRInterval == 0 {
		c.PCRInterval = DefaultPCRInterval
	}
	for i := range c.SCTE18 {
		s := &c.SCTE18[i]
		if s.Repeat == 0 {
			s.Repeat = time.Second
		}
		if s.Originator == "" {
			s.Originator = "EAS"
		}
		if s.EventCode == "" {
			s.EventCode = "RWT"
		}
		if s.Language == "" {
			s.Language = "eng"
		}
		if s.EventID == 0 {
			s.EventID = uint16(i + 1)
		}
	}
}

func (c *Config) validate() error {
	switch {
	case c.FS == nil:
		return fmt.Errorf("%w: no application folder", ErrConfig)
	case c.CarouselRate < minRate:
		return fmt.Errorf("%w: carousel rate %d bit/s, at least %d", ErrConfig, c.CarouselRate, minRate)
	case c.MuxRate < 0 || c.MuxRate > maxRate || c.CarouselRate > maxRate:
		return fmt.Errorf("%w: rate out of range (at most %d bit/s)", ErrConfig, int64(maxRate))
	case c.Cycles < 0 || c.Duration < 0:
		return fmt.Errorf("%w: negative cycles or duration", ErrConfig)
	case len(c.App.Language) != 3:
		return fmt.Errorf("%w: language %q is not a 3-letter ISO 639-2 code", ErrConfig, c.App.Language)
	case c.PCRInterval <= 0 || c.PCRInterval > 100*time.Millisecond:
		return fmt.Errorf("%w: PCR interval %v, want (0, 100ms]", ErrConfig, c.PCRInterval)
	}
	for _, e := range c.Events {
		if err := e.check(); err != nil {
			return err
		}
	}
	for i := range c.EWBS {
		if err := c.EWBS[i].check(); err != nil {
			return err
		}
	}
	for i := range c.SCTE18 {
		if err := c.SCTE18[i].check(); err != nil {
			return err
		}
	}
	return nil
}

const (
	minRate = 10_000
	maxRate = 1_000_000_000
)
