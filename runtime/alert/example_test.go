package alert_test

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/antena-tv/antena/demux"
	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/runtime/alert"
	"github.com/antena-tv/antena/runtime/gfx"
)

// tv is a receiver reduced to what the Manager drives.
type tv struct {
	standby bool
	channel alert.Channel
}

func (t *tv) Standby() bool                 { return t.standby }
func (t *tv) SetStandby(on bool)            { t.standby = on }
func (t *tv) Wake()                         {}
func (t *tv) CurrentChannel() alert.Channel { return t.channel }
func (t *tv) Tune(ch alert.Channel) error   { t.channel = ch; return nil }
func (t *tv) PlayTone()                     {}

func Example() {
	cfg, err := alert.ParseConfig(strings.NewReader("area = 0x5A5\nlanguage = en\n"))
	if err != nil {
		panic(err)
	}
	now := time.Duration(0)
	clock := func() time.Duration { return now }
	comp, _ := gfx.NewCompositor(1280, 720)
	box := &tv{standby: true, channel: alert.Channel{ServiceID: 0x0101}}
	m, err := alert.New(alert.Options{Config: cfg, Box: box, Clock: clock, Compositor: comp,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		panic(err)
	}
	// The Demuxer would call m.Handle: demux.New(demux.Handlers{Alert: m.Handle}, …).
	warning := dalert.Alert{System: dalert.SystemISDB, ServiceID: 0xE760, AreaCodes: []uint16{0x5A5}}
	m.Handle(demux.Info{Packet: 1200}, dalert.Event{Kind: dalert.KindStart, Alert: warning})
	m.Render(clock()) // the screen loop, then comp.Compose()
	fmt.Println("on channel", box.channel, "standby", box.standby)
	fmt.Println("CHANNEL_UP taken:", m.FilterKey(hardware.KeyEvent{Key: hardware.KeyChannelUp, Pressed: true}))

	now += 90 * time.Second
	m.Handle(demux.Info{Packet: 9000}, dalert.Event{Kind: dalert.KindEnd, Reason: dalert.ReasonSignalled, Alert: warning})
	fmt.Println("on channel", box.channel, "standby", box.standby)
	for _, r := range m.Records() {
		fmt.Println(r)
	}
	// Output:
	// on channel service 0xE760 standby false
	// CHANNEL_UP taken: true
	// on channel service 0x0101 standby true
	// 0s raised isdb service 0xE760 first-kind areas [5A5] packet 1200 channel service 0xE760 woke
	// 0s shown isdb service 0xE760 first-kind areas [5A5] after 0s
	// 1m30s ended isdb service 0xE760 first-kind areas [5A5] packet 9000 after 1m30s (signalled)
}
