// Package alert decodes and encodes the emergency-warning signalling of digital TV and turns
// it into Alert values with start, update and end events. It does no I/O and starts no
// goroutines: the demultiplexer hands it sections (or their descriptor loops) and a clock.
//
// Two systems are covered:
//
//   - ISDB-T / ISDB-Tb EWBS: the emergency_information_descriptor (tag 0xFC) of the PMT
//     program_info loop and of the NIT first loop (EmergencyInformationDescriptor,
//     AppendEmergencyInformation).
//   - US cable EAS: the cable_emergency_alert section, table_id 0xD8 (CableEmergencyAlert),
//     with its ATSC multiple_string_structure texts (LangString) and its in-band details
//     and exception descriptors.
//
// Tracker is the state machine: it merges repetitions and carriers of the same warning
// into one alert, detects updates, ends alerts when the signalling says so, when it stops
// asserting them, or when their time runs out. Its doc states the rules.
//
// Decoders take []byte and their results alias it (texts' Segments, Descriptors); Alert
// values own their memory. Unmarshal into a reused value reuses its slices. Every length
// and count is checked against what remains before it is used; errors wrap the sentinels
// of errors.go and carry the numbers. Decoders do not check CRC_32: the section assembler
// does (psi.CheckCRC). Encoders (Marshal) write reserved bits as 1s, so that a decoded real
// section re-encodes to the same bytes; they serve `antena mux --ewbs` and `--scte18`.
//
// Specifications:
//   - ARIB STD-B10 Part 2 §6.2.24 (emergency_information_descriptor) and Annex D (area
//     codes); ARIB TR-B14 (operation: PMT first loop); ABNT NBR 15603-2 (ISDB-Tb).
//   - ANSI/SCTE 18 (J-STD-042, "Emergency Alert Messaging for Cable") §5 (the section,
//     alert_priority; §5.1.1-§5.1.2: descriptors 0x00 and 0x01), §6 (transmission), §7
//     (receivers).
//   - ATSC A/65 §6.10 (multiple_string_structure: compression_type, mode) and Annex C (the
//     Huffman tables, not implemented: Huffman-coded text is flagged, not decoded).
//   - ISO/IEC 13818-1 §2.4.4 (sections, descriptors).
//
// See also the shared project docs EMERGENCY.md (receiver behaviour) and WIRE-FORMATS.md
// §2.11-§2.12 (layouts verified against the samples).
package alert
