package hardware

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Errors of tuners.
var (
	// ErrNoLock reports a tuner that did not lock on a channel in the time given.
	ErrNoLock = errors.New("hardware: no lock")
	// ErrUnknownSystem reports a delivery system name that ParseDeliverySystem does
	// not know.
	ErrUnknownSystem = errors.New("hardware: unknown delivery system")
	// ErrNoPlan reports a system and country with no channel plan.
	ErrNoPlan = errors.New("hardware: no channel plan")
)

// Tuner is a broadcast receiver front end: it tunes to a channel, reports its lock and
// signal as the driver measures them, scans a channel plan for services, and hands
// out the transport stream of the channel it is tuned to.
type Tuner interface {
	// Tune tunes to ch and waits until the tuner locks or ctx is done; in that case the
	// error wraps ErrNoLock (and ctx's error). The status is the last one read.
	Tune(ctx context.Context, ch Channel) (Status, error)
	// Status reads the lock status and the signal measurements.
	Status() (Status, error)
	// Stream opens the transport stream of the channel tuned to: every PID, read in
	// chunks of at most MaxLiveRead bytes. One stream may be open at a time.
	Stream() (Source, error)
	// Scan tunes to each channel of plan in turn and lists the services of those that
	// lock. It returns the channels that locked, in plan order; on an error (or when
	// ctx is done) it returns what it found so far with the error.
	Scan(ctx context.Context, plan []Channel, opts ScanOptions) ([]ScanResult, error)
	// Close releases the tuner. Calls after Close return an error wrapping ErrClosed.
	Close() error
}

// EmergencyFlagger is implemented by tuners whose driver exposes the ISDB TMCC
// emergency alarm flag (the start flag for emergency-alarm broadcasting, ARIB STD-B31
// §3.15.6.3), which announces a warning before the transport stream carries it. Most
// drivers do not: a tuner returns an error wrapping errors.ErrUnsupported then, and
// the alert manager relies on the stream's 0xFC descriptors alone.
type EmergencyFlagger interface {
	// WatchEmergency calls hook with the flag each time it changes (the first call
	// reports it set, if it is), from a goroutine of the tuner, until the tuner is
	// closed. hook must not block. A second call replaces the hook.
	WatchEmergency(hook func(on bool)) error
}

// DeliverySystem is a terrestrial broadcast standard.
type DeliverySystem uint8

// Delivery systems.
const (
	SystemUnknown DeliverySystem = iota
	ISDBT                        // ISDB-T and ISDB-Tb, 6 MHz
	DVBT                         // DVB-T
	DVBT2                        // DVB-T2
	ATSC                         // ATSC 8-VSB, 6 MHz
)

var systemNames = [...]string{"unknown", "isdbt", "dvbt", "dvbt2", "atsc"}

// String returns the name ParseDeliverySystem reads: "isdbt", "dvbt", "dvbt2", "atsc".
func (s DeliverySystem) String() string {
	if int(s) < len(systemNames) {
		return systemNames[s]
	}
	return "DeliverySystem(" + strconv.Itoa(int(s)) + ")"
}

// ParseDeliverySystem reads a system name; case is ignored.
func ParseDeliverySystem(name string) (DeliverySystem, error) {
	for s := ISDBT; int(s) < len(systemNames); s++ {
		if strings.EqualFold(name, systemNames[s]) {
			return s, nil
		}
	}
	return SystemUnknown, fmt.Errorf("%w: %q (want isdbt, dvbt, dvbt2 or atsc)", ErrUnknownSystem, name)
}

// MarshalText gives the name, for JSON.
func (s DeliverySystem) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a name.
func (s *DeliverySystem) UnmarshalText(b []byte) error {
	v, err := ParseDeliverySystem(string(b))
	*s = v
	return err
}

// Bandwidth returns the usual channel width of the system, in Hz: 6 MHz for ISDB-T
// and ATSC, 8 MHz for DVB-T and DVB-T2 (Europe's plan; the Americas use 6 MHz).
func (s DeliverySystem) Bandwidth() uint32 {
	if s == DVBT || s == DVBT2 {
		return 8_000_000
	}
	return 6_000_000
}

// Channel is what a tuner tunes to.
type Channel struct {
	// Number is the channel number in its plan (UHF 14 = 14); 0 when the channel is
	// given by frequency only.
	Number int `json:"number,omitempty"`
	// Frequency is the centre frequency, Hz.
	Frequency uint64         `json:"frequency"`
	System    DeliverySystem `json:"system"`
	// Bandwidth is the channel width, Hz; 0 means the system's usual one.
	Bandwidth uint32 `json:"bandwidth,omitempty"`
	// PLP selects a DVB-T2 physical layer pipe; nil lets the driver take the one
	// there is (no filter).
	PLP *uint8 `json:"plp,omitempty"`
}

// Width returns Bandwidth, or the system's usual width when it is 0.
func (c Channel) Width() uint32 {
	if c.Bandwidth != 0 {
		return c.Bandwidth
	}
	return c.System.Bandwidth()
}

// String returns "14 (473.143 MHz isdbt)", or "473.143 MHz isdbt" without a number.
func (c Channel) String() string {
	s := strconv.FormatFloat(float64(c.Frequency)/1e6, 'f', 3, 64) + " MHz " + c.System.String()
	if c.Number == 0 {
		return s
	}
	return strconv.Itoa(c.Number) + " (" + s + ")"
}

// Scale tells how a Measure is expressed, as the Linux DVB API's fecap_scale_params.
type Scale uint8

// Scales.
const (
	ScaleNone     Scale = iota // not measured
	ScaleDecibel               // Value in thousandths of a dB (of a dBm for strength)
	ScaleRelative              // Value from 0 to 65535
)

var scaleNames = [...]string{"none", "decibel", "relative"}

// MarshalText gives "none", "decibel" or "relative".
func (s Scale) MarshalText() ([]byte, error) {
	if int(s) < len(scaleNames) {
		return []byte(scaleNames[s]), nil
	}
	return nil, fmt.Errorf("hardware: scale %d", s)
}

// UnmarshalText reads "none", "decibel" or "relative".
func (s *Scale) UnmarshalText(b []byte) error {
	for i, n := range scaleNames {
		if string(b) == n {
			*s = Scale(i)
			return nil
		}
	}
	return fmt.Errorf("hardware: unknown scale %q", b)
}

// Measure is a signal measurement as the driver reports it.
type Measure struct {
	Scale Scale `json:"scale"`
	Value int64 `json:"value"`
}

// String returns "-45.0 dB" (thousandths shown as a decimal), "78%" or "n/a". Signal
// strength in decibels is in dBm.
func (m Measure) String() string {
	switch m.Scale {
	case ScaleDecibel:
		return strconv.FormatFloat(float64(m.Value)/1000, 'f', 1, 64) + " dB"
	case ScaleRelative:
		return strconv.FormatInt(m.Value*100/65535, 10) + "%"
	}
	return "n/a"
}

// Status is a tuner's lock status (the Linux fe_status bits) and signal.
type Status struct {
	Signal  bool `json:"signal"`  // energy found on the channel
	Carrier bool `json:"carrier"` // a carrier found
	Viterbi bool `json:"viterbi"` // the inner code is stable
	Sync    bool `json:"sync"`    // synchronisation bytes found
	Lock    bool `json:"lock"`    // locked: the transport stream flows
	// Strength is the signal strength (dBm when in decibels).
	Strength Measure `json:"strength"`
	// Quality is the carrier-to-noise ratio (dB when in decibels).
	Quality Measure `json:"quality"`
}

// String returns "locked, strength -45.0 dB, quality 22.5 dB" or "no lock (signal,
// carrier), strength ...".
func (s Status) String() string {
	head := "locked"
	if !s.Lock {
		var has []string
		for _, b := range []struct {
			on   bool
			name string
		}{{s.Signal, "signal"}, {s.Carrier, "carrier"}, {s.Viterbi, "viterbi"}, {s.Sync, "sync"}} {
			if b.on {
				has = append(has, b.name)
			}
		}
		head = "no lock"
		if len(has) > 0 {
			head += " (" + strings.Join(has, ", ") + ")"
		}
	}
	return head + ", strength " + s.Strength.String() + ", quality " + s.Quality.String()
}

// ScanOptions tune Scan.
type ScanOptions struct {
	// LockTimeout is how long each channel may take to lock; default 2 s.
	LockTimeout time.Duration
	// TableTimeout bounds the time spent reading the tables (PAT, SDT, NIT) of a
	// channel that locked; default 12 s (the NIT comes every 10 s).
	TableTimeout time.Duration
	// Progress, when set, is called after each channel with what was found: a result
	// whose Status.Lock is false for a channel that did not lock.
	Progress func(ScanResult)
}

// ScanResult is what a scan found on one channel.
type ScanResult struct {
	Channel Channel `json:"channel"`
	// Status is the status at lock (or when the lock timeout ran out).
	Status            Status `json:"status"`
	TransportStreamID uint16 `json:"transport_stream_id"`
	NetworkID         uint16 `json:"network_id,omitempty"`
	NetworkName       string `json:"network_name,omitempty"`
	// Complete is false when the tables were not all read within the table timeout.
	Complete bool      `json:"complete"`
	Services []Service `json:"services"`
}

// Service is one service (program) of a multiplex.
type Service struct {
	// ID is the service_id, the PAT's program_number.
	ID       uint16 `json:"id"`
	Name     string `json:"name,omitempty"`
	Provider string `json:"provider,omitempty"`
	// Type is the service_type of the SDT's service_descriptor (0x01 digital TV,
	// 0xC0 ISDB data/one-seg); 0 when unknown.
	Type uint8 `json:"type,omitempty"`
	// PMTPID is the PID of the service's PMT; 0 when the PAT does not list it.
	PMTPID uint16 `json:"pmt_pid"`
}

// band is a run of equally spaced channels.
type band struct {
	first, last int
	centre      uint64 // centre frequency of the first channel, Hz
	step        uint64 // Hz
}

// isdbtUHF is the ISDB-Tb plan: UHF 14-69, 6 MHz, centre 473 + 6*(ch-14) + 1/7 MHz
// (ABNT NBR 15601 §8.2: the OFDM signal sits 1/7 MHz above the channel centre).
var isdbtUHF = []band{{14, 69, 473_142_857, 6_000_000}}

// plans by system, then by lower-case ISO 3166 country code.
var plans = map[DeliverySystem]map[string][]band{
	ISDBT: countries(isdbtUHF,
		"br", "ar", "pe", "cl", "ve", "ec", "cr", "py", "ph", "bo", "ni", "sv", "gt", "hn", "uy", "mv", "lk", "bw"),
	DVBT:  countries([]band{{21, 69, 474_000_000, 8_000_000}}, dvbtEurope...),
	DVBT2: countries([]band{{21, 69, 474_000_000, 8_000_000}}, dvbtEurope...),
	ATSC: countries([]band{
		{2, 4, 57_000_000, 6_000_000}, {5, 6, 79_000_000, 6_000_000},
		{7, 13, 177_000_000, 6_000_000}, {14, 36, 473_000_000, 6_000_000},
	}, "us", "ca", "mx"),
}

// dvbtEurope are the countries with the European UHF plan (21-69, 8 MHz), and "eu".
var dvbtEurope = []string{
	"eu", "at", "be", "bg", "ch", "cy", "cz", "de", "dk", "ee", "es", "fi", "fr", "gb", "gr", "hr", "hu",
	"ie", "is", "it", "lt", "lu", "lv", "mt", "nl", "no", "pl", "pt", "ro", "rs", "se", "si", "sk",
}

func init() {
	// Japan numbers its UHF channels from 13; Colombia runs DVB-T2 on 6 MHz channels.
	plans[ISDBT]["jp"] = []band{{13, 62, 473_142_857, 6_000_000}}
	plans[DVBT2]["co"] = []band{{14, 51, 473_000_000, 6_000_000}}
}

func countries(bs []band, codes ...string) map[string][]band {
	m := make(map[string][]band, len(codes))
	for _, c := range codes {
		m[c] = bs
	}
	return m
}

// ChannelPlan returns the channels of a country's plan for a system, in channel order:
// for ISDB-T, UHF 14-69 of the ISDB-Tb countries (br, ar, pe, cl, ...; jp: 13-62); for
// DVB-T and DVB-T2, UHF 21-69 at 8 MHz in Europe (eu or a European country code; co:
// DVB-T2 on UHF 14-51 at 6 MHz); for ATSC, channels 2-36 (us, ca, mx). country is an
// ISO 3166 code; case is ignored. A plan lists every channel the band allows: those a
// country has since given to mobile networks are scanned too, and find nothing.
func ChannelPlan(system DeliverySystem, country string) ([]Channel, error) {
	bs, ok := plans[system][strings.ToLower(country)]
	if !ok {
		return nil, fmt.Errorf("%w for %s in %q", ErrNoPlan, system, country)
	}
	var chs []Channel
	for _, b := range bs {
		for n := b.first; n <= b.last; n++ {
			f := b.centre + uint64(n-b.first)*b.step
			chs = append(chs, Channel{Number: n, Frequency: f, System: system, Bandwidth: uint32(b.step)})
		}
	}
	return chs, nil
}

// PlanChannel returns channel number n of a country's plan.
func PlanChannel(system DeliverySystem, country string, n int) (Channel, error) {
	chs, err := ChannelPlan(system, country)
	if err != nil {
		return Channel{}, err
	}
	for _, c := range chs {
		if c.Number == n {
			return c, nil
		}
	}
	return Channel{}, fmt.Errorf("%w: %s in %q has no channel %d", ErrNoPlan, system, country, n)
}
