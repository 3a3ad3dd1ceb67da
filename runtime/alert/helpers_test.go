package alert

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux"
	dalert "github.com/antena-tv/antena/demux/alert"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
	"github.com/antena-tv/antena/runtime/gfx"
)

// samplesDir is the shared sample folder, relative to this package.
const samplesDir = "../../../shared/samples"

// readSample returns a sample file, or skips the test when it is absent.
func readSample(t testing.TB, name string) []byte {
	t.Helper()
	path := filepath.Join(samplesDir, name)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("sample %s absent (see shared/samples/README.md): %v", path, err)
	}
	require.NoError(t, err)
	return b
}

// fakeBox records what the Manager asks of it. Tune takes effect at once unless async.
type fakeBox struct {
	standby bool
	cur     Channel
	async   bool
	tuneErr error
	calls   []string
	tunes   []Channel
	tones   int
	wakes   int
}

func (b *fakeBox) Standby() bool { return b.standby }
func (b *fakeBox) SetStandby(on bool) {
	b.standby = on
	b.calls = append(b.calls, fmt.Sprintf("standby %t", on))
}

func (b *fakeBox) Wake() {
	b.wakes++
	b.calls = append(b.calls, "wake")
}
func (b *fakeBox) CurrentChannel() Channel { return b.cur }
func (b *fakeBox) Tune(ch Channel) error {
	if b.tuneErr != nil {
		return b.tuneErr
	}
	b.tunes = append(b.tunes, ch)
	b.calls = append(b.calls, "tune "+ch.String())
	if !b.async {
		b.cur = ch
	}
	return nil
}

func (b *fakeBox) PlayTone() {
	b.tones++
	b.calls = append(b.calls, "tone")
}

// testClock is a virtual clock.
type testClock struct{ t time.Duration }

func (c *testClock) now() time.Duration      { return c.t }
func (c *testClock) advance(d time.Duration) { c.t += d }

// Frame size of the tests.
const testW, testH = 1280, 720

// colVideo is the video plane's colour in the tests: nothing of the overlay uses it.
var colVideo = color.NRGBA{20, 40, 90, 255}

// rig is a Manager on a compositor with a fake box and clock.
type rig struct {
	m     *Manager
	comp  *gfx.Compositor
	box   *fakeBox
	clock *testClock
	apps  []AppEvent
}

func newRig(t testing.TB, cfg Config, box *fakeBox) *rig {
	t.Helper()
	comp, err := gfx.NewCompositor(testW, testH)
	require.NoError(t, err)
	comp.SetVideoColor(colVideo)
	r := &rig{comp: comp, box: box, clock: &testClock{t: time.Hour}}
	r.m, err = New(Options{Config: cfg, Box: box, Clock: r.clock.now, Compositor: comp,
		Notify: func(e AppEvent) { r.apps = append(r.apps, e) }, Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	return r
}

// frame renders and composes a frame at the rig's clock.
func (r *rig) frame() *image.RGBA {
	r.m.Render(r.clock.now())
	r.comp.Compose()
	return r.comp.Frame()
}

// share returns the share of the pixels of rect in img that are exactly c (opaque).
func share(img *image.RGBA, rect image.Rectangle, c color.NRGBA) float64 {
	rect = rect.Intersect(img.Rect)
	n := 0
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			p := img.RGBAAt(x, y)
			if p.R == c.R && p.G == c.G && p.B == c.B && p.A == 255 {
				n++
			}
		}
	}
	return float64(n) / float64(rect.Dx()*rect.Dy())
}

// centre is the middle strip of the screen where the tests look for the overlay.
func centre(img *image.RGBA) image.Rectangle {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	return image.Rect(w/4, h/2-10, 3*w/4, h/2+10)
}

// panelShown reports whether the middle of the screen is mostly the panel's colour.
func panelShown(img *image.RGBA, level dalert.SignalLevel) bool {
	bg, _ := levelColours(level)
	return share(img, centre(img), bg) > 0.5
}

// crawlRect is where the crawl band is on a test frame.
func crawlRect(img *image.RGBA) image.Rectangle {
	h := img.Rect.Dy()
	return image.Rect(0, h-h*5/100-h*104/1080+2, img.Rect.Dx(), h-h*5/100-2)
}

// crawlShown reports whether the bottom band is mostly the crawl's colour.
func crawlShown(img *image.RGBA) bool {
	return share(img, crawlRect(img), colCrawlBG) > 0.4
}

// Stream building. PIDs and numbers of the built ISDB stream.
const (
	pmtPID    = 0x01F0
	program   = 0xE760
	otherProg = 0x0101
)

// stream is a transport stream under construction, with the index of marked packets.
type stream struct {
	data  []byte
	pat   ts.Packetizer
	pmt   ts.Packetizer
	marks map[string]int
}

func newStream() *stream {
	return &stream{pat: ts.Packetizer{PID: psi.PIDPAT}, pmt: ts.Packetizer{PID: pmtPID}, marks: map[string]int{}}
}

func (s *stream) packets() int { return len(s.data) / ts.PacketSize }

// addPAT appends a PAT naming the program.
func (s *stream) addPAT(t testing.TB) {
	t.Helper()
	pat := psi.PAT{TransportStreamID: 1, Programs: []psi.PATProgram{{ProgramNumber: program, PID: pmtPID}}}
	sec, err := pat.Marshal()
	require.NoError(t, err)
	s.data = s.pat.AppendSection(s.data, sec)
}

// addPMT appends a PMT version carrying the emergency entries (none: no descriptor) and
// marks the packet that completes it.
func (s *stream) addPMT(t testing.TB, version uint8, mark string, infos ...dalert.EmergencyInformation) {
	t.Helper()
	pmt := psi.PMT{ProgramNumber: program, VersionNumber: version, PCRPID: 0x0111,
		Streams: []psi.PMTStream{{StreamType: 0x1B, ElementaryPID: 0x0111}}}
	if len(infos) > 0 {
		d := dalert.EmergencyInformationDescriptor{Infos: infos}
		data, err := d.Marshal()
		require.NoError(t, err)
		pmt.ProgramInfo = []psi.Descriptor{{Tag: dalert.DescriptorTagEmergencyInformation, Data: data}}
	}
	sec, err := pmt.Marshal()
	require.NoError(t, err)
	s.data = s.pmt.AppendSection(s.data, sec)
	if mark != "" {
		s.marks[mark] = s.packets() - 1
	}
}

// ewbsStream builds PAT+PMT v1 (no warning), v2 (the warning starts; repeated), v3 (it
// ends; repeated), v4 (it starts again), v5 (it ends again), with PATs between.
func ewbsStream(t testing.TB, level dalert.SignalLevel, areas ...uint16) *stream {
	t.Helper()
	on := dalert.EmergencyInformation{ServiceID: program, StartEndFlag: true, SignalLevel: level, AreaCodes: areas}
	off := on
	off.StartEndFlag = false
	s := newStream()
	for range 4 {
		s.addPAT(t)
	}
	s.addPMT(t, 1, "")
	s.addPAT(t)
	s.addPMT(t, 2, "start", on)
	for range 3 {
		s.addPAT(t)
		s.addPMT(t, 2, "", on) // repeats: nothing new
	}
	s.addPMT(t, 3, "end", off)
	s.addPAT(t)
	s.addPMT(t, 3, "", off)
	s.addPMT(t, 4, "restart", on)
	s.addPAT(t)
	s.addPMT(t, 5, "reend", off)
	s.addPAT(t)
	return s
}

// feed writes data packet by packet to a Demuxer routed to the rig's Manager, composing
// a frame after each packet, and returns per packet what the frame showed.
func (r *rig) feed(t testing.TB, d *demux.Demuxer, data []byte, look func(*image.RGBA) bool) []bool {
	t.Helper()
	require.Zero(t, len(data)%ts.PacketSize)
	var shown []bool
	for off := 0; off < len(data); off += ts.PacketSize {
		r.clock.advance(time.Millisecond)
		_, err := d.Write(data[off : off+ts.PacketSize])
		require.NoError(t, err)
		shown = append(shown, look(r.frame()))
	}
	return shown
}

// newDemuxer returns a Demuxer whose alerts go to the rig's Manager.
func (r *rig) newDemuxer() *demux.Demuxer {
	return demux.New(demux.Handlers{Alert: r.m.Handle}, demux.Options{Clock: r.clock.now})
}

// actions returns the actions of the records, in order.
func actions(rs []Record) []Action {
	out := make([]Action, len(rs))
	for i, r := range rs {
		out[i] = r.Action
	}
	return out
}

// isdbEvent makes a demux alert event for an ISDB warning.
func isdbEvent(kind dalert.Kind, level dalert.SignalLevel, service uint16, areas ...uint16) dalert.Event {
	ev := dalert.Event{Kind: kind, Alert: dalert.Alert{System: dalert.SystemISDB, ServiceID: service,
		SignalLevel: level, AreaCodes: areas}}
	if kind == dalert.KindEnd {
		ev.Reason = dalert.ReasonSignalled
	}
	return ev
}

// scteEvent makes a demux alert event for an SCTE-18 alert.
func scteEvent(kind dalert.Kind, id uint16, priority uint8, text string) dalert.Event {
	return dalert.Event{Kind: kind, Alert: dalert.Alert{System: dalert.SystemSCTE18, EventID: id, Priority: priority,
		EventCode: "EVI", NatureOfActivation: "EVACUATION IMMEDIATE", Text: text, SecondsRemaining: 60,
		Details: dalert.DetailsChannel{Major: 15, Minor: 20}}}
}
