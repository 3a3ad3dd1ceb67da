package linux

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/antena-tv/antena/hardware"
)

var _ Ioctler = (*Simulator)(nil)

// Simulator is a DVB adapter simulated at the ioctl level, for tests (here and in
// cmd/antena) and demonstrations without a tuner. Its frontend locks on the
// frequencies given to AddChannel, reports their signal, and its dvr device plays
// each one's transport stream file once, then ends (a real one never does). The
// adapter's folder is a real folder of empty files, so that OpenAdapter finds it; the
// Devices of the Simulator open and drive them.
type Simulator struct {
	// Root is the folder to give AdapterConfig.Root.
	Root string

	mu       sync.Mutex
	channels map[uint32]SimChannel
	props    map[uint32]uint32 // the properties set since the last DTV_CLEAR
	tuned    *SimChannel       // the channel locked on, nil without lock
	filter   dmxPESFilterParams
	calls    []string
}

// SimChannel is a channel a Simulator locks on.
type SimChannel struct {
	// System is the delivery system the channel needs; SystemUnknown takes any.
	System hardware.DeliverySystem
	// Stream is the path of the transport stream the dvr device plays.
	Stream string
	// Strength (dBm) and CNR (dB) are reported in thousandths, on the decibel scale.
	Strength, CNR int64
}

// NewSimulator makes adapter 0 (frontend0, demux0, dvr0) in root/adapter0.
func NewSimulator(root string) (*Simulator, error) {
	dir := filepath.Join(root, "adapter0")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, n := range []string{"frontend0", "demux0", "dvr0"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			return nil, err
		}
	}
	return &Simulator{Root: root, channels: map[uint32]SimChannel{}, props: map[uint32]uint32{}}, nil
}

// AddChannel makes the frontend lock on a frequency (Hz).
func (s *Simulator) AddChannel(freq uint32, ch SimChannel) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[freq] = ch
}

// Devices returns the Devices that reach the simulator.
func (s *Simulator) Devices() Devices { return Devices{Open: s.open, Ioctl: s} }

// Config returns the configuration of its adapter 0.
func (s *Simulator) Config() AdapterConfig { return AdapterConfig{Root: s.Root, Devices: s.Devices()} }

// Calls returns the names of the ioctl requests made so far, in order.
func (s *Simulator) Calls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.calls...)
}

func (s *Simulator) open(name string, flag int) (*os.File, error) {
	if !strings.HasPrefix(filepath.Base(name), "dvr") {
		return os.OpenFile(name, flag, 0)
	}
	if _, err := os.Stat(name); err != nil {
		return nil, err
	}
	s.mu.Lock()
	ch := s.tuned
	s.mu.Unlock()
	if ch == nil || ch.Stream == "" {
		return os.Open(os.DevNull)
	}
	return os.Open(ch.Stream)
}

var simNames = map[uint]string{
	feReadStatus: "FE_READ_STATUS", feReadSignalStrength: "FE_READ_SIGNAL_STRENGTH", feReadSNR: "FE_READ_SNR",
	feSetProperty: "FE_SET_PROPERTY", feGetProperty: "FE_GET_PROPERTY", dmxSetPESFilter: "DMX_SET_PES_FILTER",
	dmxStop: "DMX_STOP", dmxSetBufferSize: "DMX_SET_BUFFER_SIZE",
}

// Ioctl answers the frontend and demux requests.
func (s *Simulator) Ioctl(_ uintptr, req uint, arg unsafe.Pointer) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, simNames[req])
	switch req {
	case feReadStatus:
		var st uint32
		if s.tuned != nil {
			st = feHasSignal | feHasCarrier | feHasViterbi | feHasSync | feHasLock
		}
		*(*uint32)(arg) = st
	case feSetProperty, feGetProperty:
		ps := (*dtvProperties)(arg)
		props := unsafe.Slice(ps.Props, ps.Num)
		for i := range props {
			if err := s.property(req == feSetProperty, &props[i]); err != nil {
				return err
			}
		}
	case dmxSetPESFilter:
		s.filter = *(*dmxPESFilterParams)(arg)
	default:
		return unix.ENOTTY // the v3 calls among others
	}
	return nil
}

// IoctlValue answers DMX_STOP and DMX_SET_BUFFER_SIZE.
func (s *Simulator) IoctlValue(_ uintptr, req uint, _ uintptr) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, simNames[req])
	if req != dmxStop && req != dmxSetBufferSize {
		return unix.ENOTTY
	}
	return nil
}

func (s *Simulator) property(set bool, p *dtvProperty) error {
	if set {
		switch p.Cmd {
		case dtvClear:
			clear(s.props)
			s.tuned = nil
		case dtvTune:
			s.tune()
		default:
			s.props[p.Cmd] = p.data()
		}
		return nil
	}
	switch p.Cmd {
	case dtvStatSignal, dtvStatCNR:
		if s.tuned == nil {
			p.U[0] = 0
			return nil
		}
		v := s.tuned.Strength
		if p.Cmd == dtvStatCNR {
			v = s.tuned.CNR
		}
		p.setStat(hardware.Measure{Scale: hardware.ScaleDecibel, Value: v})
	default:
		v, ok := s.props[p.Cmd]
		if !ok {
			return fmt.Errorf("simulator: property %d: %w", p.Cmd, unix.EINVAL)
		}
		*p = prop(p.Cmd, v)
	}
	return nil
}

// tune locks when a channel is on the frequency and takes the system.
func (s *Simulator) tune() {
	s.tuned = nil
	ch, ok := s.channels[s.props[dtvFrequency]]
	if !ok {
		return
	}
	if ch.System != hardware.SystemUnknown && deliverySystems[ch.System] != s.props[dtvDeliverySystem] {
		return
	}
	s.tuned = &ch
}
