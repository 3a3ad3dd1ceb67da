package alert

import (
	"fmt"
	"strings"

	dalert "github.com/antena-tv/antena/demux/alert"
)

// Language is the language of the overlay.
type Language uint8

// Languages. The zero value is Portuguese, the language of most ISDB-Tb boxes.
const (
	Portuguese Language = iota
	Spanish
	English
	languageCount
)

// ParseLanguage accepts an ISO 639-1 or 639-2 code, optionally with a region ("pt",
// "por", "pt-BR", "es", "spa", "es-419", "en", "eng", "en_US"), or the language's name in
// English or in itself. Case is ignored.
func ParseLanguage(s string) (Language, error) {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "-")
	base, _, _ = strings.Cut(base, "_")
	switch base {
	case "pt", "por", "portuguese", "português", "portugues":
		return Portuguese, nil
	case "es", "spa", "spanish", "español", "espanol", "castellano":
		return Spanish, nil
	case "en", "eng", "english":
		return English, nil
	}
	return Portuguese, fmt.Errorf("%w: %q (want pt, es or en)", ErrLanguage, s)
}

// String returns "pt", "es" or "en".
func (l Language) String() string {
	switch l {
	case Spanish:
		return "es"
	case English:
		return "en"
	case Portuguese:
		return "pt"
	}
	return fmt.Sprintf("Language(%d)", uint8(l))
}

// ISO6392 returns the ISO 639-2 code ("por", "spa", "eng"), the form SCTE-18 texts are
// tagged with; pass it in demux/alert Tracker.Languages.
func (l Language) ISO6392() string {
	switch l {
	case Spanish:
		return "spa"
	case English:
		return "eng"
	}
	return "por"
}

// messages are the overlay's words in one language. ISDB warnings carry no text: the
// broadcast service carries the content, so the overlay says what kind of warning it is,
// for which area, and what the viewer can do.
type messages struct {
	title         string    // the panel's headline
	level         [2]string // by SignalLevel: the kind of start signal, named
	meaning       [2]string // by SignalLevel: what it means for the viewer
	area, areas   string    // "Area: %s" for one or several areas
	allAreas      string    // the warning names no area
	code          string    // an area without a name: "code %03X"
	tuned         string    // the box switched to the warning's service
	hintFirst     string    // first kind: what keys do
	hintSecond    string    // second kind: what keys do
	hintBanner    string    // minimized: how to bring the panel back
	crawlLabel    string    // the label left of the SCTE-18 crawl
	crawlFallback string    // crawl text when the alert has none: "Emergency alert %s"
}

var languageMessages = [languageCount]messages{
	Portuguese: {
		title: "ALERTA DE EMERGÊNCIA",
		level: [2]string{"Alerta de 1º tipo: o mais grave", "Alerta de 2º tipo"},
		meaning: [2]string{
			"Perigo grave e imediato na sua área. Siga agora as instruções das autoridades.",
			"Situação de risco na sua área. Acompanhe as instruções das autoridades.",
		},
		area: "Área: %s", areas: "Áreas: %s", allAreas: "Área: todas", code: "código %03X",
		tuned:      "Sintonizado no canal do alerta.",
		hintFirst:  "O aviso fica até o fim do alerta · INFO: reduzir",
		hintSecond: "OK ou VOLTAR: fechar · INFO: reduzir",
		hintBanner: "INFO: ampliar",
		crawlLabel: "ALERTA", crawlFallback: "Alerta de emergência %s",
	},
	Spanish: {
		title: "ALERTA DE EMERGENCIA",
		level: [2]string{"Alerta de 1.er tipo: la más grave", "Alerta de 2.º tipo"},
		meaning: [2]string{
			"Peligro grave e inmediato en su zona. Siga ahora las instrucciones de las autoridades.",
			"Situación de riesgo en su zona. Siga las instrucciones de las autoridades.",
		},
		area: "Zona: %s", areas: "Zonas: %s", allAreas: "Zona: todas", code: "código %03X",
		tuned:      "Sintonizado en el canal de la alerta.",
		hintFirst:  "El aviso sigue hasta el fin de la alerta · INFO: reducir",
		hintSecond: "OK o VOLVER: cerrar · INFO: reducir",
		hintBanner: "INFO: ampliar",
		crawlLabel: "ALERTA", crawlFallback: "Alerta de emergencia %s",
	},
	English: {
		title: "EMERGENCY WARNING",
		level: [2]string{"First-kind warning: the most severe", "Second-kind warning"},
		meaning: [2]string{
			"Serious and immediate danger in your area. Follow the authorities' instructions now.",
			"A risk in your area. Follow the authorities' instructions.",
		},
		area: "Area: %s", areas: "Areas: %s", allAreas: "Area: all", code: "code %03X",
		tuned:      "Tuned to the warning's channel.",
		hintFirst:  "This stays until the warning ends · INFO: minimise",
		hintSecond: "OK or BACK: close · INFO: minimise",
		hintBanner: "INFO: expand",
		crawlLabel: "ALERT", crawlFallback: "Emergency alert %s",
	},
}

func (l Language) messages() *messages {
	if l >= languageCount {
		l = Portuguese
	}
	return &languageMessages[l]
}

// levelIndex maps a signal level to an index of messages.level (an unknown level is
// shown as the first kind: the safer reading).
func levelIndex(l dalert.SignalLevel) int {
	if l == dalert.SignalLevelSecondKind {
		return 1
	}
	return 0
}

// areaLine names the areas of a warning: the box's areas it lists (by name when the
// configuration has one), or all its areas when the box has none configured.
func (m *messages) areaLine(alertAreas, boxAreas []uint16, names map[uint16]string) string {
	var shown []string
	for _, a := range alertAreas {
		if len(boxAreas) > 0 && !containsArea(boxAreas, a) {
			continue
		}
		if n, ok := names[a]; ok {
			shown = append(shown, n)
		} else {
			shown = append(shown, fmt.Sprintf(m.code, a))
		}
	}
	switch len(shown) {
	case 0:
		return m.allAreas
	case 1:
		return fmt.Sprintf(m.area, shown[0])
	}
	return fmt.Sprintf(m.areas, strings.Join(shown, ", "))
}

func containsArea(as []uint16, a uint16) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

// crawlText is the line an SCTE-18 alert scrolls: its nature of activation and its text,
// or, when it has neither, its event code.
func (m *messages) crawlText(a *dalert.Alert) string {
	var parts []string
	if s := strings.TrimSpace(a.NatureOfActivation); s != "" {
		parts = append(parts, s)
	}
	if s := strings.Join(strings.Fields(a.Text), " "); s != "" {
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return fmt.Sprintf(m.crawlFallback, a.EventCode)
	}
	return strings.Join(parts, " — ")
}
