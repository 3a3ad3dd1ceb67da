// Package video decodes broadcast video for the compositor's video plane. Decoding is done
// by an ffmpeg child process, which is optional: where ffmpeg is not installed the plane
// keeps its test pattern (Available says which). A codec library in Go does not exist for
// H.264/HEVC, and linking libavcodec would put cgo and a large C dependency on every box;
// a child process keeps the receiver pure Go and a crash of the decoder away from it.
package video

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os/exec"
	"strconv"
	"sync"
)

// ErrUnavailable says that ffmpeg is not installed.
var ErrUnavailable = errors.New("video: ffmpeg is not installed (the video plane shows its test pattern)")

// Options describe a decoder.
type Options struct {
	// Input is what ffmpeg reads: a file path or URL. With Reader set it is ignored and the
	// stream is piped to ffmpeg's standard input.
	Input  string
	Reader io.Reader
	// Width and Height of the frames handed out (ffmpeg scales). Default 1280x720.
	Width, Height int
	// Realtime makes ffmpeg read its input at its native rate (-re) rather than as fast
	// as it can (a file, or a video file of an NCL document piped in).
	Realtime bool
	// FFmpeg is the path of the binary; default "ffmpeg" from PATH.
	FFmpeg string
}

// Available reports whether an ffmpeg binary can be found.
func Available(path string) bool {
	if path == "" {
		path = "ffmpeg"
	}
	_, err := exec.LookPath(path)
	return err == nil
}

// Decoder runs ffmpeg and keeps its latest frame. It implements gfx.VideoSource.
type Decoder struct {
	w, h   int
	cmd    *exec.Cmd
	cancel context.CancelFunc
	done   chan struct{}
	err    error // why decoding stopped, valid after done is closed

	mu       sync.Mutex
	bufs     [3]*image.RGBA
	pending  int // index of a complete frame not yet handed out, or -1
	returned int // index of the frame Frame last returned, or -1
	seq      uint64
	frames   uint64
}

// Start launches ffmpeg. Decoding stops when ctx is done, Close is called, or the input ends.
func Start(ctx context.Context, o Options) (*Decoder, error) {
	if o.FFmpeg == "" {
		o.FFmpeg = "ffmpeg"
	}
	if !Available(o.FFmpeg) {
		return nil, ErrUnavailable
	}
	if o.Width <= 0 || o.Height <= 0 {
		o.Width, o.Height = 1280, 720
	}
	if o.Width > 7680 || o.Height > 4320 {
		return nil, fmt.Errorf("video: %dx%d is larger than 7680x4320", o.Width, o.Height)
	}
	args := []string{"-hide_banner", "-loglevel", "error"}
	if o.Realtime {
		args = append(args, "-re")
	}
	in := o.Input
	if o.Reader != nil {
		in = "pipe:0"
	} else {
		args = append(args, "-nostdin")
	}
	if in == "" {
		return nil, errors.New("video: no input")
	}
	args = append(args, "-i", in, "-an", "-sn", "-dn",
		"-vf", "scale="+strconv.Itoa(o.Width)+":"+strconv.Itoa(o.Height),
		"-pix_fmt", "rgba", "-f", "rawvideo", "pipe:1")
	ctx, cancel := context.WithCancel(ctx)
	cmd := exec.CommandContext(ctx, o.FFmpeg, args...)
	if o.Reader != nil {
		cmd.Stdin = o.Reader
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, fmt.Errorf("video: %w", err)
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("video: starting ffmpeg: %w", err)
	}
	d := &Decoder{w: o.Width, h: o.Height, cmd: cmd, cancel: cancel, done: make(chan struct{}), pending: -1, returned: -1}
	for i := range d.bufs {
		d.bufs[i] = image.NewRGBA(image.Rect(0, 0, o.Width, o.Height))
	}
	go d.read(out)
	return d, nil
}

// read fills a buffer that is neither pending nor handed out, frame after frame.
func (d *Decoder) read(r io.Reader) {
	defer close(d.done)
	for {
		d.mu.Lock()
		fill := 0
		for fill == d.pending || fill == d.returned {
			fill++
		}
		d.mu.Unlock()
		if _, err := io.ReadFull(r, d.bufs[fill].Pix); err != nil {
			werr := d.cmd.Wait()
			switch {
			case errors.Is(err, io.EOF) && werr == nil:
				d.err = io.EOF
			case werr != nil:
				d.err = fmt.Errorf("video: ffmpeg: %w", werr)
			default:
				d.err = fmt.Errorf("video: reading frames: %w", err)
			}
			return
		}
		d.mu.Lock()
		d.pending = fill
		d.frames++
		d.mu.Unlock()
	}
}

// Frame returns the latest complete frame and a sequence number that changes with it; nil
// before the first frame. It never blocks on the decoder.
func (d *Decoder) Frame() (*image.RGBA, uint64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pending >= 0 {
		d.returned, d.pending = d.pending, -1
		d.seq++
	}
	if d.returned < 0 {
		return nil, 0
	}
	return d.bufs[d.returned], d.seq
}

// Frames returns how many frames ffmpeg has delivered.
func (d *Decoder) Frames() uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.frames
}

// Done is closed when decoding has stopped; Err then says why (io.EOF at the end of input).
func (d *Decoder) Done() <-chan struct{} { return d.done }

// Err returns why decoding stopped, once Done is closed.
func (d *Decoder) Err() error {
	select {
	case <-d.done:
		return d.err
	default:
		return nil
	}
}

// Close stops ffmpeg and waits for it.
func (d *Decoder) Close() error {
	d.cancel()
	<-d.done
	return nil
}
