package psi

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// NIT is the network information table (actual or other network).
// Specification: ETSI EN 300 468 §5.2.1, table 2; ABNT NBR 15603-2 (ISDB-Tb).
//
//	table_id_extension = network_id
//	reserved 4 | network_descriptors_length 12 | descriptors
//	reserved 4 | transport_stream_loop_length 12
//	{ transport_stream_id 16 | original_network_id 16 | reserved 4 | transport_descriptors_length 12 | descriptors }
type NIT struct {
	TableID            uint8
	NetworkID          uint16
	VersionNumber      uint8
	SectionNumber      uint8
	LastSectionNumber  uint8
	NetworkDescriptors []Descriptor
	TransportStreams   []NITTransportStream
}

// NITTransportStream is one entry of the NIT's transport stream loop.
type NITTransportStream struct {
	TransportStreamID uint16
	OriginalNetworkID uint16
	Descriptors       []Descriptor
}

// Unmarshal decodes one whole NIT section.
func (n *NIT) Unmarshal(sec []byte) error {
	h, _, err := ParseHeader(sec)
	if err != nil {
		return err
	}
	if (h.TableID != TableIDNITActual && h.TableID != TableIDNITOther) || !h.SectionSyntaxIndicator {
		return fmt.Errorf("%w: 0x%02X in a NIT", ErrUnexpectedTable, h.TableID)
	}
	n.TableID, n.NetworkID, n.VersionNumber = h.TableID, h.TableIDExtension, h.VersionNumber
	n.SectionNumber, n.LastSectionNumber = h.SectionNumber, h.LastSectionNumber
	r := bitio.NewReader(Body(sec))
	r.Skip(4)
	nd := r.Bytes(int(r.Bits(12)))
	r.Skip(4)
	loop := r.Sub(int(r.Bits(12)))
	if r.Err() != nil {
		return fmt.Errorf("%w: NIT: %w", ErrLengthOverrun, r.Err())
	}
	if n.NetworkDescriptors, err = ParseDescriptors(n.NetworkDescriptors[:0], nd); err != nil {
		return err
	}
	n.TransportStreams = n.TransportStreams[:0]
	for loop.Len() > 0 {
		var ts NITTransportStream
		ts.TransportStreamID = loop.Uint16()
		ts.OriginalNetworkID = loop.Uint16()
		loop.Skip(4)
		d := loop.Bytes(int(loop.Bits(12)))
		if loop.Err() != nil {
			return fmt.Errorf("%w: NIT transport stream %d: %w", ErrLengthOverrun, len(n.TransportStreams), loop.Err())
		}
		if ts.Descriptors, err = ParseDescriptors(nil, d); err != nil {
			return err
		}
		n.TransportStreams = append(n.TransportStreams, ts)
	}
	return nil
}

// Marshal encodes the NIT as one section.
func (n *NIT) Marshal() ([]byte, error) {
	var w bitio.Writer
	nd := appendDescriptors(nil, n.NetworkDescriptors)
	w.Bits(4, 0xF)
	w.Bits(12, uint64(len(nd)))
	w.Bytes(nd)
	var loop []byte
	for _, ts := range n.TransportStreams {
		d := appendDescriptors(nil, ts.Descriptors)
		loop = append(loop, byte(ts.TransportStreamID>>8), byte(ts.TransportStreamID),
			byte(ts.OriginalNetworkID>>8), byte(ts.OriginalNetworkID), 0xF0|byte(len(d)>>8), byte(len(d)))
		loop = append(loop, d...)
	}
	w.Bits(4, 0xF)
	w.Bits(12, uint64(len(loop)))
	w.Bytes(loop)
	tid := n.TableID
	if tid == 0 {
		tid = TableIDNITActual
	}
	return AppendLongSection(nil, Header{TableID: tid, TableIDExtension: n.NetworkID, VersionNumber: n.VersionNumber,
		CurrentNextIndicator: true, SectionNumber: n.SectionNumber, LastSectionNumber: n.LastSectionNumber}, w.B, MaxSectionPS)
}
