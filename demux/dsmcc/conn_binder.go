package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// ConnBinder is the DSM::ConnBinder lite component: the taps that lead to the object's
// module. In DVB object carousels the first tap is a BIOP_DELIVERY_PARA_USE tap whose
// selector gives the transactionId of the DII that describes the module.
// Specification: ETSI TR 101 202 §4.7.3.2 table 4.5.
//
//	componentId_tag        32 (0x49534F40)
//	component_data_length   8
//	taps_count              8
//	BIOP::Tap * taps_count
type ConnBinder struct {
	Taps []Tap
}

// Unmarshal reads a whole ConnBinder component (tag and length included) from b and returns
// its length.
func (c *ConnBinder) Unmarshal(b []byte) (int, error) {
	r := bitio.NewReader(b)
	if tag := r.Uint32(); r.Err() == nil && tag != TagConnBinder {
		return 0, fmt.Errorf("%w: componentId_tag 0x%08X is not ConnBinder", ErrNoObjectLocation, tag)
	}
	data := r.Bytes(int(r.Uint8()))
	if err := readErr("DSM::ConnBinder", r); err != nil {
		return 0, err
	}
	return r.Offset(), c.unmarshalData(data)
}

func (c *ConnBinder) unmarshalData(data []byte) error {
	r := bitio.NewReader(data)
	c.Taps = readTaps(r, c.Taps)
	return readErr("DSM::ConnBinder", r)
}

func (c *ConnBinder) dataSize() int { return tapsSize(c.Taps) }

// MarshalSize returns the encoded length, tag and length included.
func (c *ConnBinder) MarshalSize() int { return 5 + c.dataSize() }

// MarshalTo encodes c into b.
func (c *ConnBinder) MarshalTo(b []byte) (int, error) { return marshalTo(c, "DSM::ConnBinder", b) }

// Marshal encodes c.
func (c *ConnBinder) Marshal() ([]byte, error) { return marshal(c, "DSM::ConnBinder") }

func (c *ConnBinder) appendTo(w *bitio.Writer) error {
	if err := fits("component_data_length", c.dataSize(), 8); err != nil {
		return err
	}
	w.Uint32(TagConnBinder)
	w.Uint8(uint8(c.dataSize()))
	return appendTaps(w, c.Taps)
}

// DeliveryPara returns the first BIOP_DELIVERY_PARA_USE tap and its selector's DII
// transactionId and timeout.
func (c *ConnBinder) DeliveryPara() (tap Tap, transactionID, timeout uint32, ok bool) {
	for _, t := range c.Taps {
		if t.Use == TapUseBIOPDeliveryPara {
			tid, to, ok := t.DeliveryParaSelector()
			return t, tid, to, ok
		}
	}
	return Tap{}, 0, 0, false
}
