package lru

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// tracker wraps a cache and records every call, so failures can show the
// sequence of operations that led to them.
type tracker[K comparable, V comparable] struct {
	t   *testing.T
	c   *LRU[K, V]
	log []string
}

func track[K comparable, V comparable](t *testing.T, capacity int) *tracker[K, V] {
	return &tracker[K, V]{t: t, c: NewLRU[K, V](capacity), log: []string{fmt.Sprintf("NewLRU(%d)", capacity)}}
}

func (tr *tracker[K, V]) history() string {
	log := tr.log
	prefix := ""
	if len(log) > 14 {
		prefix = fmt.Sprintf("… %d earlier calls … ", len(log)-14)
		log = log[len(log)-14:]
	}
	return prefix + strings.Join(log, "; ")
}

func (tr *tracker[K, V]) put(k K, v V) {
	tr.c.Put(k, v)
	tr.log = append(tr.log, fmt.Sprintf("Put(%v, %v)", k, v))
}

func (tr *tracker[K, V]) del(k K) {
	tr.c.Delete(k)
	tr.log = append(tr.log, fmt.Sprintf("Delete(%v)", k))
}

func (tr *tracker[K, V]) get(k K, want V, wantOK bool) {
	tr.t.Helper()
	v, ok := tr.c.Get(k)
	tr.log = append(tr.log, fmt.Sprintf("Get(%v)", k))
	if v != want || ok != wantOK {
		tr.t.Errorf("after %s: Get(%v) = (%v, %v), want (%v, %v)", tr.history(), k, v, ok, want, wantOK)
	}
}

func (tr *tracker[K, V]) peek(k K, want V, wantOK bool) {
	tr.t.Helper()
	v, ok := tr.c.Peek(k)
	tr.log = append(tr.log, fmt.Sprintf("Peek(%v)", k))
	if v != want || ok != wantOK {
		tr.t.Errorf("after %s: Peek(%v) = (%v, %v), want (%v, %v)", tr.history(), k, v, ok, want, wantOK)
	}
}

func (tr *tracker[K, V]) length(want int) {
	tr.t.Helper()
	if got := tr.c.Len(); got != want {
		tr.t.Errorf("after %s: Len() = %d, want %d", tr.history(), got, want)
	}
}

func TestCurriculumWalkthrough(t *testing.T) {
	c := track[string, int](t, 2)
	c.put("a", 1)
	c.put("b", 2)
	c.get("a", 1, true)
	c.put("c", 3) // evicts b
	c.peek("b", 0, false)
	c.peek("a", 1, true)
	c.peek("c", 3, true)
	c.length(2)
	c.del("a")
	c.length(1)
	c.peek("a", 0, false)
	c.peek("c", 3, true)
}

func TestGetMarksRecent(t *testing.T) {
	t.Run("oldest-survives", func(t *testing.T) {
		c := track[string, int](t, 3)
		c.put("a", 1)
		c.put("b", 2)
		c.put("c", 3)
		c.get("a", 1, true) // a is now the most recent; b the least
		c.put("d", 4)
		c.peek("b", 0, false)
		c.peek("a", 1, true)
		c.peek("c", 3, true)
		c.peek("d", 4, true)
	})
	t.Run("miss-changes-nothing", func(t *testing.T) {
		c := track[string, int](t, 2)
		c.put("a", 1)
		c.put("b", 2)
		c.get("zz", 0, false)
		c.length(2)
		c.put("c", 3) // evicts a
		c.peek("a", 0, false)
		c.peek("b", 2, true)
	})
	t.Run("get-most-recent", func(t *testing.T) {
		c := track[string, int](t, 2)
		c.put("a", 1)
		c.put("b", 2)
		c.get("b", 2, true) // already the most recent
		c.put("c", 3)       // evicts a
		c.peek("a", 0, false)
		c.peek("b", 2, true)
	})
}

func TestPeekKeepsOrder(t *testing.T) {
	c := track[string, int](t, 3)
	c.put("a", 1)
	c.put("b", 2)
	c.put("c", 3)
	for range 3 {
		c.peek("a", 1, true)
	}
	c.peek("missing", 0, false)
	c.put("d", 4) // a is still the least recently used
	c.peek("a", 0, false)
	c.put("e", 5) // then b
	c.peek("b", 0, false)
	c.peek("c", 3, true)
	c.length(3)
}

func TestPutUpdate(t *testing.T) {
	t.Run("moves-to-front", func(t *testing.T) {
		c := track[string, int](t, 2)
		c.put("x", 10)
		c.put("y", 20)
		c.put("x", 15)
		c.get("y", 20, true) // [y x]
		c.put("z", 30)       // evicts x
		c.peek("x", 0, false)
		c.peek("y", 20, true)
		c.peek("z", 30, true)
	})
	t.Run("full-no-eviction", func(t *testing.T) {
		c := track[string, int](t, 3)
		c.put("a", 1)
		c.put("b", 2)
		c.put("c", 3)
		c.put("b", 200) // an update of a key in the middle: nothing may be evicted
		c.length(3)
		c.peek("a", 1, true)
		c.put("a", 100) // an update of the oldest key: nothing may be evicted either
		c.length(3)
		c.peek("a", 100, true)
		c.peek("b", 200, true)
		c.peek("c", 3, true)
		c.put("c", 300)
		c.put("b", 200)
		c.length(3)
		c.peek("a", 100, true)
		c.put("d", 4) // now a is the least recently used
		c.peek("a", 0, false)
		c.peek("b", 200, true)
		c.peek("c", 300, true)
	})
	t.Run("same-value-again", func(t *testing.T) {
		c := track[string, int](t, 2)
		c.put("a", 1)
		c.put("b", 2)
		c.put("a", 1) // same value, still a touch
		c.put("c", 3)
		c.peek("b", 0, false)
		c.peek("a", 1, true)
	})
}

func TestDelete(t *testing.T) {
	t.Run("absent", func(t *testing.T) {
		c := track[string, int](t, 2)
		c.del("nothing") // empty cache
		c.length(0)
		c.put("a", 1)
		c.del("nothing")
		c.length(1)
		c.peek("a", 1, true)
	})
	t.Run("frees-room", func(t *testing.T) {
		c := track[string, int](t, 3)
		c.put("a", 1)
		c.put("b", 2)
		c.put("c", 3)
		c.del("b")
		c.length(2)
		c.put("d", 4) // fits without evicting
		c.length(3)
		c.peek("a", 1, true)
		c.peek("c", 3, true)
		c.peek("d", 4, true)
		c.peek("b", 0, false)
	})
	t.Run("lru-entry", func(t *testing.T) {
		c := track[string, int](t, 3)
		c.put("a", 1)
		c.put("b", 2)
		c.put("c", 3)
		c.del("a")
		c.put("d", 4)
		c.put("e", 5) // evicts b, the oldest remaining
		c.peek("b", 0, false)
		c.peek("c", 3, true)
		c.length(3)
	})
	t.Run("mru-entry", func(t *testing.T) {
		c := track[string, int](t, 3)
		c.put("a", 1)
		c.put("b", 2)
		c.put("c", 3)
		c.del("c")
		c.put("d", 4)
		c.put("e", 5) // evicts a
		c.peek("a", 0, false)
		c.peek("b", 2, true)
		c.peek("d", 4, true)
		c.peek("e", 5, true)
	})
	t.Run("all-then-reuse", func(t *testing.T) {
		c := track[string, int](t, 2)
		c.put("a", 1)
		c.put("b", 2)
		c.del("a")
		c.del("b")
		c.del("a")
		c.length(0)
		c.get("a", 0, false)
		c.put("b", 20)
		c.put("a", 10)
		c.put("c", 30) // evicts b
		c.peek("b", 0, false)
		c.peek("a", 10, true)
		c.peek("c", 30, true)
		c.length(2)
	})
	t.Run("reinsert-is-new", func(t *testing.T) {
		c := track[string, int](t, 2)
		c.put("a", 1)
		c.put("b", 2)
		c.del("a")
		c.put("a", 3) // a is new and the most recent
		c.put("c", 4) // evicts b
		c.peek("b", 0, false)
		c.peek("a", 3, true)
	})
}

func TestEvictionOrder(t *testing.T) {
	c := track[int, int](t, 4)
	for k := 1; k <= 4; k++ {
		c.put(k, k*10)
	}
	c.get(2, 20, true)
	c.get(1, 10, true)
	c.put(3, 33)
	// Recency now, most recent first: 3 1 2 4. Each new key evicts the oldest.
	for i, gone := range []int{4, 2, 1, 3} {
		c.put(100+i, i)
		c.peek(gone, 0, false)
		c.length(4)
	}
	for i := range 4 {
		c.peek(100+i, i, true)
	}
}

func TestCapacityOne(t *testing.T) {
	c := track[string, string](t, 1)
	c.put("a", "A")
	c.get("a", "A", true)
	c.put("b", "B")
	c.peek("a", "", false)
	c.get("b", "B", true)
	c.put("b", "BB")
	c.get("b", "BB", true)
	c.length(1)
	c.del("b")
	c.length(0)
	c.put("c", "C")
	c.peek("c", "C", true)
}

func TestNonPositiveCapacity(t *testing.T) {
	for _, capacity := range []int{0, -1, -100} {
		t.Run(fmt.Sprint("cap", capacity), func(t *testing.T) {
			c := track[string, int](t, capacity)
			c.length(0)
			c.put("a", 1)
			c.put("b", 2)
			c.get("a", 0, false)
			c.peek("b", 0, false)
			c.del("a")
			c.length(0)
		})
	}
}

func TestZeroValues(t *testing.T) {
	t.Run("zero-value-stored", func(t *testing.T) {
		c := track[string, string](t, 2)
		c.put("", "")
		c.get("", "", true)
		c.peek("", "", true)
		c.get("x", "", false)
		c.length(1)
	})
	t.Run("nil-pointer-value", func(t *testing.T) {
		c := NewLRU[int, *int](2)
		c.Put(1, nil)
		if v, ok := c.Get(1); v != nil || !ok {
			t.Errorf("after Put(1, nil): Get(1) = (%v, %v), want (<nil>, true)", v, ok)
		}
		x := 5
		c.Put(2, &x)
		if v, ok := c.Peek(2); v != &x || !ok {
			t.Errorf("after Put(2, &x): Peek(2) = (%v, %v), want (%p, true)", v, ok, &x)
		}
	})
	t.Run("slice-value", func(t *testing.T) {
		c := NewLRU[string, []byte](2)
		c.Put("k", []byte("v"))
		if v, ok := c.Get("k"); string(v) != "v" || !ok {
			t.Errorf("after Put(\"k\", []byte(\"v\")): Get(\"k\") = (%q, %v), want (\"v\", true)", v, ok)
		}
		if v, ok := c.Get("nope"); v != nil || ok {
			t.Errorf("Get(\"nope\") on a []byte cache = (%q, %v), want (nil, false)", v, ok)
		}
	})
}

type point struct{ X, Y int }

func TestGenericKeys(t *testing.T) {
	t.Run("struct-keys", func(t *testing.T) {
		c := track[point, string](t, 2)
		c.put(point{1, 2}, "a")
		c.put(point{2, 1}, "b")
		c.get(point{1, 2}, "a", true)
		c.put(point{0, 0}, "z") // evicts {2 1}
		c.peek(point{2, 1}, "", false)
		c.peek(point{0, 0}, "z", true)
	})
	t.Run("unicode-keys", func(t *testing.T) {
		c := track[string, int](t, 2)
		c.put("ключ", 1)
		c.put("鍵", 2)
		c.put("🔑", 3) // evicts ключ
		c.peek("ключ", 0, false)
		c.peek("鍵", 2, true)
		c.peek("🔑", 3, true)
	})
	t.Run("interface-keys", func(t *testing.T) {
		c := track[any, int](t, 3)
		c.put(1, 1)
		c.put("1", 2)
		c.put(1.0, 3)
		c.peek(1, 1, true)
		c.peek("1", 2, true)
		c.peek(1.0, 3, true)
		c.length(3)
	})
}

// model is a slow but obviously correct LRU: entries[0] is the most recent.
type model struct {
	capacity int
	keys     []int
	vals     []int
}

func (m *model) find(k int) int {
	for i, x := range m.keys {
		if x == k {
			return i
		}
	}
	return -1
}

func (m *model) remove(i int) {
	m.keys = append(m.keys[:i], m.keys[i+1:]...)
	m.vals = append(m.vals[:i], m.vals[i+1:]...)
}

func (m *model) front(k, v int) {
	m.keys = append([]int{k}, m.keys...)
	m.vals = append([]int{v}, m.vals...)
}

func (m *model) get(k int, touch bool) (int, bool) {
	i := m.find(k)
	if i < 0 {
		return 0, false
	}
	v := m.vals[i]
	if touch {
		m.remove(i)
		m.front(k, v)
	}
	return v, true
}

func (m *model) put(k, v int) {
	if m.capacity <= 0 {
		return
	}
	if i := m.find(k); i >= 0 {
		m.remove(i)
	} else if len(m.keys) == m.capacity {
		m.remove(len(m.keys) - 1)
	}
	m.front(k, v)
}

func (m *model) del(k int) {
	if i := m.find(k); i >= 0 {
		m.remove(i)
	}
}

func TestRandomAgainstModel(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 3))
	for round := 0; round < 300 && !t.Failed(); round++ {
		capacity := r.IntN(9) - 1 // -1 .. 7
		keySpace := 1 + r.IntN(12)
		c := track[int, int](t, capacity)
		m := &model{capacity: capacity}
		for op := 0; op < 200 && !t.Failed(); op++ {
			k := r.IntN(keySpace)
			switch x := r.IntN(10); {
			case x < 4:
				v := r.IntN(1000)
				c.put(k, v)
				m.put(k, v)
			case x < 6:
				want, ok := m.get(k, true)
				c.get(k, want, ok)
			case x < 8:
				want, ok := m.get(k, false)
				c.peek(k, want, ok)
			case x < 9:
				c.del(k)
				m.del(k)
			default:
				c.length(len(m.keys))
			}
		}
		// Peek at every key: the full contents must match.
		for k := 0; k < keySpace && !t.Failed(); k++ {
			want, ok := m.get(k, false)
			c.peek(k, want, ok)
		}
	}
}

func TestLarge(t *testing.T) {
	const capacity = 2000
	c := NewLRU[int, int](capacity)
	for k := 0; k < 10*capacity; k++ {
		c.Put(k, -k)
		if k%2 == 1 {
			// Keep touching one old key so it is never evicted.
			if v, ok := c.Get(0); !ok || v != 0 {
				t.Fatalf("Get(0) = (%d, %v) after Put(%d, %d) with Get(0) after every second Put; want (0, true)", v, ok, k, -k)
			}
		}
	}
	if got := c.Len(); got != capacity {
		t.Errorf("Len() = %d after %d distinct Puts into a cache of %d, want %d", got, 10*capacity, capacity, capacity)
	}
	for k := 10*capacity - capacity + 1; k < 10*capacity; k++ {
		if v, ok := c.Peek(k); !ok || v != -k {
			t.Fatalf("Peek(%d) = (%d, %v), want (%d, true): one of the %d most recent keys is missing", k, v, ok, -k, capacity-1)
		}
	}
	if _, ok := c.Peek(10*capacity - capacity); ok {
		t.Errorf("Peek(%d) found a key that should have been evicted (key 0 was kept alive by Get)", 10*capacity-capacity)
	}
	for k := 10*capacity - capacity + 1; k < 10*capacity; k += 2 {
		c.Delete(k)
	}
	if got := c.Len(); got != capacity-capacity/2 {
		t.Errorf("Len() = %d after deleting %d entries from a full cache of %d, want %d", got, capacity/2, capacity, capacity-capacity/2)
	}
}

func TestIndependentCaches(t *testing.T) {
	a := NewLRU[string, int](1)
	b := NewLRU[string, int](1)
	a.Put("k", 1)
	b.Put("k", 2)
	if v, _ := a.Get("k"); v != 1 {
		t.Errorf("two caches share state: a.Get(\"k\") = %d after a.Put(\"k\", 1) and b.Put(\"k\", 2), want 1", v)
	}
}
