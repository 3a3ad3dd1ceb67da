package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// BIOP tap use values.
// Specification: ETSI TR 101 202 table 4.3; ISO/IEC 13818-6 §5.6.1 (tap uses).
const (
	TapUseStrNPT             = 0x000B // STR_NPT_USE
	TapUseStrStatusAndEvent  = 0x000C // STR_STATUS_AND_EVENT_USE
	TapUseStrEvent           = 0x000D // STR_EVENT_USE
	TapUseStrStatus          = 0x000E // STR_STATUS_USE
	TapUseBIOPDeliveryPara   = 0x0016 // BIOP_DELIVERY_PARA_USE
	TapUseBIOPObject         = 0x0017 // BIOP_OBJECT_USE
	TapUseBIOPES             = 0x0018 // BIOP_ES_USE
	TapUseBIOPProgram        = 0x0019 // BIOP_PROGRAM_USE
	SelectorTypeMessage      = 0x0001 // selector_type of a BIOP_DELIVERY_PARA_USE tap
	deliveryParaSelectorSize = 10
)

// Tap is a BIOP::Tap: a reference to an elementary stream by association_tag. Selector
// aliases the input.
// Specification: ETSI TR 101 202 §4.7.3.2 table 4.6; ISO/IEC 13818-6 §5.6.1.
//
//	id               16
//	use              16
//	association_tag  16
//	selector_length   8
//	selector_data     selector_length bytes
type Tap struct {
	ID             uint16
	Use            uint16
	AssociationTag uint16
	Selector       []byte
}

// Unmarshal reads a tap from b and returns its length.
func (t *Tap) Unmarshal(b []byte) (int, error) {
	r := bitio.NewReader(b)
	t.read(r)
	return r.Offset(), readErr("BIOP::Tap", r)
}

func (t *Tap) read(r *bitio.Reader) {
	t.ID = r.Uint16()
	t.Use = r.Uint16()
	t.AssociationTag = r.Uint16()
	t.Selector = r.Bytes(int(r.Uint8()))
}

// MarshalSize returns the encoded length.
func (t *Tap) MarshalSize() int { return 7 + len(t.Selector) }

// MarshalTo encodes t into b.
func (t *Tap) MarshalTo(b []byte) (int, error) { return marshalTo(t, "BIOP::Tap", b) }

// Marshal encodes t.
func (t *Tap) Marshal() ([]byte, error) { return marshal(t, "BIOP::Tap") }

func (t *Tap) appendTo(w *bitio.Writer) error {
	if err := fits("selector_length", len(t.Selector), 8); err != nil {
		return err
	}
	w.Uint16(t.ID)
	w.Uint16(t.Use)
	w.Uint16(t.AssociationTag)
	w.Uint8(uint8(len(t.Selector)))
	w.Bytes(t.Selector)
	return nil
}

// DeliveryParaSelector decodes the selector of a BIOP_DELIVERY_PARA_USE tap:
// selector_type 16 (0x0001) | transactionId 32 (of the DII to use) | timeout 32.
func (t *Tap) DeliveryParaSelector() (transactionID, timeout uint32, ok bool) {
	s := t.Selector
	if len(s) < deliveryParaSelectorSize || uint16(s[0])<<8|uint16(s[1]) != SelectorTypeMessage {
		return 0, 0, false
	}
	r := bitio.NewReader(s[2:deliveryParaSelectorSize])
	return r.Uint32(), r.Uint32(), true
}

// NewDeliveryParaTap returns a BIOP_DELIVERY_PARA_USE tap pointing at the DII with the given
// transactionId on the stream with the given association tag.
func NewDeliveryParaTap(associationTag uint16, transactionID, timeout uint32) Tap {
	var w bitio.Writer
	w.Uint16(SelectorTypeMessage)
	w.Uint32(transactionID)
	w.Uint32(timeout)
	return Tap{Use: TapUseBIOPDeliveryPara, AssociationTag: associationTag, Selector: w.B}
}

// readTaps reads taps_count (8) taps.
func readTaps(r *bitio.Reader, dst []Tap) []Tap {
	n := int(r.Uint8())
	dst = dst[:0]
	for i := 0; i < n && r.Err() == nil; i++ {
		var t Tap
		t.read(r)
		dst = append(dst, t)
	}
	return dst
}

func tapsSize(taps []Tap) int {
	n := 1
	for i := range taps {
		n += taps[i].MarshalSize()
	}
	return n
}

func appendTaps(w *bitio.Writer, taps []Tap) error {
	if err := fits("taps_count", len(taps), 8); err != nil {
		return err
	}
	w.Uint8(uint8(len(taps)))
	for i := range taps {
		if err := taps[i].appendTo(w); err != nil {
			return fmt.Errorf("tap %d: %w", i, err)
		}
	}
	return nil
}
