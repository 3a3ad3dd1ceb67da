package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// biopObject is implemented by the typed BIOP messages (DirectoryMessage, FileMessage,
// StreamMessage, StreamEventMessage): they convert to and from the generic BIOPMessage.
type biopObject interface {
	Decode(m *BIOPMessage) error
	BIOP() (BIOPMessage, error)
}

// unmarshalObject reads a BIOP message from b and decodes it into o.
func unmarshalObject(o biopObject, b []byte) (int, error) {
	var m BIOPMessage
	n, err := m.Unmarshal(b)
	if err != nil {
		return 0, err
	}
	return n, o.Decode(&m)
}

func objectSize(o biopObject) int {
	m, err := o.BIOP()
	if err != nil {
		return 0
	}
	return m.MarshalSize()
}

func objectMarshalTo(o biopObject, b []byte) (int, error) {
	m, err := o.BIOP()
	if err != nil {
		return 0, err
	}
	return m.MarshalTo(b)
}

func objectMarshal(o biopObject) ([]byte, error) {
	m, err := o.BIOP()
	if err != nil {
		return nil, err
	}
	return m.Marshal()
}

// checkKind returns an error unless m is of one of the kinds.
func checkKind(m *BIOPMessage, kinds ...string) (string, error) {
	k := m.Kind()
	for _, want := range kinds {
		if k == want {
			return k, nil
		}
	}
	return k, fmt.Errorf("%w: objectKind %q, want %q", ErrObjectKind, m.ObjectKind, kinds)
}

// finish writes w's bytes as a 16-bit-length objectInfo, checking the length.
func objectInfoBytes(w *bitio.Writer, what string) ([]byte, error) {
	if err := fits(what+" objectInfo_length", len(w.B), 16); err != nil {
		return nil, err
	}
	return w.B, nil
}
