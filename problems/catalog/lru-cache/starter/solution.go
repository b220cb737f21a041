package lru

// LRU is a fixed-capacity cache that evicts the least recently used entry.
type LRU[K comparable, V any] struct {
	// TODO: a map from key to entry, plus a way to track recency in O(1).
}

// NewLRU returns an empty cache holding at most cap entries.
// With cap <= 0 the cache stores nothing.
func NewLRU[K comparable, V any](cap int) *LRU[K, V] {
	return &LRU[K, V]{}
}

// Get returns the value stored for k and marks k as the most recently used.
func (c *LRU[K, V]) Get(k K) (V, bool) {
	var zero V
	return zero, false // TODO
}

// Put stores v under k and marks k as the most recently used, evicting the
// least recently used entry when a new key does not fit.
func (c *LRU[K, V]) Put(k K, v V) {
	// TODO
}

// Peek returns the value stored for k without changing its recency.
func (c *LRU[K, V]) Peek(k K) (V, bool) {
	var zero V
	return zero, false // TODO
}

// Delete removes k from the cache if it is there.
func (c *LRU[K, V]) Delete(k K) {
	// TODO
}

// Len reports the number of entries in the cache.
func (c *LRU[K, V]) Len() int {
	return 0 // TODO
}
