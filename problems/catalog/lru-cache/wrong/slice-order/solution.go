package lru

import "slices"

// Too slow: keeps keys in a slice ordered from least to most recently used,
// so every touch is a linear search plus a shift: O(n) per operation.
// Correct, but far slower than O(1) on a big cache.

type LRU[K comparable, V any] struct {
	cap   int
	order []K // order[0] is the least recently used key
	vals  map[K]V
}

func NewLRU[K comparable, V any](cap int) *LRU[K, V] {
	return &LRU[K, V]{cap: cap, vals: make(map[K]V)}
}

func (c *LRU[K, V]) Len() int { return len(c.vals) }

func (c *LRU[K, V]) touch(k K) {
	i := slices.Index(c.order, k)
	c.order = append(slices.Delete(c.order, i, i+1), k)
}

func (c *LRU[K, V]) Get(k K) (V, bool) {
	v, ok := c.vals[k]
	if ok {
		c.touch(k)
	}
	return v, ok
}

func (c *LRU[K, V]) Peek(k K) (V, bool) {
	v, ok := c.vals[k]
	return v, ok
}

func (c *LRU[K, V]) Put(k K, v V) {
	if c.cap <= 0 {
		return
	}
	if _, ok := c.vals[k]; ok {
		c.vals[k] = v
		c.touch(k)
		return
	}
	if len(c.vals) >= c.cap {
		delete(c.vals, c.order[0])
		c.order = slices.Delete(c.order, 0, 1)
	}
	c.vals[k] = v
	c.order = append(c.order, k)
}

func (c *LRU[K, V]) Delete(k K) {
	if _, ok := c.vals[k]; !ok {
		return
	}
	delete(c.vals, k)
	i := slices.Index(c.order, k)
	c.order = slices.Delete(c.order, i, i+1)
}
