package lru

// Wrong: Peek marks the key as recently used, like Get.

// node is one entry of the recency list.
type node[K comparable, V any] struct {
	key        K
	val        V
	prev, next *node[K, V]
}

// LRU is a fixed-capacity cache that evicts the least recently used entry.
// It is not safe for concurrent use.
//
// Entries live in a circular doubly linked list around a sentinel node:
// root.next is the most recently used entry, root.prev the least recently
// used one. index maps each key to its node, so every operation is O(1).
type LRU[K comparable, V any] struct {
	cap   int
	index map[K]*node[K, V]
	root  node[K, V]
}

// NewLRU returns an empty cache holding at most cap entries.
// With cap <= 0 the cache stores nothing.
func NewLRU[K comparable, V any](cap int) *LRU[K, V] {
	c := &LRU[K, V]{cap: cap, index: make(map[K]*node[K, V], max(cap, 0))}
	c.root.next = &c.root
	c.root.prev = &c.root
	return c
}

// Len reports the number of entries in the cache.
func (c *LRU[K, V]) Len() int { return len(c.index) }

// Get returns the value stored for k and marks k as the most recently used.
func (c *LRU[K, V]) Get(k K) (V, bool) {
	n, ok := c.index[k]
	if !ok {
		var zero V
		return zero, false
	}
	c.moveToFront(n)
	return n.val, true
}

// Peek returns the value stored for k without changing its recency.
func (c *LRU[K, V]) Peek(k K) (V, bool) {
	n, ok := c.index[k]
	if !ok {
		var zero V
		return zero, false
	}
	c.moveToFront(n) // BUG: Peek must not change recency
	return n.val, true
}

// Put stores v under k and marks k as the most recently used. When a new
// key does not fit, the least recently used entry is evicted first.
func (c *LRU[K, V]) Put(k K, v V) {
	if n, ok := c.index[k]; ok {
		n.val = v
		c.moveToFront(n)
		return
	}
	if c.cap <= 0 {
		return
	}
	var n *node[K, V]
	if len(c.index) >= c.cap {
		// Recycle the evicted node: a full cache allocates nothing new.
		n = c.root.prev
		c.unlink(n)
		delete(c.index, n.key)
	} else {
		n = new(node[K, V])
	}
	n.key, n.val = k, v
	c.pushFront(n)
	c.index[k] = n
}

// Delete removes k from the cache if it is there.
func (c *LRU[K, V]) Delete(k K) {
	n, ok := c.index[k]
	if !ok {
		return
	}
	c.unlink(n)
	delete(c.index, k)
}

func (c *LRU[K, V]) unlink(n *node[K, V]) {
	n.prev.next = n.next
	n.next.prev = n.prev
	n.prev, n.next = nil, nil
}

func (c *LRU[K, V]) pushFront(n *node[K, V]) {
	n.prev = &c.root
	n.next = c.root.next
	c.root.next.prev = n
	c.root.next = n
}

func (c *LRU[K, V]) moveToFront(n *node[K, V]) {
	if c.root.next == n {
		return
	}
	c.unlink(n)
	c.pushFront(n)
}
