// Package refservice is the reference government service the servicos app calls over the
// return channel: benefit status by ID number (CPF) and appointment requests made
// idempotent by the Idempotency-Key header. Tests serve it with httptest on 127.0.0.1;
// it has no command of its own.
//
// Routes:
//
//	GET  /benefit?id=NNNNNNNNNNN      200 {"id","status","benefit","next_payment"} | 404 | 400
//	POST /benefit                     body {"id": "..."}: the same answer (for queued lookups)
//	POST /appointments                body {"name","id","centre","day"}, header Idempotency-Key:
//	                                  201 {"receipt"} the first time, 200 and the same receipt after
package refservice

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
)

// IdempotencyHeader names the header that makes a submission happen once.
const IdempotencyHeader = "Idempotency-Key"

// Benefit is what the service knows about one person's benefit.
type Benefit struct {
	ID          string `json:"id"`
	Status      string `json:"status"` // "active", "suspended", "under_review"
	Benefit     string `json:"benefit"`
	NextPayment string `json:"next_payment"` // YYYY-MM-DD
}

// Appointment is one appointment request as received.
type Appointment struct {
	Name    string `json:"name"`
	ID      string `json:"id"`
	Centre  string `json:"centre"`
	Day     string `json:"day"`
	Receipt string `json:"receipt"`
}

// Service is the reference service: an http.Handler safe for concurrent use.
type Service struct {
	mu           sync.Mutex
	benefits     map[string]Benefit
	appointments []Appointment
	byKey        map[string]int // idempotency key → index in appointments
	requests     int            // appointment POSTs received, repeats included
}

// New returns a service that knows the given benefits.
func New(benefits ...Benefit) *Service {
	s := &Service{benefits: map[string]Benefit{}, byKey: map[string]int{}}
	for _, b := range benefits {
		s.benefits[b.ID] = b
	}
	return s
}

// Appointments returns a copy of the appointments made, once each.
func (s *Service) Appointments() []Appointment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Appointment(nil), s.appointments...)
}

// Requests returns how many appointment submissions arrived, repeats included.
func (s *Service) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// ServeHTTP routes the requests.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/benefit" && r.Method == http.MethodGet:
		s.benefit(w, r.URL.Query().Get("id"))
	case r.URL.Path == "/benefit" && r.Method == http.MethodPost:
		var q struct {
			ID string `json:"id"`
		}
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&q); err != nil {
			reply(w, http.StatusBadRequest, map[string]string{"error": "bad json"})
			return
		}
		s.benefit(w, q.ID)
	case r.URL.Path == "/appointments" && r.Method == http.MethodPost:
		s.appoint(w, r)
	default:
		reply(w, http.StatusNotFound, map[string]string{"error": "no such route"})
	}
}

func (s *Service) benefit(w http.ResponseWriter, id string) {
	if !ValidCPF(id) {
		reply(w, http.StatusBadRequest, map[string]string{"error": "invalid id"})
		return
	}
	s.mu.Lock()
	b, ok := s.benefits[id]
	s.mu.Unlock()
	if !ok {
		reply(w, http.StatusNotFound, map[string]string{"id": id, "status": "not_found"})
		return
	}
	reply(w, http.StatusOK, b)
}

func (s *Service) appoint(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get(IdempotencyHeader)
	var a Appointment
	err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8192)).Decode(&a)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	switch {
	case key == "":
		reply(w, http.StatusBadRequest, map[string]string{"error": "missing " + IdempotencyHeader})
		return
	case err != nil:
		reply(w, http.StatusBadRequest, map[string]string{"error": "bad json"})
		return
	}
	if i, ok := s.byKey[key]; ok {
		reply(w, http.StatusOK, map[string]string{"receipt": s.appointments[i].Receipt})
		return
	}
	a.Name, a.Centre, a.Day = strings.TrimSpace(a.Name), strings.TrimSpace(a.Centre), strings.TrimSpace(a.Day)
	if a.Name == "" || a.Centre == "" || a.Day == "" || !ValidCPF(a.ID) {
		reply(w, http.StatusUnprocessableEntity, map[string]string{"error": "incomplete or invalid request"})
		return
	}
	a.Receipt = fmt.Sprintf("AG-%06d", len(s.appointments)+1)
	s.byKey[key] = len(s.appointments)
	s.appointments = append(s.appointments, a)
	reply(w, http.StatusCreated, map[string]string{"receipt": a.Receipt})
}

func reply(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// ValidCPF checks a Brazilian CPF: 11 digits, not all the same, whose two last digits
// are the check digits of the first nine. The first: sum of the nine digits weighted
// 10 down to 2; remainder of sum*10 mod 11, 10 counting as 0. The second: the same over
// the ten first digits weighted 11 down to 2.
func ValidCPF(id string) bool {
	if len(id) != 11 {
		return false
	}
	same := true
	d := make([]int, 11)
	for i := range 11 {
		c := id[i]
		if c < '0' || c > '9' {
			return false
		}
		d[i] = int(c - '0')
		if c != id[0] {
			same = false
		}
	}
	if same {
		return false
	}
	return checkDigit(d[:9]) == d[9] && checkDigit(d[:10]) == d[10]
}

func checkDigit(d []int) int {
	sum := 0
	for i, v := range d {
		sum += v * (len(d) + 1 - i)
	}
	r := sum * 10 % 11
	if r == 10 {
		r = 0
	}
	return r
}
