package linux

import (
	"runtime"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// kernelSizes are the sizes of the kernel structures mirrored here, by GOARCH, as the
// kernel's C compiler lays them out (sizeof with the uapi headers: gcc on amd64; for
// the 32-bit ABIs, unsigned long, long and pointers are 4 bytes and dtv_property is
// packed).
var kernelSizes = map[string]map[string]uintptr{
	"amd64": {"fb_var_screeninfo": 160, "fb_fix_screeninfo": 80, "input_event": 24, "dtv_property": 76,
		"dtv_properties": 16, "dmx_pes_filter_params": 20},
	"arm64": {"fb_var_screeninfo": 160, "fb_fix_screeninfo": 80, "input_event": 24, "dtv_property": 76,
		"dtv_properties": 16, "dmx_pes_filter_params": 20},
	"arm": {"fb_var_screeninfo": 160, "fb_fix_screeninfo": 68, "input_event": 16, "dtv_property": 72,
		"dtv_properties": 8, "dmx_pes_filter_params": 20},
	"386": {"fb_var_screeninfo": 160, "fb_fix_screeninfo": 68, "input_event": 16, "dtv_property": 72,
		"dtv_properties": 8, "dmx_pes_filter_params": 20},
}

func TestKernelStructSizes(t *testing.T) {
	want, ok := kernelSizes[runtime.GOARCH]
	if !ok {
		t.Skipf("no kernel sizes recorded for %s", runtime.GOARCH)
	}
	got := map[string]uintptr{
		"fb_var_screeninfo":     unsafe.Sizeof(fbVarScreeninfo{}),
		"fb_fix_screeninfo":     unsafe.Sizeof(fbFixScreeninfo{}),
		"input_event":           unsafe.Sizeof(inputEvent{}),
		"dtv_property":          unsafe.Sizeof(dtvProperty{}),
		"dtv_properties":        unsafe.Sizeof(dtvProperties{}),
		"dmx_pes_filter_params": unsafe.Sizeof(dmxPESFilterParams{}),
	}
	require.Equal(t, want, got, runtime.GOARCH)
	// Offsets the kernel reads: dtv_property's union and result, fb_fix's line_length.
	require.Equal(t, uintptr(16), unsafe.Offsetof(dtvProperty{}.U))
	require.Equal(t, want["dtv_property"]-4, unsafe.Offsetof(dtvProperty{}.Result))
	line := map[bool]uintptr{true: 48, false: 44}[ptrSize == 8]
	require.Equal(t, line, unsafe.Offsetof(fbFixScreeninfo{}.LineLength))
}

// TestIoctlNumbers checks the request numbers against the kernel's (printed by a C
// program with the uapi headers on amd64; the sizes encoded in them follow the
// architecture).
func TestIoctlNumbers(t *testing.T) {
	props := map[bool][2]uint{true: {0x40106F52, 0x80106F53}, false: {0x40086F52, 0x80086F53}}[ptrSize == 8]
	for name, c := range map[string][2]uint{
		"FE_SET_PROPERTY":     {feSetProperty, props[0]},
		"FE_GET_PROPERTY":     {feGetProperty, props[1]},
		"FE_READ_STATUS":      {feReadStatus, 0x80046F45},
		"DMX_SET_PES_FILTER":  {dmxSetPESFilter, 0x40146F2C},
		"DMX_SET_BUFFER_SIZE": {dmxSetBufferSize, 0x6F2D},
		"DMX_STOP":            {dmxStop, 0x6F2A},
		"EVIOCGRAB":           {eviocGrab, 0x40044590},
		"EVIOCGBIT(EV_KEY)":   {eviocGBitKey, 0x80604521},
		"FBIOGET_VSCREENINFO": {fbioGetVScreenInfo, 0x4600},
		"FBIOGET_FSCREENINFO": {fbioGetFScreenInfo, 0x4602},
		"FBIOPAN_DISPLAY":     {fbioPanDisplay, 0x4606},
		"FBIOBLANK":           {fbioBlank, 0x4611},
		"FBIO_WAITFORVSYNC":   {fbioWaitForVSync, 0x40044620},
	} {
		require.Equal(t, c[1], c[0], "%s: %#x", name, c[0])
	}
}
