package lua

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Cancelling a timer of a VM that stopped (and dropped its timers) reports
// false instead of touching the emptied heap: the NCL player cancels its
// media timers as it shuts down.
func TestCancelAfterStop(t *testing.T) {
	vm, err := New(Options{Clock: NewVirtualClock(time.Unix(0, 0))})
	require.NoError(t, err)
	var cancels []func() bool
	require.NoError(t, vm.Post(func() {
		for range 3 {
			cancels = append(cancels, vm.After(time.Second, func() {}))
		}
	}))
	vm.Start()
	require.NoError(t, vm.Sync())
	vm.Stop()
	<-vm.Done()
	for _, c := range cancels {
		require.False(t, c())
	}
}
