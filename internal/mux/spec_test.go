package mux

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/alert"
)

func TestParseStreamTime(t *testing.T) {
	good := map[string]time.Duration{
		"0": 0, "12": 12 * time.Second, "12.5": 12500 * time.Millisecond, "90s": 90 * time.Second,
		"1m30s": 90 * time.Second, "250ms": 250 * time.Millisecond, " 2 ": 2 * time.Second,
	}
	for s, want := range good {
		got, err := ParseStreamTime(s)
		require.NoError(t, err, s)
		require.Equal(t, want, got, s)
	}
	for _, s := range []string{"", "-1", "-1s", "soon", "1x", "NaN", "1e12", "1:30"} {
		_, err := ParseStreamTime(s)
		require.ErrorIs(t, err, ErrSyntax, s)
	}
}

func TestParseRate(t *testing.T) {
	good := map[string]int64{
		"1M": 1_000_000, "1.5M": 1_500_000, "500k": 500_000, "2000000": 2_000_000, "30Mbit/s": 30_000_000,
		"64kbps": 64_000, "1G": 1_000_000_000,
	}
	for s, want := range good {
		got, err := ParseRate(s)
		require.NoError(t, err, s)
		require.Equal(t, want, got, s)
	}
	for _, s := range []string{"", "0", "-1M", "fast", "1T", "9999", "2G", "M", "NaNk", "Infk"} {
		_, err := ParseRate(s)
		require.ErrorIs(t, err, ErrSyntax, s)
	}
}

func TestParseUint(t *testing.T) {
	v, err := ParseUint("0x5A5", 12)
	require.NoError(t, err)
	require.EqualValues(t, 0x5A5, v)
	for _, s := range []string{"", "-1", "0x1000", "x", "4096"} {
		_, err := ParseUint(s, 12)
		require.ErrorIs(t, err, ErrSyntax, s)
	}
}

func TestParseEvent(t *testing.T) {
	good := []struct {
		in   string
		want Event
	}{
		{"start@10", Event{Name: "start", At: 10 * time.Second, Data: []byte{}}},
		{"start@1m:hello", Event{Name: "start", At: time.Minute, Data: []byte("hello")}},
		{"go@0.5:a:b:c", Event{Name: "go", At: 500 * time.Millisecond, Data: []byte("a:b:c")}},
		{"ação@2:{\"id\":1}", Event{Name: "ação", At: 2 * time.Second, Data: []byte(`{"id":1}`)}},
		{"x@1:" + strings.Repeat("d", 245), Event{Name: "x", At: time.Second, Data: []byte(strings.Repeat("d", 245))}},
	}
	for _, tc := range good {
		got, err := ParseEvent(tc.in)
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, got, tc.in)
	}
	bad := []string{"", "start", "@1", "start@", "start@soon", "start@-1", "x@1:" + strings.Repeat("d", 246),
		strings.Repeat("n", 255) + "@1", "a\x00b@1", "\xff@1"}
	for _, s := range bad {
		_, err := ParseEvent(s)
		require.ErrorIs(t, err, ErrSyntax, s)
	}
}

func TestParseEWBS(t *testing.T) {
	got, err := ParseEWBS("start@10,end@1m,area=0x5A5,area=346,level=2,service=0xE760")
	require.NoError(t, err)
	require.Equal(t, EWBS{Start: 10 * time.Second, End: time.Minute, AreaCodes: []uint16{0x5A5, 346},
		SignalLevel: alert.SignalLevelSecondKind, ServiceID: 0xE760}, got)
	got, err = ParseEWBS("start@0, area=1")
	require.NoError(t, err)
	require.Equal(t, EWBS{AreaCodes: []uint16{1}}, got)
	bad := []string{
		"", "area=1", "start@1", "start@x,area=1", "start@1,end@0,area=1", "start@2,end@1,area=1",
		"start@1,area=0x1000", "start@1,area=x", "start@1,area=1,level=0", "start@1,area=1,level=first",
		"start@1,area=1,service=0x10000", "start@1,area=1,color=red", "start=1,area=1", "start@1,area@1",
		"start@1" + strings.Repeat(",area=1", 126),
	}
	for _, s := range bad {
		_, err := ParseEWBS(s)
		require.ErrorIs(t, err, ErrSyntax, s)
	}
}

func TestParseSCTE18(t *testing.T) {
	got, err := ParseSCTE18("start@5,duration=2m,code=TOR,priority=11,originator=WXR,event=0x0A75," +
		"location=12:345,location=1:0:3,details=7.1,lang=spa,text=Tornado, take cover: now")
	require.NoError(t, err)
	require.Equal(t, SCTE18{
		Start: 5 * time.Second, Duration: 2 * time.Minute, EventCode: "TOR", Priority: 11, Originator: "WXR",
		EventID: 0x0A75, Locations: []alert.LocationCode{{StateCode: 12, CountyCode: 345}, {StateCode: 1, CountySubdivision: 3}},
		DetailsMajor: 7, DetailsMinor: 1, Language: "spa", Text: "Tornado, take cover: now",
	}, got)
	got, err = ParseSCTE18("")
	require.NoError(t, err)
	require.Equal(t, SCTE18{Duration: time.Minute, Priority: alert.PriorityLow, Locations: []alert.LocationCode{{}}}, got)
	bad := []string{
		"start=1", "duration=0", "duration=101h", "duration=x", "code=TOOLONGCODE", "code=RW\x01",
		"priority=16", "priority=x", "originator=EA", "originator=EASX", "event=0x10000", "location=1",
		"location=100:1", "location=1:1000", "location=1:1:16", "location=a:b", "details=7", "details=1024.1",
		"details=1.x", "lang=en", "text=\xff", "color=red", "start@1,,",
	}
	for _, s := range bad {
		_, err := ParseSCTE18(s)
		require.ErrorIs(t, err, ErrSyntax, s)
	}
}

func TestParseOutput(t *testing.T) {
	good := map[string]Output{
		"-":                           {Kind: "stdout"},
		"out.ts":                      {Kind: "file", Path: "out.ts"},
		"/tmp/a b.ts":                 {Kind: "file", Path: "/tmp/a b.ts"},
		"udp://239.1.1.1:1234":        {Kind: "udp", Addr: "239.1.1.1:1234"},
		"udp://[ff15::1]:1234?ttl=16": {Kind: "udp", Addr: "[ff15::1]:1234", TTL: 16},
		"udp://localhost:5000/":       {Kind: "udp", Addr: "localhost:5000"},
	}
	for s, want := range good {
		got, err := ParseOutput(s)
		require.NoError(t, err, s)
		require.Equal(t, want, got, s)
	}
	bad := []string{"", "rtp://1.2.3.4:5", "udp://1.2.3.4", "udp://:5", "udp://1.2.3.4:0", "udp://1.2.3.4:70000",
		"udp://1.2.3.4:5?ttl=0", "udp://1.2.3.4:5?ttl=256", "udp://1.2.3.4:5?tos=1", "udp://u@1.2.3.4:5",
		"udp://1.2.3.4:5/path", "udp://[::1:5"}
	for _, s := range bad {
		_, err := ParseOutput(s)
		require.ErrorIs(t, err, ErrSyntax, s)
	}
}

func TestParseApplicationTypeAndControl(t *testing.T) {
	for s, want := range map[string]ait.ApplicationType{"ginga": 9, "Ginga-NCL": 9, "hbbtv": 0x10, "0x0008": 8} {
		got, err := ParseApplicationType(s)
		require.NoError(t, err, s)
		require.Equal(t, want, got)
	}
	for _, s := range []string{"", "mhp-html", "0", "0x8000"} {
		_, err := ParseApplicationType(s)
		require.ErrorIs(t, err, ErrSyntax, s)
	}
	for s, want := range map[string]ait.ControlCode{"autostart": 1, "PRESENT": 2, "playback_autostart": 8, "4": 4} {
		got, err := ParseControlCode(s)
		require.NoError(t, err, s)
		require.Equal(t, want, got)
	}
	for _, s := range []string{"", "launch", "0", "9", "256"} {
		_, err := ParseControlCode(s)
		require.ErrorIs(t, err, ErrSyntax, s)
	}
}

func TestConfigErrors(t *testing.T) {
	cases := []Config{
		{},
		{FS: app, CarouselRate: 5},
		{FS: app, MuxRate: -1},
		{FS: app, Cycles: -1},
		{FS: app, App: App{Language: "pt"}},
		{FS: app, PCRInterval: time.Second},
		{FS: app, App: App{Entry: "missing.ncl"}},
		{FS: app, MuxRate: 100_000},
		{FS: app, Service: Service{AITPID: 0x1FFB}},
		{FS: app, Service: Service{AITPID: 0x200, CarouselPID: 0x200}},
		{FS: app, Events: []Event{{Name: ""}}},
		{FS: app, EWBS: []EWBS{{}}},
		{FS: app, SCTE18: []SCTE18{{Priority: 20}}},
	}
	for i, cfg := range cases {
		_, err := New(cfg)
		require.True(t, errors.Is(err, ErrConfig) || errors.Is(err, ErrSyntax), "case %d: %v", i, err)
	}
}
