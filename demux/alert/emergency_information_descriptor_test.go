package alert

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/antena-tv/antena/demux/psi"
)

// casesEmergencyInformation drive Unmarshal, Marshal and the fuzz seeds. data is the
// descriptor data, after tag and length.
var casesEmergencyInformation = []struct {
	name string
	data []byte
	want EmergencyInformationDescriptor
}{
	{
		name: "synthetic sample, start",
		data: []byte{
			0xE7, 0x60, // service_id
			0xBF,       // start_end_flag 1, signal_level 0, reserved_future_use 111111
			0x06,       // area_code_length
			0x5A, 0x5F, // area_code 0x5A5, reserved 1111
			0x15, 0xAF, // area_code 0x15A, reserved 1111
			0xD2, 0x7F, // area_code 0xD27, reserved 1111
		},
		want: EmergencyInformationDescriptor{Infos: []EmergencyInformation{{
			ServiceID: 0xE760, StartEndFlag: true, SignalLevel: SignalLevelFirstKind,
			AreaCodes: []uint16{0x5A5, 0x15A, 0xD27},
		}}},
	},
	{
		name: "synthetic sample, end",
		data: []byte{
			0xE7, 0x60, // service_id
			0x3F,       // start_end_flag 0, signal_level 0, reserved_future_use 111111
			0x06,       // area_code_length
			0x5A, 0x5F, // area_code 0x5A5
			0x15, 0xAF, // area_code 0x15A
			0xD2, 0x7F, // area_code 0xD27
		},
		want: EmergencyInformationDescriptor{Infos: []EmergencyInformation{{
			ServiceID: 0xE760, StartEndFlag: false, SignalLevel: SignalLevelFirstKind,
			AreaCodes: []uint16{0x5A5, 0x15A, 0xD27},
		}}},
	},
	{
		name: "two services, second kind, no area",
		data: []byte{
			0x01, 0x23, // service_id
			0xFF,       // start_end_flag 1, signal_level 1, reserved
			0x00,       // area_code_length 0
			0x04, 0x56, // service_id
			0x7F,       // start_end_flag 0, signal_level 1, reserved
			0x02,       // area_code_length
			0xFF, 0xFF, // area_code 0xFFF, reserved
		},
		want: EmergencyInformationDescriptor{Infos: []EmergencyInformation{
			{ServiceID: 0x0123, StartEndFlag: true, SignalLevel: SignalLevelSecondKind},
			{ServiceID: 0x0456, StartEndFlag: false, SignalLevel: SignalLevelSecondKind, AreaCodes: []uint16{0xFFF}},
		}},
	},
	{
		name: "empty",
		data: []byte{},
		want: EmergencyInformationDescriptor{},
	},
}

func TestEmergencyInformationUnmarshal(t *testing.T) {
	for _, c := range casesEmergencyInformation {
		t.Run(c.name, func(t *testing.T) {
			var d EmergencyInformationDescriptor
			require.NoError(t, d.Unmarshal(c.data))
			require.Equal(t, c.want, d)
		})
	}
}

func TestEmergencyInformationMarshal(t *testing.T) {
	for _, c := range casesEmergencyInformation {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, len(c.data), c.want.MarshalSize())
			b, err := c.want.Marshal()
			require.NoError(t, err)
			require.Equal(t, c.data, b)
		})
	}
}

func TestEmergencyInformationErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		err  error
		msg  string
		kept int // entries decoded before the error
	}{
		{"odd area_code_length", []byte{0xE7, 0x60, 0xBF, 0x03, 0x5A, 0x5F, 0x15},
			ErrAreaCodeLength, "alert: bad area_code_length: service 0xE760: area_code_length 3 is odd", 0},
		{"area loop overruns", []byte{0xE7, 0x60, 0xBF, 0x06, 0x5A, 0x5F},
			ErrAreaCodeLength, "alert: bad area_code_length: service 0xE760: area_code_length 6, 2 bytes left", 0},
		{"short second entry", []byte{0x01, 0x23, 0xFF, 0x00, 0xE7, 0x60, 0xBF},
			ErrShortBuffer, "alert: short buffer: emergency information entry at byte 4 needs 4 bytes, have 3", 1},
		{"data over 255 bytes", make([]byte, 256),
			ErrLengthOverrun, "alert: length overruns its container: " +
				"emergency_information_descriptor data is 256 bytes, at most 255", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var d EmergencyInformationDescriptor
			err := d.Unmarshal(c.data)
			require.ErrorIs(t, err, c.err)
			require.EqualError(t, err, c.msg)
			require.Len(t, d.Infos, c.kept)
		})
	}
}

func TestEmergencyInformationMarshalErrors(t *testing.T) {
	long := EmergencyInformationDescriptor{Infos: make([]EmergencyInformation, 64)} // 256 bytes
	for _, c := range []struct {
		name string
		d    EmergencyInformationDescriptor
		err  error
	}{
		{"area code over 12 bits", EmergencyInformationDescriptor{Infos: []EmergencyInformation{
			{ServiceID: 1, AreaCodes: []uint16{0x1000}}}}, ErrFieldRange},
		{"signal level 2", EmergencyInformationDescriptor{Infos: []EmergencyInformation{
			{ServiceID: 1, SignalLevel: 2}}}, ErrFieldRange},
		{"too long", long, ErrTooLong},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.d.Marshal()
			require.ErrorIs(t, err, c.err)
		})
	}
	d := casesEmergencyInformation[0].want
	_, err := d.MarshalTo(make([]byte, 3))
	require.ErrorIs(t, err, ErrShortBuffer)
}

func TestAppendEmergencyInformation(t *testing.T) {
	var loop []byte
	loop = psi.AppendDescriptor(loop, 0x09, []byte{0x00, 0x05, 0xE1, 0x00}) // CA_descriptor: ignored
	loop = psi.AppendDescriptor(loop, DescriptorTagEmergencyInformation, casesEmergencyInformation[0].data)
	loop = psi.AppendDescriptor(loop, 0xC1, nil) // ignored
	loop = psi.AppendDescriptor(loop, DescriptorTagEmergencyInformation, casesEmergencyInformation[2].data)

	got, err := AppendEmergencyInformation(nil, loop)
	require.NoError(t, err)
	want := append(append([]EmergencyInformation(nil), casesEmergencyInformation[0].want.Infos...),
		casesEmergencyInformation[2].want.Infos...)
	require.Equal(t, want, got)

	// Passing the result back reuses its memory, AreaCodes included.
	allocs := testing.AllocsPerRun(100, func() {
		got, err = AppendEmergencyInformation(got[:0], loop)
	})
	require.NoError(t, err)
	require.Zero(t, allocs)
	require.Equal(t, want, got)

	none, err := AppendEmergencyInformation(nil, psi.AppendDescriptor(nil, 0x09, []byte{1, 2, 3, 4}))
	require.NoError(t, err)
	require.Empty(t, none)

	_, err = AppendEmergencyInformation(nil, append(loop, 0xFC, 0x09, 0x00))
	require.ErrorIs(t, err, ErrLengthOverrun)
	require.ErrorIs(t, err, psi.ErrLengthOverrun)

	bad := psi.AppendDescriptor(nil, DescriptorTagEmergencyInformation, []byte{0xE7, 0x60, 0xBF, 0x01, 0x00})
	_, err = AppendEmergencyInformation(nil, bad)
	require.ErrorIs(t, err, ErrAreaCodeLength)
}

func TestSignalLevelString(t *testing.T) {
	require.Equal(t, "first-kind", SignalLevelFirstKind.String())
	require.Equal(t, "second-kind", SignalLevelSecondKind.String())
	require.Equal(t, "SignalLevel(7)", SignalLevel(7).String())
}
