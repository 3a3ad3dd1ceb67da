package netsrc

import (
	"encoding/binary"
	"fmt"
)

// PayloadTypeMP2T is the static RTP payload type of MPEG-2 transport streams.
// Specification: RFC 3551 table 5, RFC 2250 §2.
const PayloadTypeMP2T = 33

// RTP fixed header.
// Specification: RFC 3550 §5.1 and §5.3.1.
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|V=2|P|X|  CC   |M|     PT      |       sequence number         |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                           timestamp                           |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|           synchronization source (SSRC) identifier            |
//	+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
//	|            contributing source (CSRC) identifiers             |
//	|                             ....                              |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|      defined by profile       |           length              |  X == 1
//	|                        header extension (length words)        |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                 payload ... | padding | padding count (P == 1) |
const (
	rtpHeaderSize   = 12
	rtpVersion      = 2
	rtpVersionShift = 6
	rtpPaddingMask  = 0x20
	rtpExtMask      = 0x10
	rtpCSRCMask     = 0x0F
	rtpPTMask       = 0x7F
	rtpExtHeader    = 4
)

// RTPHeader is what the reader keeps of an RTP header.
type RTPHeader struct {
	PayloadType    uint8
	SequenceNumber uint16
	Timestamp      uint32
	SSRC           uint32
}

// Unmarshal reads the header of pkt and returns its payload, which aliases pkt.
func (h *RTPHeader) Unmarshal(pkt []byte) (payload []byte, err error) {
	if len(pkt) < rtpHeaderSize {
		return nil, fmt.Errorf("%w: %d bytes, the header needs %d", ErrRTP, len(pkt), rtpHeaderSize)
	}
	if v := pkt[0] >> rtpVersionShift; v != rtpVersion {
		return nil, fmt.Errorf("%w: version %d", ErrRTP, v)
	}
	h.PayloadType = pkt[1] & rtpPTMask
	h.SequenceNumber = binary.BigEndian.Uint16(pkt[2:])
	h.Timestamp = binary.BigEndian.Uint32(pkt[4:])
	h.SSRC = binary.BigEndian.Uint32(pkt[8:])
	end := len(pkt)
	if pkt[0]&rtpPaddingMask != 0 {
		pad := int(pkt[end-1])
		if pad == 0 || pad > end-rtpHeaderSize {
			return nil, fmt.Errorf("%w: %d bytes of padding in %d", ErrRTP, pad, end)
		}
		end -= pad
	}
	off := rtpHeaderSize + 4*int(pkt[0]&rtpCSRCMask)
	if pkt[0]&rtpExtMask != 0 {
		if off+rtpExtHeader > end {
			return nil, fmt.Errorf("%w: extension header past the end (%d > %d)", ErrRTP, off+rtpExtHeader, end)
		}
		off += rtpExtHeader + 4*int(binary.BigEndian.Uint16(pkt[off+2:]))
	}
	if off > end {
		return nil, fmt.Errorf("%w: header of %d bytes in a packet of %d", ErrRTP, off, end)
	}
	return pkt[off:end], nil
}
