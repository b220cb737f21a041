package safecounter

import "sync"

type SafeCounter struct {
	mu sync.Mutex
	m  map[string]int
}

func NewSafeCounter() *SafeCounter {
	return &SafeCounter{m: make(map[string]int)}
}

// Inc has a value receiver: every call locks its own copy of the mutex, while the map
// (a reference) is still shared, so nothing is actually guarded.
func (c SafeCounter) Inc(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key]++
}

func (c SafeCounter) Load(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}
