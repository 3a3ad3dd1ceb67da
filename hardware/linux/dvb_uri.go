package linux

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/antena-tv/antena/hardware"
)

// DVBSpec is what a dvb:// URI asks for.
type DVBSpec struct {
	Adapter, Frontend int
	Channel           hardware.Channel
	// LockTimeout is how long to wait for the lock; default 5 s.
	LockTimeout time.Duration
}

// ParseDVB reads a dvb:// URI:
//
//	dvb://ADAPTER?freq=HZ&system=isdbt|dvbt|dvbt2|atsc
//
// with, optionally, frontend=N, bandwidth=HZ, plp=ID (DVB-T2) and timeout=DURATION
// ("5s"). A channel number of a plan may stand for the frequency: channel=N with
// country=CODE (default br for isdbt, eu for dvbt and dvbt2, us for atsc).
//
//	dvb://0?freq=473142857&system=isdbt
//	dvb://1?channel=33&system=isdbt&country=pe
func ParseDVB(uri string) (DVBSpec, error) {
	spec := DVBSpec{LockTimeout: 5 * time.Second}
	u, err := url.Parse(uri)
	if err != nil {
		return spec, fmt.Errorf("%w: %w", ErrURI, err)
	}
	if u.Scheme != "dvb" || u.Port() != "" || u.User != nil || (u.Path != "" && u.Path != "/") {
		return spec, fmt.Errorf("%w: %q is not dvb://ADAPTER?freq=HZ&system=SYSTEM", ErrURI, uri)
	}
	if spec.Adapter, err = uriInt(u.Host, "adapter", 255); err != nil {
		return spec, err
	}
	q := u.Query()
	for k, v := range q {
		if len(v) != 1 {
			return spec, fmt.Errorf("%w: %s given %d times", ErrURI, k, len(v))
		}
	}
	if spec.Channel.System, err = hardware.ParseDeliverySystem(q.Get("system")); err != nil {
		return spec, fmt.Errorf("%w: %w", ErrURI, err)
	}
	for _, k := range slices.Sorted(maps.Keys(q)) {
		if err := spec.param(k, q.Get(k)); err != nil {
			return spec, err
		}
	}
	return spec, spec.resolve(q.Get("country"))
}

// param reads one query parameter other than system.
func (spec *DVBSpec) param(k, v string) error {
	ch := &spec.Channel
	var err error
	switch k {
	case "system", "country":
	case "freq":
		if ch.Frequency, err = strconv.ParseUint(v, 10, 32); err != nil || ch.Frequency == 0 {
			return fmt.Errorf("%w: freq=%q is not a frequency in Hz", ErrURI, v)
		}
	case "channel":
		ch.Number, err = uriInt(v, k, 999)
	case "frontend":
		spec.Frontend, err = uriInt(v, k, 255)
	case "bandwidth":
		var b int
		b, err = uriInt(v, k, 100_000_000)
		ch.Bandwidth = uint32(b)
	case "plp":
		var p int
		if p, err = uriInt(v, k, 255); err == nil {
			id := uint8(p)
			ch.PLP = &id
		}
	case "timeout":
		if spec.LockTimeout, err = time.ParseDuration(v); err != nil || spec.LockTimeout <= 0 {
			return fmt.Errorf("%w: timeout=%q is not a duration", ErrURI, v)
		}
	default:
		return fmt.Errorf("%w: unknown parameter %q", ErrURI, k)
	}
	return err
}

// resolve turns a channel number into a frequency.
func (spec *DVBSpec) resolve(country string) error {
	ch := &spec.Channel
	switch {
	case ch.Frequency != 0 && ch.Number != 0:
		return fmt.Errorf("%w: give freq or channel, not both", ErrURI)
	case ch.Frequency != 0:
		return nil
	case ch.Number == 0:
		return fmt.Errorf("%w: freq=HZ (or channel=N) is missing", ErrURI)
	}
	if country == "" {
		country = map[hardware.DeliverySystem]string{hardware.ISDBT: "br", hardware.ATSC: "us"}[ch.System]
		if country == "" {
			country = "eu"
		}
	}
	pc, err := hardware.PlanChannel(ch.System, country, ch.Number)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrURI, err)
	}
	pc.PLP = ch.PLP
	if ch.Bandwidth != 0 {
		pc.Bandwidth = ch.Bandwidth
	}
	*ch = pc
	return nil
}

func uriInt(s, name string, limit int) (int, error) {
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 || v > limit {
		return 0, fmt.Errorf("%w: %s %q is not a number from 0 to %d", ErrURI, name, s, limit)
	}
	return v, nil
}
