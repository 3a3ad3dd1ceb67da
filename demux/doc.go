// Package demux is Antena's transport-stream demultiplexer: a push-model Demuxer that
// follows PAT and PMT, assembles the sections of every signalling PID, decodes PAT, PMT,
// NIT, SDT and AIT, spots emergency warnings (ISDB-Tb/ARIB emergency_information_descriptor
// 0xFC in the PMT and NIT first loops, SCTE-18 cable_emergency_alert 0xD8), and reports
// each event through Handlers called synchronously in the goroutine that calls Write, the
// moment the last byte of the section that completes it arrives.
//
// # Latency and cost
//
// Bytes go in with Write or ReadFrom, in chunks of any size. The framer (demux/ts) hands out
// packets that alias the caller's chunk; a packet of a PID nobody follows costs a header
// read, a continuity check and a counter increment, and no allocation. Sections of followed
// PIDs are assembled per PID (demux/psi); one that lies whole in one packet is delivered
// without a copy. Repeats of a section already seen (PSI is repeated every 100 ms) are
// recognised by table, extension, section number, version and CRC and cost one comparison.
// In steady state the Demuxer allocates nothing per packet (TestDemuxerZeroAllocsSteadyState).
// ReadFrom reads regular files in 1 MiB chunks and every other source (pipes, sockets,
// devices) in LiveChunk (16,356-byte) chunks, so buffering adds no latency to a live stream.
//
// # What comes from go-astits, and why not more
//
// github.com/asticode/go-astits is the design's package for MPEG-TS. We measured its
// Demuxer.NextData loop on the benchmark mux (BENCHMARKS.md): about 0.5 GB/s with about 2
// allocations and 460 bytes per packet, against about 3 GB/s and no allocation for this
// package in the same run. It also cannot serve the receiver's signalling: it treats
// only PAT, PMT and a few SI PIDs as PSI, stops parsing at any table_id it does not know
// (0x3B-0x3D DSM-CC, 0x74 AIT, 0xD8 SCTE-18), and holds non-PMT sections until the next
// unit start on their PID (for an NIT every 10 s, up to 10 s of delay on an emergency
// flag). Its section parsers are unexported, so they cannot be called on sections we
// assemble ourselves. We therefore use it where it serves without being in the hot path:
// as the independent decoder that tests compare our PAT/PMT decoding against on real
// captures (TestDemuxerMatchesAstitsOnSamples), and as the peer every demux benchmark runs
// beside. Framing, section assembly and the tables are written here.
//
// # Memory
//
// What a hostile stream can make the Demuxer hold is bounded: section buffers of 4 KB for
// the PIDs it follows, at most 64 AIT collectors, and at most 16 DSM-CC PIDs, each carousel
// bounded by Options.CarouselLimits (dsmcc's defaults: 64 MiB a carousel). A box with little
// memory sets lower limits; the defaults suit a desktop.
//
// # Errors
//
// I/O errors are returned by ReadFrom. Malformed input (CRC errors, bad lengths, continuity
// breaks, undecodable tables) is counted in Stats and PIDStats, reported through
// Handlers.DecodeError, and processing goes on.
package demux
