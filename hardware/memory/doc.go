// Package memory implements the hardware interfaces in memory, for tests,
// the headless emulator and screenshots: a Display that keeps the last
// frame and counts frames, and an Input fed programmatically or from a
// script such as "CURSOR_DOWN ENTER RED".
package memory
