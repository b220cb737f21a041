package safecounter

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// expectCounts checks Load for every key in want.
func expectCounts(t *testing.T, c *SafeCounter, what string, want map[string]int) {
	t.Helper()
	for key, n := range want {
		if got := c.Load(key); got != n {
			t.Errorf("%s: Load(%q) = %d, want %d", what, key, got, n)
		}
	}
}

func TestBasics(t *testing.T) {
	t.Run("counts-per-key", func(t *testing.T) {
		c := NewSafeCounter()
		c.Inc("a")
		c.Inc("a")
		c.Inc("b")
		expectCounts(t, c, "after Inc(a), Inc(a), Inc(b)", map[string]int{"a": 2, "b": 1, "missing": 0})
	})
	t.Run("fresh-counter", func(t *testing.T) {
		c := NewSafeCounter()
		if c == nil {
			t.Fatal("NewSafeCounter() returned nil")
		}
		expectCounts(t, c, "on a new counter", map[string]int{"": 0, "a": 0, "anything": 0})
	})
	t.Run("load-does-not-create", func(t *testing.T) {
		c := NewSafeCounter()
		c.Load("ghost")
		c.Load("ghost")
		c.Inc("ghost")
		expectCounts(t, c, "after Load(ghost) twice, then Inc(ghost)", map[string]int{"ghost": 1})
	})
	t.Run("many-incs", func(t *testing.T) {
		c := NewSafeCounter()
		for i := 0; i < 1000; i++ {
			c.Inc("k")
			if got := c.Load("k"); got != i+1 {
				t.Fatalf("after %d calls of Inc(\"k\"): Load(\"k\") = %d, want %d", i+1, got, i+1)
			}
		}
	})
}

func TestKeys(t *testing.T) {
	c := NewSafeCounter()
	keys := []string{"", " ", "a", "A", "a ", "é", "e\u0301", "日本", "😀", "\x00", "\xff", strings.Repeat("x", 10000)}
	for i, k := range keys {
		for j := 0; j <= i; j++ {
			c.Inc(k)
		}
	}
	for i, k := range keys {
		name := fmt.Sprintf("%q", k)
		if len(k) > 20 {
			name = fmt.Sprintf("<%d bytes>", len(k))
		}
		t.Run(fmt.Sprintf("key-%d", i), func(t *testing.T) {
			if got := c.Load(k); got != i+1 {
				t.Errorf("after %d calls of Inc(%s): Load(%s) = %d, want %d (keys are exact strings)", i+1, name, name, got, i+1)
			}
		})
	}
}

func TestIndependentCounters(t *testing.T) {
	a, b := NewSafeCounter(), NewSafeCounter()
	if a == b {
		t.Fatal("two calls of NewSafeCounter() returned the same pointer")
	}
	a.Inc("shared")
	a.Inc("shared")
	b.Inc("shared")
	b.Inc("only-b")
	expectCounts(t, a, "counter a (Inc(shared) twice)", map[string]int{"shared": 2, "only-b": 0})
	expectCounts(t, b, "counter b (Inc(shared), Inc(only-b))", map[string]int{"shared": 1, "only-b": 1})
	c := NewSafeCounter()
	expectCounts(t, c, "a third, new counter", map[string]int{"shared": 0, "only-b": 0})
}

func TestConcurrentSameKey(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4)) // real parallelism, even on a small machine
	const goroutines, perG = 16, 2000
	c := NewSafeCounter()
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range goroutines {
		wg.Go(func() {
			<-start
			for range perG {
				c.Inc("hot")
			}
		})
	}
	close(start)
	wg.Wait()
	if got, want := c.Load("hot"), goroutines*perG; got != want {
		t.Errorf("%d goroutines each called Inc(\"hot\") %d times: Load(\"hot\") = %d, want %d (lost updates?)", goroutines, perG, got, want)
	}
}

func TestConcurrentManyKeys(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4)) // real parallelism, even on a small machine
	const goroutines, keys, rounds = 8, 200, 5
	c := NewSafeCounter()
	var wg sync.WaitGroup
	start := make(chan struct{})
	for g := range goroutines {
		wg.Go(func() {
			<-start
			for r := range rounds {
				for k := range keys {
					// Each goroutine walks the keys from a different offset.
					c.Inc(fmt.Sprintf("key-%d", (k+g*31+r*7)%keys))
				}
			}
		})
	}
	close(start)
	wg.Wait()
	for k := range keys {
		key := fmt.Sprintf("key-%d", k)
		if got, want := c.Load(key), goroutines*rounds; got != want {
			t.Fatalf("%d goroutines each called Inc on every one of %d keys %d times: Load(%q) = %d, want %d",
				goroutines, keys, rounds, key, got, want)
		}
	}
}

func TestReadersAndWriters(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4)) // real parallelism, even on a small machine
	const writers, readers, perW = 6, 6, 1500
	c := NewSafeCounter()
	var wg sync.WaitGroup
	var stop atomic.Bool
	var bad atomic.Value // first problem a reader saw
	start := make(chan struct{})
	for range readers {
		wg.Go(func() {
			<-start
			last := map[string]int{}
			for round := 0; round < 3000 && !stop.Load(); round++ {
				runtime.Gosched() // let the writers make progress on a busy machine
				for _, key := range []string{"x", "y", "never"} {
					v := c.Load(key)
					switch {
					case key == "never" && v != 0:
						bad.CompareAndSwap(nil, fmt.Sprintf("Load(\"never\") = %d while only x and y were incremented", v))
					case v < last[key]:
						bad.CompareAndSwap(nil, fmt.Sprintf("Load(%q) went backwards from %d to %d", key, last[key], v))
					case v > writers*perW:
						bad.CompareAndSwap(nil, fmt.Sprintf("Load(%q) = %d, more than the %d increments made", key, v, writers*perW))
					}
					last[key] = v
				}
			}
		})
	}
	var ww sync.WaitGroup
	for range writers {
		ww.Go(func() {
			<-start
			for range perW {
				c.Inc("x")
				c.Inc("y")
			}
		})
	}
	close(start)
	ww.Wait()
	stop.Store(true)
	wg.Wait()
	if msg := bad.Load(); msg != nil {
		t.Errorf("while %d goroutines called Inc and %d called Load: %s", writers, readers, msg)
	}
	expectCounts(t, c, fmt.Sprintf("after %d goroutines each called Inc(x) and Inc(y) %d times, alongside readers", writers, perW),
		map[string]int{"x": writers * perW, "y": writers * perW, "never": 0})
}

func TestHappensBefore(t *testing.T) {
	// An Inc that has returned must be visible to a Load that starts afterwards,
	// in whichever goroutine.
	c := NewSafeCounter()
	for i := 1; i <= 200; i++ {
		done := make(chan struct{})
		go func() {
			c.Inc("seq")
			close(done)
		}()
		<-done
		if got := c.Load("seq"); got != i {
			t.Fatalf("after %d Inc(\"seq\") calls, each in its own goroutine that had returned: Load(\"seq\") = %d, want %d", i, got, i)
		}
	}
}

func TestManyCountersInParallel(t *testing.T) {
	const counters, perC = 8, 1000
	cs := make([]*SafeCounter, counters)
	for i := range cs {
		cs[i] = NewSafeCounter()
	}
	var wg sync.WaitGroup
	for i, c := range cs {
		wg.Go(func() {
			for range perC + i {
				c.Inc("k")
			}
		})
	}
	wg.Wait()
	for i, c := range cs {
		if got, want := c.Load("k"), perC+i; got != want {
			t.Errorf("counter %d got %d calls of Inc(\"k\") while the other counters were busy: Load(\"k\") = %d, want %d", i, perC+i, got, want)
		}
	}
}

func TestLargeKeySpace(t *testing.T) {
	const n = 20_000
	keys := make([]string, n)
	for i := range keys {
		keys[i] = strconv.Itoa(i)
	}
	c := NewSafeCounter()
	for i, key := range keys {
		c.Inc(key)
		if i%3 == 0 {
			c.Inc(key)
		}
	}
	for i, key := range keys {
		want := 1
		if i%3 == 0 {
			want = 2
		}
		if got := c.Load(key); got != want {
			t.Fatalf("with %d keys: Load(%q) = %d, want %d", n, key, got, want)
		}
	}
}
