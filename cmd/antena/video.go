package main

import (
	"context"
	"io"

	"github.com/antena-tv/antena/runtime/app"
	"github.com/antena-tv/antena/runtime/ncl/player"
	"github.com/antena-tv/antena/runtime/video"
)

// nclVideo decodes the video files of NCL documents with ffmpeg at their
// native rate, or returns nil (placeholders) when ffmpeg is not installed.
func nclVideo() app.VideoDecoder {
	if !video.Available("") {
		return nil
	}
	return func(r io.Reader, w, h int) (player.VideoSource, error) {
		return video.Start(context.Background(), video.Options{Reader: r, Width: w, Height: h, Realtime: true})
	}
}
