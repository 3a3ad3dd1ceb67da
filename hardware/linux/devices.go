package linux

import (
	"os"
	"unsafe"
)

// Devices is how this package reaches the kernel: it opens device files with Open
// and makes every ioctl(2) through Ioctl. The zero value uses the real ones
// (os.OpenFile and the ioctl system call); tests and the Simulator put fakes in.
type Devices struct {
	// Open opens a device file; flag is as for os.OpenFile.
	Open func(name string, flag int) (*os.File, error)
	// Ioctl makes the ioctl calls.
	Ioctl Ioctler
}

// Ioctler makes ioctl(2) calls on a file descriptor. Requests that take a pointer go
// through Ioctl, those that take a plain integer (FBIOBLANK, EVIOCGRAB,
// DMX_SET_BUFFER_SIZE) through IoctlValue.
type Ioctler interface {
	Ioctl(fd uintptr, req uint, arg unsafe.Pointer) error
	IoctlValue(fd uintptr, req uint, arg uintptr) error
}

func (d Devices) open(name string, flag int) (*os.File, error) {
	if d.Open != nil {
		return d.Open(name, flag)
	}
	return os.OpenFile(name, flag, 0)
}

func (d Devices) ioctler() Ioctler {
	if d.Ioctl != nil {
		return d.Ioctl
	}
	return sysIoctl{}
}

// ioctl makes a pointer ioctl on f, through its raw connection: os.File.Fd would put
// the file in blocking mode and stop Close from interrupting a Read.
func (d Devices) ioctl(f *os.File, req uint, arg unsafe.Pointer) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	x := d.ioctler()
	var ierr error
	if err := rc.Control(func(fd uintptr) { ierr = x.Ioctl(fd, req, arg) }); err != nil {
		return err
	}
	return ierr
}

// ioctlValue makes an integer ioctl on f.
func (d Devices) ioctlValue(f *os.File, req uint, arg uintptr) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	x := d.ioctler()
	var ierr error
	if err := rc.Control(func(fd uintptr) { ierr = x.IoctlValue(fd, req, arg) }); err != nil {
		return err
	}
	return ierr
}

// Ioctl request encoding of the generic Linux ABI (include/uapi/asm-generic/ioctl.h),
// used by x86, ARM and RISC-V.
const (
	iocNone  = 0
	iocWrite = 1
	iocRead  = 2

	iocNRShift   = 0
	iocTypeShift = 8
	iocSizeShift = 16
	iocDirShift  = 30
)

func ioc(dir, typ, nr uint, size uintptr) uint {
	return dir<<iocDirShift | typ<<iocTypeShift | nr<<iocNRShift | uint(size)<<iocSizeShift
}

func ior(typ, nr uint, size uintptr) uint { return ioc(iocRead, typ, nr, size) }
func iow(typ, nr uint, size uintptr) uint { return ioc(iocWrite, typ, nr, size) }
func ion(typ, nr uint) uint               { return ioc(iocNone, typ, nr, 0) }
