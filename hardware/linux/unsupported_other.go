//go:build !linux

package linux

import (
	"context"
	"errors"
	"fmt"
	"image"
	"unsafe"

	"github.com/antena-tv/antena/hardware"
)

var (
	_ hardware.Tuner            = (*Adapter)(nil)
	_ hardware.EmergencyFlagger = (*Adapter)(nil)
	_ hardware.Source           = (*Stream)(nil)
	_ hardware.Display          = (*FB)(nil)
	_ hardware.Input            = (*Remote)(nil)
)

var errNotLinux = fmt.Errorf("linux: devices of Linux only: %w", errors.ErrUnsupported)

type sysIoctl struct{}

func (sysIoctl) Ioctl(uintptr, uint, unsafe.Pointer) error { return errNotLinux }
func (sysIoctl) IoctlValue(uintptr, uint, uintptr) error   { return errNotLinux }

// Adapter is a DVB adapter; on this system it cannot be opened.
type Adapter struct{}

// OpenAdapter returns an error wrapping errors.ErrUnsupported.
func OpenAdapter(AdapterConfig) (*Adapter, error) { return nil, errNotLinux }

// Tune returns an error wrapping errors.ErrUnsupported.
func (*Adapter) Tune(context.Context, hardware.Channel) (hardware.Status, error) {
	return hardware.Status{}, errNotLinux
}

// Channel returns the zero channel.
func (*Adapter) Channel() hardware.Channel { return hardware.Channel{} }

// Status returns an error wrapping errors.ErrUnsupported.
func (*Adapter) Status() (hardware.Status, error) { return hardware.Status{}, errNotLinux }

// Stream returns an error wrapping errors.ErrUnsupported.
func (*Adapter) Stream() (hardware.Source, error) { return nil, errNotLinux }

// Scan returns an error wrapping errors.ErrUnsupported.
func (*Adapter) Scan(context.Context, []hardware.Channel, hardware.ScanOptions) ([]hardware.ScanResult, error) {
	return nil, errNotLinux
}

// WatchEmergency returns an error wrapping errors.ErrUnsupported.
func (*Adapter) WatchEmergency(func(bool)) error { return errNotLinux }

// Close does nothing.
func (*Adapter) Close() error { return nil }

// Stream is a dvr stream; on this system it cannot be opened.
type Stream struct{}

// Read returns an error wrapping errors.ErrUnsupported.
func (*Stream) Read([]byte) (int, error) { return 0, errNotLinux }

// Overflows returns 0.
func (*Stream) Overflows() int64 { return 0 }

// Close does nothing.
func (*Stream) Close() error { return nil }

// DVBSource is the stream of a dvb:// URI.
type DVBSource struct {
	*Stream
	Adapter *Adapter
	Spec    DVBSpec
}

// OpenDVB returns an error wrapping errors.ErrUnsupported.
func OpenDVB(string) (*DVBSource, error) { return nil, errNotLinux }

// OpenDVBWith returns an error wrapping errors.ErrUnsupported.
func OpenDVBWith(string, AdapterConfig) (*DVBSource, error) { return nil, errNotLinux }

// FB is a framebuffer display; on this system it cannot be opened.
type FB struct{}

// OpenFB returns an error wrapping errors.ErrUnsupported.
func OpenFB(FBConfig) (*FB, error) { return nil, errNotLinux }

// Info returns the zero FBInfo.
func (*FB) Info() FBInfo { return FBInfo{} }

// Size returns 0, 0.
func (*FB) Size() (w, h int) { return 0, 0 }

// Present returns an error wrapping errors.ErrUnsupported.
func (*FB) Present(*image.RGBA, []image.Rectangle) error { return errNotLinux }

// Blank returns an error wrapping errors.ErrUnsupported.
func (*FB) Blank() error { return errNotLinux }

// Unblank returns an error wrapping errors.ErrUnsupported.
func (*FB) Unblank() error { return errNotLinux }

// Close does nothing.
func (*FB) Close() error { return nil }

// Remote is an evdev input; on this system it cannot be opened.
type Remote struct{}

// OpenRemote returns an error wrapping errors.ErrUnsupported.
func OpenRemote(RemoteConfig) (*Remote, error) { return nil, errNotLinux }

// Events returns nil.
func (*Remote) Events() <-chan hardware.KeyEvent { return nil }

// Devices returns nil.
func (*Remote) Devices() []string { return nil }

// Close does nothing.
func (*Remote) Close() error { return nil }
