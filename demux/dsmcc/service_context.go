package dsmcc

import "github.com/antena-tv/antena/internal/bitio"

// ServiceContext is one entry of a serviceContextList (in BIOP messages and the
// ServiceGatewayInfo). ContextData aliases the input.
// Specification: ETSI TR 101 202 §4.7.4 table 4.10.
//
//	context_id           32
//	context_data_length  16
//	context_data_byte    context_data_length bytes
type ServiceContext struct {
	ContextID   uint32
	ContextData []byte
}

// readServiceContexts reads serviceContextList_count (8) entries.
func readServiceContexts(r *bitio.Reader, dst []ServiceContext) []ServiceContext {
	n := int(r.Uint8())
	dst = dst[:0]
	for i := 0; i < n && r.Err() == nil; i++ {
		id := r.Uint32()
		dst = append(dst, ServiceContext{ContextID: id, ContextData: r.Bytes(int(r.Uint16()))})
	}
	return dst
}

func serviceContextsSize(l []ServiceContext) int {
	n := 1
	for _, c := range l {
		n += 6 + len(c.ContextData)
	}
	return n
}

func appendServiceContexts(w *bitio.Writer, l []ServiceContext) error {
	if err := fits("serviceContextList_count", len(l), 8); err != nil {
		return err
	}
	w.Uint8(uint8(len(l)))
	for _, c := range l {
		if err := fits("context_data_length", len(c.ContextData), 16); err != nil {
			return err
		}
		w.Uint32(c.ContextID)
		w.Uint16(uint16(len(c.ContextData)))
		w.Bytes(c.ContextData)
	}
	return nil
}
