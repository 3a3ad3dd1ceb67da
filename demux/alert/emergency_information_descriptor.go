package alert

import (
	"fmt"

	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/internal/bitio"
)

// DescriptorTagEmergencyInformation is the tag of the ISDB emergency_information_descriptor.
// Specification: ARIB STD-B10 Part 2 §6.2.24; ABNT NBR 15603-2.
const DescriptorTagEmergencyInformation = 0xFC

// Bit layout of the byte after service_id.
const (
	eiStartEndFlagMask = 0x80
	eiSignalLevelMask  = 0x40
	eiReservedMask     = 0x3F // reserved_future_use, written as 1s
	eiEntryFixedLen    = 4    // service_id, flags, area_code_length
	eiAreaCodeBits     = 12
	eiAreaCodeMax      = 1<<eiAreaCodeBits - 1
	maxDescriptorData  = 255
)

// SignalLevel is the signal_level of an emergency warning: which kind of start signal it is.
// Specification: ARIB STD-B10 Part 2 §6.2.24; ARIB STD-B24 (1st/2nd kind start signals).
type SignalLevel uint8

// Signal levels.
const (
	SignalLevelFirstKind  SignalLevel = 0 // 1st-kind start signal (第1種開始信号)
	SignalLevelSecondKind SignalLevel = 1 // 2nd-kind start signal (第2種開始信号)
)

// String returns "first-kind" or "second-kind".
func (l SignalLevel) String() string {
	switch l {
	case SignalLevelFirstKind:
		return "first-kind"
	case SignalLevelSecondKind:
		return "second-kind"
	}
	return fmt.Sprintf("SignalLevel(%d)", uint8(l))
}

// EmergencyInformation is one entry of an emergency_information_descriptor: one emergency
// warning carried by one service.
// Specification: ARIB STD-B10 Part 2 §6.2.24; ABNT NBR 15603-2.
//
//	service_id               16
//	start_end_flag            1   1 = started or being broadcast, 0 = ended
//	signal_level              1   0 = 1st-kind, 1 = 2nd-kind start signal
//	reserved_future_use       6
//	area_code_length          8   bytes of the area loop (2 per area code)
//	for (j = 0; j < N; j++) {
//	  area_code              12   ARIB STD-B10 Annex D (Japan); national tables elsewhere
//	  reserved_future_use     4
//	}
type EmergencyInformation struct {
	ServiceID    uint16
	StartEndFlag bool
	SignalLevel  SignalLevel
	AreaCodes    []uint16 // 12-bit values
}

// EmergencyInformationDescriptor is the data (after tag and length) of an
// emergency_information_descriptor: a list of warnings.
// Specification: ARIB STD-B10 Part 2 §6.2.24.
type EmergencyInformationDescriptor struct {
	Infos []EmergencyInformation
}

// Unmarshal decodes the descriptor data b (without tag and length). It reuses d.Infos and
// their AreaCodes. On error, d.Infos holds the entries decoded before the bad one.
func (d *EmergencyInformationDescriptor) Unmarshal(b []byte) error {
	var err error
	d.Infos, err = appendEmergencyInformation(d.Infos[:0], b)
	return err
}

// AppendEmergencyInformation appends the entries of every emergency_information_descriptor
// (tag 0xFC) of the descriptor loop b (a PMT program_info loop, an NIT first loop) to dst and
// returns it. It reuses the memory of dst beyond its length, AreaCodes included, so a caller
// that passes the same slice back (dst[:0]) allocates nothing in steady state. On error the
// result holds the entries decoded before the bad one.
func AppendEmergencyInformation(dst []EmergencyInformation, b []byte) ([]EmergencyInformation, error) {
	it := psi.Descriptors(b)
	for d, ok := it.Next(); ok; d, ok = it.Next() {
		if d.Tag != DescriptorTagEmergencyInformation {
			continue
		}
		var err error
		if dst, err = appendEmergencyInformation(dst, d.Data); err != nil {
			return dst, err
		}
	}
	if err := it.Err(); err != nil {
		return dst, fmt.Errorf("%w: descriptor loop: %w", ErrLengthOverrun, err)
	}
	return dst, nil
}

func appendEmergencyInformation(dst []EmergencyInformation, b []byte) ([]EmergencyInformation, error) {
	if len(b) > maxDescriptorData {
		return dst, fmt.Errorf("%w: emergency_information_descriptor data is %d bytes, at most %d",
			ErrLengthOverrun, len(b), maxDescriptorData)
	}
	var r bitio.Reader
	r.Reset(b)
	for off := 0; r.Len() > 0; off = r.Offset() {
		if r.Len() < eiEntryFixedLen {
			return dst, fmt.Errorf("%w: emergency information entry at byte %d needs %d bytes, have %d",
				ErrShortBuffer, off, eiEntryFixedLen, r.Len())
		}
		serviceID := r.Uint16()
		flags := r.Uint8()
		n := int(r.Uint8())
		if n%2 != 0 {
			return dst, fmt.Errorf("%w: service 0x%04X: area_code_length %d is odd", ErrAreaCodeLength, serviceID, n)
		}
		if n > r.Len() {
			return dst, fmt.Errorf("%w: service 0x%04X: area_code_length %d, %d bytes left",
				ErrAreaCodeLength, serviceID, n, r.Len())
		}
		var e *EmergencyInformation
		dst, e = growInfos(dst)
		e.ServiceID = serviceID
		e.StartEndFlag = flags&eiStartEndFlagMask != 0
		e.SignalLevel = SignalLevelFirstKind
		if flags&eiSignalLevelMask != 0 {
			e.SignalLevel = SignalLevelSecondKind
		}
		for range n / 2 {
			e.AreaCodes = append(e.AreaCodes, uint16(r.Bits(eiAreaCodeBits)))
			r.Skip(4) // reserved_future_use
		}
	}
	if err := r.Err(); err != nil { // unreachable: every read above is bounded
		return dst, fmt.Errorf("%w: %w", ErrShortBuffer, err)
	}
	return dst, nil
}

// growInfos extends dst by one element, reusing the element (and its AreaCodes) that may sit
// beyond len(dst).
func growInfos(dst []EmergencyInformation) ([]EmergencyInformation, *EmergencyInformation) {
	if len(dst) < cap(dst) {
		dst = dst[:len(dst)+1]
	} else {
		dst = append(dst, EmergencyInformation{})
	}
	e := &dst[len(dst)-1]
	e.AreaCodes = e.AreaCodes[:0]
	return dst, e
}

// MarshalSize returns the size of the descriptor data.
func (d *EmergencyInformationDescriptor) MarshalSize() int {
	n := 0
	for i := range d.Infos {
		n += eiEntryFixedLen + 2*len(d.Infos[i].AreaCodes)
	}
	return n
}

// MarshalTo writes the descriptor data (without tag and length) into b and returns its size.
// Reserved bits are written as 1s.
func (d *EmergencyInformationDescriptor) MarshalTo(b []byte) (int, error) {
	size := d.MarshalSize()
	if size > maxDescriptorData {
		return 0, fmt.Errorf("%w: emergency_information_descriptor data would be %d bytes, at most %d",
			ErrTooLong, size, maxDescriptorData)
	}
	if len(b) < size {
		return 0, fmt.Errorf("%w: emergency_information_descriptor needs %d bytes, have %d", ErrShortBuffer, size, len(b))
	}
	w := bitio.Writer{B: b[:0]}
	for i := range d.Infos {
		e := &d.Infos[i]
		if e.SignalLevel > SignalLevelSecondKind {
			return 0, fmt.Errorf("%w: service 0x%04X: signal_level %d", ErrFieldRange, e.ServiceID, e.SignalLevel)
		}
		flags := byte(eiReservedMask)
		if e.StartEndFlag {
			flags |= eiStartEndFlagMask
		}
		if e.SignalLevel == SignalLevelSecondKind {
			flags |= eiSignalLevelMask
		}
		w.Uint16(e.ServiceID)
		w.Uint8(flags)
		w.Uint8(uint8(2 * len(e.AreaCodes)))
		for _, a := range e.AreaCodes {
			if a > eiAreaCodeMax {
				return 0, fmt.Errorf("%w: service 0x%04X: area_code 0x%X has more than 12 bits", ErrFieldRange, e.ServiceID, a)
			}
			w.Bits(eiAreaCodeBits, uint64(a))
			w.Bits(4, 0xF)
		}
	}
	return w.Len(), nil
}

// Marshal returns the descriptor data (without tag and length); wrap it with
// psi.AppendDescriptor(b, DescriptorTagEmergencyInformation, data).
func (d *EmergencyInformationDescriptor) Marshal() ([]byte, error) {
	b := make([]byte, d.MarshalSize())
	n, err := d.MarshalTo(b)
	if err != nil {
		return nil, err
	}
	return b[:n], nil
}
