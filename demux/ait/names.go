package ait

import "fmt"

// ApplicationType is the application_type of an AIT (15 bits): the kind of application the
// table signals, which also selects the table's sub-table (with test_application_flag).
// The same number means different things in DVB and in ISDB-Tb (Brazil): see Name.
// Specification: ETSI TS 102 809 §5.3.4 and the DVB Services registry; ABNT NBR 15606-3.
type ApplicationType uint16

// Application types. 0x0008 is MHEG-5 in DVB and "Ginga" in ABNT: it is not Ginga-J, which
// shares 0x0001 with DVB-J.
const (
	ApplicationTypeDVBJ     ApplicationType = 0x0001 // DVB-J (MHP); Ginga-J in ISDB-Tb
	ApplicationTypeGingaJ   ApplicationType = 0x0001 // ABNT NBR 15606-4
	ApplicationTypeDVBHTML  ApplicationType = 0x0002
	ApplicationTypeMHEG5    ApplicationType = 0x0008 // DVB / ORB; "Ginga" in ABNT
	ApplicationTypeGingaNCL ApplicationType = 0x0009 // ABNT NBR 15606-3
	ApplicationTypeHbbTV    ApplicationType = 0x0010 // ETSI TS 102 796
)

// Region selects the registry an application_type is read against.
type Region uint8

// Regions for ApplicationType.Name.
const (
	RegionAny    Region = iota // both names where they differ
	RegionDVB                  // DVB / MHP / HbbTV (ETSI)
	RegionISDBTb               // ISDB-Tb / SBTVD (ABNT)
)

// String returns the name of t valid in every region, e.g. "DVB-J (MHP) / Ginga-J (ISDB-Tb)".
func (t ApplicationType) String() string { return t.Name(RegionAny) }

// Name returns the name of t in region r. Types a region does not use keep the name their
// registry gives them; unknown types are shown as "application_type 0x0123".
func (t ApplicationType) Name(r Region) string {
	switch t {
	case ApplicationTypeDVBJ:
		return regionName(r, "DVB-J (MHP)", "Ginga-J", "DVB-J (MHP) / Ginga-J (ISDB-Tb)")
	case ApplicationTypeDVBHTML:
		return "DVB-HTML"
	case ApplicationTypeMHEG5:
		return regionName(r, "MHEG-5", "Ginga", "MHEG-5 (DVB) / Ginga (ABNT)")
	case ApplicationTypeGingaNCL:
		return "Ginga-NCL"
	case ApplicationTypeHbbTV:
		return "HbbTV"
	}
	return fmt.Sprintf("application_type 0x%04X", uint16(t))
}

func regionName(r Region, dvb, isdb, both string) string {
	switch r {
	case RegionDVB:
		return dvb
	case RegionISDBTb:
		return isdb
	}
	return both
}

// ControlCode is an application_control_code: what the receiver does with the application.
// Specification: ETSI TS 102 809 §5.3.4; TS 101 812 §10.
type ControlCode uint8

// Application control codes.
const (
	ControlCodeAutostart         ControlCode = 0x01
	ControlCodePresent           ControlCode = 0x02
	ControlCodeDestroy           ControlCode = 0x03
	ControlCodeKill              ControlCode = 0x04
	ControlCodePrefetch          ControlCode = 0x05
	ControlCodeRemote            ControlCode = 0x06
	ControlCodeDisabled          ControlCode = 0x07
	ControlCodePlaybackAutostart ControlCode = 0x08
)

var controlCodeNames = [...]string{
	ControlCodeAutostart:         "AUTOSTART",
	ControlCodePresent:           "PRESENT",
	ControlCodeDestroy:           "DESTROY",
	ControlCodeKill:              "KILL",
	ControlCodePrefetch:          "PREFETCH",
	ControlCodeRemote:            "REMOTE",
	ControlCodeDisabled:          "DISABLED",
	ControlCodePlaybackAutostart: "PLAYBACK_AUTOSTART",
}

// String returns the specification's name of c, e.g. "AUTOSTART".
func (c ControlCode) String() string {
	if int(c) < len(controlCodeNames) && controlCodeNames[c] != "" {
		return controlCodeNames[c]
	}
	return fmt.Sprintf("application_control_code 0x%02X", uint8(c))
}

// ProtocolID is the protocol_id of a transport_protocol_descriptor.
// Specification: ETSI TS 102 809 §5.3.6.
type ProtocolID uint16

// Transport protocols.
const (
	ProtocolObjectCarousel ProtocolID = 0x0001 // DSM-CC object carousel
	ProtocolIPMPE          ProtocolID = 0x0002 // IP via DVB multiprotocol encapsulation
	ProtocolHTTP           ProtocolID = 0x0003 // HTTP over the interaction channel
)

// String returns the name of p, e.g. "object carousel".
func (p ProtocolID) String() string {
	switch p {
	case ProtocolObjectCarousel:
		return "object carousel"
	case ProtocolIPMPE:
		return "IP via MPE"
	case ProtocolHTTP:
		return "HTTP"
	}
	return fmt.Sprintf("protocol_id 0x%04X", uint16(p))
}

// Visibility is the visibility field of an application_descriptor.
// Specification: ETSI TS 102 809 §5.3.5 (application descriptor).
type Visibility uint8

// Visibility values (2 is reserved).
const (
	VisibilityNotVisibleAll   Visibility = 0 // neither users nor other applications see it
	VisibilityNotVisibleUsers Visibility = 1 // other applications see it, users do not
	VisibilityVisibleAll      Visibility = 3
)

// String returns the specification's name of v.
func (v Visibility) String() string {
	switch v {
	case VisibilityNotVisibleAll:
		return "NOT_VISIBLE_ALL"
	case VisibilityNotVisibleUsers:
		return "NOT_VISIBLE_USERS"
	case VisibilityVisibleAll:
		return "VISIBLE_ALL"
	}
	return fmt.Sprintf("visibility %d", uint8(v))
}
