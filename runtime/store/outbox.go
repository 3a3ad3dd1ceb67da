package store

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// Submission is a request kept in the outbox until the return channel
// delivers it: an app's durable POST.
type Submission struct {
	ID        uint64 // outbox sequence number, assigned by Enqueue
	Namespace string // the namespace that queued it (and is charged for it)
	// IdempotencyKey is sent with every attempt (as the Idempotency-Key
	// header) so that a server that saw an attempt whose answer was lost
	// can recognise the retry. Enqueue makes a random one if empty.
	IdempotencyKey string
	Tag            string // the app's own label, handed back when delivered
	Method         string
	URL            string
	Header         map[string][]string
	Body           []byte
	Created        time.Time
	Attempts       int
	LastError      string
}

func (s *Submission) size() int64 {
	n := len(s.IdempotencyKey) + len(s.Tag) + len(s.Method) + len(s.URL) + len(s.Body) + 64
	for k, vs := range s.Header {
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
	}
	return int64(n)
}

func seqKey(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }

// NewIdempotencyKey returns 128 random bits in hex.
func NewIdempotencyKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Enqueue stores s in the outbox, charged to the namespace's quota, in one
// synced transaction, and returns it with its ID, Namespace, Created and
// IdempotencyKey filled in.
func (n *Namespace) Enqueue(s Submission) (Submission, error) {
	s.Namespace = n.id
	if s.IdempotencyKey == "" {
		s.IdempotencyKey = NewIdempotencyKey()
	}
	if s.Created.IsZero() {
		s.Created = n.db.now()
	}
	err := n.db.bolt.Update(func(tx *bbolt.Tx) error {
		_, meta, err := n.buckets(tx)
		if err != nil {
			return err
		}
		if err := n.charge(meta, s.size()); err != nil {
			return err
		}
		ob := tx.Bucket(bucketOutbox)
		if s.ID, err = ob.NextSequence(); err != nil {
			return err
		}
		b, err := json.Marshal(&s)
		if err != nil {
			return err
		}
		return ob.Put(seqKey(s.ID), b)
	})
	if err != nil {
		return Submission{}, err
	}
	return s, nil
}

// Pending returns this namespace's pending submissions, oldest first.
func (n *Namespace) Pending() ([]Submission, error) { return n.db.pending(n.id) }

// Pending returns every pending submission, oldest first.
func (db *DB) Pending() ([]Submission, error) { return db.pending("") }

func (db *DB) pending(ns string) ([]Submission, error) {
	var out []Submission
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			var s Submission
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("%w: outbox record %x: %v", ErrValue, k, err)
			}
			if ns == "" || s.Namespace == ns {
				out = append(out, s)
			}
			return nil
		})
	})
	return out, err
}

// MarkDelivered removes submission id from the outbox and releases its
// bytes from the namespace's quota, in one synced transaction, and returns
// it. It succeeds once per submission: a second call (or an unknown id)
// returns ErrNotPending, so whoever gets the Submission back is the one
// that tells the app.
func (db *DB) MarkDelivered(id uint64) (Submission, error) {
	var s Submission
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		ob := tx.Bucket(bucketOutbox)
		b := ob.Get(seqKey(id))
		if b == nil {
			return fmt.Errorf("%w: %d", ErrNotPending, id)
		}
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("%w: outbox record %d: %v", ErrValue, id, err)
		}
		if err := ob.Delete(seqKey(id)); err != nil {
			return err
		}
		nsb := tx.Bucket(bucketNS).Bucket([]byte(s.Namespace))
		if nsb == nil {
			return nil
		}
		meta, err := nsb.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		u := readUsage(meta) - s.size()
		if u < 0 {
			u = 0
		}
		return meta.Put(keyUsage, binary.AppendUvarint(nil, uint64(u)))
	})
	if err != nil {
		return Submission{}, err
	}
	return s, nil
}

// RecordAttempt counts a failed delivery attempt of submission id and keeps
// its error message.
func (db *DB) RecordAttempt(id uint64, msg string) error {
	return db.bolt.Update(func(tx *bbolt.Tx) error {
		ob := tx.Bucket(bucketOutbox)
		b := ob.Get(seqKey(id))
		if b == nil {
			return fmt.Errorf("%w: %d", ErrNotPending, id)
		}
		var s Submission
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("%w: outbox record %d: %v", ErrValue, id, err)
		}
		s.Attempts++
		s.LastError = msg
		nb, err := json.Marshal(&s)
		if err != nil {
			return err
		}
		return ob.Put(seqKey(id), nb)
	})
}
