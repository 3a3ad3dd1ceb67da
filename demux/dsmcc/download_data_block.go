package dsmcc

import "github.com/antena-tv/antena/internal/bitio"

// DDB is a DownloadDataBlock message: one block of a module. Blocks are identified by
// (downloadId, moduleId, moduleVersion, blockNumber) from this message, never by the
// section_number, which is only blockNumber & 0xFF. BlockData aliases the input.
// Specification: ISO/IEC 13818-6 §7.3.9 table 7-18; ETSI TR 101 202 §4.7.8.
//
//	dsmccDownloadDataHeader  (messageId 0x1003, transactionId field = downloadId)
//	moduleId                 16
//	moduleVersion             8
//	reserved                  8 (0xFF)
//	blockNumber              16
//	blockDataByte             messageLength - adaptationLength - 6 bytes
type DDB struct {
	Header        MessageHeader
	ModuleID      uint16
	ModuleVersion uint8
	BlockNumber   uint16
	BlockData     []byte
}

const ddbFixed = 6

// DownloadID returns the downloadId of the DDB's header.
func (d *DDB) DownloadID() uint32 { return d.Header.TransactionID }

// Unmarshal reads a DDB message (the payload of a 0x3C section) from b.
func (d *DDB) Unmarshal(b []byte) error {
	body, err := messageBody(&d.Header, b, MessageIDDDB, "DDB")
	if err != nil {
		return err
	}
	r := bitio.NewReader(body)
	d.ModuleID = r.Uint16()
	d.ModuleVersion = r.Uint8()
	r.Skip(8)
	d.BlockNumber = r.Uint16()
	d.BlockData = r.Rest()
	return readErr("DDB", r)
}

// MarshalSize returns the encoded length.
func (d *DDB) MarshalSize() int { return d.Header.MarshalSize() + ddbFixed + len(d.BlockData) }

// MarshalTo encodes d into b. messageLength is computed.
func (d *DDB) MarshalTo(b []byte) (int, error) { return marshalTo(d, "DDB", b) }

// Marshal encodes d.
func (d *DDB) Marshal() ([]byte, error) { return marshal(d, "DDB") }

func (d *DDB) appendTo(w *bitio.Writer) error {
	if err := d.Header.appendWithLength(w, d.MarshalSize()-MessageHeaderLen); err != nil {
		return err
	}
	w.Uint16(d.ModuleID)
	w.Uint8(d.ModuleVersion)
	w.Uint8(0xFF)
	w.Uint16(d.BlockNumber)
	w.Bytes(d.BlockData)
	return nil
}
