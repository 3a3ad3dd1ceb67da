package linux

import (
	"errors"
	"unsafe"

	"golang.org/x/sys/unix"
)

// sysIoctl makes real ioctl system calls, retrying those a signal interrupted.
type sysIoctl struct{}

func (sysIoctl) Ioctl(fd uintptr, req uint, arg unsafe.Pointer) error {
	for {
		_, _, e := unix.Syscall(unix.SYS_IOCTL, fd, uintptr(req), uintptr(arg))
		if e == 0 {
			return nil
		}
		if !errors.Is(e, unix.EINTR) {
			return e
		}
	}
}

func (sysIoctl) IoctlValue(fd uintptr, req uint, arg uintptr) error {
	for {
		_, _, e := unix.Syscall(unix.SYS_IOCTL, fd, uintptr(req), arg)
		if e == 0 {
			return nil
		}
		if !errors.Is(e, unix.EINTR) {
			return e
		}
	}
}
