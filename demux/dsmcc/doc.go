// Package dsmcc reads and writes DSM-CC object carousels and stream events: the way DVB
// (MHP, HbbTV) and ISDB-Tb (Ginga) broadcasters deliver applications and their files, and
// the events that synchronise applications with the programme.
//
// Reading: a Carousel acquires sections into an io/fs.FS. Writing: a Builder turns an
// fs.FS into DSI, DII and DDB sections for `antena mux`; rebuilds keep object keys and
// module placement and bump only the modules whose bytes changed.
//
// # Specifications
//
// ISO/IEC 13818-6 (DSM-CC: download messages §7, stream descriptors §8, sections §9),
// ETSI TR 101 202 (DVB object carousel: BIOP, IOR, taps, transactionId), ETSI EN 301 192
// (data carousels, GroupInfoIndication), ETSI TS 102 809 and TS 102 796 (HbbTV stream
// events). The layouts, checked against real captures, are in docs/WIRE-FORMATS.md §2.2-2.9.
//
// # Wire structures
//
// Each structure has Unmarshal and MarshalSize/MarshalTo/Marshal, so that `antena mux`
// can build carousels: DSI, DII and DDB messages (with MessageHeader), ServiceGatewayInfo,
// GroupInfoIndication, IOR with BIOPProfileBody (ObjectLocation, ConnBinder, Tap),
// ModuleInfo and CompressedModuleDescriptor, BIOPMessage and its typed forms
// (DirectoryMessage, FileMessage, StreamMessage, StreamEventMessage), and the stream
// descriptors NPTReferenceDescriptor (0x17), NPTEndpointDescriptor (0x18),
// StreamModeDescriptor (0x19) and StreamEventDescriptor (0x1A). Decoded slices alias the
// input. AppendDSISection, AppendDIISection and AppendDDBSection wrap messages in
// sections.
//
// # Acquiring a carousel
//
// A Carousel takes whole sections of tables 0x3B (DSI, DII) and 0x3C (DDB) through Feed,
// or as the psi.SectionHandler of the carousel PIDs' psi.Assembler, and grows an io/fs.FS
// of the object tree while modules arrive. Carousel implements fs.FS, fs.ReadDirFS,
// fs.StatFS and fs.ReadFileFS on its current Snapshot; a Snapshot is immutable, so walk
// c.Snapshot() for a consistent view while the carousel changes. Progress says which
// modules and blocks are missing and which files the resolved directories name but do
// not have yet; Info gives what the DSI says (the service gateway's ObjectLocation and the
// ConnBinder tap whose association_tag the Demuxer maps to a PID) and the DIIs; module
// taps are in Progress. Events (file added, changed, removed; module complete; carousel
// complete; carousel replaced; data carousel) go to Config.OnEvent, synchronously on the
// feeding goroutine, outside the carousel's lock: the handler must not block.
//
// Object names: a '/' inside a name separates sub-paths (as libdsmcc does) and makes
// implicit directories; '?' and '$' are ordinary characters. Empty names or elements,
// "." and "..", and NUL bytes inside a name are rejected with ErrBadName; a directory
// that contains one of its ancestors is rejected with ErrCycle. So no path escapes the
// root, and every path is an fs.ValidPath. Stream and stream event objects appear as
// irregular files; their FileInfo.Sys() is an *ObjectInfo with the decoded message, and
// Snapshot.StreamEvents lists them with their event names, ids and event tap.
//
// # Stream events
//
// StreamEvents tracks the 0x3D sections of one stream-event PID. "Do it now" events are
// those with eventNPT 0 (HbbTV and the IRT test streams use table_id_extension = eventId,
// eventNPT 0 and a new version_number per event); they are returned by Section as soon as
// their section completes. Other events wait until the NPT, derived from the latest
// NPT_reference_descriptor as NPT_Reference + (STC - STC_Reference) * scaleNumerator /
// scaleDenominator with the STC taken from the PCR the caller passes to Advance, reaches
// their eventNPT. A section that repeats the last one (same table_id_extension, version
// and content) fires nothing. SetNames takes the names of a stream event object.
//
// # Limits
//
// Limits bounds memory; past a limit the offending module, object or block is dropped
// with an ErrLimit decode error that names the limit and the numbers. Defaults:
// MaxCarouselBytes 64 MiB (sum over modules of max(moduleSize, original_size)),
// MaxModuleSize 16 MiB, MaxInflatedSize 32 MiB, MaxObjects 65536 (objects and tree nodes),
// MaxOrphanBlocks 4096 and MaxOrphanBytes 16 MiB. The tree is at most 128 levels deep.
// Every length read from the stream is checked against what contains it (bitio.Reader),
// and decoding never panics.
//
// # What existing receivers get wrong, and what this one does
//
//   - Blocks keyed by section_number (at most 256 blocks: 1 MB modules fail, TSDuck
//     #1719): blocks are keyed by (downloadId, moduleId, moduleVersion, blockNumber) from
//     the DDB message, and copied at blockNumber*blockSize.
//   - Blocks that arrive before their DII dropped (MythTV, libdsmcc): they are kept, bounded
//     and oldest first out, and used when the DII comes, so a receiver that joins anywhere
//     in the loop completes within one cycle plus the DII repetition interval.
//   - Compression guessed from a missing "BIOP" magic (rb-download, OpenCaster): the
//     compressed_module_descriptor (0x09) of the ModuleInfo decides; the compression_method
//     byte (0x08 or 0x78) is not checked; the inflater is read to original_size + 1 bytes
//     at most, so a zlib bomb is an ErrInflatedSize error that costs no more than its
//     declared size.
//   - Updates: a new moduleVersion, or a new size at the same version (MythTV's ITV4
//     workaround), acquires the module again; the previous version stays in the tree until
//     the new one is complete, then the files that differ are reported changed. A new DSI
//     transactionId remounts the carousel (a new generation); completed modules that the new
//     DIIs announce unchanged are reused without waiting for their blocks, and the previous
//     snapshot stays readable until the new tree resolves.
//   - DIIs matched by the exact transactionId of the DSI's tap: the RAI carousel's DSI names
//     DII 0x80000002 and sends 0x80030003. DIIs are keyed by the transactionId's
//     identification (bits 15-1), which updates keep.
//   - A data carousel's DSI misread as an IOR: a DSI whose private data is a
//     GroupInfoIndication gives ErrDataCarousel and EventDataCarousel.
//   - Descriptors 0x13/0x66 required to find a carousel (DVB Inspector #65): not needed;
//     the DSI gives the carousel id and the tap.
//   - Stream event descriptors with wrong tags (OpenCaster writes 0x01/0x02 for NPT
//     descriptors) or reserved bits checked (IRT writes 0s, RAI 1s): tags are 0x17-0x1A and
//     reserved bits are ignored.
//   - str and ste objects left out (TSDuck, libdsmcc, demuxfs, MythTV): both are decoded.
//
// The tree is extended, not rebuilt, as modules complete: the new snapshot shares the
// unchanged nodes of the previous one, so acquisition costs O(objects) overall.
package dsmcc
