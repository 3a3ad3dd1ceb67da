package runtime

import (
	"errors"
	"fmt"

	"github.com/antena-tv/antena/hardware"
	"github.com/antena-tv/antena/runtime/alert"
	"github.com/antena-tv/antena/runtime/app"
	rlua "github.com/antena-tv/antena/runtime/lua"
	"github.com/antena-tv/antena/runtime/nclua"
)

// volumeStep is how much VOLUME_UP and VOLUME_DOWN change the volume (0-100).
const volumeStep = 5

// Key routes one remote-control key: the alert manager first (a warning on screen takes
// most keys), the standby key, the OSD's list of apps while it is open, then the app
// manager (the focused app, and the keys it does not consume to the box: zapping, volume,
// INFO). It never blocks.
func (r *Receiver) Key(ev hardware.KeyEvent) {
	if r.alerts.FilterKey(ev) {
		return
	}
	if r.opts.StandbyKey != hardware.KeyNone && ev.Key == r.opts.StandbyKey {
		if ev.Pressed && !ev.Repeat {
			r.SetStandby(!r.Standby())
		}
		return
	}
	if r.Standby() {
		return
	}
	if r.osd.MenuOpen() && ev.Pressed {
		r.menuKey(ev)
		return
	}
	r.apps.Key(ev)
}

// menuKey handles a press while the list of apps is open.
func (r *Receiver) menuKey(ev hardware.KeyEvent) {
	switch ev.Key {
	case hardware.KeyCursorUp:
		r.osd.MoveMenu(-1)
	case hardware.KeyCursorDown:
		r.osd.MoveMenu(1)
	case hardware.KeyEnter:
		i := r.osd.Selected()
		r.mu.Lock()
		var id app.ID
		ok := i >= 0 && i < len(r.menu)
		if ok {
			id = r.menu[i]
		}
		r.mu.Unlock()
		r.osd.CloseMenu()
		if ok {
			if err := r.apps.Start(id); err != nil {
				r.osd.ShowMessage(r.clock.Now(), "Não foi possível iniciar", err.Error())
			}
		}
	case hardware.KeyBack, hardware.KeyExit, hardware.KeyInfo:
		r.osd.CloseMenu()
	}
}

// boxKey gets the keys no app took (app manager goroutine).
func (r *Receiver) boxKey(ev hardware.KeyEvent) {
	if !ev.Pressed {
		return
	}
	switch ev.Key {
	case hardware.KeyChannelUp:
		if !ev.Repeat {
			r.Zap(1)
		}
	case hardware.KeyChannelDown:
		if !ev.Repeat {
			r.Zap(-1)
		}
	case hardware.KeyVolumeUp, hardware.KeyVolumeDown, hardware.KeyMute:
		r.volumeKey(ev)
	case hardware.KeyInfo:
		if !ev.Repeat {
			r.OpenAppList()
		}
	}
}

func (r *Receiver) volumeKey(ev hardware.KeyEvent) {
	r.mu.Lock()
	switch ev.Key {
	case hardware.KeyVolumeUp:
		r.volume, r.muted = min(100, r.volume+volumeStep), false
	case hardware.KeyVolumeDown:
		r.volume = max(0, r.volume-volumeStep)
	case hardware.KeyMute:
		if !ev.Repeat {
			r.muted = !r.muted
		}
	}
	v, m := r.volume, r.muted
	r.mu.Unlock()
	r.osd.ShowVolume(r.clock.Now(), v, m)
}

// Volume returns the volume (0-100) and whether the sound is muted.
func (r *Receiver) Volume() (level int, muted bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.volume, r.muted
}

// OpenAppList shows the apps the viewer may start (the app manager's Startable list) on
// the OSD: CURSOR_UP/DOWN move, ENTER starts, BACK, EXIT or INFO close.
func (r *Receiver) OpenAppList() {
	list := r.apps.Startable()
	ids := make([]app.ID, len(list))
	labels := make([]string, len(list))
	for i, a := range list {
		ids[i], labels[i] = a.ID, a.Label()
	}
	r.mu.Lock()
	r.menu = ids
	r.mu.Unlock()
	r.osd.OpenMenu(labels)
}

// Standby reports whether the box is in standby (no frames; the demux goes on).
func (r *Receiver) Standby() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.standby
}

// SetStandby puts the box into standby or brings it out. In standby the screen is not
// drawn and keys other than the standby key are ignored, but the Demuxer and the alert
// manager go on: a warning for the box's area wakes it.
func (r *Receiver) SetStandby(on bool) {
	r.mu.Lock()
	r.standby, r.awake = on, false
	r.mu.Unlock()
	r.log.Info("standby", "on", on)
	// Standby turns the panel off where the display can (the framebuffer can); the demux,
	// the alert manager and the apps' timers go on, and a warning turns it back on.
	if b, ok := r.opts.Display.(blanker); ok {
		var err error
		if on {
			err = b.Blank()
		} else {
			err = b.Unblank()
		}
		if err != nil {
			r.log.Warn("display blanking", "standby", on, "err", err)
		}
	}
	if !on {
		r.comp.Invalidate(r.comp.Frame().Bounds())
	}
}

// blanker is a display that can turn its panel off and on (hardware/linux's FB is one).
type blanker interface {
	Blank() error
	Unblank() error
}

// appEvent follows the app manager (its goroutine): loading progress and stop messages
// on the OSD.
func (r *Receiver) appEvent(e app.Event) {
	now := r.clock.Now()
	switch e.Kind {
	case app.EventLoading:
		pct := -1
		if p := e.Progress; p.Bytes > 0 {
			pct = int(100 * p.BytesReceived / p.Bytes)
		} else if p.Modules > 0 {
			pct = 100 * p.ModulesComplete / p.Modules
		}
		r.osd.ShowProgress(e.App.Label(), pct)
	case app.EventStarted:
		r.osd.HideProgress()
		r.log.Info("app started", "app", e.App.Label(), "id", e.App.ID.String())
	case app.EventStopped, app.EventFailed:
		r.osd.HideProgress()
		r.log.Warn("app stopped", "app", e.App.Label(), "id", e.App.ID.String(), "err", e.Err)
		if !quietStop(e.Err) {
			r.mu.Lock()
			r.lastStop = stopMessage(e.App, e.Err)
			r.mu.Unlock()
			r.osd.ShowMessage(now, fmt.Sprintf("%s parou", e.App.Label()), reason(e.Err))
		}
	}
	if r.opts.OnAppEvent != nil {
		r.opts.OnAppEvent(e)
	}
}

// quietStop tells the stops the viewer is not told about: the ones the viewer or the
// service change caused, and updates.
func quietStop(err error) bool {
	return err == nil || errors.Is(err, app.ErrServiceChanged) || errors.Is(err, app.ErrUpdated) ||
		errors.Is(err, app.ErrStoppedByHost) || errors.Is(err, app.ErrClosed) || errors.Is(err, rlua.ErrStopped)
}

// reason says in a line why an app stopped.
func reason(err error) string {
	var se *rlua.StopError
	switch {
	case errors.As(err, &se) && errors.Is(se.Reason, rlua.ErrTimeout):
		return "não respondeu a tempo (watchdog): " + se.Message
	case errors.As(err, &se) && errors.Is(se.Reason, rlua.ErrMemory):
		return "usou memória demais: " + se.Message
	case errors.As(err, &se):
		return se.Message
	}
	return err.Error()
}

func stopMessage(i app.Info, err error) string {
	return fmt.Sprintf("%s stopped: %s", i.Label(), reason(err))
}

// LastStop returns the message of the last app stop shown on the OSD ("" if none).
func (r *Receiver) LastStop() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastStop
}

func (r *Receiver) appPost(id app.ID, e nclua.Event) {
	if r.opts.OnPost != nil {
		r.opts.OnPost(id, e)
	}
}

// notifyAlert tells every running app about an alert (alert manager, its lock held).
func (r *Receiver) notifyAlert(ev alert.AppEvent) {
	for _, a := range r.apps.Apps() {
		if a.State != app.StateRunning {
			continue
		}
		if ra := r.apps.Running(a.ID); ra != nil {
			_ = ra.Send(nclua.Event(ev.Fields()))
		}
	}
	if r.opts.OnAlert != nil {
		r.opts.OnAlert(ev)
	}
}

// alertBox is the Receiver as the alert manager's Box. Its methods are called with the
// alert manager's lock held and return at once.
type alertBox Receiver

func (b *alertBox) Standby() bool { return (*Receiver)(b).Standby() }

func (b *alertBox) SetStandby(on bool) { (*Receiver)(b).SetStandby(on) }

func (b *alertBox) Wake() {
	r := (*Receiver)(b)
	r.mu.Lock()
	r.awake = r.standby
	r.mu.Unlock()
}

func (b *alertBox) CurrentChannel() alert.Channel {
	return alert.Channel{ServiceID: (*Receiver)(b).Service()}
}

func (b *alertBox) Tune(ch alert.Channel) error {
	r := (*Receiver)(b)
	if ch.ServiceID == 0 {
		return fmt.Errorf("runtime: cannot tune to %v: only service_id is known to this box", ch)
	}
	r.SelectService(ch.ServiceID)
	return nil
}

func (b *alertBox) PlayTone() { (*Receiver)(b).log.Info("alert tone") }
