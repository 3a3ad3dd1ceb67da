package linux

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/hardware"
)

// The channel plans live in package hardware (tuner.go), tested here beside their
// main user.

func TestChannelPlanISDBTb(t *testing.T) {
	for _, country := range []string{"br", "AR", "pe", "cl"} {
		chs, err := hardware.ChannelPlan(hardware.ISDBT, country)
		require.NoError(t, err)
		require.Len(t, chs, 56, country)
		// centre = 473 + 6*(ch-14) + 1/7 MHz
		require.Equal(t,
			hardware.Channel{Number: 14, Frequency: 473_142_857, System: hardware.ISDBT, Bandwidth: 6_000_000}, chs[0])
		require.Equal(t, 69, chs[55].Number)
		require.Equal(t, uint64(803_142_857), chs[55].Frequency)
	}
	ch, err := hardware.PlanChannel(hardware.ISDBT, "br", 33)
	require.NoError(t, err)
	require.Equal(t, uint64(473_142_857+19*6_000_000), ch.Frequency)
	require.Equal(t, "33 (587.143 MHz isdbt)", ch.String())
	jp, err := hardware.PlanChannel(hardware.ISDBT, "jp", 13)
	require.NoError(t, err)
	require.Equal(t, uint64(473_142_857), jp.Frequency)
}

func TestChannelPlanOthers(t *testing.T) {
	de, err := hardware.PlanChannel(hardware.DVBT2, "de", 21)
	require.NoError(t, err)
	require.Equal(t, uint64(474_000_000), de.Frequency)
	require.Equal(t, uint32(8_000_000), de.Width())
	us, err := hardware.ChannelPlan(hardware.ATSC, "us")
	require.NoError(t, err)
	require.Len(t, us, 35)
	require.Equal(t, uint64(57_000_000), us[0].Frequency)
	require.Equal(t, uint64(79_000_000), us[3].Frequency)
	require.Equal(t, uint64(177_000_000), us[5].Frequency)
	require.Equal(t, uint64(473_000_000), us[12].Frequency)

	_, err = hardware.ChannelPlan(hardware.ISDBT, "de")
	require.ErrorIs(t, err, hardware.ErrNoPlan)
	_, err = hardware.PlanChannel(hardware.ISDBT, "br", 70)
	require.ErrorIs(t, err, hardware.ErrNoPlan)
}

func TestDeliverySystemNames(t *testing.T) {
	for _, s := range []hardware.DeliverySystem{hardware.ISDBT, hardware.DVBT, hardware.DVBT2, hardware.ATSC} {
		got, err := hardware.ParseDeliverySystem(s.String())
		require.NoError(t, err)
		require.Equal(t, s, got)
	}
	_, err := hardware.ParseDeliverySystem("dvbs")
	require.ErrorIs(t, err, hardware.ErrUnknownSystem)
	b, err := json.Marshal(hardware.Channel{Frequency: 1, System: hardware.DVBT2})
	require.NoError(t, err)
	require.JSONEq(t, `{"frequency":1,"system":"dvbt2"}`, string(b))
}

func TestStatusString(t *testing.T) {
	st := hardware.Status{Signal: true, Carrier: true,
		Strength: hardware.Measure{Scale: hardware.ScaleDecibel, Value: -45_250},
		Quality:  hardware.Measure{Scale: hardware.ScaleRelative, Value: 32768}}
	require.Equal(t, "no lock (signal, carrier), strength -45.2 dB, quality 50%", st.String())
	st.Lock, st.Quality = true, hardware.Measure{}
	require.Equal(t, "locked, strength -45.2 dB, quality n/a", st.String())
}
