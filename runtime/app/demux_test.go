package app

import (
	"image/color"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux"
	"github.com/antena-tv/antena/demux/ait"
	"github.com/antena-tv/antena/demux/dsmcc"
	"github.com/antena-tv/antena/demux/psi"
	"github.com/antena-tv/antena/demux/ts"
	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/runtime/gfx"
)

// tsWriter turns sections into the packets of their PIDs.
type tsWriter struct {
	t    *testing.T
	pkts map[uint16]*ts.Packetizer
	out  []byte
}

func (w *tsWriter) section(pid uint16, sec []byte) {
	p := w.pkts[pid]
	if p == nil {
		p = &ts.Packetizer{PID: pid}
		w.pkts[pid] = p
	}
	w.out = p.AppendSection(w.out, sec)
}

// psiFor writes the PAT and the PMTs of two services: each with an AIT
// PID, and service 1 with the carousel (component 0x0B).
func (w *tsWriter) psi() {
	pat := psi.PAT{TransportStreamID: 1, Programs: []psi.PATProgram{
		{ProgramNumber: 1, PID: 0x1000}, {ProgramNumber: 2, PID: 0x2000}}}
	sec, err := pat.Marshal()
	require.NoError(w.t, err)
	w.section(psi.PIDPAT, sec)
	signalling := psi.Descriptor{Tag: psi.TagApplicationSignalling, Data: []byte{0x00, 0x09, 0x01}}
	for _, p := range []psi.PMT{
		{ProgramNumber: 1, PCRPID: 0x1FFF, Streams: []psi.PMTStream{
			{StreamType: 0x05, ElementaryPID: 0x1001, Descriptors: []psi.Descriptor{signalling}},
			{StreamType: 0x0B, ElementaryPID: 0x1002, Descriptors: []psi.Descriptor{
				{Tag: psi.TagStreamIdentifier, Data: []byte{tagCarousel}}}},
		}},
		{ProgramNumber: 2, PCRPID: 0x1FFF, Streams: []psi.PMTStream{
			{StreamType: 0x05, ElementaryPID: 0x2001, Descriptors: []psi.Descriptor{signalling}},
		}},
	} {
		sec, err := p.Marshal()
		require.NoError(w.t, err)
		w.section(uint16(0x1000*p.ProgramNumber), sec)
	}
}

func (w *tsWriter) ait(pid uint16, tb *ait.Table) {
	secs, err := tb.MarshalSections()
	require.NoError(w.t, err)
	for _, s := range secs {
		w.section(pid, s)
	}
}

func (w *tsWriter) flush(d *demux.Demuxer) {
	_, err := d.Write(w.out)
	require.NoError(w.t, err)
	w.out = w.out[:0]
}

// The whole chain: a transport stream through the Demuxer, its AIT and
// carousel to the manager, the app drawing on the compositor, keys.
func TestFromTransportStream(t *testing.T) {
	comp, err := gfx.NewCompositor(320, 240)
	require.NoError(t, err)
	comp.SetVideoColor(color.NRGBA{A: 255})
	h := newHarness(t, Options{Compositor: comp})
	d := demux.New(demux.Handlers{}, demux.Options{})
	h.m.DemuxFeed(d).Install()
	h.m.SetService(Service{ID: 1})

	b, err := dsmcc.NewBuilder(dsmcc.BuilderConfig{AssociationTag: tagCarousel})
	require.NoError(t, err)
	files := fstest.MapFS{"app/main.lua": {Data: []byte(`
		canvas:attrColor('red'); canvas:drawRect('fill', 0, 0, 100, 100); canvas:flush()
		event.register(function(e) event.post('out', {class='user', msg=e.type .. ' ' .. e.key}); return true end, 'key')
		event.post('out', {class='user', msg='v1'})`)}}
	bc, err := b.Build(files)
	require.NoError(t, err)

	w := &tsWriter{t: t, pkts: map[uint16]*ts.Packetizer{}}
	w.psi()
	ours := aitApp(1, ait.ControlCodeAutostart, "Ours", "/app", "main.lua", true, tagCarousel)
	theirs := aitApp(2, ait.ControlCodeAutostart, "Theirs", "/app", "main.lua", true, tagCarousel)
	w.ait(0x1001, &ait.Table{ApplicationType: ait.ApplicationTypeGingaNCL, VersionNumber: 1,
		CurrentNextIndicator: true, Applications: []ait.Application{ours}})
	w.ait(0x2001, &ait.Table{ApplicationType: ait.ApplicationTypeGingaNCL, VersionNumber: 1,
		CurrentNextIndicator: true, Applications: []ait.Application{theirs}})
	w.flush(d)
	h.sync()
	require.Equal(t, StateLoading, h.state(appID(1)), "signalled before the carousel")
	_, ok := h.m.App(appID(2))
	require.False(t, ok, "the other service's AIT is ignored")

	for _, s := range bc.Sections() {
		w.section(0x1002, s)
	}
	w.flush(d)
	h.sync()
	i := h.info(appID(1))
	require.Equal(t, StateRunning, i.State, "%v", i.Err)
	require.Equal(t, "PID 0x1002 (component 0x0B)", i.Location)
	require.Equal(t, []string{"v1"}, h.said(appID(1)))

	comp.Compose()
	require.Equal(t, color.RGBA{255, 0, 0, 255}, comp.Frame().RGBAAt(10, 10), "the app's layer")

	h.press(hardware.KeyEnter)
	require.Equal(t, []string{"v1", "press ENTER", "release ENTER"}, h.said(appID(1)))

	// A new version through the stream restarts it.
	files["app/main.lua"] = &fstest.MapFile{Data: []byte(`event.post('out', {class='user', msg='v2'})`)}
	bc, err = b.Build(files)
	require.NoError(t, err)
	for _, s := range bc.Sections() {
		w.section(0x1002, s)
	}
	w.flush(d)
	h.sync()
	require.Equal(t, []string{"v1", "press ENTER", "release ENTER", "v2"}, h.said(appID(1)))
	comp.Compose()
	require.Equal(t, color.RGBA{0, 0, 0, 255}, comp.Frame().RGBAAt(10, 10), "the old run's layer is gone")

	// KILL in a new AIT version.
	ours.ApplicationControlCode = ait.ControlCodeKill
	w.ait(0x1001, &ait.Table{ApplicationType: ait.ApplicationTypeGingaNCL, VersionNumber: 2,
		CurrentNextIndicator: true, Applications: []ait.Application{ours}})
	w.flush(d)
	h.sync()
	require.Equal(t, StateStopped, h.state(appID(1)))
}
