package alert

import (
	"fmt"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/bitio"
)

// MarshalSize returns the size of the whole section, CRC_32 included.
func (c *CableEmergencyAlert) MarshalSize() int {
	n := psi.HeaderLen + ceaFixedLen + len(c.EASEventCode) + mssSize(c.NatureOfActivationText) +
		mssSize(c.AlertText) + ceaLocationLen*len(c.Locations) + ceaExceptionLen*len(c.Exceptions) + crcLen
	for _, d := range c.Descriptors {
		n += 2 + len(d.Data)
	}
	return n
}

// validate checks that every field fits its width and every count its counter.
func (c *CableEmergencyAlert) validate() error {
	switch {
	case c.SequenceNumber > maxSequenceNumber:
		return fmt.Errorf("%w: sequence_number %d, at most %d", ErrFieldRange, c.SequenceNumber, maxSequenceNumber)
	case c.ProtocolVersion != 0:
		return fmt.Errorf("%w: %d", ErrProtocolVersion, c.ProtocolVersion)
	case len(c.EASOriginatorCode) != 3:
		return fmt.Errorf("%w: EAS_originator_code %q is not 3 bytes", ErrFieldRange, c.EASOriginatorCode)
	case len(c.EASEventCode) > 255:
		return fmt.Errorf("%w: EAS_event_code is %d bytes, at most 255", ErrTooLong, len(c.EASEventCode))
	case c.AlertPriority > maxPriority:
		return fmt.Errorf("%w: alert_priority %d, at most %d", ErrFieldRange, c.AlertPriority, maxPriority)
	case c.DetailsMajorChannelNumber > maxChannelNumber || c.DetailsMinorChannelNumber > maxChannelNumber:
		return fmt.Errorf("%w: details channel %d.%d, at most %d each", ErrFieldRange,
			c.DetailsMajorChannelNumber, c.DetailsMinorChannelNumber, maxChannelNumber)
	case len(c.Locations) > 255:
		return fmt.Errorf("%w: %d locations, at most 255", ErrTooLong, len(c.Locations))
	case len(c.Exceptions) > 255:
		return fmt.Errorf("%w: %d exceptions, at most 255", ErrTooLong, len(c.Exceptions))
	}
	if n := mssSize(c.NatureOfActivationText); n > 255 {
		return fmt.Errorf("%w: nature_of_activation_text is %d bytes, at most 255", ErrTooLong, n)
	}
	if n := mssSize(c.AlertText); n > 0xFFFF {
		return fmt.Errorf("%w: alert_text is %d bytes, at most %d", ErrTooLong, n, 0xFFFF)
	}
	for i, l := range c.Locations {
		if l.CountySubdivision > maxSubdivision || l.CountyCode > maxCountyCode {
			return fmt.Errorf("%w: location %d: county_subdivision %d (at most %d), county_code %d (at most %d)",
				ErrFieldRange, i, l.CountySubdivision, maxSubdivision, l.CountyCode, maxCountyCode)
		}
	}
	for i, e := range c.Exceptions {
		if e.InBandReference && (e.MajorChannelNumber > maxChannelNumber || e.MinorChannelNumber > maxChannelNumber ||
			e.OOBSourceID != 0) {
			return fmt.Errorf("%w: in-band exception %d: channel %d.%d (at most %d each), OOB source 0x%04X (must be 0)",
				ErrFieldRange, i, e.MajorChannelNumber, e.MinorChannelNumber, maxChannelNumber, e.OOBSourceID)
		}
		if !e.InBandReference && (e.MajorChannelNumber != 0 || e.MinorChannelNumber != 0) {
			return fmt.Errorf("%w: out-of-band exception %d has channel %d.%d (must be 0.0)",
				ErrFieldRange, i, e.MajorChannelNumber, e.MinorChannelNumber)
		}
	}
	dl := 0
	for i, d := range c.Descriptors {
		if len(d.Data) > maxDescriptorData {
			return fmt.Errorf("%w: descriptor %d (tag 0x%02X) is %d bytes, at most %d",
				ErrTooLong, i, d.Tag, len(d.Data), maxDescriptorData)
		}
		dl += 2 + len(d.Data)
	}
	if dl > maxDescriptorsLen {
		return fmt.Errorf("%w: descriptors_length %d, at most %d", ErrTooLong, dl, maxDescriptorsLen)
	}
	if n := c.MarshalSize(); n > psi.MaxSection {
		return fmt.Errorf("%w: section would be %d bytes, at most %d", ErrTooLong, n, psi.MaxSection)
	}
	return nil
}

// MarshalTo writes the whole section, CRC_32 included, into b and returns its size. Reserved
// bits are written as 1s, private_indicator as 0, current_next_indicator as 1.
func (c *CableEmergencyAlert) MarshalTo(b []byte) (int, error) {
	if err := c.validate(); err != nil {
		return 0, err
	}
	size := c.MarshalSize()
	if len(b) < size {
		return 0, fmt.Errorf("%w: cable_emergency_alert needs %d bytes, have %d", ErrShortBuffer, size, len(b))
	}
	w := bitio.Writer{B: b[:0]}
	sl := size - 3
	w.Uint8(psi.TableIDSCTE18)
	w.Uint16(0xB000 | uint16(sl)) // section_syntax_indicator 1, zero 0, reserved 11
	w.Uint16(0)                   // table_id_extension
	w.Uint8(0xC0 | c.SequenceNumber<<1 | 1)
	w.Uint8(0) // section_number
	w.Uint8(0) // last_section_number
	w.Uint8(c.ProtocolVersion)
	w.Uint16(c.EASEventID)
	w.Bytes([]byte(c.EASOriginatorCode))
	w.Uint8(uint8(len(c.EASEventCode)))
	w.Bytes([]byte(c.EASEventCode))
	w.Uint8(uint8(mssSize(c.NatureOfActivationText)))
	if err := writeMSS(&w, c.NatureOfActivationText, "nature_of_activation_text"); err != nil {
		return 0, err
	}
	w.Uint8(c.AlertMessageTimeRemaining)
	w.Uint32(c.EventStartTime)
	w.Uint16(c.EventDuration)
	w.Uint16(0xFFF0 | uint16(c.AlertPriority))
	w.Uint16(c.DetailsOOBSourceID)
	w.Uint16(0xFC00 | c.DetailsMajorChannelNumber)
	w.Uint16(0xFC00 | c.DetailsMinorChannelNumber)
	w.Uint16(c.AudioOOBSourceID)
	w.Uint16(uint16(mssSize(c.AlertText)))
	if err := writeMSS(&w, c.AlertText, "alert_text"); err != nil {
		return 0, err
	}
	w.Uint8(uint8(len(c.Locations)))
	for _, l := range c.Locations {
		w.Uint8(l.StateCode)
		w.Bits(4, uint64(l.CountySubdivision))
		w.Bits(2, 0x3)
		w.Bits(10, uint64(l.CountyCode))
	}
	w.Uint8(uint8(len(c.Exceptions)))
	for _, e := range c.Exceptions {
		if e.InBandReference {
			w.Uint8(0xFF)
			w.Uint16(0xFC00 | e.MajorChannelNumber)
			w.Uint16(0xFC00 | e.MinorChannelNumber)
		} else {
			w.Uint8(0x7F)
			w.Uint16(0xFFFF)
			w.Uint16(e.OOBSourceID)
		}
	}
	w.Uint16(0xFC00 | uint16(size-w.Len()-2-crcLen))
	for _, d := range c.Descriptors {
		w.Uint8(d.Tag)
		w.Uint8(uint8(len(d.Data)))
		w.Bytes(d.Data)
	}
	w.Uint32(psi.CRC32(w.B))
	if w.Len() != size { // a bug in MarshalSize, never a property of the value
		panic(fmt.Sprintf("alert: cable_emergency_alert wrote %d bytes, MarshalSize said %d", w.Len(), size))
	}
	return size, nil
}

// Marshal returns the whole section, CRC_32 included.
func (c *CableEmergencyAlert) Marshal() ([]byte, error) {
	b := make([]byte, c.MarshalSize())
	n, err := c.MarshalTo(b)
	if err != nil {
		return nil, err
	}
	return b[:n], nil
}
