package alert

import (
	"fmt"
	"strings"
	"time"
)

// Clock is the Manager's monotonic clock: any origin (time since boot is usual), never
// going backwards. SCTE-18 expiry, the TMCC wait, the crawl and the timings of the log run
// on it. Pass the same function as demux.Options.Clock so that the Demuxer's SCTE-18
// deadlines and the Manager's agree.
type Clock func() time.Duration

// Channel names a service the way emergency signalling does: ISDB by service_id, SCTE-18 by
// virtual channel number, out-of-band source_ID or RF channel and program number. Zero
// fields are unknown. The receiver fills what it knows in CurrentChannel and tunes by what
// it can resolve in Tune.
type Channel struct {
	ServiceID   uint16 // service_id (ISDB) or MPEG program_number; 0 = unknown
	RFChannel   uint8  // physical channel (SCTE-18 in-band: CEA-542 number); 0 = unknown
	Major       uint16 // virtual channel major number (SCTE-18 / ATSC); 0 = unknown
	Minor       uint16 // virtual channel minor number
	OOBSourceID uint16 // SCTE-18 out-of-band source_ID; 0 = unknown
}

// IsZero reports whether c names nothing.
func (c Channel) IsZero() bool { return c == Channel{} }

// Matches reports whether c and o can be the same service: they share at least one known
// identity (service_id, major.minor, source_ID) and disagree on none that both know (the
// RF channel included). An RF channel alone names a multiplex, not a service.
func (c Channel) Matches(o Channel) bool {
	common := false
	if c.ServiceID != 0 && o.ServiceID != 0 {
		if c.ServiceID != o.ServiceID {
			return false
		}
		common = true
	}
	if c.RFChannel != 0 && o.RFChannel != 0 && c.RFChannel != o.RFChannel {
		return false
	}
	if c.Major|c.Minor != 0 && o.Major|o.Minor != 0 {
		if c.Major != o.Major || c.Minor != o.Minor {
			return false
		}
		common = true
	}
	if c.OOBSourceID != 0 && o.OOBSourceID != 0 {
		if c.OOBSourceID != o.OOBSourceID {
			return false
		}
		common = true
	}
	return common
}

// String gives the known identities, e.g. "service 0xE760" or "RF 15 program 20, 15.20".
func (c Channel) String() string {
	if c.IsZero() {
		return "none"
	}
	var parts []string
	if c.RFChannel != 0 {
		parts = append(parts, fmt.Sprintf("RF %d", c.RFChannel))
	}
	if c.ServiceID != 0 {
		parts = append(parts, fmt.Sprintf("service 0x%04X", c.ServiceID))
	}
	if c.Major|c.Minor != 0 {
		parts = append(parts, fmt.Sprintf("%d.%d", c.Major, c.Minor))
	}
	if c.OOBSourceID != 0 {
		parts = append(parts, fmt.Sprintf("source_ID 0x%04X", c.OOBSourceID))
	}
	return strings.Join(parts, ", ")
}

// Box is what the Manager drives in the receiver. Its methods are called with the
// Manager's lock held, from the goroutine of the Manager call that caused them (Handle:
// the demux goroutine; Tick and Render: the screen loop; FilterKey: the input goroutine;
// EmergencyFlag: the tuner's). They must return at once — post the work to the receiver's
// own loop — and must not call the Manager. Calls keep their order.
type Box interface {
	// Standby reports whether the box is in standby (screen and sound off).
	Standby() bool
	// SetStandby(false) turns screen and sound on; SetStandby(true) puts the box (back)
	// into standby, powering down what Wake powered up.
	SetStandby(on bool)
	// Wake powers the reception path (tuner, demodulator, demux) of a box in standby
	// without turning the screen on: a warning may be coming. A box that is on ignores it.
	Wake()
	// CurrentChannel returns the service the viewer is on, with the identities the box
	// knows (the zero Channel when it knows none).
	CurrentChannel() Channel
	// Tune switches to ch, resolving whichever of its identities the box can. It may
	// complete later; an error means the request was refused.
	Tune(ch Channel) error
	// PlayTone plays the attention tone where the hardware can; otherwise it does nothing.
	PlayTone()
}

// nopBox is the Box of a Manager given none: always on, on no known channel.
type nopBox struct{}

func (nopBox) Standby() bool           { return false }
func (nopBox) SetStandby(bool)         {}
func (nopBox) Wake()                   {}
func (nopBox) CurrentChannel() Channel { return Channel{} }
func (nopBox) Tune(Channel) error      { return nil }
func (nopBox) PlayTone()               {}
