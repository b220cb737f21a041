package pit

import (
	"maps"
	"sync"
	"sync/atomic"
)

// Too slow: correct, but every Get takes a private copy of the snapshot "to
// be safe", so a read costs O(number of keys) time and allocations.
var (
	snapshot atomic.Pointer[map[string]string]
	writeMu  sync.Mutex
)

func current() map[string]string {
	m := snapshot.Load()
	if m == nil {
		return nil
	}
	return maps.Clone(*m)
}

func Get(key string) (string, bool) {
	v, ok := current()[key]
	return v, ok
}

func Set(key, val string) {
	writeMu.Lock()
	defer writeMu.Unlock()
	next := map[string]string{}
	if old := snapshot.Load(); old != nil {
		next = maps.Clone(*old)
	}
	next[key] = val
	snapshot.Store(&next)
}
