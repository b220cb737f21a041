package pit

import (
	"maps"
	"sync/atomic"
)

// Wrong: copy-on-write without serialising the writers. Two concurrent Sets
// both copy the same old snapshot, and the second Store throws away the
// first one's key. No data race, just lost updates.
var snapshot atomic.Pointer[map[string]string]

func Get(key string) (string, bool) {
	m := snapshot.Load()
	if m == nil {
		return "", false
	}
	v, ok := (*m)[key]
	return v, ok
}

func Set(key, val string) {
	next := map[string]string{}
	if old := snapshot.Load(); old != nil {
		next = maps.Clone(*old)
	}
	next[key] = val
	snapshot.Store(&next)
}
