// Package ait reads and writes the Application Information Table (AIT): the
// application_information_section, table_id 0x74, that tells an interactive receiver which
// applications a service offers (DVB-J/MHP, DVB-HTML, HbbTV, Ginga-J, Ginga-NCL), what to do
// with them (AUTOSTART, PRESENT, KILL, ...) and where their files are (object carousel
// component, HTTP URL).
//
// Reading: Section.Unmarshal decodes one section; every descriptor of the AIT tag space is
// decoded into its own type (ApplicationDescriptor, TransportProtocolDescriptor, ...), in wire
// order, and unknown tags are kept as RawDescriptor. Collector gathers the sections of a
// table (section_number/last_section_number) and reports each new version once.
// Application.Name, Transports, Entry, URL and ObjectCarousel answer what an application
// manager needs. Decoded values alias the section bytes.
//
// Writing: build a Section (or a Table, which Sections splits at 1024 bytes) from the same
// types and call Marshal (reserved bits are written as 1). Unmarshal(Marshal(x)) gives x back
// for any x that Unmarshal produced, and for built values in the same canonical form: empty
// slices as nil, the remote-carousel fields set only with RemoteConnection, Selector only for
// protocols other than 0x0001 and 0x0003, and a RawDescriptor only for tags this package does
// not decode in that table (an application_type other than Ginga-NCL keeps 0x06/0x07 raw).
//
// Regions differ: application_type 0x0001 is DVB-J in DVB and Ginga-J in ISDB-Tb, 0x0008 is
// MHEG-5 in DVB and "Ginga" in ABNT, and descriptor tags 0x06/0x07 are the Ginga-NCL
// application and location descriptors only in a Ginga-NCL (0x0009) table. ApplicationType
// has a per-region Name.
//
// Decoding never panics and bounds every length by its container; a malformed section gives
// an error wrapping one of the sentinels of errors.go. Bytes after the last field a structure
// defines are ignored, as receivers must for later revisions of the specifications.
//
// Specifications:
//   - ETSI TS 102 809 (Signalling and carriage of interactive applications and services in
//     hybrid broadcast/broadband environments) §5.3: the AIT and its descriptors.
//   - ETSI TS 101 812 (MHP 1.0.3) §10: AIT, DVB-J and DVB-HTML descriptors.
//   - ETSI TS 102 796 (HbbTV): simple application location, forming the URL.
//   - ABNT NBR 15606-3 (Ginga-NCL) and 15606-4 (Ginga-J): application types and the Ginga-NCL
//     descriptors 0x06/0x07 (layouts as in OpenCaster MHP/Descriptors.py and demuxfs ait.c).
//   - ETSI EN 300 468 annex A: text of application names (package dvbtext).
//   - ISO/IEC 13818-1 §2.4.4: private section syntax, CRC_32 (package psi).
package ait
