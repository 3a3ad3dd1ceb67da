package dsmcc

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// wire is what every wire structure implements.
type wire interface {
	MarshalSize() int
	MarshalTo(b []byte) (int, error)
	Marshal() ([]byte, error)
}

// checkRoundTrip is the fuzz and case-table property (STYLE T2): when unmarshal accepts b,
// Marshal succeeds, MarshalSize is exact, MarshalTo refuses a short buffer, and
// unmarshalling the encoding gives an equal value. norm clears computed fields (such as
// messageLength) before the comparison.
func checkRoundTrip[T any, P interface {
	*T
	wire
}](t testing.TB, b []byte, unmarshal func(P, []byte) error, norm func(P)) (P, bool) {
	t.Helper()
	v := P(new(T))
	if err := unmarshal(v, b); err != nil {
		return nil, false
	}
	enc, err := v.Marshal()
	require.NoError(t, err)
	require.Len(t, enc, v.MarshalSize())
	if len(enc) > 0 {
		_, err = v.MarshalTo(make([]byte, len(enc)-1))
		require.ErrorIs(t, err, ErrShortBuffer)
	}
	w := P(new(T))
	require.NoError(t, unmarshal(w, enc), "re-unmarshal of %x", enc)
	if norm != nil {
		norm(v)
		norm(w)
	}
	require.Equal(t, v, w)
	return v, true
}

// withN adapts an Unmarshal that returns a length.
func withN[P any](f func(P, []byte) (int, error)) func(P, []byte) error {
	return func(p P, b []byte) error {
		_, err := f(p, b)
		return err
	}
}
