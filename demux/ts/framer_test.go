package ts

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// makeStream returns n packets of the given spacing; packet i has PID i and its index in
// the payload so that a test can check order and content.
func makeStream(n, spacing int) []byte {
	var out []byte
	for i := 0; i < n; i++ {
		if spacing == PacketSizeM2TS {
			out = append(out, 0x12, 0x34, 0x56, byte(i)) // timecode
		}
		p := make([]byte, PacketSize)
		p[0] = SyncByte
		p[1], p[2], p[3] = byte(i>>8)&0x1F, byte(i), 0x10|byte(i&0xF)
		for k := 4; k < PacketSize; k++ {
			p[k] = byte(i + k) // payload; may contain 0x47
		}
		out = append(out, p...)
		if spacing == PacketSizeRS {
			out = append(out, bytes.Repeat([]byte{0xAB}, 16)...)
		}
	}
	return out
}

func collect(t *testing.T, stream []byte, chunk func() int) (*Framer, []uint16) {
	t.Helper()
	var pids []uint16
	f := NewFramer(func(p []byte) {
		require.Len(t, p, PacketSize)
		require.Equal(t, byte(SyncByte), p[0])
		pids = append(pids, PID(p))
	})
	for len(stream) > 0 {
		k := min(chunk(), len(stream))
		f.Write(stream[:k])
		stream = stream[k:]
	}
	f.Flush()
	return f, pids
}

func TestFramerSizesAndChunks(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, spacing := range []int{PacketSize, PacketSizeM2TS, PacketSizeRS} {
		for _, maxChunk := range []int{1, 7, 188, 1000, 1 << 20} {
			stream := makeStream(50, spacing)
			f, pids := collect(t, stream, func() int { return 1 + rng.IntN(maxChunk) })
			require.Equal(t, spacing, f.Size, "spacing %d chunk %d", spacing, maxChunk)
			require.Len(t, pids, 50, "spacing %d chunk %d", spacing, maxChunk)
			for i, pid := range pids {
				require.Equal(t, uint16(i), pid)
			}
			require.Zero(t, f.SyncLosses)
			if spacing == PacketSizeM2TS {
				require.Equal(t, int64(4), f.GarbageBytes) // the first timecode
			} else {
				require.Zero(t, f.GarbageBytes)
			}
		}
	}
}

func TestFramerResyncAfterGarbage(t *testing.T) {
	good := makeStream(20, PacketSize)
	var stream []byte
	stream = append(stream, []byte{0x47, 1, 2, 3, 0x47, 0x47, 9}...) // leading garbage with fake syncs
	stream = append(stream, good[:10*PacketSize]...)
	stream = append(stream, good[10*PacketSize:10*PacketSize+50]...) // a torn packet
	stream = append(stream, bytes.Repeat([]byte{0x47}, 3)...)
	stream = append(stream, good[11*PacketSize:]...)
	// With the next sync byte in the same chunk, the torn packet is recognised and dropped.
	f, pids := collect(t, stream, func() int { return 4096 })
	require.Len(t, pids, 19)
	require.Equal(t, uint16(9), pids[9])
	require.Equal(t, uint16(11), pids[10])
	require.Equal(t, int64(1), f.SyncLosses)
	require.Equal(t, int64(7+50+3), f.GarbageBytes)
	// When a packet ends its chunk it is handed out at once (no waiting for the next byte),
	// so the torn packet goes through and the packet after it is lost while resyncing;
	// continuity and CRC checks downstream catch the damage.
	for _, chunk := range []int{1, 100} {
		f, pids := collect(t, stream, func() int { return chunk })
		require.Equal(t, int64(1), f.SyncLosses)
		require.Len(t, pids, 19, "chunk %d", chunk)
		for i := 0; i < 10; i++ {
			require.Equal(t, uint16(i), pids[i])
		}
		require.Equal(t, uint16(19), pids[18])
	}
}

func TestFramerShortStreams(t *testing.T) {
	for n := 1; n <= 5; n++ {
		f, pids := collect(t, makeStream(n, PacketSize), func() int { return 4096 })
		require.Len(t, pids, n, "n=%d", n)
		require.Zero(t, f.GarbageBytes)
	}
	_, pids := collect(t, makeStream(1, PacketSize)[:100], func() int { return 4096 })
	require.Empty(t, pids)
	_, pids = collect(t, bytes.Repeat([]byte{0x47}, 1000), func() int { return 13 })
	require.NotPanics(t, func() {})
	_ = pids
}

func TestFramerNoAllocs(t *testing.T) {
	stream := makeStream(100, PacketSize)
	f := NewFramer(func([]byte) {})
	f.Write(stream)
	allocs := testing.AllocsPerRun(100, func() {
		f.Write(stream[:1000])
		f.Write(stream[1000 : 100*PacketSize])
	})
	require.Zero(t, allocs)
}

func FuzzFramer(f *testing.F) {
	f.Add(makeStream(5, PacketSize), uint16(100))
	f.Add(makeStream(5, PacketSizeM2TS), uint16(7))
	f.Add(makeStream(5, PacketSizeRS), uint16(1000))
	f.Add([]byte{0x47, 0x47, 0x47}, uint16(1))
	f.Fuzz(func(t *testing.T, b []byte, chunk uint16) {
		c := int(chunk%2048) + 1
		total := 0
		fr := NewFramer(func(p []byte) {
			if len(p) != PacketSize || p[0] != SyncByte {
				t.Fatalf("bad packet %d bytes", len(p))
			}
			total++
		})
		for len(b) > 0 {
			k := min(c, len(b))
			fr.Write(b[:k])
			b = b[k:]
		}
		fr.Flush()
		if int64(total) != fr.Packets {
			t.Fatalf("count %d vs %d", total, fr.Packets)
		}
	})
}
