package alert

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	dalert "github.com/antena-tv/antena/demux/alert"
)

// DefaultTMCCWait is how long a box woken from standby by the TMCC emergency flag waits
// for a warning addressed to it before it goes back to standby, when Config.TMCCWait is 0.
const DefaultTMCCWait = 60 * time.Second

// maxAreaCode is the largest 12-bit area code.
const maxAreaCode = 1<<12 - 1

// Config is what the box knows about itself: where it is and what language it speaks.
// The caller builds it from flags (ParseAreas, ParseLocation, ParseLanguage) or from a
// file (ParseConfig).
type Config struct {
	// Areas are the box's 12-bit ISDB area codes (ARIB STD-B10 Annex D or the national
	// table). Empty: every ISDB warning is for this box.
	Areas []uint16
	// AreaNames are names shown on screen for some areas instead of their codes.
	AreaNames map[uint16]string
	// Language is the language of the overlay (the zero value is Portuguese).
	Language Language
	// Locations are the box's SCTE-18 locations (FIPS state, county, subdivision).
	// Empty: every SCTE-18 alert is for this box.
	Locations []dalert.LocationCode
	// TMCCWait bounds the wait for a warning after the TMCC flag woke the box; 0 means
	// DefaultTMCCWait.
	TMCCWait time.Duration
}

// UserLocation returns the value of settings.user.location for apps: the box's area
// codes as ParseAreas reads them ("0x5A5,0x15A"), or "" when none is configured.
func (c *Config) UserLocation() string {
	var b strings.Builder
	for i, a := range c.Areas {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "0x%03X", a)
	}
	return b.String()
}

// ParseAreas reads a list of 12-bit area codes separated by commas or spaces: hex with a
// 0x prefix ("0x5A5") or decimal ("1445"), as a command-line flag gives them.
func ParseAreas(s string) ([]uint16, error) {
	var out []uint16
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		a, err := parseAreaCode(f)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out, nil
}

func parseAreaCode(f string) (uint16, error) {
	v, err := strconv.ParseUint(f, 0, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %q is not a number (write 0x5A5 or 1445)", ErrAreaCode, f)
	}
	if v > maxAreaCode {
		return 0, fmt.Errorf("%w: %q is more than 12 bits (at most 0xFFF)", ErrAreaCode, f)
	}
	return uint16(v), nil
}

// ParseLocation reads an SCTE-18 location "state/county" or "state/county/subdivision"
// (decimal FIPS codes: state 0-99, county 0-999, subdivision 0-9; county 0 is the whole
// state, subdivision 0 the whole county), e.g. "42/101".
func ParseLocation(s string) (dalert.LocationCode, error) {
	parts := strings.Split(strings.TrimSpace(s), "/")
	if len(parts) < 2 || len(parts) > 3 {
		return dalert.LocationCode{}, fmt.Errorf("%w: %q: want state/county or state/county/subdivision", ErrLocation, s)
	}
	var v [3]uint64
	limits := [3]uint64{99, 999, 9}
	names := [3]string{"state", "county", "subdivision"}
	for i, p := range parts {
		n, err := strconv.ParseUint(strings.TrimSpace(p), 10, 16)
		if err != nil || n > limits[i] {
			return dalert.LocationCode{}, fmt.Errorf("%w: %q: %s %q is not a number from 0 to %d",
				ErrLocation, s, names[i], p, limits[i])
		}
		v[i] = n
	}
	return dalert.LocationCode{StateCode: uint8(v[0]), CountyCode: uint16(v[1]), CountySubdivision: uint8(v[2])}, nil
}

// ParseConfig reads a configuration file: one "key = value" a line, "#" starts a comment,
// blank lines are skipped. Keys:
//
//	area = 0x5A5, 0x15A        12-bit area codes (hex 0x… or decimal); lines add up
//	area-name = 0x5A5 Petrópolis   the name shown for an area
//	language = pt              pt, es or en (also por, spa, eng, pt-BR, es-419, en-US…)
//	scte18-location = 42/101   SCTE-18 state/county[/subdivision]; lines add up
//	tmcc-wait = 45s            a Go duration
//
// An unknown key, a repeated language or tmcc-wait, or a bad value is an error that
// wraps ErrConfig and names the line.
func ParseConfig(r io.Reader) (Config, error) {
	var c Config
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if !ok || key == "" {
			return Config{}, fmt.Errorf("%w: line %d: %q: want key = value", ErrConfig, n, line)
		}
		if err := c.set(key, val, seen); err != nil {
			return Config{}, fmt.Errorf("%w: line %d: %s: %w", ErrConfig, n, key, err)
		}
	}
	if err := sc.Err(); err != nil {
		return Config{}, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return c, nil
}

// Errors of one configuration line, wrapped in ErrConfig with the line and the key.
var (
	errGivenTwice = errors.New("given twice")
	errUnknownKey = errors.New("unknown key (want area, area-name, language, scte18-location or tmcc-wait)")
)

// set applies one line of a configuration file.
func (c *Config) set(key, val string, seen map[string]bool) error {
	switch key {
	case "language", "tmcc-wait":
		if seen[key] {
			return errGivenTwice
		}
		seen[key] = true
	}
	switch key {
	case "area":
		as, err := ParseAreas(val)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return fmt.Errorf("%w: no area code given", ErrAreaCode)
		}
		for _, a := range as {
			if !slices.Contains(c.Areas, a) {
				c.Areas = append(c.Areas, a)
			}
		}
	case "area-name":
		code, name, _ := strings.Cut(val, " ")
		a, err := parseAreaCode(code)
		if err != nil {
			return err
		}
		if name = strings.TrimSpace(name); name == "" {
			return fmt.Errorf("%w: no name after %s", ErrAreaCode, code)
		}
		if c.AreaNames == nil {
			c.AreaNames = map[uint16]string{}
		}
		c.AreaNames[a] = name
	case "language":
		l, err := ParseLanguage(val)
		if err != nil {
			return err
		}
		c.Language = l
	case "scte18-location":
		l, err := ParseLocation(val)
		if err != nil {
			return err
		}
		c.Locations = append(c.Locations, l)
	case "tmcc-wait":
		d, err := time.ParseDuration(val)
		if err != nil || d <= 0 {
			return fmt.Errorf("%q is not a positive duration (write 45s or 2m)", val)
		}
		c.TMCCWait = d
	default:
		return errUnknownKey
	}
	return nil
}
