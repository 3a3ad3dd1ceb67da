// Package ncl reads NCL 3.0 documents (ITU-T H.761, ABNT NBR 15606-2), the
// declarative apps of ISDB-Tb, into a model that a player can walk: the
// document model of Antena's NCL player (runtime/ncl/player). It does not
// schedule, present, or focus anything.
//
// # Parsing
//
// Parse(fsys, name, Limits) reads a document and its imports from an app's
// fs.FS (a carousel or a folder). It is tolerant, as broadcast apps need: an
// unknown element or attribute is a Warning with file and line and is
// ignored; a structure error (a link to a missing component, a bind to a
// missing role, a port to a missing interface, a descriptor, region, rule
// or connector that does not exist, an import cycle) is an Error, and that
// part is left out of the model (or its reference cleared) while the rest
// stays. A link that sets or reads a property its node does not declare
// (left, transparency, ...) is only a Warning: players create properties.
// An XML syntax error ends that file and keeps what was read. Parse
// returns an error only when there is no document: unreadable entry, over
// Limits.MaxFileSize, no <ncl> root. Files in UTF-8, ISO-8859-1 and
// Windows-1252 are read.
//
// Work is bounded: the size of each file, the elements over all the files
// of a load, the nesting depth and the import depth (Limits); cycles are
// detected. FuzzParse checks that no input panics.
//
// # Imports
//
// importBase in a connectorBase, descriptorBase, ruleBase or transitionBase
// (the ConnectorBase.ncl pattern) adds the other file's elements with IDs
// "alias#id"; references inside imported descriptors (region, transIn,
// transOut) are prefixed alike. importBase in a regionBase puts the imported
// regions (IDs "alias#id") under the region named by its region attribute
// (or the regionBase's), else at the top. importNCL (importedDocumentBase)
// parses the document and reports its diagnostics; its elements are found
// with "alias#id" by the lookups (media refer="alias#id"). Every imported
// document is in Document.Imports. Paths are relative to the importing file
// and never leave the fs.FS; URLs are not fetched.
//
// # Model
//
// Document holds the head's bases (RegionBases, Descriptors,
// DescriptorSwitches, Connectors, Rules, Transitions, Meta) and the Body, a
// *Context whose Nodes are *Media, *Context and *Switch, each with its
// interfaces (Port, Property, Area, SwitchPort) and the Links of each
// context. Every element records its Pos (file, line). Everything is
// exported plain data; lookups by ID (Region, Descriptor, DescriptorSwitch,
// Connector, Rule, Transition, Node, Media following refer, Parent) use an
// index built by Parse and by Reindex or Validate after a change.
//
//   - Layout: regions nest; left, top, right, bottom, width and height are
//     pixels or percentages of the parent. RegionBase.Resolve and
//     Document.ResolveRegions give absolute rectangles for a screen size.
//   - Descriptors: explicitDur, freeze, player, focusIndex and
//     moveUp/Down/Left/Right, focus and selection borders, focusSrc,
//     transIn/transOut and descriptorParams (transparency, ...). A
//     descriptorSwitch chooses by bindRule, else its defaultDescriptor.
//   - Media: a missing type is inferred from the src extension (InferType);
//     IsSettings tells the settings node (application/x-ginga-settings or
//     x-ncl-settings); IsLua an NCLua script.
//   - Connectors: causalConnector with connectorParams, a condition tree
//     (SimpleCondition, CompoundCondition with AssessmentStatement and
//     CompoundStatement guards) and an action tree (SimpleAction,
//     CompoundAction). A reserved role (ConditionRoles, ActionRoles: onBegin,
//     onSelection, ..., start, set, ...) fills in the eventType, transition
//     and actionType it means when they are absent. "$name" values stay in
//     the connector and are resolved per bind at link time by ResolveParam,
//     ResolveAction and ResolveCondition (bindParam, then linkParam).
//   - Rules: Rule is a rule or a compositeRule; Eval evaluates it against
//     the settings.
//
// # The player
//
// runtime/ncl/player presents the model: event state machines, links,
// timing, media players, focus and keys (its package doc says how). This
// package only reads.
package ncl
