package safecounter

import "sync"

// SafeCounter counts occurrences of string keys. It is safe for concurrent use by
// multiple goroutines. Create one with NewSafeCounter.
type SafeCounter struct {
	mu sync.Mutex
	m  map[string]int
}

// NewSafeCounter returns an empty counter, ready to use.
func NewSafeCounter() *SafeCounter {
	return &SafeCounter{m: make(map[string]int)}
}

// Inc adds one to key's count.
func (c *SafeCounter) Inc(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key]++
}

// Load returns key's current count: 0 for a key that was never incremented.
func (c *SafeCounter) Load(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}
