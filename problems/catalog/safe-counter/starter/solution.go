package safecounter

// SafeCounter counts occurrences of string keys and is safe for concurrent use.
type SafeCounter struct {
	// TODO: a map of counts, and something that guards it.
}

// NewSafeCounter returns an empty counter, ready to use.
func NewSafeCounter() *SafeCounter {
	return &SafeCounter{}
}

// Inc adds one to key's count.
func (c *SafeCounter) Inc(key string) {
	// TODO
}

// Load returns key's current count (0 for a key never incremented).
func (c *SafeCounter) Load(key string) int {
	// TODO
	return 0
}
