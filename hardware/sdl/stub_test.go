//go:build !sdl

package sdl

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestOpenUnsupported(t *testing.T) {
	w, err := Open(Options{Width: 10, Height: 10})
	require.Nil(t, w)
	require.ErrorIs(t, err, errors.ErrUnsupported)
	ran := false
	Main(func() { ran = true })
	require.True(t, ran)
}
