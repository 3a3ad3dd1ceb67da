package ait

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// ApplicationStorageDescriptor (tag 0x10) lets a receiver store an application.
// Specification: ETSI TS 102 809 §5.3.5 (application storage descriptor); TSDuck
// tsApplicationStorageDescriptor.cpp.
//
//	storage_property                   8
//	not_launchable_from_broadcast      1
//	launchable_completely_from_cache   1
//	is_launchable_with_older_version   1
//	reserved_future_use                5
//	reserved_future_use                1
//	version                           31
//	priority                           8
type ApplicationStorageDescriptor struct {
	StorageProperty               uint8
	NotLaunchableFromBroadcast    bool
	LaunchableCompletelyFromCache bool
	IsLaunchableWithOlderVersion  bool
	Version                       uint32 // 31 bits
	Priority                      uint8
}

const storageVersionMask = 0x7FFFFFFF

// DescriptorTag returns 0x10.
func (*ApplicationStorageDescriptor) DescriptorTag() uint8 { return TagApplicationStorageDescriptor }

func (d *ApplicationStorageDescriptor) decode(r *bitio.Reader) error {
	d.StorageProperty = r.Uint8()
	d.NotLaunchableFromBroadcast = r.Bool()
	d.LaunchableCompletelyFromCache = r.Bool()
	d.IsLaunchableWithOlderVersion = r.Bool()
	r.Skip(6)
	d.Version = uint32(r.Bits(31))
	d.Priority = r.Uint8()
	return nil
}

func (d *ApplicationStorageDescriptor) encode(e *encoder) {
	e.u8(d.StorageProperty)
	flags := byte(0x1F)
	for i, f := range [...]bool{d.NotLaunchableFromBroadcast, d.LaunchableCompletelyFromCache,
		d.IsLaunchableWithOlderVersion} {
		if f {
			flags |= 0x80 >> i
		}
	}
	e.u8(flags)
	if d.Version > storageVersionMask {
		e.fail("version 0x%X exceeds 31 bits", d.Version)
	}
	e.u32(d.Version | ^uint32(storageVersionMask))
	e.u8(d.Priority)
}

// String returns a one-line summary.
func (d *ApplicationStorageDescriptor) String() string {
	return fmt.Sprintf("storage_property %d, version %d, priority %d", d.StorageProperty, d.Version, d.Priority)
}
