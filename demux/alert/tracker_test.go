package alert

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
)

var (
	pmtE760 = Source{Table: TablePMT, ID: 0xE760, PID: 0x01F0}
	pmt0101 = Source{Table: TablePMT, ID: 0x0101, PID: 0x0100}
	nit7FE0 = Source{Table: TableNIT, ID: 0x7FE0, PID: psi.PIDNIT}
)

func info(sid uint16, start bool, level SignalLevel, areas ...uint16) EmergencyInformation {
	return EmergencyInformation{ServiceID: sid, StartEndFlag: start, SignalLevel: level, AreaCodes: areas}
}

// summary renders events compactly: "start E760", "update E760", "end E760 withdrawn".
func summary(evs []Event) []string {
	out := []string{}
	for _, e := range evs {
		id := e.Alert.ServiceID
		if e.Alert.System == SystemSCTE18 {
			id = e.Alert.EventID
		}
		s := fmt.Sprintf("%s %04X", e.Kind, id)
		if e.Kind == KindEnd {
			s += " " + e.Reason.String()
		}
		out = append(out, s)
	}
	return out
}

// TestTrackerISDBScenario reproduces synthetic_isdb_ewbs_0xFC.ts field by field without
// the file: PMT v1 (no 0xFC) ×3, PMT v2 start + NIT v2 same, PMT v3 end + NIT v3 without.
func TestTrackerISDBScenario(t *testing.T) {
	var tr Tracker
	start := []EmergencyInformation{info(0xE760, true, SignalLevelFirstKind, 0x5A5, 0x15A, 0xD27)}
	end := []EmergencyInformation{info(0xE760, false, SignalLevelFirstKind, 0x5A5, 0x15A, 0xD27)}

	for range 3 {
		require.Empty(t, tr.ObserveISDB(pmtE760, nil)) // PMT v1 (the Tracker also tolerates repeats)
	}
	require.Empty(t, tr.ObserveISDB(nit7FE0, nil)) // NIT v1

	evs := tr.ObserveISDB(pmtE760, start) // PMT v2
	want := Alert{
		System:      SystemISDB,
		ServiceID:   0xE760,
		SignalLevel: SignalLevelFirstKind,
		AreaCodes:   []uint16{0x5A5, 0x15A, 0xD27},
		Sources:     []Source{pmtE760},
	}
	require.Equal(t, []Event{{Kind: KindStart, Alert: want}}, evs)

	require.Empty(t, tr.ObserveISDB(nit7FE0, start)) // NIT v2: the same warning
	want.Sources = []Source{pmtE760, nit7FE0}
	require.Equal(t, []Alert{want}, tr.Active())

	evs = tr.ObserveISDB(pmtE760, end) // PMT v3
	require.Equal(t, []Event{{Kind: KindEnd, Reason: ReasonSignalled, Alert: want}}, evs)
	require.Empty(t, tr.ObserveISDB(nit7FE0, nil)) // NIT v3 drops it
	require.Empty(t, tr.Active())
	require.Empty(t, tr.sources)
}

// TestSyntheticSampleISDB runs the real file through a version filter, as the Demuxer
// does: only new versions of each PMT and NIT reach the Tracker.
func TestSyntheticSampleISDB(t *testing.T) {
	ts := readSample(t, "synthetic_isdb_ewbs_0xFC.ts")
	type obs struct {
		pkt    int
		src    Source
		events []Event
	}
	var got []obs
	var tr Tracker
	versions := map[Source]uint8{}
	var infos []EmergencyInformation
	// Interleave the two PIDs in stream order.
	var all []tsSection
	all = append(all, sectionsFromTS(t, ts, 0x01F0)...)
	all = append(all, sectionsFromTS(t, ts, psi.PIDNIT)...)
	byPacket := map[int]tsSection{}
	for _, s := range all {
		byPacket[s.pkt] = s
	}
	for pkt := 0; pkt < len(ts)/188; pkt++ {
		s, ok := byPacket[pkt]
		if !ok {
			continue
		}
		require.NoError(t, psi.CheckCRC(s.data))
		h, _, err := psi.ParseHeader(s.data)
		require.NoError(t, err)
		body := psi.Body(s.data)
		var src Source
		var loop []byte
		switch h.TableID {
		case psi.TableIDPMT:
			src = Source{Table: TablePMT, ID: h.TableIDExtension, PID: 0x01F0}
			n := int(body[2]&0x0F)<<8 | int(body[3]) // program_info_length
			loop = body[4 : 4+n]
		case psi.TableIDNITActual:
			src = Source{Table: TableNIT, ID: h.TableIDExtension, PID: psi.PIDNIT, SectionNumber: h.SectionNumber}
			n := int(body[0]&0x0F)<<8 | int(body[1]) // network_descriptors_length
			loop = body[2 : 2+n]
		default:
			t.Fatalf("table 0x%02X", h.TableID)
		}
		if v, seen := versions[src]; seen && v == h.VersionNumber {
			continue
		}
		versions[src] = h.VersionNumber
		infos, err = AppendEmergencyInformation(infos[:0], loop)
		require.NoError(t, err)
		got = append(got, obs{pkt, src, append([]Event(nil), tr.ObserveISDB(src, infos)...)})
	}
	pmt := Source{Table: TablePMT, ID: 0xE760, PID: 0x01F0}
	nit := Source{Table: TableNIT, ID: 0x7FE0, PID: psi.PIDNIT}
	a := Alert{System: SystemISDB, ServiceID: 0xE760, SignalLevel: SignalLevelFirstKind,
		AreaCodes: []uint16{0x5A5, 0x15A, 0xD27}, Sources: []Source{pmt}}
	aEnd := a
	aEnd.Sources = []Source{pmt, nit}
	require.Equal(t, []obs{
		{1, pmt, nil}, // PMT v1
		{2, nit, nil}, // NIT v1
		{10, pmt, []Event{{Kind: KindStart, Alert: a}}}, // PMT v2
		{11, nit, nil}, // NIT v2
		{19, pmt, []Event{{Kind: KindEnd, Reason: ReasonSignalled, Alert: aEnd}}}, // PMT v3
		{20, nit, nil}, // NIT v3
	}, got)
}

func TestTrackerISDBRules(t *testing.T) {
	type step struct {
		src   Source
		infos []EmergencyInformation
		want  []string
	}
	x := func(sid uint16) EmergencyInformation { return info(sid, true, SignalLevelFirstKind, 0x001) }
	xEnd := func(sid uint16) EmergencyInformation { return info(sid, false, SignalLevelFirstKind, 0x001) }
	ls := func(is ...EmergencyInformation) []EmergencyInformation { return is }
	for _, c := range []struct {
		name  string
		steps []step
	}{
		{"withdrawn by its only source", []step{
			{pmtE760, ls(x(0xE760)), []string{"start E760"}},
			{pmtE760, nil, []string{"end E760 withdrawn"}},
		}},
		{"withdrawn by the last of two sources", []step{
			{pmtE760, ls(x(0xE760)), []string{"start E760"}},
			{nit7FE0, ls(x(0xE760)), nil},
			{pmtE760, nil, nil},
			{nit7FE0, nil, []string{"end E760 withdrawn"}},
		}},
		{"explicit end by the NIT while the PMT carries it, then the PMT restarts it", []step{
			{pmtE760, ls(x(0xE760)), []string{"start E760"}},
			{nit7FE0, ls(xEnd(0xE760)), []string{"end E760 signalled"}},
			{pmtE760, ls(x(0xE760), x(0x0101)), []string{"start E760", "start 0101"}},
		}},
		{"start, end, start again: two alerts", []step{
			{pmtE760, ls(x(0xE760)), []string{"start E760"}},
			{pmtE760, ls(xEnd(0xE760)), []string{"end E760 signalled"}},
			{pmtE760, ls(xEnd(0xE760)), nil},
			{pmtE760, ls(x(0xE760)), []string{"start E760"}},
		}},
		{"end of an unknown warning is nothing", []step{
			{pmtE760, ls(xEnd(0xE760)), nil},
		}},
		{"level and areas changes are updates; sources joining are not", []step{
			{pmtE760, ls(x(0xE760)), []string{"start E760"}},
			{nit7FE0, ls(x(0xE760)), nil},
			{pmtE760, ls(info(0xE760, true, SignalLevelSecondKind, 0x001)), []string{"update E760"}},
			{pmtE760, ls(info(0xE760, true, SignalLevelSecondKind, 0x001, 0x002)), []string{"update E760"}},
			{pmtE760, ls(info(0xE760, true, SignalLevelSecondKind, 0x001, 0x002)), nil},
		}},
		{"one section replaces a warning by another", []step{
			{pmtE760, ls(x(0xE760)), []string{"start E760"}},
			{pmtE760, ls(x(0x0101)), []string{"end E760 withdrawn", "start 0101"}},
		}},
		{"explicit ends come before withdrawals and starts", []step{
			{pmtE760, ls(x(0xE760), x(0x0101)), []string{"start E760", "start 0101"}},
			{nit7FE0, ls(x(0x0202)), []string{"start 0202"}},
			{pmtE760, ls(x(0x0303), xEnd(0x0202)), []string{"end 0202 signalled", "end E760 withdrawn",
				"end 0101 withdrawn", "start 0303"}},
		}},
		{"within a section the last entry for a service counts", []step{
			{pmtE760, ls(x(0xE760), xEnd(0xE760)), nil},
			{pmtE760, ls(xEnd(0xE760), x(0xE760)), []string{"start E760"}},
			{pmt0101, ls(x(0xE760), xEnd(0xE760)), []string{"end E760 signalled"}},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var tr Tracker
			for i, s := range c.steps {
				got := summary(tr.ObserveISDB(s.src, s.infos))
				if s.want == nil {
					s.want = []string{}
				}
				require.Equal(t, s.want, got, "step %d", i)
			}
		})
	}
}

func TestTrackerISDBUpdateContent(t *testing.T) {
	var tr Tracker
	tr.ObserveISDB(pmtE760, []EmergencyInformation{info(0xE760, true, SignalLevelFirstKind, 0x5A5)})
	in := []EmergencyInformation{info(0xE760, true, SignalLevelSecondKind, 0x5A5, 0x15A)}
	evs := tr.ObserveISDB(nit7FE0, in)
	require.Equal(t, []Event{{Kind: KindUpdate, Alert: Alert{System: SystemISDB, ServiceID: 0xE760,
		SignalLevel: SignalLevelSecondKind, AreaCodes: []uint16{0x5A5, 0x15A},
		Sources: []Source{pmtE760, nit7FE0}}}}, evs)
	// The event is a copy: the caller's infos and later changes do not reach it.
	in[0].AreaCodes[0] = 0xFFF
	kept := evs[0]
	tr.ObserveISDB(pmtE760, []EmergencyInformation{info(0xE760, true, SignalLevelFirstKind, 0x001)})
	require.Equal(t, []uint16{0x5A5, 0x15A}, kept.Alert.AreaCodes)
	require.Equal(t, []Source{pmtE760, nit7FE0}, kept.Alert.Sources)
}

func TestTrackerReset(t *testing.T) {
	var tr Tracker
	tr.ObserveISDB(pmtE760, []EmergencyInformation{info(0xE760, true, 0), info(0x0101, true, 0)})
	tr.ObserveSCTE18(&CableEmergencyAlert{EASEventID: 7, AlertPriority: PriorityHigh}, 0)
	require.Equal(t, []string{"end E760 reset", "end 0101 reset", "end 0007 reset"}, summary(tr.Reset()))
	require.Empty(t, tr.Active())
	require.Empty(t, tr.Reset())
	// The same PMT version seen again after a retune starts the warning again.
	require.Equal(t, []string{"start E760"},
		summary(tr.ObserveISDB(pmtE760, []EmergencyInformation{info(0xE760, true, 0)})))
}

func TestTrackerISDBNoAllocs(t *testing.T) {
	var tr Tracker
	infos := []EmergencyInformation{info(0xE760, true, SignalLevelFirstKind, 0x5A5, 0x15A, 0xD27),
		info(0x0101, true, SignalLevelSecondKind, 0x001)}
	require.Len(t, tr.ObserveISDB(pmtE760, infos), 2)
	require.Empty(t, tr.ObserveISDB(nit7FE0, infos))
	allocs := testing.AllocsPerRun(100, func() {
		if len(tr.ObserveISDB(pmtE760, infos)) != 0 || len(tr.ObserveISDB(nit7FE0, infos)) != 0 ||
			len(tr.ObserveISDB(pmt0101, nil)) != 0 {
			panic("unexpected event")
		}
	})
	require.Zero(t, allocs)
}

func TestKindReasonStrings(t *testing.T) {
	require.Equal(t, "start", KindStart.String())
	require.Equal(t, "update", KindUpdate.String())
	require.Equal(t, "end", KindEnd.String())
	require.Equal(t, "Kind(9)", Kind(9).String())
	for r, s := range []string{"none", "signalled", "withdrawn", "expired", "evicted", "reset"} {
		require.Equal(t, s, Reason(r).String())
	}
	require.Equal(t, "Reason(9)", Reason(9).String())
	require.Equal(t, "PMT of program 0xE760 on PID 0x01F0", pmtE760.String())
	require.Equal(t, "NIT of network 0x7FE0 section 0 on PID 0x0010", nit7FE0.String())
	e := Event{Kind: KindEnd, Reason: ReasonSignalled, Alert: Alert{System: SystemISDB, ServiceID: 0xE760,
		AreaCodes: []uint16{0x5A5, 0x15A}}}
	require.Equal(t, "isdb end service 0xE760 first-kind areas [5A5 15A] (signalled)", e.String())
	e = Event{Kind: KindStart, Alert: Alert{System: SystemSCTE18, EventID: 0x0A75, SequenceNumber: 6,
		Originator: "EAS", EventCode: "RWT", Priority: 15}}
	require.Equal(t, "scte18 start event 0x0A75 seq 6 EAS/RWT priority 15", e.String())
}
