package player

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/runtime/gfx"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
)

// bigDocument is a document of the size the issue measures: 50 media (25
// images, 25 texts) in a grid of regions, each with a focusIndex and
// moves, and 200 links: each media has one selection link (start a
// text), one RED link (set a property), one GREEN link (stop and start)
// and one onBegin link.
func bigDocument(tb testing.TB) fstest.MapFS {
	tb.Helper()
	const n = 50
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<ncl id="big"><head><regionBase>`)
	for i := range n {
		fmt.Fprintf(&b, `<region id="r%d" left="%d" top="%d" width="120" height="60" zIndex="%d"/>`,
			i, 20+(i%10)*125, 20+(i/10)*130, i%3)
	}
	b.WriteString(`</regionBase><descriptorBase>`)
	for i := range n {
		fmt.Fprintf(&b, `<descriptor id="d%d" region="r%d" focusIndex="%d" moveRight="%d" moveLeft="%d" moveDown="%d" moveUp="%d">
<descriptorParam name="background" value="navy"/></descriptor>`,
			i, i, i, (i+1)%n, (i+n-1)%n, (i+10)%n, (i+n-10)%n)
	}
	b.WriteString(`</descriptorBase><connectorBase>
<causalConnector id="onSelectionStart"><simpleCondition role="onSelection"/><simpleAction role="start" max="unbounded"/></causalConnector>
<causalConnector id="onBeginStart"><simpleCondition role="onBegin"/><simpleAction role="start" max="unbounded"/></causalConnector>
<causalConnector id="onKeySet"><connectorParam name="k"/><connectorParam name="v"/>
 <simpleCondition role="onSelection" key="$k"/><simpleAction role="set" value="$v"/></causalConnector>
<causalConnector id="onKeyStopStart"><connectorParam name="k"/>
 <compoundCondition operator="and"><simpleCondition role="onSelection" key="$k"/>
  <assessmentStatement comparator="ne"><attributeAssessment role="test" eventType="presentation" attributeType="state"/>
   <valueAssessment value="paused"/></assessmentStatement></compoundCondition>
 <compoundAction operator="seq"><simpleAction role="stop"/><simpleAction role="start"/></compoundAction></causalConnector>
</connectorBase></head><body>`)
	for i := range n {
		fmt.Fprintf(&b, `<port id="p%d" component="m%d"/>`, i, i)
	}
	for i := range n {
		if i%2 == 0 {
			fmt.Fprintf(&b, `<media id="m%d" src="img%d.png" descriptor="d%d"/>`, i, i%5, i)
		} else {
			fmt.Fprintf(&b, `<media id="m%d" src="t%d.txt" descriptor="d%d"><property name="fontSize" value="20"/></media>`, i, i%5, i)
		}
	}
	for i := range n {
		j := (i + 1) % n
		fmt.Fprintf(&b, `<link xconnector="onSelectionStart"><bind role="onSelection" component="m%d"/><bind role="start" component="m%d"/></link>`, i, j)
		fmt.Fprintf(&b, `<link xconnector="onBeginStart"><bind role="onBegin" component="m%d"/><bind role="start" component="m%d"/></link>`, i, j)
		fmt.Fprintf(&b, `<link xconnector="onKeySet"><linkParam name="k" value="RED"/><linkParam name="v" value="%d"/>
<bind role="onSelection" component="m%d"/><bind role="set" component="m%d" interface="transparency"/></link>`, i%2, i, i)
		fmt.Fprintf(&b, `<link xconnector="onKeyStopStart"><linkParam name="k" value="GREEN"/>
<bind role="onSelection" component="m%d"/><bind role="test" component="m%d"/><bind role="stop" component="m%d"/><bind role="start" component="m%d"/></link>`, i, j, j, j)
	}
	b.WriteString(`</body></ncl>`)
	fsys := fstest.MapFS{"main.ncl": {Data: []byte(b.String())}}
	for i := range 5 {
		img := image.NewNRGBA(image.Rect(0, 0, 120, 60))
		for p := 0; p < len(img.Pix); p += 4 {
			img.Pix[p], img.Pix[p+1], img.Pix[p+2], img.Pix[p+3] = uint8(40*i), uint8(p%251), 128, 255
		}
		var buf bytes.Buffer
		require.NoError(tb, png.Encode(&buf, img))
		fsys[fmt.Sprintf("img%d.png", i)] = &fstest.MapFile{Data: buf.Bytes()}
		fsys[fmt.Sprintf("t%d.txt", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("Texto %d", i))}
	}
	return fsys
}

// startBig makes, starts and presents the big document once.
func startBig(tb testing.TB, fsys fstest.MapFS, clock rlua.Clock) (*Player, *gfx.Compositor) {
	screen, err := gfx.NewCompositor(1280, 720)
	require.NoError(tb, err)
	layer, err := screen.NewLayer(gfx.PlaneApps, image.Rect(0, 0, 1280, 720))
	require.NoError(tb, err)
	p, err := New(Options{Name: "big", FS: fsys, Width: 1280, Height: 720, Layer: layer, Screen: screen,
		Lua: nclua.Options{Clock: clock, Logger: slog.New(slog.DiscardHandler)}})
	require.NoError(tb, err)
	require.NoError(tb, p.Start())
	require.NoError(tb, p.Sync())
	screen.Compose()
	return p, screen
}

// From the .ncl file to the first composed frame: parse, build, start 50
// media (decode, layout, draw), evaluate the 50 onBegin links, compose.
func BenchmarkFirstFrame50Media200Links(b *testing.B) {
	fsys := bigDocument(b)
	clock := rlua.NewVirtualClock(time.Unix(0, 0))
	b.ReportAllocs()
	for b.Loop() {
		p, _ := startBig(b, fsys, clock)
		p.Stop()
		<-p.Done()
	}
}

// The heap one presented 50-media document holds: its model, objects,
// links, decoded images, the media layers and its private 1280×720 scene
// (3.7 MB of it). The screen and the app layer, which the box has
// anyway, are made before the measure.
func BenchmarkMemory50Media200Links(b *testing.B) {
	fsys := bigDocument(b)
	clock := rlua.NewVirtualClock(time.Unix(0, 0))
	screen, err := gfx.NewCompositor(1280, 720)
	require.NoError(b, err)
	layer, err := screen.NewLayer(gfx.PlaneApps, image.Rect(0, 0, 1280, 720))
	require.NoError(b, err)
	var total uint64
	for b.Loop() {
		p, err := New(Options{Name: "big", FS: fsys, Width: 1280, Height: 720, Layer: layer, Screen: screen,
			Lua: nclua.Options{Clock: clock, Logger: slog.New(slog.DiscardHandler)}})
		require.NoError(b, err)
		require.NoError(b, p.Start())
		require.NoError(b, p.Sync())
		var with, without runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&with)
		p.Stop()
		<-p.Done()
		// The heap once the player is gone: its goroutine may still be
		// returning, so collect until the heap stops shrinking.
		low := with.HeapAlloc
		for range 5 {
			runtime.Gosched()
			runtime.GC()
			runtime.ReadMemStats(&without)
			low = min(low, without.HeapAlloc)
		}
		total += with.HeapAlloc - low
	}
	b.ReportMetric(float64(total)/float64(b.N), "heap-B/doc")
}

// One key press and release through the document, evaluated on the
// player's goroutine (no queue, no Sync): RED selects the 50 presented
// media and fires their 50 set links (transparency); an arrow moves the
// focus; GREEN fires 50 compound links (a condition, an assessment, a
// seq of stop and start) that restart 50 media, so most of its time is
// presentation (layers, drawing), not link evaluation.
func BenchmarkKeyLinks(b *testing.B) {
	for _, key := range []string{"RED", "CURSOR_RIGHT", "GREEN"} {
		b.Run(key, func(b *testing.B) {
			clock := rlua.NewVirtualClock(time.Unix(0, 0))
			p, _ := startBig(b, bigDocument(b), clock)
			defer func() {
				p.Stop()
				<-p.Done()
			}()
			done := make(chan struct{})
			b.ReportAllocs()
			b.ResetTimer()
			require.NoError(b, p.post(func() {
				for range b.N {
					p.key("press", key)
					p.key("release", key)
					clock.Advance(time.Second) // a viewer's pace: no runaway guard trips
				}
				close(done)
			}))
			<-done
			b.StopTimer()
			require.Nil(b, p.Err(), "the document ran to the end of the benchmark")
		})
	}
}

// The same key through the whole path a remote key takes: Send, the
// player's goroutine, the links, and Sync.
func BenchmarkKeyThroughSend(b *testing.B) {
	p, _ := startBig(b, bigDocument(b), rlua.NewVirtualClock(time.Unix(0, 0)))
	defer func() {
		p.Stop()
		<-p.Done()
	}()
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Send(nclua.KeyEvent("press", "RED"))
		_ = p.Send(nclua.KeyEvent("release", "RED"))
		_ = p.Sync()
	}
}
