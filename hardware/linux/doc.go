// Package linux drives the devices of a Linux set-top box in pure Go, on
// golang.org/x/sys/unix, without cgo:
//
//   - Adapter: a DVB adapter through the Linux DVB API v5 (frontend, demux and dvr
//     devices under /dev/dvb/adapterN): tuning ISDB-T, DVB-T/T2 and ATSC by frequency
//     and system, lock status and the driver's signal measurements, a channel scan
//     that lists services, and the whole transport stream read from dvr. OpenDVB opens
//     one from a dvb:// URI.
//   - FB: a hardware.Display on the Linux framebuffer (fbdev): 16 and 32 bits per pixel,
//     dirty-rectangle copies, page flips by panning where the virtual screen allows,
//     blanking.
//   - Remote: a hardware.Input on evdev devices (kernel rc-core IR receivers, USB
//     remotes and keyboards), with a key map file, exclusive grabs and hot-plug.
//   - ChooseDisplay picks KMS/DRM (through hardware/sdl, which this package does not
//     import) or fbdev; Power is the standby state.
//
// # Devices and tests
//
// Every device file is opened, and every ioctl(2) made, through a Devices value, so
// that tests replace the kernel: fbdev runs on a temporary file mapped as the
// framebuffer, evdev on pipes carrying input_event records, and DVB on a Simulator,
// a frontend faked at the ioctl level whose dvr device plays a transport stream. The
// kernel structures mirrored here (fb_var_screeninfo, fb_fix_screeninfo, input_event,
// dtv_property, dtv_properties, dmx_pes_filter_params) have size tests for amd64,
// arm64, arm and 386. Ioctl request numbers are built with the generic Linux encoding
// (x86, ARM, RISC-V); architectures with their own (MIPS, PowerPC, SPARC) are not
// supported.
//
// The devices exist on Linux only; elsewhere the constructors return errors wrapping
// errors.ErrUnsupported, and the pure parts (key maps, dvb:// URIs, the display
// choice, Power) work everywhere.
package linux
