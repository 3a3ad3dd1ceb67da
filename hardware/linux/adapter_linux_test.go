package linux

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/internal/samples"
)

const (
	ch14 = 473_142_857 // ISDB-Tb UHF 14
	ch20 = 509_142_857
)

// newSim returns a simulator with a multiplex of two services on UHF 14 (ISDB-T).
func newSim(t *testing.T) (*Simulator, string) {
	t.Helper()
	sim, err := NewSimulator(t.TempDir())
	require.NoError(t, err)
	mux := writeMux(t, 0x0640, 0x0640, "Rede Antena", []testService{
		{id: 0xE760, pmtPID: 0x01F0, name: "Antena HD", typ: 0x01},
		{id: 0xE778, pmtPID: 0x1FC8, name: "Antena 1seg", typ: 0xC0},
	}, 3)
	sim.AddChannel(ch14, SimChannel{System: hardware.ISDBT, Stream: mux, Strength: -48_500, CNR: 24_250})
	return sim, mux
}

func openSim(t *testing.T, sim *Simulator) *Adapter {
	t.Helper()
	a, err := OpenAdapter(sim.Config())
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, a.Close()) })
	return a
}

// recordProps wraps the simulator to keep the properties of each FE_SET_PROPERTY.
type recordProps struct {
	*Simulator
	mu  sync.Mutex
	set [][]dtvProperty
}

func (r *recordProps) Ioctl(fd uintptr, req uint, arg unsafe.Pointer) error {
	if req == feSetProperty {
		ps := (*dtvProperties)(arg)
		r.mu.Lock()
		r.set = append(r.set, append([]dtvProperty(nil), unsafe.Slice(ps.Props, ps.Num)...))
		r.mu.Unlock()
	}
	return r.Simulator.Ioctl(fd, req, arg)
}

func TestTuneProperties(t *testing.T) {
	plp := uint8(3)
	type kv [2]uint32
	for _, c := range []struct {
		ch   hardware.Channel
		want []kv
	}{
		{hardware.Channel{Frequency: ch14, System: hardware.ISDBT}, []kv{{dtvClear, 0}, {dtvDeliverySystem, sysISDBT},
			{dtvFrequency, ch14}, {dtvBandwidthHz, 6_000_000}, {dtvInversion, inversionAuto},
			{dtvISDBTLayerEnabled, 7}, {dtvTune, 0}}},
		{hardware.Channel{Frequency: 474_000_000, System: hardware.DVBT}, []kv{{dtvClear, 0}, {dtvDeliverySystem, sysDVBT},
			{dtvFrequency, 474_000_000}, {dtvBandwidthHz, 8_000_000}, {dtvInversion, inversionAuto}, {dtvTune, 0}}},
		{hardware.Channel{Frequency: 474_000_000, System: hardware.DVBT2, Bandwidth: 7_000_000, PLP: &plp}, []kv{
			{dtvClear, 0},
			{dtvDeliverySystem, sysDVBT2}, {dtvFrequency, 474_000_000}, {dtvBandwidthHz, 7_000_000},
			{dtvInversion, inversionAuto}, {dtvStreamID, 3}, {dtvTune, 0}}},
		{hardware.Channel{Frequency: 474_000_000, System: hardware.DVBT2}, []kv{{dtvClear, 0}, {dtvDeliverySystem, sysDVBT2},
			{dtvFrequency, 474_000_000}, {dtvBandwidthHz, 8_000_000}, {dtvInversion, inversionAuto},
			{dtvStreamID, noStreamIDFilter}, {dtvTune, 0}}},
		{hardware.Channel{Frequency: 473_000_000, System: hardware.ATSC}, []kv{{dtvClear, 0}, {dtvDeliverySystem, sysATSC},
			{dtvFrequency, 473_000_000}, {dtvModulation, modVSB8}, {dtvInversion, inversionAuto}, {dtvTune, 0}}},
	} {
		sim, _ := newSim(t)
		rec := &recordProps{Simulator: sim}
		cfg := sim.Config()
		cfg.Devices.Ioctl = rec
		a, err := OpenAdapter(cfg)
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		_, _ = a.Tune(ctx, c.ch)
		cancel()
		require.NoError(t, a.Close())
		require.Len(t, rec.set, 1)
		var got []kv
		for _, p := range rec.set[0] {
			got = append(got, kv{p.Cmd, p.data()})
		}
		require.Equal(t, c.want, got, c.ch.String())
	}
	_, err := tuneProperties(hardware.Channel{Frequency: 1})
	require.ErrorIs(t, err, hardware.ErrUnknownSystem)
	_, err = tuneProperties(hardware.Channel{Frequency: 1 << 33, System: hardware.ISDBT})
	require.Error(t, err)
}

func TestTuneAndStatus(t *testing.T) {
	sim, mux := newSim(t)
	a := openSim(t, sim)
	st, err := a.Tune(context.Background(), hardware.Channel{Frequency: ch14, System: hardware.ISDBT})
	require.NoError(t, err)
	require.Equal(t, hardware.Status{Signal: true, Carrier: true, Viterbi: true, Sync: true, Lock: true,
		Strength: hardware.Measure{Scale: hardware.ScaleDecibel, Value: -48_500},
		Quality:  hardware.Measure{Scale: hardware.ScaleDecibel, Value: 24_250}}, st)
	require.Equal(t, uint64(ch14), a.Channel().Frequency)
	st2, err := a.Status()
	require.NoError(t, err)
	require.Equal(t, st, st2)

	// The stream: demux set to pass every PID to dvr, read in chunks of at most 16 KB.
	src, err := a.Stream()
	require.NoError(t, err)
	require.Equal(t, dmxPESFilterParams{PID: 0x2000, Input: dmxInFrontend, Output: dmxOutTSTap, PESType: dmxPESOther,
		Flags: dmxImmediateStart}, sim.filter)
	_, err = a.Stream()
	require.Error(t, err, "one stream at a time")
	want, err := os.ReadFile(mux)
	require.NoError(t, err)
	require.Greater(t, len(want), hardware.MaxLiveRead)
	buf := make([]byte, 1<<20)
	var got []byte
	for {
		n, rerr := src.Read(buf)
		require.LessOrEqual(t, n, hardware.MaxLiveRead)
		got = append(got, buf[:n]...)
		if errors.Is(rerr, io.EOF) {
			break
		}
		require.NoError(t, rerr)
	}
	require.Equal(t, want, got)
	require.NoError(t, src.Close())
	require.Contains(t, sim.Calls(), "DMX_STOP")
	_, err = src.Read(buf)
	require.ErrorIs(t, err, hardware.ErrClosed)
	src, err = a.Stream()
	require.NoError(t, err, "a new stream once the first is closed")
	require.NoError(t, src.Close())

	// No lock: the error says so when the time runs out.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	st, err = a.Tune(ctx, hardware.Channel{Frequency: ch20, System: hardware.ISDBT})
	require.ErrorIs(t, err, hardware.ErrNoLock)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.False(t, st.Lock)
	require.Equal(t, hardware.ScaleNone, st.Strength.Scale)
	// The wrong system does not lock either.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	_, err = a.Tune(ctx2, hardware.Channel{Frequency: ch14, System: hardware.DVBT})
	require.ErrorIs(t, err, hardware.ErrNoLock)
}

func TestAdapterClosedAndAbsent(t *testing.T) {
	sim, _ := newSim(t)
	a, err := OpenAdapter(sim.Config())
	require.NoError(t, err)
	_, err = a.Tune(context.Background(), hardware.Channel{Frequency: ch14, System: hardware.ISDBT})
	require.NoError(t, err)
	src, err := a.Stream()
	require.NoError(t, err)
	require.NoError(t, a.Close())
	require.NoError(t, a.Close())
	_, err = src.Read(make([]byte, 188))
	require.ErrorIs(t, err, hardware.ErrClosed, "Close closes the open stream")
	_, err = a.Status()
	require.ErrorIs(t, err, hardware.ErrClosed)
	_, err = a.Tune(context.Background(), hardware.Channel{Frequency: ch14, System: hardware.ISDBT})
	require.ErrorIs(t, err, hardware.ErrClosed)
	_, err = a.Stream()
	require.ErrorIs(t, err, hardware.ErrClosed)

	cfg := sim.Config()
	cfg.Adapter = 3
	_, err = OpenAdapter(cfg)
	require.ErrorIs(t, err, ErrNoAdapter)
	require.ErrorIs(t, err, os.ErrNotExist)
}

func TestScan(t *testing.T) {
	sim, _ := newSim(t)
	a := openSim(t, sim)
	plan, err := hardware.ChannelPlan(hardware.ISDBT, "br")
	require.NoError(t, err)
	var progress []int
	found, err := a.Scan(context.Background(), plan[:8], hardware.ScanOptions{
		LockTimeout: 5 * time.Millisecond, TableTimeout: 5 * time.Second,
		Progress: func(r hardware.ScanResult) { progress = append(progress, r.Channel.Number) },
	})
	require.NoError(t, err)
	require.Equal(t, []int{14, 15, 16, 17, 18, 19, 20, 21}, progress)
	require.Len(t, found, 1)
	r := found[0]
	require.Equal(t, 14, r.Channel.Number)
	require.True(t, r.Status.Lock)
	require.True(t, r.Complete)
	require.Equal(t, uint16(0x0640), r.TransportStreamID)
	require.Equal(t, uint16(0x0640), r.NetworkID)
	require.Equal(t, "Rede Antena", r.NetworkName)
	require.Equal(t, []hardware.Service{
		{ID: 0xE760, Name: "Antena HD", Provider: "Antena", Type: 0x01, PMTPID: 0x01F0},
		{ID: 0xE778, Name: "Antena 1seg", Provider: "Antena", Type: 0xC0, PMTPID: 0x1FC8},
	}, r.Services)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = a.Scan(ctx, plan, hardware.ScanOptions{})
	require.ErrorIs(t, err, context.Canceled)
}

// TestScanTableTimeout: a channel whose dvr gives nothing is given up after the table
// timeout, with what was found (nothing), not an error.
func TestScanTableTimeout(t *testing.T) {
	sim, _ := newSim(t)
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer w.Close()
	dev := sim.Devices()
	dev.Open = func(name string, flag int) (*os.File, error) {
		if filepath.Base(name) == "dvr0" {
			return r, nil
		}
		return sim.open(name, flag)
	}
	cfg := sim.Config()
	cfg.Devices = dev
	a, err := OpenAdapter(cfg)
	require.NoError(t, err)
	defer a.Close()
	found, err := a.Scan(context.Background(), []hardware.Channel{{Number: 14, Frequency: ch14, System: hardware.ISDBT}},
		hardware.ScanOptions{TableTimeout: 30 * time.Millisecond})
	require.NoError(t, err)
	require.Len(t, found, 1)
	require.False(t, found[0].Complete)
	require.Empty(t, found[0].Services)
}

// TestScanSample scans a real DVB-T capture (RAI, Italy) played by the simulator.
func TestScanSample(t *testing.T) {
	path := samples.Path(t, "tsduck_test-108_rai_dvbt_ait_oc_ste.ts")
	sim, err := NewSimulator(t.TempDir())
	require.NoError(t, err)
	sim.AddChannel(474_000_000, SimChannel{Stream: path, Strength: -60_000, CNR: 18_000})
	a := openSim(t, sim)
	ch21 := hardware.Channel{Number: 21, Frequency: 474_000_000, System: hardware.DVBT}
	found, err := a.Scan(context.Background(), []hardware.Channel{ch21},
		hardware.ScanOptions{TableTimeout: 10 * time.Second})
	require.NoError(t, err)
	require.Len(t, found, 1)
	r := found[0]
	require.True(t, r.Complete, "PAT, SDT and NIT read")
	require.Len(t, r.Services, 8)
	for _, s := range r.Services {
		require.NotZero(t, s.PMTPID, "%+v", s)
		require.NotEmpty(t, s.Name, "%+v", s)
	}
	require.Equal(t, hardware.Service{ID: 3401, Name: "Rai 1", Provider: "Rai", Type: 1, PMTPID: 258}, r.Services[0])
}

func TestEmergencyHook(t *testing.T) {
	sim, _ := newSim(t)
	a := openSim(t, sim)
	require.ErrorIs(t, a.WatchEmergency(func(bool) {}), errors.ErrUnsupported, "absent by default")

	var mu sync.Mutex
	flag := false
	cfg := sim.Config()
	cfg.EmergencyPoll = time.Millisecond
	cfg.Emergency = func(f *os.File) (bool, error) {
		require.NotNil(t, f)
		mu.Lock()
		defer mu.Unlock()
		return flag, nil
	}
	b, err := OpenAdapter(cfg)
	require.NoError(t, err)
	got := make(chan bool, 4)
	require.NoError(t, b.WatchEmergency(func(on bool) { got <- on }))
	set := func(v bool) {
		mu.Lock()
		flag = v
		mu.Unlock()
	}
	wait := func() bool {
		select {
		case v := <-got:
			return v
		case <-time.After(5 * time.Second):
			t.Fatal("no emergency flag change")
		}
		return false
	}
	set(true)
	require.True(t, wait())
	set(false)
	require.False(t, wait())
	require.NoError(t, b.Close())
	require.ErrorIs(t, b.WatchEmergency(func(bool) {}), hardware.ErrClosed)
}

func TestOpenDVB(t *testing.T) {
	sim, mux := newSim(t)
	src, err := OpenDVBWith("dvb://0?channel=14&system=isdbt&country=br", sim.Config())
	require.NoError(t, err)
	want, err := os.ReadFile(mux)
	require.NoError(t, err)
	got, err := io.ReadAll(src)
	require.NoError(t, err)
	require.Equal(t, want, got)
	st, err := src.Adapter.Status()
	require.NoError(t, err)
	require.True(t, st.Lock)
	require.NoError(t, src.Close())
	_, err = src.Adapter.Status()
	require.ErrorIs(t, err, hardware.ErrClosed)

	_, err = OpenDVBWith("dvb://0?freq=509142857&system=isdbt&timeout=10ms", sim.Config())
	require.ErrorIs(t, err, hardware.ErrNoLock)
	_, err = OpenDVBWith("dvb://4?freq=509142857&system=isdbt", sim.Config())
	require.ErrorIs(t, err, ErrNoAdapter)
	_, err = OpenDVBWith("dvb://0?freq=509142857", sim.Config())
	require.ErrorIs(t, err, ErrURI)
}
