package safecounter

import "sync"

type SafeCounter struct {
	mu sync.Mutex
	m  map[string]int
}

func NewSafeCounter() *SafeCounter {
	return &SafeCounter{m: make(map[string]int)}
}

func (c *SafeCounter) Inc(key string) {
	c.mu.Lock()
	c.m[key]++
	c.mu.Unlock()
}

// Load skips the lock because "reading is harmless": it races with Inc's writes.
func (c *SafeCounter) Load(key string) int {
	return c.m[key]
}
