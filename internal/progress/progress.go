// Package progress draws a one-line progress bar on a terminal for long reads and writes.
// It draws nothing when its output is not a terminal, so logs and pipes stay clean.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// Bar reports how much of a known total is done.
type Bar struct {
	mu      sync.Mutex
	w       io.Writer
	label   string
	total   int64
	done    int64
	last    time.Time
	start   time.Time
	enabled bool
	now     func() time.Time
}

// MinSize is the input size below which tools do not bother drawing a bar.
const MinSize = 4 << 20

// New returns a bar writing to w when w is a terminal and total is at least MinSize.
func New(w io.Writer, label string, total int64) *Bar {
	enabled := total >= MinSize
	if f, ok := w.(*os.File); !ok || !term.IsTerminal(int(f.Fd())) {
		enabled = false
	}
	return &Bar{w: w, label: label, total: total, enabled: enabled, now: time.Now, start: time.Now()}
}

// Add records n more units done and redraws at most ten times a second.
func (b *Bar) Add(n int64) {
	if b == nil || !b.enabled {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done += n
	if t := b.now(); t.Sub(b.last) >= 100*time.Millisecond || b.done >= b.total {
		b.last = t
		b.draw()
	}
}

func (b *Bar) draw() {
	frac := 0.0
	if b.total > 0 {
		frac = min(1, float64(b.done)/float64(b.total))
	}
	const width = 30
	n := int(frac * width)
	rate := float64(b.done) / max(b.now().Sub(b.start).Seconds(), 1e-9) / 1e6
	fmt.Fprintf(b.w, "\r%s [%s%s] %3.0f%% %.0f MB/s", b.label, strings.Repeat("#", n), strings.Repeat(".", width-n), frac*100, rate)
}

// Done clears the bar line.
func (b *Bar) Done() {
	if b == nil || !b.enabled {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", len(b.label)+60))
}

// Reader counts what passes through it on a Bar.
type Reader struct {
	R   io.Reader
	Bar *Bar
}

func (r *Reader) Read(p []byte) (int, error) {
	n, err := r.R.Read(p)
	r.Bar.Add(int64(n))
	return n, err
}
