package linux

import "time"

// RemoteConfig configures OpenRemote.
type RemoteConfig struct {
	// Dir is the folder of event devices, watched for devices plugged in later;
	// default /dev/input.
	Dir string
	// Paths, when set, are the only devices read, and Dir is not watched.
	Paths []string
	// KeyMap maps key codes to keys; nil means DefaultKeyMap. Devices with none of
	// its keys (mice, sensors, power buttons) are left alone.
	KeyMap KeyMap
	// Grab takes each device for this program alone (EVIOCGRAB): the console and
	// other programs stop seeing its keys.
	Grab bool
	// Devices reach the kernel; the zero value is the real one.
	Devices Devices
	// PollInterval is how often Dir is listed for new devices when it cannot be
	// watched with inotify; default 2 s.
	PollInterval time.Duration
	// OnError, when set, receives the errors of devices that could not be opened or
	// grabbed. A device that disappears is dropped without one.
	OnError func(error)
}

func (c RemoteConfig) dir() string {
	if c.Dir == "" {
		return "/dev/input"
	}
	return c.Dir
}
