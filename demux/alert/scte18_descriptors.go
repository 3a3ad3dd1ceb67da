package alert

import "fmt"

// Tags of the descriptors of a cable_emergency_alert (a private tag space of table 0xD8).
// Specification: ANSI/SCTE 18 §5.1.
const (
	DescriptorTagInBandDetailsChannel    = 0x00
	DescriptorTagInBandExceptionChannels = 0x01
	DescriptorTagAudioFile               = 0x02 // not decoded here
)

// InBandDetailsChannelDescriptor locates the details channel of an in-band alert by RF
// channel and program number.
// Specification: ANSI/SCTE 18 §5.1.1.
//
//	descriptor_tag           8   0x00
//	descriptor_length        8
//	details_RF_channel       8   CEA-542 cable channel number
//	details_program_number  16
type InBandDetailsChannelDescriptor struct {
	DetailsRFChannel     uint8
	DetailsProgramNumber uint16
}

const inBandDetailsLen = 3

// Unmarshal decodes the descriptor data b (without tag and length). Bytes after the
// fields are ignored.
func (d *InBandDetailsChannelDescriptor) Unmarshal(b []byte) error {
	if len(b) < inBandDetailsLen {
		return fmt.Errorf("%w: in-band details channel descriptor needs %d bytes, have %d",
			ErrShortBuffer, inBandDetailsLen, len(b))
	}
	d.DetailsRFChannel = b[0]
	d.DetailsProgramNumber = uint16(b[1])<<8 | uint16(b[2])
	return nil
}

// Marshal returns the descriptor data (without tag and length).
func (d *InBandDetailsChannelDescriptor) Marshal() []byte {
	return []byte{d.DetailsRFChannel, byte(d.DetailsProgramNumber >> 8), byte(d.DetailsProgramNumber)}
}

// RFProgram is a service named by RF channel and program number.
type RFProgram struct {
	RFChannel     uint8
	ProgramNumber uint16
}

// InBandExceptionChannelsDescriptor lists in-band services an alert does not apply to.
// Specification: ANSI/SCTE 18 §5.1.2.
//
//	descriptor_tag                 8   0x01
//	descriptor_length              8
//	exception_channel_count        8
//	for (i = 0; i < exception_channel_count; i++) {
//	  exception_RF_channel         8
//	  exception_program_number    16
//	}
type InBandExceptionChannelsDescriptor struct {
	Channels []RFProgram
}

// Unmarshal decodes the descriptor data b (without tag and length), reusing d.Channels.
func (d *InBandExceptionChannelsDescriptor) Unmarshal(b []byte) error {
	d.Channels = d.Channels[:0]
	if len(b) < 1 {
		return fmt.Errorf("%w: in-band exception channels descriptor needs 1 byte, have 0", ErrShortBuffer)
	}
	n := int(b[0])
	if 1+3*n > len(b) {
		return fmt.Errorf("%w: exception_channel_count %d needs %d bytes, have %d", ErrLengthOverrun, n, 3*n, len(b)-1)
	}
	for i := range n {
		p := b[1+3*i:]
		d.Channels = append(d.Channels, RFProgram{RFChannel: p[0], ProgramNumber: uint16(p[1])<<8 | uint16(p[2])})
	}
	return nil
}

// Marshal returns the descriptor data (without tag and length).
func (d *InBandExceptionChannelsDescriptor) Marshal() ([]byte, error) {
	if n := 1 + 3*len(d.Channels); n > maxDescriptorData {
		return nil, fmt.Errorf("%w: in-band exception channels descriptor would be %d bytes, at most %d",
			ErrTooLong, n, maxDescriptorData)
	}
	b := make([]byte, 0, 1+3*len(d.Channels))
	b = append(b, byte(len(d.Channels)))
	for _, c := range d.Channels {
		b = append(b, c.RFChannel, byte(c.ProgramNumber>>8), byte(c.ProgramNumber))
	}
	return b, nil
}
