package pit

import "sync"

// Forbidden here: sync.Map is a fine read-mostly map, but this problem is about
// building copy-on-write yourself.
var cfg sync.Map

func Get(key string) (string, bool) {
	v, ok := cfg.Load(key)
	if !ok {
		return "", false
	}
	return v.(string), true
}

func Set(key, val string) {
	cfg.Store(key, val)
}
