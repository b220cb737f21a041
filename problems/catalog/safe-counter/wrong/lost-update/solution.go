package safecounter

import "sync"

type SafeCounter struct {
	mu sync.RWMutex
	m  map[string]int
}

func NewSafeCounter() *SafeCounter {
	return &SafeCounter{m: make(map[string]int)}
}

// Inc reads under the read lock and writes under the write lock. Every access is
// guarded, so there is no data race, but the read-modify-write is not atomic: two
// goroutines can read the same value and both store value+1.
func (c *SafeCounter) Inc(key string) {
	v := c.Load(key)
	c.mu.Lock()
	c.m[key] = v + 1
	c.mu.Unlock()
}

func (c *SafeCounter) Load(key string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[key]
}
