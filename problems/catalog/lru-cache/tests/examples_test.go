package lru

import "testing"

// wantGet checks c.Get(k) (which also marks k as recently used).
func wantGet(t *testing.T, c *LRU[string, int], k string, want int, wantOK bool) {
	t.Helper()
	if v, ok := c.Get(k); v != want || ok != wantOK {
		t.Errorf("Get(%q) = (%d, %v), want (%d, %v)", k, v, ok, want, wantOK)
	}
}

// wantPeek checks c.Peek(k) (which does not change recency).
func wantPeek(t *testing.T, c *LRU[string, int], k string, want int, wantOK bool) {
	t.Helper()
	if v, ok := c.Peek(k); v != want || ok != wantOK {
		t.Errorf("Peek(%q) = (%d, %v), want (%d, %v)", k, v, ok, want, wantOK)
	}
}

func wantLen(t *testing.T, c *LRU[string, int], want int) {
	t.Helper()
	if got := c.Len(); got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
}

func TestExamples(t *testing.T) {
	t.Run("walkthrough", func(t *testing.T) {
		c := NewLRU[string, int](2)
		c.Put("a", 1)               // [a]
		c.Put("b", 2)               // [b a]
		wantGet(t, c, "a", 1, true) // [a b]
		c.Put("c", 3)               // full: evicts b, the least recently used -> [c a]
		wantPeek(t, c, "b", 0, false)
		wantPeek(t, c, "a", 1, true) // order stays [c a]
		wantLen(t, c, 2)
		c.Delete("a") // [c]
		wantLen(t, c, 1)
		wantPeek(t, c, "a", 0, false)
		wantPeek(t, c, "c", 3, true)
	})

	t.Run("update-moves-to-front", func(t *testing.T) {
		c := NewLRU[string, int](2)
		c.Put("x", 10)
		c.Put("y", 20)
		c.Put("x", 15) // update: x becomes the most recently used -> [x y]
		c.Put("z", 30) // evicts y
		wantPeek(t, c, "y", 0, false)
		wantPeek(t, c, "x", 15, true)
		wantPeek(t, c, "z", 30, true)
	})

	t.Run("peek-keeps-order", func(t *testing.T) {
		c := NewLRU[string, int](2)
		c.Put("a", 1)
		c.Put("b", 2)                // [b a]
		wantPeek(t, c, "a", 1, true) // still [b a]
		c.Put("c", 3)                // evicts a
		wantPeek(t, c, "a", 0, false)
		wantPeek(t, c, "b", 2, true)
	})

	t.Run("zero-capacity", func(t *testing.T) {
		c := NewLRU[string, int](0)
		c.Put("a", 1)
		wantGet(t, c, "a", 0, false)
		wantLen(t, c, 0)
	})
}
