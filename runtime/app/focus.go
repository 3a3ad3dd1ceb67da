package app

// lastRunning returns the most recently started running app, or nil.
func (m *Manager) lastRunning() *run {
	var best *run
	for _, rec := range m.apps {
		if r := rec.run; r != nil && !r.ended && r.reason == nil && (best == nil || r.seq > best.seq) {
			best = r
		}
	}
	return best
}

// setFocus gives the keys to r (nil: to the box) and raises its layer.
func (m *Manager) setFocus(r *run) {
	if m.focus == r {
		return
	}
	old := m.focus
	m.focus = r
	if r != nil && r.layer != nil {
		r.layer.SetZ(r.seq)
	}
	if old != nil && !old.ended {
		m.publish(old.rec, 0, nil, Progress{})
	}
	if r != nil {
		m.publish(r.rec, EventFocus, nil, Progress{})
	} else if m.opts.OnEvent != nil {
		m.opts.OnEvent(Event{Kind: EventFocus})
	}
}

// carouselChanged looks, once the carousel is complete, whether a running
// app's files changed, and restarts it with the new version if they did.
// Manager goroutine.
func (m *Manager) carouselChanged(rec *record, s *carouselSource) {
	r := rec.run
	if r == nil || r.ended || r.reason != nil {
		return
	}
	if !s.c.Complete() {
		return // look again when it is
	}
	cur := fingerprint(s.view(), r.root)
	changed, added := compareFingerprints(r.fp, cur)
	if changed || (added && r.baseComplete) {
		m.log.Info("new version of the app's files; restarting", "app", rec.info.Label())
		rec.restart = true
		m.stopRun(r, ErrUpdated, false)
		return
	}
	r.fp, r.baseComplete = cur, true
}
