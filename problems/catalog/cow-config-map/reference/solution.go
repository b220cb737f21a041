package pit

import (
	"maps"
	"sync"
	"sync/atomic"
)

// The configuration is an immutable snapshot: a map that is never written
// after it has been published. Readers load the current snapshot with one
// atomic load and never lock; writers copy it, change the copy and publish
// the copy atomically.
var (
	snapshot atomic.Pointer[map[string]string] // nil until the first Set
	writeMu  sync.Mutex                        // serialises writers: no lost updates
)

// Get returns the value stored for key. It never blocks.
func Get(key string) (string, bool) {
	m := snapshot.Load()
	if m == nil {
		return "", false
	}
	v, ok := (*m)[key]
	return v, ok
}

// Set stores val under key: it publishes a new snapshot that contains every
// key of the previous one plus this change. Concurrent Sets are serialised so
// that none of them is lost.
func Set(key, val string) {
	writeMu.Lock()
	defer writeMu.Unlock()

	var next map[string]string
	if old := snapshot.Load(); old != nil {
		if cur, ok := (*old)[key]; ok && cur == val {
			return // nothing changes: keep the current snapshot
		}
		next = make(map[string]string, len(*old)+1)
		maps.Copy(next, *old)
	} else {
		next = make(map[string]string, 1)
	}
	next[key] = val
	snapshot.Store(&next)
}
