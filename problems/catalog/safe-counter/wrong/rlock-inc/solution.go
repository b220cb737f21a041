package safecounter

import "sync"

type SafeCounter struct {
	mu sync.RWMutex
	m  map[string]int
}

func NewSafeCounter() *SafeCounter {
	return &SafeCounter{m: make(map[string]int)}
}

// Inc takes the read lock to "let increments run in parallel": but it writes the map,
// and any number of goroutines can hold the read lock at once.
func (c *SafeCounter) Inc(key string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.m[key]++
}

func (c *SafeCounter) Load(key string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[key]
}
