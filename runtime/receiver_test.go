package runtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/hardware/memory"
	rlua "github.com/antena-tv/antena/runtime/lua"
)

// blankingDisplay is a memory display that records blanking, like a framebuffer.
type blankingDisplay struct {
	*memory.Display
	blanked []bool
}

func (d *blankingDisplay) Blank() error   { d.blanked = append(d.blanked, true); return nil }
func (d *blankingDisplay) Unblank() error { d.blanked = append(d.blanked, false); return nil }

// Standby turns the panel off and back on where the display can do it.
func TestStandbyBlanksTheDisplay(t *testing.T) {
	d := &blankingDisplay{Display: memory.NewDisplay(320, 180)}
	r, err := New(Options{Display: d, Clock: rlua.NewVirtualClock(time.Unix(0, 0))})
	require.NoError(t, err)
	defer r.Close()
	r.SetStandby(true)
	require.True(t, r.Standby())
	r.SetStandby(false)
	require.False(t, r.Standby())
	require.Equal(t, []bool{true, false}, d.blanked)
}
