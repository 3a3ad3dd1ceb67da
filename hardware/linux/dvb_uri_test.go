package linux

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/hardware"
)

func TestParseDVB(t *testing.T) {
	plp := uint8(2)
	for _, c := range []struct {
		uri  string
		want DVBSpec
	}{
		{"dvb://0?freq=473142857&system=isdbt", DVBSpec{LockTimeout: 5 * time.Second,
			Channel: hardware.Channel{Frequency: 473_142_857, System: hardware.ISDBT}}},
		{"dvb://1?freq=474000000&system=DVBT2&plp=2&frontend=1&bandwidth=7000000&timeout=2s", DVBSpec{Adapter: 1, Frontend: 1,
			LockTimeout: 2 * time.Second,
			Channel:     hardware.Channel{Frequency: 474_000_000, System: hardware.DVBT2, Bandwidth: 7_000_000, PLP: &plp}}},
		{"dvb://0?channel=33&system=isdbt&country=pe", DVBSpec{LockTimeout: 5 * time.Second,
			Channel: hardware.Channel{Number: 33, Frequency: 587_142_857, System: hardware.ISDBT, Bandwidth: 6_000_000}}},
		{"dvb://2?channel=14&system=atsc", DVBSpec{Adapter: 2, LockTimeout: 5 * time.Second,
			Channel: hardware.Channel{Number: 14, Frequency: 473_000_000, System: hardware.ATSC, Bandwidth: 6_000_000}}},
	} {
		got, err := ParseDVB(c.uri)
		require.NoError(t, err, c.uri)
		require.Equal(t, c.want, got, c.uri)
	}
	for _, bad := range []string{
		"udp://0?freq=1&system=isdbt", "dvb://x?freq=1&system=isdbt", "dvb://0?freq=1", "dvb://0?system=isdbt",
		"dvb://0?freq=abc&system=isdbt", "dvb://0?freq=1&system=dvbs", "dvb://0?freq=1&system=isdbt&foo=1",
		"dvb://0?freq=1&freq=2&system=isdbt", "dvb://0?freq=1&channel=14&system=isdbt", "dvb://0:1?freq=1&system=isdbt",
		"dvb://0?channel=99&system=isdbt", "dvb://0?freq=1&system=isdbt&timeout=soon", "dvb://0?freq=1&system=dvbt2&plp=256",
		"dvb://0/x?freq=1&system=isdbt", "dvb://0?freq=99999999999&system=isdbt",
	} {
		_, err := ParseDVB(bad)
		require.ErrorIs(t, err, ErrURI, bad)
	}
}

func FuzzParseDVB(f *testing.F) {
	f.Add("dvb://0?freq=473142857&system=isdbt")
	f.Add("dvb://1?channel=33&system=isdbt&country=pe&plp=1&timeout=1s")
	f.Fuzz(func(t *testing.T, s string) {
		spec, err := ParseDVB(s)
		if err != nil {
			require.ErrorIs(t, err, ErrURI)
			return
		}
		require.NotZero(t, spec.Channel.Frequency)
		require.Positive(t, spec.LockTimeout)
	})
}
