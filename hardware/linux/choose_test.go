package linux

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestChooseDisplay(t *testing.T) {
	has := func(paths ...string) func(string) bool {
		return func(p string) bool {
			for _, q := range paths {
				if p == q {
					return true
				}
			}
			return false
		}
	}
	both := has(DRMDevice, FBDevice)
	for _, c := range []struct {
		want    string
		sdl     bool
		exists  func(string) bool
		backend DisplayBackend
		device  string
	}{
		{"", true, both, BackendKMSDRM, DRMDevice},
		{"auto", false, both, BackendFBDev, FBDevice},
		{"", true, has(FBDevice), BackendFBDev, FBDevice},
		{"fbdev", true, both, BackendFBDev, FBDevice},
		{"fbdev:/dev/fb1", true, has("/dev/fb1"), BackendFBDev, "/dev/fb1"},
		{"kmsdrm", true, has(DRMDevice), BackendKMSDRM, DRMDevice},
	} {
		got, err := chooseDisplay(c.want, c.sdl, c.exists)
		require.NoError(t, err, c.want)
		require.Equal(t, c.backend, got.Backend, c.want)
		require.Equal(t, c.device, got.Device, c.want)
		require.NotEmpty(t, got.Reason)
	}
	for _, c := range []struct {
		want   string
		sdl    bool
		exists func(string) bool
	}{
		{"", true, has()}, {"kmsdrm", false, both}, {"fbdev", true, has(DRMDevice)}, {"x11", true, both},
	} {
		_, err := chooseDisplay(c.want, c.sdl, c.exists)
		require.ErrorIs(t, err, ErrNoDisplay, c.want)
	}
}
