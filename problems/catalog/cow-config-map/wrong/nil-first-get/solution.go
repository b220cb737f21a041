package pit

import (
	"maps"
	"sync"
	"sync/atomic"
)

// Wrong: the atomic.Pointer starts out nil, and Get dereferences it without
// checking, so a Get before the first Set panics.
var (
	snapshot atomic.Pointer[map[string]string]
	writeMu  sync.Mutex
)

func Get(key string) (string, bool) {
	v, ok := (*snapshot.Load())[key]
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
