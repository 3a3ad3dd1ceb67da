package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// DSM-CC U-N download message constants.
// Specification: ISO/IEC 13818-6 §7.2.1 table 7-1, §7.3 table 7-4.
const (
	ProtocolDiscriminatorDSMCC = 0x11
	DSMCCTypeUNDownload        = 0x03

	MessageIDDII            = 0x1002 // DownloadInfoIndication
	MessageIDDDB            = 0x1003 // DownloadDataBlock
	MessageIDDownloadCancel = 0x1005
	MessageIDDSI            = 0x1006 // DownloadServerInitiate

	// MessageHeaderLen is the fixed part of a dsmccMessageHeader.
	MessageHeaderLen = 12
)

// MessageHeader is the dsmccMessageHeader of DSI and DII messages and the
// dsmccDownloadDataHeader of DDB messages, which have the same layout. The adaptation
// header aliases the input.
// Specification: ISO/IEC 13818-6 §7.2.1 table 7-1 and §7.2.2 table 7-3.
//
//	protocolDiscriminator  8 (0x11)
//	dsmccType              8 (0x03 U-N download)
//	messageId             16
//	transactionId         32 (dsmccDownloadDataHeader: downloadId)
//	reserved               8 (0xFF)
//	adaptationLength       8
//	messageLength         16 (bytes after this field, adaptation header included)
//	dsmccAdaptationHeader  adaptationLength bytes
type MessageHeader struct {
	ProtocolDiscriminator uint8
	DSMCCType             uint8
	MessageID             uint16
	// TransactionID is the transactionId; in a DDB it is the downloadId.
	TransactionID    uint32
	AdaptationHeader []byte
	// MessageLength is the messageLength read by Unmarshal. The messages' Marshal methods
	// compute it; MessageHeader.Marshal writes it as set.
	MessageLength uint16
}

// Unmarshal reads a header from b and returns its length (12 + adaptationLength). It checks
// the protocol discriminator, the message type and that messageLength bytes follow.
func (h *MessageHeader) Unmarshal(b []byte) (int, error) {
	if len(b) < MessageHeaderLen {
		return 0, fmt.Errorf("%w: dsmccMessageHeader needs %d bytes, have %d", ErrShortBuffer, MessageHeaderLen, len(b))
	}
	r := bitio.NewReader(b)
	h.ProtocolDiscriminator = r.Uint8()
	h.DSMCCType = r.Uint8()
	h.MessageID = r.Uint16()
	h.TransactionID = r.Uint32()
	r.Skip(8)
	adaptationLength := int(r.Uint8())
	h.MessageLength = r.Uint16()
	if h.ProtocolDiscriminator != ProtocolDiscriminatorDSMCC || h.DSMCCType != DSMCCTypeUNDownload {
		return 0, fmt.Errorf("%w: protocolDiscriminator 0x%02X, dsmccType 0x%02X",
			ErrMessageHeader, h.ProtocolDiscriminator, h.DSMCCType)
	}
	if int(h.MessageLength) > len(b)-MessageHeaderLen || adaptationLength > int(h.MessageLength) {
		return 0, fmt.Errorf("%w: messageLength %d (adaptationLength %d), %d bytes follow the header",
			ErrLengthOverrun, h.MessageLength, adaptationLength, len(b)-MessageHeaderLen)
	}
	h.AdaptationHeader = r.Bytes(adaptationLength)
	return MessageHeaderLen + adaptationLength, readErr("dsmccMessageHeader", r)
}

// MarshalSize returns the encoded length.
func (h *MessageHeader) MarshalSize() int { return MessageHeaderLen + len(h.AdaptationHeader) }

// MarshalTo encodes h into b.
func (h *MessageHeader) MarshalTo(b []byte) (int, error) {
	return marshalTo(h, "dsmccMessageHeader", b)
}

// Marshal encodes h.
func (h *MessageHeader) Marshal() ([]byte, error) { return marshal(h, "dsmccMessageHeader") }

func (h *MessageHeader) appendTo(w *bitio.Writer) error {
	return h.appendWithLength(w, int(h.MessageLength))
}

// appendWithLength writes the header with the given messageLength (the body after the
// adaptation header plus the adaptation header).
func (h *MessageHeader) appendWithLength(w *bitio.Writer, messageLength int) error {
	if err := fits("adaptationLength", len(h.AdaptationHeader), 8); err != nil {
		return err
	}
	if err := fits("messageLength", messageLength, 16); err != nil {
		return err
	}
	w.Uint8(h.ProtocolDiscriminator)
	w.Uint8(h.DSMCCType)
	w.Uint16(h.MessageID)
	w.Uint32(h.TransactionID)
	w.Uint8(0xFF)
	w.Uint8(uint8(len(h.AdaptationHeader)))
	w.Uint16(uint16(messageLength))
	w.Bytes(h.AdaptationHeader)
	return nil
}

// messageBody reads the header of a message of the given type from b and returns the
// message body: the messageLength bytes after the adaptation header.
func messageBody(h *MessageHeader, b []byte, want uint16, what string) ([]byte, error) {
	n, err := h.Unmarshal(b)
	if err != nil {
		return nil, err
	}
	if h.MessageID != want {
		return nil, fmt.Errorf("%w: 0x%04X, %s is 0x%04X", ErrUnexpectedMsg, h.MessageID, what, want)
	}
	end := MessageHeaderLen + int(h.MessageLength)
	return b[n:end:end], nil
}

// TransactionID fields.
// Specification: ETSI TR 101 202 §4.6.5 (originator 2 | version 14 | identification 15 |
// updated_flag 1).
const (
	transactionIdentShift = 1
	transactionIdentMask  = 0x7FFF
	transactionVerShift   = 16
	transactionVerMask    = 0x3FFF
)

// TransactionIdentification returns the identification part of a transactionId: 0 for a
// DSI, the DII's number otherwise. It stays the same when a DII is updated.
func TransactionIdentification(tid uint32) uint16 {
	return uint16(tid >> transactionIdentShift & transactionIdentMask)
}

// TransactionVersion returns the version part of a transactionId.
func TransactionVersion(tid uint32) uint16 {
	return uint16(tid >> transactionVerShift & transactionVerMask)
}
