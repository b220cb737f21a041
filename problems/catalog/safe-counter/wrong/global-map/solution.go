package safecounter

import "sync"

// The counts live in package-level variables, so every SafeCounter shares them.
var (
	mu     sync.Mutex
	counts = make(map[string]int)
)

type SafeCounter struct{}

func NewSafeCounter() *SafeCounter { return &SafeCounter{} }

func (c *SafeCounter) Inc(key string) {
	mu.Lock()
	defer mu.Unlock()
	counts[key]++
}

func (c *SafeCounter) Load(key string) int {
	mu.Lock()
	defer mu.Unlock()
	return counts[key]
}
