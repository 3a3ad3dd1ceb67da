package store

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"time"

	"go.etcd.io/bbolt"
)

// DefaultQuota is the bytes (keys plus encoded values plus queued outbox
// submissions) a namespace may hold when Options.Quota is zero.
const DefaultQuota = 256 << 10

// Key and id limits.
const (
	MaxKeyLen = 1024
	MaxIDLen  = 255
)

// Options configure Open. The zero value is usable.
type Options struct {
	// Quota is the default per-namespace quota in bytes (DefaultQuota if 0).
	Quota int64
	// LockTimeout bounds the wait for the file lock held by another process
	// (default 1 s).
	LockTimeout time.Duration
	// Now returns the time stamped on outbox submissions (default time.Now).
	Now func() time.Time
}

// DB is the box's persistent store: one bbolt file.
//
// Layout (bucket names):
//
//	ns/<id>/kv       <scope> 0x00 <key>  →  Encode(value)
//	ns/<id>/meta     "usage"             →  uvarint bytes in use
//	outbox           <8-byte sequence>   →  JSON Submission
//
// A DB is safe for concurrent use.
type DB struct {
	bolt  *bbolt.DB
	quota int64
	now   func() time.Time
}

var (
	bucketNS     = []byte("ns")
	bucketKV     = []byte("kv")
	bucketMeta   = []byte("meta")
	bucketOutbox = []byte("outbox")
	keyUsage     = []byte("usage")
)

// Open opens (creating if needed) the store at path.
func Open(path string, opts *Options) (*DB, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Quota <= 0 {
		o.Quota = DefaultQuota
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	b, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: o.LockTimeout})
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	err = b.Update(func(tx *bbolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketNS); err != nil {
			return err
		}
		_, err := tx.CreateBucketIfNotExists(bucketOutbox)
		return err
	})
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("store: init %s: %w", path, err)
	}
	return &DB{bolt: b, quota: o.Quota, now: o.Now}, nil
}

// Close closes the file. Namespaces of a closed DB return errors.
func (db *DB) Close() error { return db.bolt.Close() }

// Path returns the file name.
func (db *DB) Path() string { return db.bolt.Path() }

// Namespace returns the namespace id (an app id, or whatever the host uses
// to group the apps that may share data) with the given quota in bytes
// (the DB's default if quota <= 0). Nothing is written until the first Put.
func (db *DB) Namespace(id string, quota int64) (*Namespace, error) {
	if id == "" || len(id) > MaxIDLen {
		return nil, fmt.Errorf("%w: namespace id of %d bytes", ErrKey, len(id))
	}
	if quota <= 0 {
		quota = db.quota
	}
	return &Namespace{db: db, id: id, quota: quota}, nil
}

// Namespaces lists the ids that hold data, sorted.
func (db *DB) Namespaces() ([]string, error) {
	var ids []string
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketNS).ForEachBucket(func(k []byte) error {
			ids = append(ids, string(k))
			return nil
		})
	})
	return ids, err
}

// Scope is where a persistent variable lives inside a namespace: Shared, or
// Service(id) / Channel(id) for values that belong to one service or one
// channel.
type Scope string

// Shared is the scope visible wherever the namespace's app runs.
const Shared Scope = "shared"

// Service is the scope of one service (the host picks the id, e.g.
// "onid.tsid.sid").
func Service(id string) Scope { return Scope("service:" + id) }

// Channel is the scope of one channel (e.g. the network's channel number).
func Channel(id string) Scope { return Scope("channel:" + id) }

func (s Scope) valid() bool {
	if s == Shared {
		return true
	}
	kind, id, ok := strings.Cut(string(s), ":")
	return ok && (kind == "service" || kind == "channel") && len(id) <= MaxIDLen &&
		!strings.ContainsRune(id, 0)
}

// Namespace is one app's part of the store.
type Namespace struct {
	db    *DB
	id    string
	quota int64
}

// ID returns the namespace id.
func (n *Namespace) ID() string { return n.id }

// Quota returns the quota in bytes.
func (n *Namespace) Quota() int64 { return n.quota }

func kvKey(scope Scope, key string) ([]byte, error) {
	if !scope.valid() {
		return nil, fmt.Errorf("%w: %q", ErrScope, scope)
	}
	if len(key) > MaxKeyLen {
		return nil, fmt.Errorf("%w: key of %d bytes (max %d)", ErrKey, len(key), MaxKeyLen)
	}
	b := make([]byte, 0, len(scope)+1+len(key))
	b = append(b, scope...)
	b = append(b, 0)
	return append(b, key...), nil
}

// Get returns the value under key in scope, and whether there is one.
func (n *Namespace) Get(scope Scope, key string) (Value, bool, error) {
	k, err := kvKey(scope, key)
	if err != nil {
		return nil, false, err
	}
	var v Value
	var found bool
	err = n.db.bolt.View(func(tx *bbolt.Tx) error {
		kv := n.bucket(tx, bucketKV)
		if kv == nil {
			return nil
		}
		b := kv.Get(k)
		if b == nil {
			return nil
		}
		found = true
		v, err = Decode(b)
		return err
	})
	return v, found, err
}

// Put stores v under key in scope; a nil v deletes the key. It is one
// bbolt transaction, synced to disk before Put returns: once it returns, a
// power cut loses nothing, and a cut during it leaves the old value.
func (n *Namespace) Put(scope Scope, key string, v Value) error {
	k, err := kvKey(scope, key)
	if err != nil {
		return err
	}
	var enc []byte
	if v != nil {
		if enc, err = Encode(v); err != nil {
			return err
		}
	}
	return n.db.bolt.Update(func(tx *bbolt.Tx) error {
		kv, meta, err := n.buckets(tx)
		if err != nil {
			return err
		}
		old := kv.Get(k)
		delta := int64(len(enc)) - int64(len(old))
		if old == nil && enc != nil {
			delta += int64(len(k))
		} else if old != nil && enc == nil {
			delta -= int64(len(k))
		}
		if err := n.charge(meta, delta); err != nil {
			return err
		}
		if enc == nil {
			return kv.Delete(k)
		}
		return kv.Put(k, enc)
	})
}

// Delete removes key from scope (Put of nil).
func (n *Namespace) Delete(scope Scope, key string) error { return n.Put(scope, key, nil) }

// Keys returns the keys in scope, sorted.
func (n *Namespace) Keys(scope Scope) ([]string, error) {
	prefix, err := kvKey(scope, "")
	if err != nil {
		return nil, err
	}
	var keys []string
	err = n.db.bolt.View(func(tx *bbolt.Tx) error {
		kv := n.bucket(tx, bucketKV)
		if kv == nil {
			return nil
		}
		c := kv.Cursor()
		for k, _ := c.Seek(prefix); k != nil && strings.HasPrefix(string(k), string(prefix)); k, _ = c.Next() {
			keys = append(keys, string(k[len(prefix):]))
		}
		return nil
	})
	sort.Strings(keys)
	return keys, err
}

// Usage returns the bytes the namespace holds (what the quota counts).
func (n *Namespace) Usage() (int64, error) {
	var u int64
	err := n.db.bolt.View(func(tx *bbolt.Tx) error {
		if meta := n.bucket(tx, bucketMeta); meta != nil {
			u = readUsage(meta)
		}
		return nil
	})
	return u, err
}

func (n *Namespace) bucket(tx *bbolt.Tx, name []byte) *bbolt.Bucket {
	ns := tx.Bucket(bucketNS).Bucket([]byte(n.id))
	if ns == nil {
		return nil
	}
	return ns.Bucket(name)
}

func (n *Namespace) buckets(tx *bbolt.Tx) (kv, meta *bbolt.Bucket, err error) {
	ns, err := tx.Bucket(bucketNS).CreateBucketIfNotExists([]byte(n.id))
	if err != nil {
		return nil, nil, err
	}
	if kv, err = ns.CreateBucketIfNotExists(bucketKV); err != nil {
		return nil, nil, err
	}
	meta, err = ns.CreateBucketIfNotExists(bucketMeta)
	return kv, meta, err
}

// charge adds delta bytes to the usage, refusing growth over the quota.
func (n *Namespace) charge(meta *bbolt.Bucket, delta int64) error {
	u := readUsage(meta) + delta
	if u < 0 {
		u = 0
	}
	if delta > 0 && u > n.quota {
		return fmt.Errorf("%w: namespace %q would use %d bytes, quota %d", ErrQuota, n.id, u, n.quota)
	}
	return meta.Put(keyUsage, binary.AppendUvarint(nil, uint64(u)))
}

func readUsage(meta *bbolt.Bucket) int64 {
	b := meta.Get(keyUsage)
	u, n := binary.Uvarint(b)
	if n <= 0 {
		return 0
	}
	return int64(u)
}
