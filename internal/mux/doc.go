// Package mux is the multiplexer behind `antena mux`: it puts an application folder on the
// air as a DSM-CC object carousel with its signalling, as a standalone data service or
// added to an existing transport stream, with stream events and test emergency warnings.
//
// # What it writes
//
//   - PAT and PMT (every 100 ms). The PMT lists the AIT (stream_type 0x05 with
//     application_signalling_descriptor 0x6F), the carousel (0x0B with
//     stream_identifier 0x52, carousel_identifier 0x13, data_broadcast_id 0x66 — 0x00F0
//     for Ginga, 0x0123 for HbbTV — and association_tag 0x14) and, with events, the
//     stream event stream (0x0C with 0x52). With an input stream, its program's PMT keeps
//     every stream and descriptor and takes the next version_number.
//   - The AIT (every 500 ms): one application, Ginga-NCL (0x0009) with the Ginga-NCL
//     application_location_descriptor (base "/", initial class = the entry file) or HbbTV
//     (0x0010) with the simple_application_location_descriptor; application, name and
//     object-carousel transport descriptors.
//   - The carousel (dsmcc.Builder): each cycle sends DSI and DIIs, then every block of
//     every module, at the carousel rate; DSI and DIIs are repeated every 500 ms within
//     the cycle. A rebuilt carousel (Watch) goes on at the next section boundary, its
//     changed modules first.
//   - Standalone streams are constant-rate: the mux rate (what the content needs, or the
//     one asked for) is filled with null packets, and a PCR (in an adaptation-field-only
//     packet of the carousel PID) goes out every 40 ms. A finite stream ends with a PCR.
//   - With an input stream, every packet of its programs is kept, unchanged and in order.
//     The mux's packets take the place of its null packets (and of its old PMT, and PAT or
//     NIT when the mux replaces them); when those do not come soon enough, packets are
//     inserted, which raises the rate between two of the input's PCRs and leaves the PCR
//     values as they were. The input is timed by interpolating the PCRs of its program's
//     PCR PID; stream time 0 is its first packet.
//
// # The timeline
//
// Times (events, warnings) are stream time: from the first packet of the output, as the
// PCR counts it.
//
//   - Stream events: the carousel gets a stream event object (default path "events") that
//     names the events (ids 1, 2, ... in order of first use) with a tap to the event stream.
//     EventsNow sends a "do it now" section (stream_event_descriptor with eventNPT 0;
//     table_id_extension = eventId, a new version_number for each firing) at the event's
//     time, repeated every 250 ms for 2 s or until the next firing of the same event.
//     EventsNPT sends an NPT_reference_descriptor every second (NPT = stream time, scale
//     1/1) and each event's section (eventNPT = its time in 90 kHz) every 500 ms during the
//     5 s before it.
//   - ISDB warnings (EWBS): at a warning's start and end the PMT (and an NIT, made for the
//     purpose or taken from the input) take a new version with an
//     emergency_information_descriptor 0xFC in their first loop: start_end_flag 1 from the
//     start, 0 from the end.
//   - SCTE-18: a cable_emergency_alert on PID 0x1FFB from its start, every second for its
//     duration; alert_message_time_remaining (up to 120 s) or event_duration says when
//     receivers end it.
//
// Run writes the stream to an io.Writer, paced in real time when asked (network outputs);
// Output opens files, stdout and UDP (unicast or multicast, IPv4 or IPv6). The Summary
// says what went out: modules, sizes, the cycle time at the carousel rate, packets.
package mux
