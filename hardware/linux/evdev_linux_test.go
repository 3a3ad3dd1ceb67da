package linux

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/fsnotify/fsnotify"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/antena-tv/antena/hardware"
)

// fakeInput makes event devices out of pipes: opening a device's path gives the read
// end of its pipe, and the test writes input_event records into the other end.
type fakeInput struct {
	mu      sync.Mutex
	readers map[string]*os.File
	keys    map[uintptr][]uint16 // EV_KEY capabilities by descriptor; none: ENOTTY
	denied  map[string]bool
	grabs   []uintptr
	fds     map[string]uintptr
}

func newFakeInput() *fakeInput {
	return &fakeInput{readers: map[string]*os.File{}, keys: map[uintptr][]uint16{}, denied: map[string]bool{},
		fds: map[string]uintptr{}}
}

func rawFD(t *testing.T, f *os.File) uintptr {
	t.Helper()
	rc, err := f.SyscallConn()
	require.NoError(t, err)
	var fd uintptr
	require.NoError(t, rc.Control(func(d uintptr) { fd = d }))
	return fd
}

// add makes the device at path, reporting the given key codes (nil: the ioctl fails,
// as on a pipe), and returns the end to write events into.
func (f *fakeInput) add(t *testing.T, path string, keys []uint16) *os.File {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	t.Cleanup(func() { w.Close(); r.Close() })
	f.mu.Lock()
	defer f.mu.Unlock()
	f.readers[path] = r
	f.fds[path] = rawFD(t, r)
	if keys != nil {
		f.keys[f.fds[path]] = keys
	}
	return w
}

func (f *fakeInput) open(name string, _ int) (*os.File, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.denied[name] {
		return nil, &os.PathError{Op: "open", Path: name, Err: unix.EACCES}
	}
	r, ok := f.readers[name]
	if !ok {
		return nil, &os.PathError{Op: "open", Path: name, Err: unix.ENOENT}
	}
	return r, nil
}

func (f *fakeInput) Ioctl(fd uintptr, req uint, arg unsafe.Pointer) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	keys, ok := f.keys[fd]
	if req != eviocGBitKey || !ok {
		return unix.ENOTTY
	}
	bits := (*[keyBytes]byte)(arg)
	for _, c := range keys {
		bits[c/8] |= 1 << (c % 8)
	}
	return nil
}

func (f *fakeInput) IoctlValue(fd uintptr, req uint, arg uintptr) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if req != eviocGrab || arg != 1 {
		return unix.ENOTTY
	}
	f.grabs = append(f.grabs, fd)
	return nil
}

func (f *fakeInput) devices() Devices { return Devices{Open: f.open, Ioctl: f} }

// event encodes an input_event as the kernel lays it out.
func event(sec, usec int, typ, code uint16, value int32) []byte {
	b := make([]byte, evSize)
	ne := binary.NativeEndian
	if ptrSize == 8 {
		ne.PutUint64(b, uint64(sec))
		ne.PutUint64(b[8:], uint64(usec))
	} else {
		ne.PutUint32(b, uint32(sec))
		ne.PutUint32(b[4:], uint32(usec))
	}
	ne.PutUint16(b[2*ptrSize:], typ)
	ne.PutUint16(b[2*ptrSize+2:], code)
	ne.PutUint32(b[2*ptrSize+4:], uint32(value))
	return b
}

func key(code string, value int32) []byte {
	c, ok := KeyCode(code)
	if !ok {
		panic(code)
	}
	return event(1_700_000_000, 250_000, evKey, c, value)
}

var syn = event(1_700_000_000, 250_000, 0, 0, 0)

func nextKey(t *testing.T, r *Remote) hardware.KeyEvent {
	t.Helper()
	select {
	case ev, ok := <-r.Events():
		require.True(t, ok, "events closed")
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no key event")
	}
	return hardware.KeyEvent{}
}

func TestDecodeEvent(t *testing.T) {
	ev := decodeEvent(event(12, 34, evKey, 0x160, 2))
	require.Equal(t, inputEvent{Sec: 12, Usec: 34, Type: evKey, Code: 0x160, Value: 2}, ev)
}

func TestRemoteKeys(t *testing.T) {
	fake := newFakeInput()
	w := fake.add(t, "/dev/input/event0", nil)
	r, err := OpenRemote(RemoteConfig{Paths: []string{"/dev/input/event0"}, Grab: true, Devices: fake.devices()})
	require.NoError(t, err)
	defer r.Close()
	require.Equal(t, []string{"/dev/input/event0"}, r.Devices())
	require.Len(t, fake.grabs, 1)

	var b []byte
	for _, e := range [][]byte{key("KEY_OK", 1), syn, key("KEY_OK", 2), syn, key("KEY_OK", 0), syn,
		key("KEY_F1", 1), key("KEY_F1", 0), key("KEY_NUMERIC_5", 1)} {
		b = append(b, e...)
	}
	red := append(key("KEY_RED", 1), key("KEY_RED", 0)...)
	_, err = w.Write(append(b, red[:5]...)) // a record split between two reads
	require.NoError(t, err)
	want := []string{"press ENTER", "repeat ENTER", "release ENTER", "press 5"}
	for _, s := range want {
		ev := nextKey(t, r)
		require.Equal(t, s, ev.String())
		require.Equal(t, time.Unix(1_700_000_000, 250_000_000), ev.Time)
	}
	_, err = w.Write(red[5:])
	require.NoError(t, err)
	require.Equal(t, "press RED", nextKey(t, r).String())
	require.Equal(t, "release RED", nextKey(t, r).String())

	// The device goes away: dropped, without error.
	require.NoError(t, w.Close())
	require.Eventually(t, func() bool { return len(r.Devices()) == 0 }, 5*time.Second, 5*time.Millisecond)
	require.NoError(t, r.Close())
	_, ok := <-r.Events()
	require.False(t, ok)
	require.NoError(t, r.Close())
}

func TestRemoteCustomKeyMap(t *testing.T) {
	fake := newFakeInput()
	w := fake.add(t, "ir", nil)
	m := DefaultKeyMap()
	home, _ := KeyCode("KEY_HOME")
	m[home] = hardware.KeyMenu
	r, err := OpenRemote(RemoteConfig{Paths: []string{"ir"}, KeyMap: m, Devices: fake.devices()})
	require.NoError(t, err)
	defer r.Close()
	require.Empty(t, fake.grabs)
	_, err = w.Write(key("KEY_HOME", 1))
	require.NoError(t, err)
	require.Equal(t, "press MENU", nextKey(t, r).String())

	_, err = OpenRemote(RemoteConfig{Paths: []string{"absent"}, Devices: fake.devices()})
	require.ErrorIs(t, err, os.ErrNotExist)
}

// hotplug runs the hot-plug scenario on a folder, watched or polled.
func hotplug(t *testing.T) {
	dir := t.TempDir()
	fake := newFakeInput()
	okOK, _ := KeyCode("KEY_OK")
	at := func(n string) string { return filepath.Join(dir, n) }
	w0 := fake.add(t, at("event0"), []uint16{okOK})
	require.NoError(t, os.WriteFile(at("event0"), nil, 0o600))
	fake.add(t, at("event2"), []uint16{0x110}) // a mouse: BTN_LEFT only
	require.NoError(t, os.WriteFile(at("event2"), nil, 0o600))
	require.NoError(t, os.WriteFile(at("mouse0"), nil, 0o600)) // not an event device
	errs := make(chan error, 10)
	cfg := RemoteConfig{Dir: dir, Devices: fake.devices(), PollInterval: 10 * time.Millisecond,
		OnError: func(err error) { errs <- err }}
	r, err := OpenRemote(cfg)
	require.NoError(t, err)
	defer r.Close()
	require.Equal(t, []string{at("event0")}, r.Devices(), "the mouse is left alone")
	_, err = w0.Write(key("KEY_UP", 1))
	require.NoError(t, err)
	require.Equal(t, "press CURSOR_UP", nextKey(t, r).String())

	// Plugged in later.
	w1 := fake.add(t, at("event1"), []uint16{okOK})
	require.NoError(t, os.WriteFile(at("event1"), nil, 0o600))
	require.Eventually(t, func() bool { return len(r.Devices()) == 2 }, 5*time.Second, 5*time.Millisecond)
	_, err = w1.Write(key("KEY_BLUE", 1))
	require.NoError(t, err)
	require.Equal(t, "press BLUE", nextKey(t, r).String())

	// A node that appears before it may be read: reported once, opened once allowed.
	fake.mu.Lock()
	fake.denied[at("event3")] = true
	fake.mu.Unlock()
	w3 := fake.add(t, at("event3"), nil)
	require.NoError(t, os.WriteFile(at("event3"), nil, 0o600))
	select {
	case err := <-errs:
		require.ErrorIs(t, err, os.ErrPermission)
	case <-time.After(5 * time.Second):
		t.Fatal("no error for the denied device")
	}
	fake.mu.Lock()
	delete(fake.denied, at("event3"))
	fake.mu.Unlock()
	require.NoError(t, os.Chmod(at("event3"), 0o644)) // what udev does
	require.Eventually(t, func() bool { return len(r.Devices()) == 3 }, 5*time.Second, 5*time.Millisecond)
	_, err = w3.Write(key("KEY_0", 1))
	require.NoError(t, err)
	require.Equal(t, "press 0", nextKey(t, r).String())

	// Unplugged.
	require.NoError(t, w1.Close())
	require.NoError(t, os.Remove(at("event1")))
	require.Eventually(t, func() bool { return len(r.Devices()) == 2 }, 5*time.Second, 5*time.Millisecond)
	require.NoError(t, r.Close())
	require.Empty(t, errs)
}

func TestRemoteHotplug(t *testing.T) { hotplug(t) }

func TestRemoteHotplugPolled(t *testing.T) {
	orig := newWatcher
	newWatcher = func() (*fsnotify.Watcher, error) { return nil, errors.New("no inotify") }
	defer func() { newWatcher = orig }()
	hotplug(t)
}
