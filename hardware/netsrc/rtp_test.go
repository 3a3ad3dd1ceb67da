package netsrc

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"
)

// rtpPacket builds an RTP packet: the fixed header, csrcs, an extension of ext words,
// the payload and pad bytes of padding.
func rtpPacket(pt uint8, seq uint16, csrcs, ext, pad int, payload []byte) []byte {
	b := []byte{
		rtpVersion<<rtpVersionShift | byte(csrcs), // V=2, P, X, CC
		pt,   // M=0, PT
		0, 0, // sequence number
		0, 0, 0x0B, 0xB8, // timestamp 3000
		0xDE, 0xAD, 0xBE, 0xEF, // SSRC
	}
	binary.BigEndian.PutUint16(b[2:], seq)
	for i := range csrcs {
		b = append(b, 0, 0, 0, byte(i+1)) // CSRC
	}
	if ext >= 0 {
		b[0] |= rtpExtMask
		b = append(b, 0xBE, 0xDE, byte(ext>>8), byte(ext)) // profile, length in words
		for range ext {
			b = append(b, 1, 2, 3, 4)
		}
	}
	b = append(b, payload...)
	if pad > 0 {
		b[0] |= rtpPaddingMask
		for range pad - 1 {
			b = append(b, 0)
		}
		b = append(b, byte(pad)) // padding count
	}
	return b
}

var casesRTP = []struct {
	name    string
	pkt     []byte
	payload []byte
	err     bool
}{
	{"plain", rtpPacket(33, 7, 0, -1, 0, []byte{0x47, 1, 2}), []byte{0x47, 1, 2}, false},
	{"csrc", rtpPacket(33, 7, 3, -1, 0, []byte{0x47}), []byte{0x47}, false},
	{"extension", rtpPacket(33, 7, 0, 2, 0, []byte{0x47, 9}), []byte{0x47, 9}, false},
	{"empty extension", rtpPacket(33, 7, 1, 0, 0, []byte{0x47}), []byte{0x47}, false},
	{"padding", rtpPacket(33, 7, 2, 1, 4, []byte{0x47, 8}), []byte{0x47, 8}, false},
	{"no payload", rtpPacket(33, 7, 0, -1, 0, nil), []byte{}, false},
	{"short", []byte{0x80, 33, 0, 1}, nil, true},
	{"version 1", append([]byte{0x40}, rtpPacket(33, 7, 0, -1, 0, []byte{1})[1:]...), nil, true},
	{"header only", rtpPacket(33, 7, 0, -1, 0, nil)[:12:12], []byte{}, false},
	{"padding too long", func() []byte {
		b := rtpPacket(33, 7, 0, -1, 0, []byte{1, 2})
		b[0] |= rtpPaddingMask
		b[13] = 40
		return b
	}(), nil, true},
	{"zero padding", func() []byte {
		b := rtpPacket(33, 7, 0, -1, 0, []byte{1, 0})
		b[0] |= rtpPaddingMask
		return b
	}(), nil, true},
	{"extension past the end", func() []byte { b := rtpPacket(33, 7, 0, 1, 0, nil); return b[:14] }(), nil, true},
	{"extension words past the end", func() []byte {
		b := rtpPacket(33, 7, 0, 1, 0, nil)
		b[15] = 9
		return b
	}(), nil, true},
	{"csrc count past the end", func() []byte {
		b := rtpPacket(33, 7, 0, -1, 0, []byte{1})
		b[0] |= 0x0F
		return b
	}(), nil, true},
}

func TestRTPHeader(t *testing.T) {
	for _, c := range casesRTP {
		var h RTPHeader
		p, err := h.Unmarshal(c.pkt)
		if c.err {
			require.ErrorIs(t, err, ErrRTP, c.name)
			continue
		}
		require.NoError(t, err, c.name)
		require.Equal(t, c.payload, p, c.name)
		require.Equal(t, RTPHeader{PayloadType: 33, SequenceNumber: 7, Timestamp: 3000, SSRC: 0xDEADBEEF}, h, c.name)
	}
}

func FuzzRTPHeader(f *testing.F) {
	for _, c := range casesRTP {
		f.Add(c.pkt)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var h RTPHeader
		p, err := h.Unmarshal(b)
		if err == nil {
			require.LessOrEqual(t, len(p), len(b)-rtpHeaderSize)
		}
	})
}

func BenchmarkRTPHeader(b *testing.B) {
	pkt := rtpPacket(33, 7, 0, -1, 0, make([]byte, 7*188))
	b.ReportAllocs()
	var h RTPHeader
	for b.Loop() {
		if _, err := h.Unmarshal(pkt); err != nil {
			b.Fatal(err)
		}
	}
}
