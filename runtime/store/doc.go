// Package store is Antena's persistent storage: one bbolt file per box
// holding the apps' persistent variables and the return channel's outbox.
//
// # Namespaces and scopes
//
// Data is kept per namespace (a bucket per id; the host passes an app id, or
// an organisation id for apps that must share), so one broadcaster's app
// can neither read nor clobber another's. Inside a namespace, a variable
// lives in a Scope: Shared (wherever the app runs), Service(id) or
// Channel(id) (values that belong to one service or one channel). The
// NCLua persistent.shared / .service / .channel tables map onto these.
// Each namespace has a quota: the bytes of its keys, encoded values and
// queued outbox submissions; a write that would go over it fails with
// ErrQuota and changes nothing.
//
// # Values
//
// Values are nil, bool, float64, string and Table (nested tables of those),
// encoded deterministically in a small binary form (see Encode for the
// layout and for why not JSON). Decode checks every length, so a damaged
// file gives ErrValue, never a panic (FuzzDecode).
//
// # Durability
//
// Every Put, Enqueue and MarkDelivered is one bbolt read-write transaction,
// which bbolt fsyncs before it returns: once the call returns, a power cut
// loses nothing; a cut during it leaves the old value (bbolt writes new
// pages, then switches the meta page). TestCrashKeepsWrittenValues kills a
// writer process with SIGKILL at random moments and checks that every value
// read back is one that was written and that no acknowledged write is lost.
// (SIGKILL tests the process dying; a real power cut also drops the page
// cache, which is what the fsync is for — that part is bbolt's promise,
// not something a test here can show.)
//
// # Outbox
//
// A durable submission (an app's POST that must not be lost while the
// return channel is down) is queued with Namespace.Enqueue, listed with
// Pending, and removed with MarkDelivered, which succeeds exactly once per
// submission so that the app is told exactly once. Each submission carries
// an idempotency key, sent with every attempt, so that a server can drop a
// duplicate caused by an answer lost in transit.
package store
