package sdl

// Options configure Open.
type Options struct {
	// Title is the window title.
	Title string
	// Width and Height are the size of the frames that will be presented
	// (the compositor's frame size). Required.
	Width, Height int
	// WindowWidth and WindowHeight are the initial window size; zero means
	// the frame size. The frame is scaled to the window.
	WindowWidth, WindowHeight int
	// Fullscreen starts full screen (always so under KMS/DRM).
	Fullscreen bool
}
