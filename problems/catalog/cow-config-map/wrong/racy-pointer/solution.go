package pit

import (
	"maps"
	"sync"
)

// Wrong: copy-on-write with a writer mutex, but the snapshot variable itself
// is a plain map variable that Get reads without any synchronisation.
var (
	cfg = map[string]string{}
	mu  sync.Mutex
)

func Get(key string) (string, bool) {
	m := cfg // racy read of the variable Set assigns
	v, ok := m[key]
	return v, ok
}

func Set(key, val string) {
	mu.Lock()
	defer mu.Unlock()
	next := maps.Clone(cfg)
	next[key] = val
	cfg = next
}
