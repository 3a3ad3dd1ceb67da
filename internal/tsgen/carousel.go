package tsgen

import (
	"fmt"
	"math/rand/v2"

	"github.com/antena-tv/antena/demux/dsmcc"
)

// Carousel constants of the generated data PID.
const (
	carouselID   = 1
	componentTag = 0x0B
	dsiTID       = 0x80000000
	diiTID       = 0x80000002
	downloadID   = 1
)

// carouselSections builds a small object carousel of random files: the DSI, the DII and the
// DDBs of its modules, as sections in broadcast order (one cycle). Block sizes vary from
// module to module so that DDB sections range from 1 to 4 KB, as the benchmark asks.
func carouselSections(rng *rand.Rand, files int) ([][]byte, error) {
	loc := func(mod uint16, k byte) dsmcc.ObjectLocation {
		return dsmcc.ObjectLocation{CarouselID: carouselID, ModuleID: mod, VersionMajor: 1, ObjectKey: []byte{k}}
	}
	binder := dsmcc.ConnBinder{Taps: []dsmcc.Tap{dsmcc.NewDeliveryParaTap(componentTag, diiTID, 0xFFFFFFFF)}}
	var bindings []dsmcc.Binding
	modules := [][]byte{nil} // module 0 holds the service gateway, filled last
	for i := 1; i <= files; i++ {
		content := make([]byte, 2000+rng.IntN(60000))
		for k := range content {
			content[k] = byte(rng.Uint32())
		}
		f := dsmcc.FileMessage{ObjectKey: []byte{byte(i)}, ContentSize: uint64(len(content)), Content: content}
		msg, err := f.Marshal()
		if err != nil {
			return nil, err
		}
		modules = append(modules, msg)
		b, err := dsmcc.NewBinding(fmt.Sprintf("file%02d.bin", i), dsmcc.KindFile, loc(uint16(i), byte(i)), binder,
			dsmcc.FileObjectInfo(uint64(len(content)), nil))
		if err != nil {
			return nil, err
		}
		bindings = append(bindings, b)
	}
	srg := dsmcc.DirectoryMessage{ObjectKey: []byte{0}, ServiceGateway: true, Bindings: bindings}
	var err error
	if modules[0], err = srg.Marshal(); err != nil {
		return nil, err
	}
	ior, err := dsmcc.NewIOR(dsmcc.KindServiceGateway, dsmcc.BIOPProfileBody{ObjectLocation: loc(0, 0), ConnBinder: binder})
	if err != nil {
		return nil, err
	}
	sgi := dsmcc.ServiceGatewayInfo{IOR: ior}
	priv, err := sgi.Marshal()
	if err != nil {
		return nil, err
	}
	hdr := func(id uint16, tid uint32) dsmcc.MessageHeader {
		return dsmcc.MessageHeader{ProtocolDiscriminator: dsmcc.ProtocolDiscriminatorDSMCC,
			DSMCCType: dsmcc.DSMCCTypeUNDownload, MessageID: id, TransactionID: tid}
	}
	dsi := dsmcc.DSI{Header: hdr(dsmcc.MessageIDDSI, dsiTID), PrivateData: priv}
	for i := range dsi.ServerID {
		dsi.ServerID[i] = 0xFF
	}
	dsiSec, err := dsmcc.AppendDSISection(nil, &dsi)
	if err != nil {
		return nil, err
	}
	mi := dsmcc.ModuleInfo{Taps: []dsmcc.Tap{{Use: dsmcc.TapUseBIOPObject, AssociationTag: componentTag}}}
	info, err := mi.Marshal()
	if err != nil {
		return nil, err
	}
	// One DII per block size, so that sections of many sizes are on air.
	out := [][]byte{dsiSec}
	for g, blockSize := range []uint16{1000, 2000, 3000, 4066} {
		dii := dsmcc.DII{Header: hdr(dsmcc.MessageIDDII, diiTID+uint32(g)*2), DownloadID: downloadID + uint32(g),
			BlockSize: blockSize}
		var ddbs [][]byte
		for m, data := range modules {
			if m%4 != g {
				continue
			}
			dii.Modules = append(dii.Modules, dsmcc.DIIModule{ModuleID: uint16(m), ModuleSize: uint32(len(data)),
				ModuleInfo: info})
			n := (len(data) + int(blockSize) - 1) / int(blockSize)
			for b := 0; b < n; b++ {
				ddb := dsmcc.DDB{Header: hdr(dsmcc.MessageIDDDB, downloadID+uint32(g)), ModuleID: uint16(m),
					BlockNumber: uint16(b), BlockData: data[b*int(blockSize) : min((b+1)*int(blockSize), len(data))]}
				sec, err := dsmcc.AppendDDBSection(nil, &ddb, uint16(n-1))
				if err != nil {
					return nil, err
				}
				ddbs = append(ddbs, sec)
			}
		}
		diiSec, err := dsmcc.AppendDIISection(nil, &dii)
		if err != nil {
			return nil, err
		}
		out = append(out, diiSec)
		out = append(out, ddbs...)
	}
	return out, nil
}
