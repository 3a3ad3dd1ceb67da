package dsmcc

import "github.com/antena-tv/antena/internal/bitio"

// StreamInfo is the DSM::Stream::Info_T that starts the objectInfo of stream and stream
// event objects. ADescription aliases the input.
// Specification: ETSI TR 101 202 §4.7.4.4 table 4.10.
//
//	aDescription_length       8
//	aDescription_bytes        aDescription_length bytes
//	duration.aSeconds        32 (signed)
//	duration.aMicroSeconds   32
//	audio                     8
//	video                     8
//	data                      8
type StreamInfo struct {
	ADescription  []byte
	ASeconds      int32
	AMicroSeconds uint32
	Audio         uint8
	Video         uint8
	Data          uint8
}

func (s *StreamInfo) read(r *bitio.Reader) {
	s.ADescription = r.Bytes(int(r.Uint8()))
	s.ASeconds = int32(r.Uint32())
	s.AMicroSeconds = r.Uint32()
	s.Audio = r.Uint8()
	s.Video = r.Uint8()
	s.Data = r.Uint8()
}

func (s *StreamInfo) appendTo(w *bitio.Writer) error {
	if err := fits("aDescription_length", len(s.ADescription), 8); err != nil {
		return err
	}
	w.Uint8(uint8(len(s.ADescription)))
	w.Bytes(s.ADescription)
	w.Uint32(uint32(s.ASeconds))
	w.Uint32(s.AMicroSeconds)
	w.Uint8(s.Audio)
	w.Uint8(s.Video)
	w.Uint8(s.Data)
	return nil
}

// StreamMessage is a stream ("str", DSM::Stream) BIOP message. Slices alias the input.
// Specification: ETSI TR 101 202 §4.7.4.4 table 4.10.
//
//	BIOP message header, objectKey, objectKind "str\0"
//	objectInfo:  DSM::Stream::Info_T, descriptor_byte (the rest)
//	serviceContextList
//	messageBody: taps_count 8, BIOP::Tap * taps_count (BIOP_PROGRAM_USE, BIOP_ES_USE, STR_NPT_USE, ...)
type StreamMessage struct {
	ObjectKey          []byte
	Info               StreamInfo
	Descriptors        []byte
	ServiceContextList []ServiceContext
	Taps               []Tap
}

// Unmarshal reads a stream BIOP message from b and returns its length.
func (s *StreamMessage) Unmarshal(b []byte) (int, error) { return unmarshalObject(s, b) }

// Decode takes the parts of a stream from a generic BIOP message.
func (s *StreamMessage) Decode(m *BIOPMessage) error {
	if _, err := checkKind(m, KindStream); err != nil {
		return err
	}
	s.ObjectKey, s.ServiceContextList = m.ObjectKey, m.ServiceContextList
	r := bitio.NewReader(m.ObjectInfo)
	s.Info.read(r)
	s.Descriptors = r.Rest()
	if err := readErr("stream objectInfo", r); err != nil {
		return err
	}
	r = bitio.NewReader(m.MessageBody)
	s.Taps = readTaps(r, s.Taps)
	return readErr("stream messageBody", r)
}

// BIOP returns s as a generic BIOP message (version 1.0).
func (s *StreamMessage) BIOP() (BIOPMessage, error) {
	var info, body bitio.Writer
	if err := s.Info.appendTo(&info); err != nil {
		return BIOPMessage{}, err
	}
	info.Bytes(s.Descriptors)
	oi, err := objectInfoBytes(&info, "stream")
	if err != nil {
		return BIOPMessage{}, err
	}
	if err := appendTaps(&body, s.Taps); err != nil {
		return BIOPMessage{}, err
	}
	m := NewBIOPMessage(KindStream, s.ObjectKey, oi, body.B)
	m.ServiceContextList = s.ServiceContextList
	return m, nil
}

// MarshalSize returns the encoded length (0 when s cannot be encoded).
func (s *StreamMessage) MarshalSize() int { return objectSize(s) }

// MarshalTo encodes s into b.
func (s *StreamMessage) MarshalTo(b []byte) (int, error) { return objectMarshalTo(s, b) }

// Marshal encodes s.
func (s *StreamMessage) Marshal() ([]byte, error) { return objectMarshal(s) }
