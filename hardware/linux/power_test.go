package linux

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

type fakeBlanker struct {
	calls []string
	fail  error
}

func (f *fakeBlanker) Blank() error   { f.calls = append(f.calls, "blank"); return f.fail }
func (f *fakeBlanker) Unblank() error { f.calls = append(f.calls, "unblank"); return f.fail }

func TestPower(t *testing.T) {
	d := &fakeBlanker{}
	p := NewPower(d)
	var changes []PowerState
	p.OnChange = func(s PowerState) { changes = append(changes, s) }
	require.Equal(t, PowerOn, p.State())
	require.NoError(t, p.Wake())
	require.NoError(t, p.Standby())
	require.NoError(t, p.Standby())
	require.Equal(t, PowerStandby, p.State())
	require.NoError(t, p.Wake())
	require.Equal(t, []string{"blank", "unblank"}, d.calls)
	require.Equal(t, []PowerState{PowerStandby, PowerOn}, changes)

	d.fail = errors.New("no")
	require.ErrorIs(t, p.Standby(), d.fail)
	require.Equal(t, PowerOn, p.State(), "a failed blank leaves the state")
	require.NoError(t, NewPower(nil).Standby())
	require.Equal(t, "standby", PowerStandby.String())
}
