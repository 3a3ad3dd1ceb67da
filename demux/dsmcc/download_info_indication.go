package dsmcc

import (
	"fmt"

	"github.com/antena-tv/antena/internal/bitio"
)

// DII is a DownloadInfoIndication message: the modules of one group of a carousel. Slices
// alias the input.
// Specification: ISO/IEC 13818-6 §7.3.2 table 7-6; ETSI TR 101 202 §4.7.7.
//
//	dsmccMessageHeader                 (messageId 0x1002)
//	downloadId                         32
//	blockSize                          16
//	windowSize                          8
//	ackPeriod                           8
//	tCDownloadWindow                   32
//	tCDownloadScenario                 32
//	compatibilityDescriptorLength      16
//	compatibilityDescriptor             compatibilityDescriptorLength bytes
//	numberOfModules                    16
//	{ moduleId                         16
//	  moduleSize                       32
//	  moduleVersion                     8
//	  moduleInfoLength                  8
//	  moduleInfoByte                    moduleInfoLength bytes } * numberOfModules
//	privateDataLength                  16
//	privateDataByte                     privateDataLength bytes
type DII struct {
	Header             MessageHeader
	DownloadID         uint32
	BlockSize          uint16
	WindowSize         uint8
	AckPeriod          uint8
	TCDownloadWindow   uint32
	TCDownloadScenario uint32
	// CompatibilityDescriptor holds the bytes after compatibilityDescriptorLength.
	CompatibilityDescriptor []byte
	Modules                 []DIIModule
	PrivateData             []byte
}

// DIIModule is one module entry of a DII. In an object carousel, ModuleInfo is a
// BIOP::ModuleInfo (see ModuleInfo.Unmarshal).
type DIIModule struct {
	ModuleID      uint16
	ModuleSize    uint32
	ModuleVersion uint8
	ModuleInfo    []byte
}

const diiFixed = 4 + 2 + 1 + 1 + 4 + 4 + 2 + 2 + 2 // without compatibility, modules, private data

// Unmarshal reads a DII message (the payload of a 0x3B section) from b. Unmarshal into a
// reused DII reuses its Modules slice.
func (d *DII) Unmarshal(b []byte) error {
	body, err := messageBody(&d.Header, b, MessageIDDII, "DII")
	if err != nil {
		return err
	}
	r := bitio.NewReader(body)
	d.DownloadID = r.Uint32()
	d.BlockSize = r.Uint16()
	d.WindowSize = r.Uint8()
	d.AckPeriod = r.Uint8()
	d.TCDownloadWindow = r.Uint32()
	d.TCDownloadScenario = r.Uint32()
	d.CompatibilityDescriptor = r.Bytes(int(r.Uint16()))
	n := int(r.Uint16())
	d.Modules = d.Modules[:0]
	for i := 0; i < n && r.Err() == nil; i++ {
		var m DIIModule
		m.ModuleID = r.Uint16()
		m.ModuleSize = r.Uint32()
		m.ModuleVersion = r.Uint8()
		m.ModuleInfo = r.Bytes(int(r.Uint8()))
		d.Modules = append(d.Modules, m)
	}
	d.PrivateData = r.Bytes(int(r.Uint16()))
	return readErr("DII", r)
}

// MarshalSize returns the encoded length.
func (d *DII) MarshalSize() int {
	n := d.Header.MarshalSize() + diiFixed + len(d.CompatibilityDescriptor) + len(d.PrivateData)
	for _, m := range d.Modules {
		n += 8 + len(m.ModuleInfo)
	}
	return n
}

// MarshalTo encodes d into b. messageLength is computed.
func (d *DII) MarshalTo(b []byte) (int, error) { return marshalTo(d, "DII", b) }

// Marshal encodes d.
func (d *DII) Marshal() ([]byte, error) { return marshal(d, "DII") }

func (d *DII) appendTo(w *bitio.Writer) error {
	if err := fits("compatibilityDescriptorLength", len(d.CompatibilityDescriptor), 16); err != nil {
		return err
	}
	if err := fits("numberOfModules", len(d.Modules), 16); err != nil {
		return err
	}
	if err := fits("privateDataLength", len(d.PrivateData), 16); err != nil {
		return err
	}
	if err := d.Header.appendWithLength(w, d.MarshalSize()-MessageHeaderLen); err != nil {
		return err
	}
	w.Uint32(d.DownloadID)
	w.Uint16(d.BlockSize)
	w.Uint8(d.WindowSize)
	w.Uint8(d.AckPeriod)
	w.Uint32(d.TCDownloadWindow)
	w.Uint32(d.TCDownloadScenario)
	w.Uint16(uint16(len(d.CompatibilityDescriptor)))
	w.Bytes(d.CompatibilityDescriptor)
	w.Uint16(uint16(len(d.Modules)))
	for i, m := range d.Modules {
		if len(m.ModuleInfo) > 0xFF {
			return fmt.Errorf("%w: module %d moduleInfoLength %d", ErrFieldOverflow, i, len(m.ModuleInfo))
		}
		w.Uint16(m.ModuleID)
		w.Uint32(m.ModuleSize)
		w.Uint8(m.ModuleVersion)
		w.Uint8(uint8(len(m.ModuleInfo)))
		w.Bytes(m.ModuleInfo)
	}
	w.Uint16(uint16(len(d.PrivateData)))
	w.Bytes(d.PrivateData)
	return nil
}

// Blocks returns the number of DDB blocks of a module of the given size:
// ceil(moduleSize / blockSize). It is 0 when blockSize is 0.
func (d *DII) Blocks(moduleSize uint32) int {
	if d.BlockSize == 0 {
		return 0
	}
	return int((uint64(moduleSize) + uint64(d.BlockSize) - 1) / uint64(d.BlockSize))
}
