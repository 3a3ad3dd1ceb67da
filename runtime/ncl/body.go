package ncl

import (
	"io/fs"
	"path"
	"strings"
	"time"
)

// Node is a body node: *Media, *Context or *Switch.
type Node interface {
	NodeID() string
	// Interface returns the area, property, port or switchPort of the node
	// with that id (a property is also found by its name); nil if none.
	Interface(id string) any
	position() Pos
}

// Property is a <property>: a node's attribute, settable by links.
type Property struct {
	Name  string
	Value string
	// Externable is the externable attribute (NCL 3.1).
	Externable bool
	Pos
}

// Port is a <port> of a context: Component (and its Interface) is started
// when the context starts.
type Port struct {
	ID        string
	Component string
	Interface string
	Pos
}

// Meta is a <meta> of the head or a context.
type Meta struct {
	Name    string
	Content string
	Pos
}

// Context is a <context> or the <body> (the outermost context).
// Specification: ITU-T H.761, 7.2.3 (Components functionality).
type Context struct {
	ID    string
	Refer string
	// Ports, Properties, Nodes (*Media, *Context, *Switch) and Links in
	// document order.
	Ports      []*Port
	Properties []*Property
	Nodes      []Node
	Links      []*Link
	Meta       []Meta
	Pos
}

// NodeID implements Node.
func (c *Context) NodeID() string { return c.ID }

// Interface implements Node.
func (c *Context) Interface(id string) any {
	for _, p := range c.Ports {
		if p.ID == id {
			return p
		}
	}
	if p := findProperty(c.Properties, id); p != nil {
		return p
	}
	return nil
}

func (c *Context) position() Pos { return c.Pos }

// Switch is a <switch>: the first bindRule whose rule holds chooses the node
// presented, else DefaultComponent.
type Switch struct {
	ID               string
	Refer            string
	Nodes            []Node
	BindRules        []BindRule
	DefaultComponent string
	SwitchPorts      []*SwitchPort
	Pos
}

// NodeID implements Node.
func (s *Switch) NodeID() string { return s.ID }

// Interface implements Node.
func (s *Switch) Interface(id string) any {
	for _, p := range s.SwitchPorts {
		if p.ID == id {
			return p
		}
	}
	return nil
}

func (s *Switch) position() Pos { return s.Pos }

// SwitchPort is a <switchPort>: one interface of a switch mapped onto an
// interface of each constituent.
type SwitchPort struct {
	ID       string
	Mappings []Mapping
	Pos
}

// Mapping is a <mapping> of a switchPort.
type Mapping struct {
	Component string
	Interface string
	Pos
}

// Media types Antena knows by name.
const (
	TypeNCLua          = "application/x-ginga-NCLua"
	TypeNCL            = "application/x-ginga-NCL"
	TypeSettings       = "application/x-ginga-settings"
	TypeNCLSettings    = "application/x-ncl-settings"
	TypeTime           = "application/x-ginga-time"
	TypeNCLTime        = "application/x-ncl-time"
	TypeNCLuaAlternate = "application/x-ncl-NCLua"
)

// Media is a <media>: one media object (image, text, video, Lua script,
// settings node, ...).
type Media struct {
	ID  string
	Src string
	// Type is the type attribute, or the type inferred from Src's
	// extension when absent (TypeInferred is then true).
	Type         string
	TypeInferred bool
	Descriptor   string
	// Refer is the media this one reuses ("alias#id" for an imported
	// document); Instance is new (default), instSame or gradSame.
	Refer      string
	Instance   string
	Areas      []*Area
	Properties []*Property
	Pos
}

// NodeID implements Node.
func (m *Media) NodeID() string { return m.ID }

// Interface implements Node.
func (m *Media) Interface(id string) any {
	for _, a := range m.Areas {
		if a.ID == id {
			return a
		}
	}
	if p := findProperty(m.Properties, id); p != nil {
		return p
	}
	return nil
}

func (m *Media) position() Pos { return m.Pos }

// IsSettings reports whether m is the settings node.
func (m *Media) IsSettings() bool {
	t := strings.ToLower(m.Type)
	return t == strings.ToLower(TypeSettings) || t == TypeNCLSettings
}

// IsLua reports whether m is an NCLua script.
func (m *Media) IsLua() bool {
	t := strings.ToLower(m.Type)
	return t == strings.ToLower(TypeNCLua) || t == strings.ToLower(TypeNCLuaAlternate)
}

// SrcPath is the path of m's src in the document's fs.FS: relative to the
// file that declares m, or from the root for "/..."; a file:// scheme is
// dropped, and so are a query and a fragment. ok is false for URLs
// (sbtvd-ts://, http://, ...), an empty src and paths that leave the files.
func (m *Media) SrcPath() (string, bool) {
	s := strings.TrimSpace(m.Src)
	s = strings.TrimPrefix(s, "file://")
	if s == "" || strings.Contains(s, "://") || strings.Contains(s, ":") && !strings.HasPrefix(s, "/") &&
		!strings.Contains(s, "/") {
		return "", false
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	var p string
	if strings.HasPrefix(s, "/") {
		p = path.Clean(s[1:])
	} else {
		p = path.Join(path.Dir(m.Pos.File), s)
	}
	return p, fs.ValidPath(p) && p != "."
}

// Property returns the property name of m.
func (m *Media) Property(name string) *Property { return findProperty(m.Properties, name) }

func findProperty(ps []*Property, name string) *Property {
	for _, p := range ps {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Area is an <area>: a temporal, spatial, textual or labelled anchor.
// Attributes are kept as written; Begin and End are parsed.
type Area struct {
	ID string
	// Begin and End ("5s", "00:01:02.5"); HasBegin/HasEnd say they were given.
	Begin, End       time.Duration
	HasBegin, HasEnd bool
	// First, Last: sample or frame positions ("10", "10s", "10f", "10npt").
	First, Last string
	// BeginText, EndText, BeginPosition, EndPosition: text anchors.
	BeginText, EndText         string
	BeginPosition, EndPosition string
	Coords                     string
	// Label names the area for a Lua or other imperative player.
	Label string
	Clip  string
	Pos
}

// mimeByExt infers a media type from a file extension.
var mimeByExt = map[string]string{
	".lua":   TypeNCLua,
	".ncl":   TypeNCL,
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".bmp":   "image/bmp",
	".mng":   "video/x-mng",
	".txt":   "text/plain",
	".htm":   "text/html",
	".html":  "text/html",
	".xhtml": "application/xhtml+xml",
	".css":   "text/css",
	".srt":   "text/srt",
	".mp3":   "audio/mp3",
	".mp2":   "audio/mp2",
	".wav":   "audio/basic",
	".ac3":   "audio/ac3",
	".aac":   "audio/aac",
	".mpg":   "video/mpeg",
	".mpeg":  "video/mpeg",
	".mp4":   "video/mp4",
	".mpa":   "audio/mpa",
	".ts":    "video/mpeg",
	".mov":   "video/quicktime",
	".avi":   "video/x-msvideo",
}

// InferType returns the media type for src from its extension (case
// insensitive): TypeNCLua for .lua, image/png for .png, ... A broadcast
// stream source (sbtvd-ts:, isdb-ts:, ts:) is video/mpeg. "" if unknown.
func InferType(src string) string {
	l := strings.ToLower(src)
	for _, scheme := range []string{"sbtvd-ts:", "isdb-ts:", "ts:"} {
		if strings.HasPrefix(l, scheme) {
			return "video/mpeg"
		}
	}
	if i := strings.IndexAny(l, "?#"); i >= 0 {
		l = l[:i]
	}
	return mimeByExt[path.Ext(l)]
}
