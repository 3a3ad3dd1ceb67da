package linux

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/antena-tv/antena/hardware"
)

var (
	_ hardware.Tuner            = (*Adapter)(nil)
	_ hardware.EmergencyFlagger = (*Adapter)(nil)
)

// Adapter is a DVB adapter's frontend with its demux and dvr devices, driven through
// the Linux DVB API v5. It is safe for concurrent use.
type Adapter struct {
	cfg  AdapterConfig
	fe   frontend
	poll time.Duration // how often the lock is checked

	mu      sync.Mutex
	closed  bool
	stream  *Stream
	channel hardware.Channel
	watch   *emergencyWatch
}

// OpenAdapter opens the frontend of an adapter. The error wraps ErrNoAdapter when
// the adapter's folder does not exist.
func OpenAdapter(cfg AdapterConfig) (*Adapter, error) {
	if _, err := os.Stat(cfg.dir()); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoAdapter, err)
	}
	f, err := cfg.Devices.open(cfg.device("frontend"), os.O_RDWR)
	if err != nil {
		return nil, fmt.Errorf("linux: %w", err)
	}
	return &Adapter{cfg: cfg, fe: frontend{f: f, dev: cfg.Devices}, poll: lockPoll}, nil
}

// Tune tunes to ch and waits for the lock until ctx is done.
func (a *Adapter) Tune(ctx context.Context, ch hardware.Channel) (hardware.Status, error) {
	if err := a.use(); err != nil {
		return hardware.Status{}, err
	}
	if err := a.fe.tune(ch); err != nil {
		return hardware.Status{}, errClosed(err)
	}
	a.mu.Lock()
	a.channel = ch
	a.mu.Unlock()
	for {
		st, err := a.fe.status()
		if err != nil || st.Lock {
			return st, errClosed(err)
		}
		select {
		case <-ctx.Done():
			return st, fmt.Errorf("%w on %v: %w", hardware.ErrNoLock, ch, ctx.Err())
		case <-time.After(a.poll):
		}
	}
}

// Channel returns the channel last tuned to.
func (a *Adapter) Channel() hardware.Channel {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.channel
}

// Status reads the lock status and the signal measurements.
func (a *Adapter) Status() (hardware.Status, error) {
	if err := a.use(); err != nil {
		return hardware.Status{}, err
	}
	st, err := a.fe.status()
	return st, errClosed(err)
}

// Stream opens the whole transport stream of the channel tuned to: the demux device
// passes every PID (0x2000) to the dvr device. It returns a *Stream.
func (a *Adapter) Stream() (hardware.Source, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return nil, hardware.ErrClosed
	}
	if a.stream != nil {
		return nil, fmt.Errorf("linux: %s: a stream is open already", a.cfg.device("dvr"))
	}
	s, err := openStream(a.cfg.Devices, a.cfg.device("demux"), a.cfg.device("dvr"), a.cfg.DVRBufferSize)
	if err != nil {
		return nil, err
	}
	s.onClose = func() {
		a.mu.Lock()
		if a.stream == s {
			a.stream = nil
		}
		a.mu.Unlock()
	}
	a.stream = s
	return s, nil
}

// Scan tunes to each channel of plan and reads the PAT, SDT and NIT of those that
// lock, for at most opts.TableTimeout each, through a demux.Demuxer.
func (a *Adapter) Scan(
	ctx context.Context, plan []hardware.Channel, opts hardware.ScanOptions,
) ([]hardware.ScanResult, error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if opts.TableTimeout <= 0 {
		opts.TableTimeout = DefaultTableTimeout
	}
	var found []hardware.ScanResult
	for _, ch := range plan {
		if err := ctx.Err(); err != nil {
			return found, err
		}
		res, err := a.scanChannel(ctx, ch, opts)
		if err != nil {
			return found, err
		}
		if opts.Progress != nil {
			opts.Progress(res)
		}
		if res.Status.Lock {
			found = append(found, res)
		}
	}
	return found, nil
}

func (a *Adapter) scanChannel(
	ctx context.Context, ch hardware.Channel, opts hardware.ScanOptions,
) (hardware.ScanResult, error) {
	res := hardware.ScanResult{Channel: ch}
	lctx, cancel := context.WithTimeout(ctx, opts.LockTimeout)
	st, err := a.Tune(lctx, ch)
	cancel()
	res.Status = st
	switch {
	case ctx.Err() != nil:
		return res, ctx.Err()
	case errors.Is(err, hardware.ErrNoLock):
		return res, nil
	case err != nil:
		return res, err
	}
	src, err := a.Stream()
	if err != nil {
		return res, err
	}
	defer src.Close()
	t := newTables(ch.System)
	if err := readTables(ctx, src, t, opts.TableTimeout); err != nil {
		return res, err
	}
	t.fill(&res)
	return res, nil
}

// WatchEmergency calls hook when the TMCC emergency alarm flag changes, for an
// adapter configured with an Emergency reader; without one it returns an error
// wrapping errors.ErrUnsupported. Read errors are skipped: the flag keeps its value.
func (a *Adapter) WatchEmergency(hook func(on bool)) error {
	if a.cfg.Emergency == nil {
		return fmt.Errorf("linux: %s exposes no TMCC emergency flag: %w", a.cfg.device("frontend"), errors.ErrUnsupported)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return hardware.ErrClosed
	}
	if a.watch != nil {
		a.watch.setHook(hook)
		return nil
	}
	poll := a.cfg.EmergencyPoll
	if poll <= 0 {
		poll = emergencyPoll
	}
	a.watch = &emergencyWatch{hook: hook, stop: make(chan struct{}), done: make(chan struct{})}
	go a.watch.run(func() (bool, error) { return a.cfg.Emergency(a.fe.f) }, poll)
	return nil
}

// Close closes an open stream and the frontend.
func (a *Adapter) Close() error {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return nil
	}
	a.closed = true
	s, w := a.stream, a.watch
	a.mu.Unlock()
	if w != nil {
		close(w.stop)
		<-w.done
	}
	if s != nil {
		_ = s.Close()
	}
	return a.fe.f.Close()
}

func (a *Adapter) use() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return hardware.ErrClosed
	}
	return nil
}

// emergencyWatch polls the emergency flag.
type emergencyWatch struct {
	mu         sync.Mutex
	hook       func(bool)
	stop, done chan struct{}
}

func (w *emergencyWatch) setHook(h func(bool)) {
	w.mu.Lock()
	w.hook = h
	w.mu.Unlock()
}

func (w *emergencyWatch) run(read func() (bool, error), poll time.Duration) {
	defer close(w.done)
	t := time.NewTicker(poll)
	defer t.Stop()
	on := false
	for {
		if v, err := read(); err == nil && v != on {
			on = v
			w.mu.Lock()
			h := w.hook
			w.mu.Unlock()
			if h != nil {
				h(on)
			}
		}
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
	}
}

// DVBSource is the stream of a dvb:// URI, with the adapter that tunes it.
type DVBSource struct {
	*Stream
	Adapter *Adapter
	Spec    DVBSpec
}

// Close closes the stream and the adapter.
func (s *DVBSource) Close() error {
	err := s.Stream.Close()
	if aerr := s.Adapter.Close(); err == nil {
		err = aerr
	}
	return err
}

// OpenDVB opens a dvb:// URI (see ParseDVB): it tunes, waits for the lock, and
// returns the transport stream.
func OpenDVB(uri string) (*DVBSource, error) { return OpenDVBWith(uri, AdapterConfig{}) }

// OpenDVBWith is OpenDVB on the devices of cfg; the adapter and frontend numbers are
// the URI's.
func OpenDVBWith(uri string, cfg AdapterConfig) (_ *DVBSource, err error) {
	spec, err := ParseDVB(uri)
	if err != nil {
		return nil, err
	}
	cfg.Adapter, cfg.Frontend = spec.Adapter, spec.Frontend
	a, err := OpenAdapter(cfg)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			_ = a.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), spec.LockTimeout)
	defer cancel()
	if _, err = a.Tune(ctx, spec.Channel); err != nil {
		return nil, err
	}
	src, err := a.Stream()
	if err != nil {
		return nil, err
	}
	return &DVBSource{Stream: src.(*Stream), Adapter: a, Spec: spec}, nil
}
