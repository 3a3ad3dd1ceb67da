// Package hardware holds the small interfaces between the receiver and the
// machine it runs on: a Display that presents composed frames, an Input
// that delivers remote-control keys, and (added by their owners) the
// sources of transport streams and the tuners. Implementations live in
// sub-packages (memory for tests and headless runs, sdl for desktop
// windows and KMS/DRM boxes, linux for framebuffers, evdev and DVB
// devices); only cmd and the emulator pick one.
//
// Key names are those of NCLua (ABNT NBR 15606-2): Key.String gives them
// and ParseKey reads them.
package hardware
