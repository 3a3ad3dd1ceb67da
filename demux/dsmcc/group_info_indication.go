package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// GroupInfoIndication is the private data of a data carousel's DSI (two-layer data
// carousel): the groups, each described by a DII. Slices alias the input.
// Specification: ETSI EN 301 192 §8.1.1 table 39 (GroupInfoIndication); ETSI TR 101 202 §4.6.
//
//	NumberOfGroups                 16
//	{ GroupId                      32
//	  GroupSize                    32
//	  GroupCompatibility            (compatibilityDescriptorLength 16 + bytes)
//	  GroupInfoLength              16
//	  GroupInfoByte                 GroupInfoLength bytes } * NumberOfGroups
//	PrivateDataLength              16
//	privateDataByte                 PrivateDataLength bytes
type GroupInfoIndication struct {
	Groups      []GroupInfo
	PrivateData []byte
}

// GroupInfo describes one group of a data carousel.
type GroupInfo struct {
	GroupID   uint32
	GroupSize uint32
	// GroupCompatibility holds the compatibilityDescriptor bytes after its length field.
	GroupCompatibility []byte
	GroupInfo          []byte
}

// Unmarshal reads a GroupInfoIndication from b and returns its length.
func (g *GroupInfoIndication) Unmarshal(b []byte) (int, error) {
	r := bitio.NewReader(b)
	n := int(r.Uint16())
	g.Groups = g.Groups[:0]
	for i := 0; i < n && r.Err() == nil; i++ {
		var gi GroupInfo
		gi.GroupID = r.Uint32()
		gi.GroupSize = r.Uint32()
		gi.GroupCompatibility = r.Bytes(int(r.Uint16()))
		gi.GroupInfo = r.Bytes(int(r.Uint16()))
		g.Groups = append(g.Groups, gi)
	}
	g.PrivateData = r.Bytes(int(r.Uint16()))
	return r.Offset(), readErr("GroupInfoIndication", r)
}

// MarshalSize returns the encoded length.
func (g *GroupInfoIndication) MarshalSize() int {
	n := 4 + len(g.PrivateData)
	for _, gi := range g.Groups {
		n += 12 + len(gi.GroupCompatibility) + len(gi.GroupInfo)
	}
	return n
}

// MarshalTo encodes g into b.
func (g *GroupInfoIndication) MarshalTo(b []byte) (int, error) {
	return marshalTo(g, "GroupInfoIndication", b)
}

// Marshal encodes g.
func (g *GroupInfoIndication) Marshal() ([]byte, error) { return marshal(g, "GroupInfoIndication") }

func (g *GroupInfoIndication) appendTo(w *bitio.Writer) error {
	if err := fits("NumberOfGroups", len(g.Groups), 16); err != nil {
		return err
	}
	if err := fits("PrivateDataLength", len(g.PrivateData), 16); err != nil {
		return err
	}
	w.Uint16(uint16(len(g.Groups)))
	for i, gi := range g.Groups {
		if len(gi.GroupCompatibility) > 0xFFFF || len(gi.GroupInfo) > 0xFFFF {
			return fmt.Errorf("%w: group %d: compatibility %d, info %d bytes", ErrFieldOverflow, i,
				len(gi.GroupCompatibility), len(gi.GroupInfo))
		}
		w.Uint32(gi.GroupID)
		w.Uint32(gi.GroupSize)
		w.Uint16(uint16(len(gi.GroupCompatibility)))
		w.Bytes(gi.GroupCompatibility)
		w.Uint16(uint16(len(gi.GroupInfo)))
		w.Bytes(gi.GroupInfo)
	}
	w.Uint16(uint16(len(g.PrivateData)))
	w.Bytes(g.PrivateData)
	return nil
}
