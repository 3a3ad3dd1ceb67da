// Package player presents NCL 3.0 documents (ITU-T H.761, ABNT NBR
// 15606-2): it is part 2 of Antena's NCL player, walking the model of
// runtime/ncl on the same runtime and compositor as the Lua apps.
//
// # The player
//
// New parses the document (ncl.Parse: tolerant; every diagnostic is logged
// with file and line) and makes the execution objects of the body; Start
// starts the body, whose ports start their components. One goroutine owns
// the player (a runtime/lua VM used as the event loop: every piece of work
// enters through a protected call, so a bug of the player stops this
// document, never the box); its clock is Options.Lua.Clock, so the
// emulator's virtual clock drives the document as it drives the scripts.
//
// Documents are hostile until checked: a document whose links restart
// each other without end (more than 100 starts of one media, or 20,000
// transitions, within 100 ms of clock time; or transitions nested 1,000
// deep) is stopped with ErrRunaway, and FuzzPlayer plays arbitrary
// documents.
//
// # Events and links
//
// Every node has event state machines (sleeping, occurring, paused;
// Specification: ITU-T H.761, 7.2.7): presentation of its whole content
// and of each area, selection, attribution of each property. A transition
// (starts, stops, aborts, pauses, resumes) triggers the links whose simple
// conditions wait for it, found through an index by event. Conditions:
// delays, qualifier and (every bind), compound and/or (an "and" holds when
// every part held since it last fired), guards (assessment and compound
// statements over properties, event states, occurrences and repetitions,
// with offsets). Actions: start, stop, abort, pause, resume, set (with a
// duration for a number: stepped at 25 a second), compound seq/par with
// delays, repeat and repeatDelay (at most 100 repeats). A link acts only
// while its context is presented. "$param" values are resolved per bind
// (bindParam, then linkParam).
//
// # Nodes
//
// A context starts its ports (or the port named by the action), and ends
// when its last presented child ends; the body's end ends the document
// (Options.OnExit). A switch presents the first constituent whose bindRule
// holds (Rule.Eval over the settings node), else its defaultComponent, and
// ends with it; switchPorts map interfaces (a link waiting on a
// switchPort sees the mapped interface of the choice). A media with refer and
// instance instSame or gradSame is the referred object itself.
//
// # Media
//
// Media are placed by their descriptor's region (or a descriptorSwitch's
// choice), then by their properties (left, top, width, height, right,
// bottom, bounds, location, size in pixels or percentages, both of the
// screen, whether declared or set; zIndex; transparency; visible;
// background; fit), each on its own layer of a private scene composed into
// Options.Layer, so the document is one app layer for the app manager.
//
//   - image/png, jpeg, gif (first frame), bmp: fitted by fit (fill, meet,
//     meetBest, slice, hidden).
//   - text/plain and text/html (tags dropped, entities decoded, block ends
//     as line breaks): wrapped lines in fontFamily, fontSize (24 by
//     default), fontColor (white), fontStyle, fontWeight, textAlign.
//   - application/x-ginga-NCLua: an nclua.App whose global canvas is the
//     region, flushed onto the media's layer; see luaMedia for the ncl
//     event class both ways.
//   - the settings node (application/x-ginga-settings, x-ncl-settings): see
//     settingsNode.
//   - application/x-ginga-time, audio and media without content: events
//     and timing only (the box has no audio output of its own here).
//   - video: the broadcast's own video (src sbtvd-ts://, isdb-ts://, ts://,
//     or a video media without src) moves the screen's video plane into the
//     region; a video file is decoded by Options.Video when given (ffmpeg in
//     the receiver), else shown as a placeholder.
//
// A media whose file is missing or undecodable is shown as a placeholder
// (a crossed box with the file's name) and a warning is logged; the rest of
// the document goes on. explicitDur ends a media; areas with begin and end
// start and stop on the media's time (pauses excluded). transIn and
// transOut are played as fades of the layer over the transition's dur
// (other transition types too).
//
// # Focus and keys
//
// Media with a focusIndex take the focus while presented and visible; the
// lowest index has it first. The arrows follow the focused descriptor's
// moveUp, moveDown, moveLeft and moveRight (or the properties of those
// names); ENTER starts the focused media's selection (onSelection,
// onBeginSelection) and its release stops it (onEndSelection). A link
// condition with key="RED" (any key) selects every presented media bound
// to it when that key is pressed, focus or not. The focus border is drawn
// around the focused media by focusBorderWidth (negative: inside; default
// -3), focusBorderColor, focusBorderTransparency, and selBorderColor while
// ENTER is held. A descriptor's focusSrc image replaces the media's content
// while it has the focus, and its focusSelSrc while ENTER selects it.
// service.currentFocus follows the focus and moves it when
// set.
//
// Keys go to the key master when there is one (service.currentKeyMaster
// set by a link, or a script selected with ENTER): it gets every key (the
// links and the navigation wait), a BACK it does not consume gives the keys
// back to the navigation, and any other key it does not consume goes to
// the box.
// Otherwise the focused media gets them if it is a script, else every
// presented script that has no focusIndex (as Ginga delivers keys to its
// scripts), while the links and the navigation see them too. Presses and
// releases keep their order; a release goes to the scripts its press went
// to. A key no part of the document used is passed on
// (Options.OnUnconsumed) to the box.
package player
