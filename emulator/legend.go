package emulator

import (
	"image"
	"image/color"
	"strings"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/hardware/sdl"
	"github.com/antena-tv/antena/runtime/gfx"
)

// LegendWidth is the width of the remote-control legend beside a 720-line frame; it
// scales with the frame's height.
const LegendWidth = 320

// Hotkeys of the emulator's window: they are not remote keys.
var (
	DebugKey      = sdl.Hotkey{Input: "F12"}
	ScreenshotKey = sdl.Hotkey{Input: "S", Ctrl: true}
	EventKey      = sdl.Hotkey{Input: "F5"} // the next stream event (FireEvent)
	WarningKey    = sdl.Hotkey{Input: "F6"} // a test warning on / off (ToggleWarning)
	NetworkKey    = sdl.Hotkey{Input: "F7"} // the return channel cut / restored (ToggleOffline)
	LanguageKey   = sdl.Hotkey{Input: "F8"} // settings.system.language pt → es → en (CycleLanguage)
	AreaKey       = sdl.Hotkey{Input: "F9"} // the box's area: each configured one, all, none (CycleArea)
)

// Hotkeys returns the emulator window's hotkeys (hardware/sdl.Options.Hotkeys).
func Hotkeys() []sdl.Hotkey {
	return []sdl.Hotkey{DebugKey, ScreenshotKey, EventKey, WarningKey, NetworkKey, LanguageKey, AreaKey}
}

// LegendButton is a button of the legend: a remote key, its label, its keyboard shortcut
// (from hardware/sdl.Keyboard) and where it is drawn.
type LegendButton struct {
	Key      hardware.Key
	Label    string
	Shortcut string
	Rect     image.Rectangle
	Fill     color.NRGBA // the button's colour
}

// Legend is the remote control drawn beside the picture in the emulator's window: the
// remote's buttons laid out as on a remote, each with its keyboard shortcut. A click on
// a button is its key (Hit).
type Legend struct {
	Width, Height int
	Buttons       []LegendButton
	hints         [2][]string // the footer's two columns of hotkeys
	hintY         int
}

// Colours of the legend.
var (
	legBack   = color.NRGBA{R: 28, G: 30, B: 36, A: 255}
	legBody   = color.NRGBA{R: 44, G: 47, B: 56, A: 255}
	legButton = color.NRGBA{R: 70, G: 74, B: 88, A: 255}
	legOK     = color.NRGBA{R: 96, G: 102, B: 120, A: 255}
	legText   = color.NRGBA{R: 240, G: 240, B: 240, A: 255}
	legDim    = color.NRGBA{R: 170, G: 176, B: 192, A: 255}
	legPress  = color.NRGBA{R: 255, G: 204, B: 0, A: 255}
	legColour = map[hardware.Key]color.NRGBA{
		hardware.KeyRed:    {R: 200, G: 40, B: 40, A: 255},
		hardware.KeyGreen:  {R: 40, G: 160, B: 60, A: 255},
		hardware.KeyYellow: {R: 210, G: 180, B: 30, A: 255},
		hardware.KeyBlue:   {R: 40, G: 90, B: 200, A: 255},
	}
)

// shortcutNames are the legend's spellings of SDL key names.
var shortcutNames = map[string]string{
	"Return": "Enter", "Escape": "Esc", "Backspace": "Bksp", "PageUp": "PgUp", "PageDown": "PgDn",
	"Up": "↑", "Down": "↓", "Left": "←", "Right": "→", "=": "+",
}

// Shortcut returns the keyboard shortcut of k from hardware/sdl.Keyboard, as the legend
// shows it: the first binding that is not on the keypad, one without Shift first ("" if
// the keyboard has none).
func Shortcut(k hardware.Key) string {
	var shifted string
	for _, b := range sdl.Keyboard {
		if b.Key != k || strings.HasPrefix(b.Input, "Keypad") {
			continue
		}
		name := b.Input
		if n, ok := shortcutNames[name]; ok {
			name = n
		}
		if !b.Shift {
			return name
		}
		if shifted == "" {
			shifted = "Shift+" + name
		}
	}
	return shifted
}

// NewLegend lays the legend out for a frame of the given height.
func NewLegend(height int) *Legend {
	l := &Legend{Width: LegendWidth * height / 720, Height: height}
	u := func(v int) int { return v * height / 720 }
	add := func(k hardware.Key, label string, x, y, w, h int) {
		fill := legButton
		if c, ok := legColour[k]; ok {
			fill = c
		}
		if k == hardware.KeyEnter {
			fill = legOK
		}
		l.Buttons = append(l.Buttons, LegendButton{Key: k, Label: label, Shortcut: Shortcut(k),
			Rect: image.Rect(u(x), u(y), u(x+w), u(y+h)), Fill: fill})
	}
	// A row of n buttons across the remote's 288 units (16 to 304).
	row := func(y, h int, keys []hardware.Key, labels []string) {
		n := len(keys)
		w := (288 - (n-1)*8) / n
		for i, k := range keys {
			add(k, labels[i], 16+i*(w+8), y, w, h)
		}
	}
	row(52, 44, []hardware.Key{hardware.KeyMenu, hardware.KeyInfo, hardware.KeyEPG, hardware.KeyExit},
		[]string{"MENU", "INFO", "EPG", "EXIT"})
	row(104, 36, []hardware.Key{hardware.KeyRed, hardware.KeyGreen, hardware.KeyYellow, hardware.KeyBlue},
		[]string{"", "", "", ""})
	// The arrows around OK.
	add(hardware.KeyCursorUp, "▲", 120, 150, 80, 44)
	add(hardware.KeyCursorLeft, "◀", 32, 200, 80, 44)
	add(hardware.KeyEnter, "OK", 120, 200, 80, 44)
	add(hardware.KeyCursorRight, "▶", 208, 200, 80, 44)
	add(hardware.KeyCursorDown, "▼", 120, 250, 80, 44)
	// Volume on the left, channel on the right, BACK and MUTE between.
	add(hardware.KeyVolumeUp, "VOL+", 16, 306, 84, 44)
	add(hardware.KeyVolumeDown, "VOL−", 16, 356, 84, 44)
	add(hardware.KeyBack, "BACK", 118, 306, 84, 44)
	add(hardware.KeyMute, "MUTE", 118, 356, 84, 44)
	add(hardware.KeyChannelUp, "CH+", 220, 306, 84, 44)
	add(hardware.KeyChannelDown, "CH−", 220, 356, 84, 44)
	// The digits, as on a phone, then * 0 #.
	digits := []hardware.Key{hardware.Key1, hardware.Key2, hardware.Key3, hardware.Key4, hardware.Key5,
		hardware.Key6, hardware.Key7, hardware.Key8, hardware.Key9,
		hardware.KeyAsterisk, hardware.Key0, hardware.KeyNumberSign}
	for i, k := range digits {
		label := k.String()
		switch k {
		case hardware.KeyAsterisk:
			label = "*"
		case hardware.KeyNumberSign:
			label = "#"
		}
		add(k, label, 40+(i%3)*84, 414+(i/3)*50, 72, 44)
	}
	l.hints = [2][]string{{
		sdl.FullscreenKey + "  full screen",
		DebugKey.String() + "  debug overlay",
		ScreenshotKey.String() + "  screenshot",
		AreaKey.String() + "  area",
	}, {
		EventKey.String() + "  stream event",
		WarningKey.String() + "  warning on/off",
		NetworkKey.String() + "  network on/off",
		LanguageKey.String() + "  language",
	}}
	l.hintY = u(630)
	return l
}

// Hit returns the key of the button at p (in the legend's pixels), or KeyNone.
func (l *Legend) Hit(p image.Point) hardware.Key {
	for _, b := range l.Buttons {
		if p.In(b.Rect) {
			return b.Key
		}
	}
	return hardware.KeyNone
}

// Button returns the button of k.
func (l *Legend) Button(k hardware.Key) (LegendButton, bool) {
	for _, b := range l.Buttons {
		if b.Key == k {
			return b, true
		}
	}
	return LegendButton{}, false
}

// Draw draws the legend, with the keys in pressed highlighted; the pixels are opaque.
func (l *Legend) Draw(pressed ...hardware.Key) *image.RGBA {
	s, _ := gfx.NewSurface(l.Width, l.Height)
	u := func(v int) int { return v * l.Height / 720 }
	uf := func(v int) float64 { return float64(u(v)) }
	s.SetColor(legBack)
	s.DrawRect(gfx.Fill, 0, 0, float64(l.Width), float64(l.Height))
	s.SetColor(legBody)
	s.DrawRoundRect(gfx.Fill, uf(6), uf(6), float64(l.Width-u(12)), uf(614), uf(24))
	font := func(size int, style gfx.Style) {
		_ = s.SetFont(gfx.Font{Face: "sans", Size: max(u(size), 6), Style: style})
	}
	centre := func(r image.Rectangle, y int, text string) {
		w, _ := s.MeasureText(text)
		s.DrawText(gfx.Fill, r.Min.X+(r.Dx()-w)/2, y, text)
	}
	font(14, gfx.StyleBold)
	s.SetColor(legDim)
	centre(image.Rect(0, 0, l.Width, 0), u(20), "REMOTE  ·  click or type")
	for _, b := range l.Buttons {
		r := b.Rect
		fill := b.Fill
		if containsKey(pressed, b.Key) {
			fill = legPress
		}
		s.SetColor(fill)
		s.DrawRoundRect(gfx.Fill, float64(r.Min.X), float64(r.Min.Y), float64(r.Dx()), float64(r.Dy()), uf(8))
		text, sub := legText, legDim
		if containsKey(pressed, b.Key) || b.Key == hardware.KeyYellow {
			text, sub = color.NRGBA{A: 255}, color.NRGBA{R: 40, G: 40, B: 40, A: 255}
		} else if _, ok := legColour[b.Key]; ok {
			sub = legText
		}
		_, lh := gfx.MeasureText(gfx.Font{Face: "sans", Size: max(u(15), 6), Style: gfx.StyleBold}, "Ag")
		_, sh := gfx.MeasureText(gfx.Font{Face: "sans", Size: max(u(11), 6)}, "Ag")
		y := r.Min.Y + (r.Dy()-lh-sh)/2
		if b.Label == "" {
			y = r.Min.Y + (r.Dy()-sh)/2
		} else {
			font(15, gfx.StyleBold)
			s.SetColor(text)
			centre(r, y, b.Label)
			y += lh
		}
		font(11, gfx.StyleNormal)
		s.SetColor(sub)
		centre(r, y, b.Shortcut)
	}
	font(13, gfx.StyleNormal)
	s.SetColor(legDim)
	for i, col := range l.hints {
		y := l.hintY
		for _, h := range col {
			s.DrawText(gfx.Fill, u(20+i*150), y, h)
			y += u(21)
		}
	}
	return s.Image()
}

func containsKey(ks []hardware.Key, k hardware.Key) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}
