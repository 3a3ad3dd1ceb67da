package linux

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/antena-tv/antena/hardware"
)

// dmxPESFilterParams mirrors struct dmx_pes_filter_params, the filter that routes a PID
// of the frontend's stream to an output.
// Specification: Linux include/uapi/linux/dvb/dmx.h.
//
//	struct dmx_pes_filter_params {
//		__u16           pid;
//		enum dmx_input  input;
//		enum dmx_output output;
//		enum dmx_ts_pes pes_type;
//		__u32           flags;
//	};
type dmxPESFilterParams struct {
	PID     uint16
	Input   uint32
	Output  uint32
	PESType uint32
	Flags   uint32
}

const (
	dmxAllPIDs        = 0x2000 // the whole transport stream
	dmxInFrontend     = 0
	dmxOutTSTap       = 2 // every packet to the dvr device
	dmxPESOther       = 20
	dmxImmediateStart = 4
)

// Demux ioctls ('o').
var (
	dmxStop          = ion('o', 42)
	dmxSetPESFilter  = iow('o', 44, unsafe.Sizeof(dmxPESFilterParams{}))
	dmxSetBufferSize = ion('o', 45)
)

var _ hardware.Source = (*Stream)(nil)

// Stream is the transport stream of a tuned adapter: the demux device passes every
// PID to the dvr device, which Read reads in chunks of at most hardware.MaxLiveRead
// bytes.
type Stream struct {
	dmx, dvr  *os.File
	dev       Devices
	onClose   func()
	closeOnce sync.Once
	overflows atomic.Int64
}

// openStream sets the demux filter and opens the dvr device.
func openStream(dev Devices, demuxPath, dvrPath string, bufSize int) (_ *Stream, err error) {
	dmx, err := dev.open(demuxPath, os.O_RDWR)
	if err != nil {
		return nil, fmt.Errorf("linux: %w", err)
	}
	defer func() {
		if err != nil {
			dmx.Close()
		}
	}()
	p := dmxPESFilterParams{
		PID: dmxAllPIDs, Input: dmxInFrontend, Output: dmxOutTSTap, PESType: dmxPESOther, Flags: dmxImmediateStart,
	}
	if err := dev.ioctl(dmx, dmxSetPESFilter, unsafe.Pointer(&p)); err != nil {
		return nil, fmt.Errorf("linux: DMX_SET_PES_FILTER on %s: %w", demuxPath, err)
	}
	dvr, err := dev.open(dvrPath, os.O_RDONLY)
	if err != nil {
		return nil, fmt.Errorf("linux: %w", err)
	}
	if bufSize > 0 {
		if err := dev.ioctlValue(dvr, dmxSetBufferSize, uintptr(bufSize)); err != nil {
			dvr.Close()
			return nil, fmt.Errorf("linux: DMX_SET_BUFFER_SIZE %d on %s: %w", bufSize, dvrPath, err)
		}
	}
	return &Stream{dmx: dmx, dvr: dvr, dev: dev}, nil
}

// Read reads the next bytes of the stream, at most hardware.MaxLiveRead. A dvr buffer
// that overflowed (the reader fell behind; the kernel reports EOVERFLOW once) is
// counted in Overflows and reading goes on.
func (s *Stream) Read(p []byte) (int, error) {
	if len(p) > hardware.MaxLiveRead {
		p = p[:hardware.MaxLiveRead]
	}
	for {
		n, err := s.dvr.Read(p)
		if err != nil && errors.Is(err, unix.EOVERFLOW) {
			s.overflows.Add(1)
			if n == 0 {
				continue
			}
			err = nil
		}
		return n, errClosed(err)
	}
}

// Overflows returns how many times the dvr buffer overflowed.
func (s *Stream) Overflows() int64 { return s.overflows.Load() }

// Close stops the filter and closes the devices; a blocked Read returns.
func (s *Stream) Close() error {
	var err error
	s.closeOnce.Do(func() {
		err = s.dvr.Close()
		_ = s.dev.ioctlValue(s.dmx, dmxStop, 0)
		if cerr := s.dmx.Close(); err == nil {
			err = cerr
		}
		if s.onClose != nil {
			s.onClose()
		}
	})
	return err
}
