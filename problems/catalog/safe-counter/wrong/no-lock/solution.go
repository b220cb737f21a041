package safecounter

// SafeCounter is a plain map: fine in one goroutine, a data race in several.
type SafeCounter struct {
	m map[string]int
}

func NewSafeCounter() *SafeCounter {
	return &SafeCounter{m: make(map[string]int)}
}

func (c *SafeCounter) Inc(key string) { c.m[key]++ }

func (c *SafeCounter) Load(key string) int { return c.m[key] }
