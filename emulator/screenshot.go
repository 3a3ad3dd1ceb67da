package emulator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ScreenshotName returns the name of a screenshot taken at t: antena-YYYYMMDD-HHMMSS.png.
func ScreenshotName(t time.Time) string { return t.Format("antena-20060102-150405") + ".png" }

// SaveScreenshotIn writes the frame as last presented (the composed frame, with the debug
// overlay when it is shown) to dir as ScreenshotName(t), or with -2, -3… added when that
// file exists, and returns its path.
func (m *Machine) SaveScreenshotIn(dir string, t time.Time) (string, error) {
	base := strings.TrimSuffix(ScreenshotName(t), ".png")
	for i := 1; i < 1000; i++ {
		name := base + ".png"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.png", base, i)
		}
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); err == nil {
			continue
		}
		return p, m.SaveScreenshot(p)
	}
	return "", fmt.Errorf("emulator: too many screenshots named %s*.png in %s", base, dir)
}
