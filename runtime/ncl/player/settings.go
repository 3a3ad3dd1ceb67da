package player

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/antena-tv/antena/runtime/nclua"
)

// settingsNode is the document's settings node (application/x-ginga-settings
// or x-ncl-settings): the box's variables (system.*, user.*, default.*,
// service.*, si.*, channel.*) as properties that rules read and links set.
// Its values start from nclua.DefaultSettings with the host's overrides
// (Options.Lua.Settings); a value the document gives its property, or that
// a link sets, wins. Setting service.currentFocus moves the focus;
// service.currentKeyMaster gives the keys to a media (by id or focusIndex).
// Every change reaches the NCLua media's settings table too.
type settingsNode struct {
	p    *Player
	obj  *object // nil when the document has no settings node
	vals map[string]string
	base nclua.Settings
}

func newSettingsNode(p *Player, o *object) *settingsNode {
	s := &settingsNode{p: p, obj: o, vals: map[string]string{}, base: nclua.DefaultSettings(p.opts.Width, p.opts.Height)}
	for g, vars := range p.opts.Lua.Settings {
		if s.base[g] == nil {
			s.base[g] = map[string]any{}
		}
		for k, v := range vars {
			s.base[g][k] = v
		}
	}
	if o != nil {
		for k, v := range o.props {
			if v != "" {
				s.vals[k] = v
			}
		}
	}
	return s
}

// get returns a settings variable ("system.language") for rules and
// assessments.
func (s *settingsNode) get(name string) (string, bool) {
	if v, ok := s.vals[name]; ok {
		return v, true
	}
	g, k, ok := strings.Cut(name, ".")
	if !ok {
		return "", false
	}
	v, ok := s.base[g][k]
	if !ok {
		return "", false
	}
	return toString(v), true
}

// set is a link's set on a settings property.
func (s *settingsNode) set(name, value string) {
	s.vals[name] = value
	if s.obj != nil {
		s.obj.props[name] = value
	}
	switch name {
	case "service.currentFocus":
		s.p.focusTo(value)
	case "service.currentKeyMaster":
		s.p.setKeyMaster(value)
	}
	s.propagate(name, value)
}

// hostSet is a change of the box's configuration.
func (s *settingsNode) hostSet(name string, typed any) {
	g, k, _ := strings.Cut(name, ".")
	if s.base[g] == nil {
		s.base[g] = map[string]any{}
	}
	s.base[g][k] = typed
	delete(s.vals, name)
	s.propagate(name, typed)
}

func (s *settingsNode) propagate(name string, value any) {
	for _, lm := range s.p.luas {
		if err := lm.app.SetSetting(name, value); err != nil {
			s.p.log.Debug("ncl: setting not passed to a script", "name", name, "err", err)
		}
	}
}

// settings are the variables a new NCLua media starts with.
func (s *settingsNode) settings() nclua.Settings {
	out := nclua.Settings{}
	for g, vars := range s.base {
		out[g] = map[string]any{}
		for k, v := range vars {
			out[g][k] = v
		}
	}
	for name, v := range s.vals {
		if g, k, ok := strings.Cut(name, "."); ok {
			if out[g] == nil {
				out[g] = map[string]any{}
			}
			out[g][k] = v
		}
	}
	return out
}

// toString formats a value as NCL properties hold it.
func toString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}
