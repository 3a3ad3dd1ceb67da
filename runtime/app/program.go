package app

import (
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/ncl/player"
	"github.com/antena-tv/antena/runtime/nclua"
)

// Program is a running app: an NCLua app (*nclua.App, a .lua entry) or an
// NCL document (*player.Player, a .ncl entry).
type Program interface {
	Name() string
	// Send delivers an event: a key, an ncl presentation stop (the host
	// ends the app gracefully), si, alert or user events.
	Send(nclua.Event) error
	// SetSetting changes a settings variable the app sees ("group.name").
	SetSetting(path string, value any) error
	Start() error
	Stop()
	Done() <-chan struct{}
	Err() *rlua.StopError
	Sync() error
	Status() rlua.Status
}

var (
	_ Program = (*nclua.App)(nil)
	_ Program = (*player.Player)(nil)
)

// VideoDecoder decodes the video files of NCL documents; see Options.Video.
type VideoDecoder = player.VideoDecoder
