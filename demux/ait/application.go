package ait

import "strings"

// ApplicationDescriptor returns the application's application_descriptor, or nil.
func (a *Application) ApplicationDescriptor() *ApplicationDescriptor {
	for _, d := range a.Descriptors {
		if ad, ok := d.(*ApplicationDescriptor); ok {
			return ad
		}
	}
	return nil
}

// Names returns every name of the application_name_descriptors, in order.
func (a *Application) Names() []ApplicationName {
	var names []ApplicationName
	for _, d := range a.Descriptors {
		if nd, ok := d.(*ApplicationNameDescriptor); ok {
			names = append(names, nd.Names...)
		}
	}
	return names
}

// Name returns the application's name in the first of langs (ISO 639-2 codes such as "por",
// compared without case) that it has, else its first name, else "".
func (a *Application) Name(langs ...string) string {
	names := a.Names()
	for _, l := range langs {
		for _, n := range names {
			if strings.EqualFold(n.ISO639LanguageCode, l) {
				return n.String()
			}
		}
	}
	if len(names) == 0 {
		return ""
	}
	return names[0].String()
}

// Transports returns the transport_protocol_descriptors the application uses, in its order
// of preference: for each transport_protocol_label of its application_descriptor, the
// descriptor with that label in its own loop, else in the table's common loop (common, which
// may be nil). Labels that match nothing are skipped. Without an application_descriptor, or
// with no labels in it, it returns every transport of its own loop, then those of the common
// loop whose label is not already taken.
// Specification: ETSI TS 102 809 §5.3.5 (application descriptor) and §5.3.6 (transport protocols).
func (a *Application) Transports(common []Descriptor) []*TransportProtocolDescriptor {
	ad := a.ApplicationDescriptor()
	if ad == nil || len(ad.TransportProtocolLabels) == 0 {
		all := transports(nil, a.Descriptors, -1)
		for _, t := range transports(nil, common, -1) {
			if !hasLabel(all, t.TransportProtocolLabel) {
				all = append(all, t)
			}
		}
		return all
	}
	var out []*TransportProtocolDescriptor
	for _, l := range ad.TransportProtocolLabels {
		n := len(out)
		out = transports(out, a.Descriptors, int(l))
		if len(out) == n {
			out = transports(out, common, int(l))
		}
	}
	return out
}

// transports appends the transport descriptors of ds with label (all if label < 0).
func transports(dst []*TransportProtocolDescriptor, ds []Descriptor, label int) []*TransportProtocolDescriptor {
	for _, d := range ds {
		if t, ok := d.(*TransportProtocolDescriptor); ok && (label < 0 || int(t.TransportProtocolLabel) == label) {
			dst = append(dst, t)
		}
	}
	return dst
}

func hasLabel(ts []*TransportProtocolDescriptor, label uint8) bool {
	for _, t := range ts {
		if t.TransportProtocolLabel == label {
			return true
		}
	}
	return false
}

// Entry returns the application's initial file or class, from the first location descriptor
// in its loop:
//
//	0x07 Ginga-NCL location      base_directory joined with initial_class ("/app/main.ncl")
//	0x04 DVB-J / Ginga-J location initial_class (a Java class name)
//	0x09 DVB-HTML location       initial_path
//	0x15 simple location         initial_path_bytes ("index.html?x=1")
//
// It returns "" when the application has none of them.
func (a *Application) Entry() string {
	for _, d := range a.Descriptors {
		switch l := d.(type) {
		case *GingaNCLApplicationLocationDescriptor:
			return joinPath(l.BaseDirectory, l.InitialClass)
		case *DVBJApplicationLocationDescriptor:
			return l.InitialClass
		case *DVBHTMLApplicationLocationDescriptor:
			return l.InitialPath
		case *SimpleApplicationLocationDescriptor:
			return l.InitialPath
		}
	}
	return ""
}

// entryPath is Entry for the location descriptors that give a path (not a class name).
func (a *Application) entryPath() string {
	for _, d := range a.Descriptors {
		switch d.(type) {
		case *DVBJApplicationLocationDescriptor:
			return ""
		case *GingaNCLApplicationLocationDescriptor, *DVBHTMLApplicationLocationDescriptor,
			*SimpleApplicationLocationDescriptor:
			return a.Entry()
		}
	}
	return ""
}

// URL returns where to load the application over HTTP: the URL base of its first HTTP
// transport (see Transports) followed by its entry path, as HbbTV does (ETSI TS 102 796:
// URL_base_byte then initial_path_bytes). For a DVB-J application, whose entry is a class, it
// returns the URL base alone. It returns "" when the application has no HTTP transport.
func (a *Application) URL(common []Descriptor) string {
	for _, t := range a.Transports(common) {
		if base := t.URL(); base != "" {
			entry := a.entryPath()
			if strings.HasSuffix(base, "/") {
				entry = strings.TrimPrefix(entry, "/")
			}
			return base + entry
		}
	}
	return ""
}

// ObjectCarousel returns the application's first object-carousel transport (see Transports)
// or nil: its ComponentTag names the carousel's elementary stream in the PMT.
func (a *Application) ObjectCarousel(common []Descriptor) *TransportProtocolDescriptor {
	for _, t := range a.Transports(common) {
		if t.ProtocolID == ProtocolObjectCarousel {
			return t
		}
	}
	return nil
}

// joinPath joins a base directory and a file name with one slash between them.
func joinPath(base, file string) string {
	switch {
	case base == "":
		return file
	case file == "":
		return base
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(file, "/")
}
