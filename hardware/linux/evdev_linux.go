package linux

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/fsnotify/fsnotify"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/hardware/memory"
)

// inputEvent mirrors struct input_event, one event read from an evdev device.
// Specification: Linux include/uapi/linux/input.h.
//
//	struct input_event {
//		struct timeval time;   // on 32-bit: __kernel_ulong_t __sec, __usec
//		__u16 type;
//		__u16 code;
//		__s32 value;
//	};
//
// 24 bytes on 64-bit, 16 on 32-bit. Events are decoded from bytes (decodeEvent); the
// struct gives the size.
type inputEvent struct {
	Sec, Usec int // C long
	Type      uint16
	Code      uint16
	Value     int32
}

const (
	evSize   = int(unsafe.Sizeof(inputEvent{}))
	evKey    = 0x01 // EV_KEY
	keyMax   = 0x2FF
	keyBytes = (keyMax + 8) / 8

	valueRelease = 0
	valuePress   = 1
	valueRepeat  = 2
)

// Evdev ioctls ('E').
var (
	eviocGrab    = iow('E', 0x90, 4)
	eviocGBitKey = ior('E', 0x20+evKey, keyBytes) // EVIOCGBIT(EV_KEY, keyBytes)
)

// decodeEvent reads one input_event from b, which holds at least evSize bytes.
func decodeEvent(b []byte) inputEvent {
	ne := binary.NativeEndian
	var ev inputEvent
	if ptrSize == 8 {
		ev.Sec, ev.Usec = int(ne.Uint64(b)), int(ne.Uint64(b[8:]))
	} else {
		ev.Sec, ev.Usec = int(int32(ne.Uint32(b))), int(int32(ne.Uint32(b[4:])))
	}
	t := 2 * ptrSize
	ev.Type, ev.Code, ev.Value = ne.Uint16(b[t:]), ne.Uint16(b[t+2:]), int32(ne.Uint32(b[t+4:]))
	return ev
}

var _ hardware.Input = (*Remote)(nil)

// newWatcher makes the inotify watcher; tests make it fail, to poll instead.
var newWatcher = fsnotify.NewWatcher

// Remote is a hardware.Input reading evdev devices: kernel rc-core IR receivers, USB
// remotes, keyboards. Devices plugged in later are opened as they appear in the
// watched folder; one that disappears is dropped without error. Keys are delivered in
// the order each device reports them, presses, releases and repeats (the kernel's
// values 1, 0 and 2), stamped with the kernel's time of the event.
type Remote struct {
	cfg     RemoteConfig
	keyMap  KeyMap
	keys    *memory.Input // the ordered, unbounded event queue
	watcher *fsnotify.Watcher
	done    chan struct{}
	wg      sync.WaitGroup

	mu      sync.Mutex
	devs    map[string]*os.File // nil while opening
	ignored map[string]bool     // devices without a mapped key
	failed  map[string]bool     // devices that could not be opened, reported once
	closed  bool
}

// OpenRemote opens the event devices of cfg.Paths, or those of cfg.Dir and the ones
// that appear there later.
func OpenRemote(cfg RemoteConfig) (*Remote, error) {
	r := &Remote{
		cfg: cfg, keyMap: cfg.KeyMap, keys: memory.NewInput(nil), done: make(chan struct{}),
		devs: map[string]*os.File{}, ignored: map[string]bool{}, failed: map[string]bool{},
	}
	if r.keyMap == nil {
		r.keyMap = DefaultKeyMap()
	}
	if len(cfg.Paths) > 0 {
		for _, p := range cfg.Paths {
			if err := r.add(p); err != nil {
				_ = r.Close()
				return nil, err
			}
		}
		return r, nil
	}
	dir := cfg.dir()
	if _, err := os.Stat(dir); err != nil {
		_ = r.keys.Close()
		return nil, fmt.Errorf("linux: %w", err)
	}
	r.wg.Add(1)
	if w, err := newWatcher(); err == nil && w.Add(dir) == nil {
		r.watcher = w
		go r.watch()
	} else {
		if w != nil {
			_ = w.Close()
		}
		go r.poll(dir)
	}
	r.scan(dir) // after the watch has started: a device plugged in now is not missed
	return r, nil
}

// Events returns the key events; the channel is closed by Close.
func (r *Remote) Events() <-chan hardware.KeyEvent { return r.keys.Events() }

// Devices returns the paths of the devices being read, sorted.
func (r *Remote) Devices() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ps []string
	for p, f := range r.devs {
		if f != nil {
			ps = append(ps, p)
		}
	}
	sort.Strings(ps)
	return ps
}

// Close stops reading, releases the devices (and their grabs) and closes Events.
func (r *Remote) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	var files []*os.File
	for _, f := range r.devs {
		if f != nil {
			files = append(files, f)
		}
	}
	r.mu.Unlock()
	close(r.done)
	if r.watcher != nil {
		_ = r.watcher.Close()
	}
	for _, f := range files {
		_ = f.Close()
	}
	r.wg.Wait()
	return r.keys.Close()
}

func isEventDevice(path string) bool {
	n, ok := strings.CutPrefix(filepath.Base(path), "event")
	if !ok || n == "" {
		return false
	}
	return strings.Trim(n, "0123456789") == ""
}

func (r *Remote) scan(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		r.report(fmt.Errorf("linux: %w", err))
		return
	}
	for _, e := range ents {
		if p := filepath.Join(dir, e.Name()); isEventDevice(p) {
			r.tryAdd(p)
		}
	}
}

// watch opens the event devices created in the folder. A device node may appear
// before udev lets us read it: the change of mode that follows brings a new try.
func (r *Remote) watch() {
	defer r.wg.Done()
	for {
		select {
		case <-r.done:
			return
		case ev, ok := <-r.watcher.Events:
			if !ok {
				return
			}
			if isEventDevice(ev.Name) && ev.Has(fsnotify.Create|fsnotify.Chmod) {
				r.retry(ev.Name)
				r.tryAdd(ev.Name)
			}
		case err, ok := <-r.watcher.Errors:
			if !ok {
				return
			}
			r.report(fmt.Errorf("linux: watching input devices: %w", err))
		}
	}
}

// poll lists the folder now and then, where inotify is not available.
func (r *Remote) poll(dir string) {
	defer r.wg.Done()
	d := r.cfg.PollInterval
	if d <= 0 {
		d = 2 * time.Second
	}
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-r.done:
			return
		case <-t.C:
			r.scan(dir)
		}
	}
}

func (r *Remote) report(err error) {
	if r.cfg.OnError != nil {
		r.cfg.OnError(err)
	}
}

// retry forgets that a device had no mapped key: its capabilities may have changed.
func (r *Remote) retry(path string) {
	r.mu.Lock()
	delete(r.ignored, path)
	r.mu.Unlock()
}

// tryAdd adds a device found in the folder. A device that cannot be opened is tried
// again the next time it is seen; its error is reported once.
func (r *Remote) tryAdd(path string) {
	err := r.add(path)
	r.mu.Lock()
	first := err != nil && !r.failed[path]
	if err == nil {
		delete(r.failed, path)
	} else {
		r.failed[path] = true
	}
	r.mu.Unlock()
	if first && !errors.Is(err, fs.ErrNotExist) {
		r.report(err)
	}
}

// add opens a device and starts reading it, unless it is open already, ignored, or
// has none of the mapped keys.
func (r *Remote) add(path string) error {
	r.mu.Lock()
	if _, open := r.devs[path]; open || r.closed || r.ignored[path] {
		r.mu.Unlock()
		return nil
	}
	r.devs[path] = nil // reserved while opening
	r.mu.Unlock()
	f, err := r.open(path)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil || f == nil || r.closed {
		delete(r.devs, path)
		if f != nil {
			_ = f.Close()
		}
		if f == nil && err == nil {
			r.ignored[path] = true
		}
		return err
	}
	r.devs[path] = f
	r.wg.Add(1)
	go r.read(path, f)
	return nil
}

// open opens and grabs a device; it returns nil, nil for a device without keys.
func (r *Remote) open(path string) (*os.File, error) {
	dev := r.cfg.Devices
	f, err := dev.open(path, os.O_RDONLY)
	if err != nil {
		return nil, fmt.Errorf("linux: %w", err)
	}
	var bits [keyBytes]byte
	if err := dev.ioctl(f, eviocGBitKey, unsafe.Pointer(&bits)); err == nil && !r.hasMappedKey(bits[:]) {
		_ = f.Close()
		return nil, nil
	}
	if r.cfg.Grab {
		if err := dev.ioctlValue(f, eviocGrab, 1); err != nil {
			r.report(fmt.Errorf("linux: EVIOCGRAB %s: %w", path, err))
		}
	}
	return f, nil
}

func (r *Remote) hasMappedKey(bits []byte) bool {
	for c := range r.keyMap {
		if int(c)/8 < len(bits) && bits[c/8]&(1<<(c%8)) != 0 {
			return true
		}
	}
	return false
}

// read delivers a device's key events until it fails or disappears.
func (r *Remote) read(path string, f *os.File) {
	defer r.wg.Done()
	buf := make([]byte, 64*evSize)
	have := 0
	for {
		n, err := f.Read(buf[have:])
		have += n
		k := 0
		for ; k+evSize <= have; k += evSize {
			r.event(decodeEvent(buf[k:]))
		}
		have = copy(buf, buf[k:have])
		if err != nil {
			break
		}
	}
	r.mu.Lock()
	if r.devs[path] == f {
		delete(r.devs, path)
	}
	r.mu.Unlock()
	_ = f.Close()
}

func (r *Remote) event(ev inputEvent) {
	if ev.Type != evKey || ev.Value < valueRelease || ev.Value > valueRepeat {
		return
	}
	k, ok := r.keyMap[ev.Code]
	if !ok || !k.Valid() {
		return
	}
	_ = r.keys.Send(hardware.KeyEvent{
		Key: k, Pressed: ev.Value != valueRelease, Repeat: ev.Value == valueRepeat,
		Time: time.Unix(int64(ev.Sec), int64(ev.Usec)*1000),
	})
}
