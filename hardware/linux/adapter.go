package linux

import (
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// AdapterConfig says which DVB adapter OpenAdapter opens, and how.
type AdapterConfig struct {
	// Root is the folder of the adapters; default /dev/dvb.
	Root string
	// Adapter and Frontend number the devices: Root/adapterN/frontendM, demuxM and
	// dvrM.
	Adapter, Frontend int
	// Devices reach the kernel; the zero value is the real one.
	Devices Devices
	// DVRBufferSize sets the dvr device's buffer (DMX_SET_BUFFER_SIZE), bytes; 0
	// keeps the driver's (about 1.9 MB, 0.6 s of a 25 Mbit/s multiplex).
	DVRBufferSize int
	// Emergency reads the ISDB TMCC emergency alarm flag from the frontend, for a
	// driver that exposes it (there is no standard DVB API call: a vendor ioctl, or
	// a file in sysfs). Nil, the default, means the driver does not, and
	// WatchEmergency returns an error wrapping errors.ErrUnsupported.
	Emergency func(frontend *os.File) (on bool, err error)
	// EmergencyPoll is how often Emergency is called; default 100 ms.
	EmergencyPoll time.Duration
}

func (c AdapterConfig) dir() string {
	root := c.Root
	if root == "" {
		root = "/dev/dvb"
	}
	return filepath.Join(root, "adapter"+strconv.Itoa(c.Adapter))
}

func (c AdapterConfig) device(kind string) string {
	return filepath.Join(c.dir(), kind+strconv.Itoa(c.Frontend))
}

// Defaults of scans and tuning.
const (
	DefaultLockTimeout  = 2 * time.Second
	DefaultTableTimeout = 12 * time.Second
	lockPoll            = 50 * time.Millisecond
	emergencyPoll       = 100 * time.Millisecond
)
