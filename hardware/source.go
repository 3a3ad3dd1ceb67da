package hardware

// MaxLiveRead is the most a live Source returns from one Read: 16 KB, a little more
// than demux.LiveChunk (87 packets), so that a Demuxer reading a live source with
// ReadFrom gets every byte as soon as it arrives and buffering adds no latency.
const MaxLiveRead = 16 << 10

// Source is a transport-stream source: a file, a network stream, a tuner's dvr device.
// It is an io.ReadCloser, made to be handed to demux.Demuxer.ReadFrom, which pushes
// whatever each Read returns through the demultiplexer at once.
//
// The pull shape suits every source: a file or a socket is read where the bytes are, a
// Demuxer needs no goroutine or queue of its own, and a Source that waits (a tuner
// without signal, a network stream being reconnected) blocks only its reader.
type Source interface {
	// Read reads the next bytes of the stream. A live source returns what it has as
	// soon as it has some, at most MaxLiveRead bytes a call, and may split a packet
	// across reads. A finite stream ends with io.EOF; a live one ends only when it is
	// closed or fails.
	Read(p []byte) (n int, err error)
	// Close stops the source. A Read blocked in another goroutine returns; Reads
	// after Close return an error wrapping ErrClosed.
	Close() error
}
