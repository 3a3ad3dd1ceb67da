package linux

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"unsafe"

	"github.com/antena-tv/antena/hardware"
)

// dtvProperty mirrors struct dtv_property, one property of a frontend.
// Specification: Linux include/uapi/linux/dvb/frontend.h (DVB API v5).
//
//	struct dtv_property {
//		__u32 cmd;
//		__u32 reserved[3];
//		union {
//			__u32 data;
//			struct dtv_fe_stats st;   // __u8 len; struct dtv_stats stat[4]
//			struct { __u8 data[32]; __u32 len; __u32 reserved1[3]; void *reserved2; } buffer;
//		} u;
//		int result;
//	} __attribute__ ((packed));
//
//	struct dtv_stats { __u8 scale; union { __u64 uvalue; __s64 svalue; }; } __attribute__ ((packed));
//
// The union is held as bytes: the structure is packed, and its size follows the
// pointer size (76 bytes on 64-bit, 72 on 32-bit).
type dtvProperty struct {
	Cmd      uint32
	Reserved [3]uint32
	U        [dtvUnionSize]byte
	Result   int32
}

const (
	ptrSize      = 4 << (^uintptr(0) >> 63)
	dtvUnionSize = 32 + 4 + 3*4 + ptrSize
	dtvStatSize  = 9 // packed struct dtv_stats
	maxDTVStats  = 4
)

// dtvProperties mirrors struct dtv_properties { __u32 num; struct dtv_property *props; }.
type dtvProperties struct {
	Num   uint32
	Props *dtvProperty
}

// Property commands (DTV_*).
const (
	dtvTune              = 1
	dtvClear             = 2
	dtvFrequency         = 3
	dtvModulation        = 4
	dtvBandwidthHz       = 5
	dtvInversion         = 6
	dtvDeliverySystem    = 17
	dtvISDBTLayerEnabled = 41
	dtvStreamID          = 42
	dtvStatSignal        = 62 // DTV_STAT_SIGNAL_STRENGTH
	dtvStatCNR           = 63
)

// Values of properties (enum fe_delivery_system, fe_modulation, fe_spectral_inversion).
const (
	sysDVBT          = 3
	sysISDBT         = 8
	sysATSC          = 11
	sysDVBT2         = 16
	modVSB8          = 7
	inversionAuto    = 2
	isdbtAllLayers   = 7 // layers A, B and C
	noStreamIDFilter = ^uint32(0)
)

// fe_status bits.
const (
	feHasSignal  = 0x01
	feHasCarrier = 0x02
	feHasViterbi = 0x04
	feHasSync    = 0x08
	feHasLock    = 0x10
)

// Frontend ioctls ('o').
var (
	feReadStatus         = ior('o', 69, 4)
	feReadSignalStrength = ior('o', 71, 2) // DVB API v3, for drivers without v5 statistics
	feReadSNR            = ior('o', 72, 2)
	feSetProperty        = iow('o', 82, unsafe.Sizeof(dtvProperties{}))
	feGetProperty        = ior('o', 83, unsafe.Sizeof(dtvProperties{}))
)

var deliverySystems = map[hardware.DeliverySystem]uint32{
	hardware.ISDBT: sysISDBT, hardware.DVBT: sysDVBT, hardware.DVBT2: sysDVBT2, hardware.ATSC: sysATSC,
}

func prop(cmd, data uint32) dtvProperty {
	p := dtvProperty{Cmd: cmd}
	binary.NativeEndian.PutUint32(p.U[:4], data)
	return p
}

func (p *dtvProperty) data() uint32 { return binary.NativeEndian.Uint32(p.U[:4]) }

// stat returns the first (whole-signal) measurement of a statistics property.
func (p *dtvProperty) stat() hardware.Measure {
	if p.U[0] == 0 || p.U[0] > maxDTVStats {
		return hardware.Measure{}
	}
	m := hardware.Measure{Scale: hardware.Scale(p.U[1]), Value: int64(binary.NativeEndian.Uint64(p.U[2:10]))}
	if m.Scale != hardware.ScaleDecibel && m.Scale != hardware.ScaleRelative {
		return hardware.Measure{} // not available, or a counter
	}
	return m
}

// setStat writes one measurement, as a driver does.
func (p *dtvProperty) setStat(m hardware.Measure) {
	p.U[0] = 1
	p.U[1] = uint8(m.Scale)
	binary.NativeEndian.PutUint64(p.U[2:10], uint64(m.Value))
}

// tuneProperties are the properties that tune to ch, as dvbv5-zap sends them: clear,
// the system, frequency and width, automatic inversion, then DTV_TUNE.
func tuneProperties(ch hardware.Channel) ([]dtvProperty, error) {
	sys, ok := deliverySystems[ch.System]
	if !ok {
		return nil, fmt.Errorf("%w: %v", hardware.ErrUnknownSystem, ch.System)
	}
	if ch.Frequency == 0 || ch.Frequency > 1<<32-1 {
		return nil, fmt.Errorf("linux: frequency %d Hz out of range", ch.Frequency)
	}
	ps := []dtvProperty{prop(dtvClear, 0), prop(dtvDeliverySystem, sys), prop(dtvFrequency, uint32(ch.Frequency))}
	if ch.System == hardware.ATSC {
		ps = append(ps, prop(dtvModulation, modVSB8))
	} else {
		ps = append(ps, prop(dtvBandwidthHz, ch.Width()))
	}
	ps = append(ps, prop(dtvInversion, inversionAuto))
	switch ch.System {
	case hardware.ISDBT:
		ps = append(ps, prop(dtvISDBTLayerEnabled, isdbtAllLayers))
	case hardware.DVBT2:
		id := noStreamIDFilter
		if ch.PLP != nil {
			id = uint32(*ch.PLP)
		}
		ps = append(ps, prop(dtvStreamID, id))
	}
	return append(ps, prop(dtvTune, 0)), nil
}

// frontend is an open frontend device.
type frontend struct {
	f   *os.File
	dev Devices
}

func (fe *frontend) properties(req uint, ps []dtvProperty) error {
	if len(ps) == 0 {
		return nil
	}
	arg := dtvProperties{Num: uint32(len(ps)), Props: &ps[0]}
	err := fe.dev.ioctl(fe.f, req, unsafe.Pointer(&arg))
	runtime.KeepAlive(ps)
	return err
}

func (fe *frontend) tune(ch hardware.Channel) error {
	ps, err := tuneProperties(ch)
	if err != nil {
		return err
	}
	if err := fe.properties(feSetProperty, ps); err != nil {
		return fmt.Errorf("linux: FE_SET_PROPERTY %v: %w", ch, err)
	}
	return nil
}

// status reads FE_READ_STATUS and the v5 statistics, falling back on the v3 calls for
// drivers without them. Missing measurements are not errors.
func (fe *frontend) status() (hardware.Status, error) {
	var bits uint32
	if err := fe.dev.ioctl(fe.f, feReadStatus, unsafe.Pointer(&bits)); err != nil {
		return hardware.Status{}, fmt.Errorf("linux: FE_READ_STATUS: %w", err)
	}
	st := hardware.Status{
		Signal: bits&feHasSignal != 0, Carrier: bits&feHasCarrier != 0, Viterbi: bits&feHasViterbi != 0,
		Sync: bits&feHasSync != 0, Lock: bits&feHasLock != 0,
	}
	ps := []dtvProperty{{Cmd: dtvStatSignal}, {Cmd: dtvStatCNR}}
	if err := fe.properties(feGetProperty, ps); err == nil {
		st.Strength, st.Quality = ps[0].stat(), ps[1].stat()
	}
	if st.Strength.Scale == hardware.ScaleNone {
		st.Strength = fe.v3(feReadSignalStrength)
	}
	if st.Quality.Scale == hardware.ScaleNone {
		st.Quality = fe.v3(feReadSNR)
	}
	return st, nil
}

// v3 reads a 16-bit DVB API v3 measurement, relative on a 0-65535 scale.
func (fe *frontend) v3(req uint) hardware.Measure {
	var v uint16
	if err := fe.dev.ioctl(fe.f, req, unsafe.Pointer(&v)); err != nil {
		return hardware.Measure{}
	}
	return hardware.Measure{Scale: hardware.ScaleRelative, Value: int64(v)}
}

// errClosed turns the error of an operation on a closed file into hardware.ErrClosed.
func errClosed(err error) error {
	if errors.Is(err, os.ErrClosed) {
		return fmt.Errorf("%w: %w", hardware.ErrClosed, err)
	}
	return err
}
