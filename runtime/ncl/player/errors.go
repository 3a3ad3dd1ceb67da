package player

import "errors"

// ErrRunaway stops a document whose links restart each other without end:
// more than maxBurst event transitions, or more than maxRestarts starts
// of one media, within burstWindow of clock time, or transitions nested
// deeper than maxDepth (a link that reacts to its own action at once). The box goes on; the app stops with this reason.
var ErrRunaway = errors.New("player: the document's links loop without end")
