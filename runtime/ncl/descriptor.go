package ncl

import "time"

// Param is a name/value pair: descriptorParam, linkParam, bindParam,
// connectorParam (Value is then the type attribute) and similar.
type Param struct {
	Name  string
	Value string
	Pos
}

// Descriptor is a <descriptor>: how and where a media object is presented.
// Specification: ITU-T H.761, 7.2.6 (Presentation specification).
// Empty strings and zero values mean the attribute was absent.
type Descriptor struct {
	ID     string
	Region string
	Player string
	// ExplicitDur is the explicitDur attribute; HasExplicitDur says it was given.
	ExplicitDur    time.Duration
	HasExplicitDur bool
	Freeze         bool
	// FocusIndex is the focusIndex attribute (a string in NCL 3.0; numbers
	// compare as numbers in the focus engine).
	FocusIndex string
	MoveUp     string
	MoveDown   string
	MoveLeft   string
	MoveRight  string
	// FocusBorderColor, SelBorderColor: colour names of the norm.
	FocusBorderColor string
	FocusBorderWidth string
	// FocusBorderTransparency is the attribute as written ("0.5", "50%").
	FocusBorderTransparency string
	FocusSrc                string
	FocusSelSrc             string
	SelBorderColor          string
	// TransIn, TransOut are transition IDs (the attribute is a ";" list).
	TransIn  []string
	TransOut []string
	// Params are the descriptorParam children, in order (transparency,
	// background, visible, fit, scroll, soundLevel, ... and any name).
	Params []Param
	Pos
}

// Param returns the value of the descriptorParam name.
func (d *Descriptor) Param(name string) (string, bool) {
	for i := len(d.Params) - 1; i >= 0; i-- {
		if d.Params[i].Name == name {
			return d.Params[i].Value, true
		}
	}
	return "", false
}

// Transparency is the transparency descriptorParam, or "" when absent.
func (d *Descriptor) Transparency() string {
	v, _ := d.Param("transparency")
	return v
}

// DescriptorSwitch is a <descriptorSwitch>: the first bindRule whose rule
// holds chooses the descriptor, else DefaultDescriptor.
type DescriptorSwitch struct {
	ID                string
	Descriptors       []*Descriptor
	BindRules         []BindRule
	DefaultDescriptor string
	Pos
}

// BindRule is a <bindRule> of a switch or descriptorSwitch: Constituent is
// chosen when Rule holds.
type BindRule struct {
	Constituent string
	Rule        string
	Pos
}
